-- fxcallbacks, both sides: what the Promise-form exports in client.lua and server.lua share.

-- Waits (in the calling thread) for a callback-style call and returns every value of its answer.
-- `trigger(done)` starts the call with `done` as its callback. The runtime packs a Lua function's return values
-- into one table, where a nil leaves a hole that loses every later value; msgpack.null keeps each in its position.
function FxcbAwaitAnswer(trigger)
  local answer = promise.new()
  trigger(function(...) answer:resolve(table.pack(...)) end)
  local packed = Citizen.Await(answer)
  local values = {}
  for i = 1, packed.n do
    if packed[i] == nil then values[i] = msgpack.null else values[i] = packed[i] end
  end
  return table.unpack(values, 1, packed.n)
end
