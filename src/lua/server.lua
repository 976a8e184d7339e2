-- fxcallbacks, server: the Promise form of the exports for Lua callers.
-- A JavaScript export returns exactly one value to Lua, but `TriggerClientCallbackPromise` returns every value
-- of the answer, e.g. `local ok, err = ...`. So this export is written in Lua, on top of the JavaScript
-- export `TriggerClientCallback`; all the logic stays in JavaScript.
local resource = GetCurrentResourceName()

-- The runtime packs a Lua function's return values into one table, where a nil leaves a hole that loses every
-- later value; msgpack.null keeps each value in its position.
local function returnAll(packed)
  local values = {}
  for i = 1, packed.n do
    if packed[i] == nil then values[i] = msgpack.null else values[i] = packed[i] end
  end
  return table.unpack(values, 1, packed.n)
end

exports('TriggerClientCallbackPromise', function(playerId, name, ...)
  local answer = promise.new()
  exports[resource]:TriggerClientCallback(playerId, name, function(...) answer:resolve(table.pack(...)) end, ...)
  return returnAll(Citizen.Await(answer))
end)
