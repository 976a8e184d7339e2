-- Client script of ox_lib-style pure-Lua callbacks: the protocol of ox_lib's Lua `lib.callback.await`, written
-- for the benchmark (ox_lib's Lua is not on npm): a random key per call, the `ox_lib:validateCallback` event and
-- the callback's own event (two events to the server), the answer on `__ox_cb_<resource>`, and a 300 s
-- timeout per call.
local resource = GetCurrentResourceName()
local pending = {}

RegisterNetEvent(('__ox_cb_%s'):format(resource), function(key, ...)
  local settle = pending[key]
  if not settle then return end
  pending[key] = nil
  settle(...)
end)

function call()
  local key
  repeat
    key = ('%s:%s'):format('echo', math.random(0, 100000))
  until not pending[key]
  TriggerServerEvent('ox_lib:validateCallback', 'echo', resource, key)
  TriggerServerEvent('__ox_cb_echo', resource, key, PAYLOAD)
  local p = promise.new()
  pending[key] = function(response, ...)
    if response == 'cb_invalid' then return p:reject('callback is not registered') end
    p:resolve({ response, ... })
  end
  SetTimeout(300000, function()
    if pending[key] then pending[key] = nil; p:reject('callback timed out') end
  end)
  return table.unpack(Citizen.Await(p))
end
