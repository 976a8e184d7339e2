-- fxcallbacks, server: the exports Lua resources call (see shared.lua). Each packs its values here and calls the
-- JavaScript part on behalf of its caller, so that a call is cancelled if the caller's resource stops while it waits.
-- A JavaScript export returns exactly one value to Lua, but `TriggerClientCallbackPromise` returns every value
-- of the answer, e.g. `local ok, err = ...`.
local resource = GetCurrentResourceName()

exports('RegisterServerCallback', function(name, handler, options)
  return exports[resource]:__RegisterServerCallback(GetInvokingResource() or resource, name, FxcbAnswering(handler, options, true), options)
end)

exports('TriggerClientCallback', function(playerId, name, cb, ...)
  return FxcbTrigger('__TriggerClientCallback', 'TriggerClientCallback', GetInvokingResource() or resource, playerId, name, nil, cb, table.pack(...))
end)

exports('TriggerClientCallbackWithOptions', function(playerId, name, options, cb, ...)
  return FxcbTrigger('__TriggerClientCallback', 'TriggerClientCallbackWithOptions', GetInvokingResource() or resource, playerId, name, options, cb, table.pack(...))
end)

exports('TriggerClientCallbackPromise', function(playerId, name, ...)
  local caller = GetInvokingResource() or resource
  local args = table.pack(...)
  return FxcbAwaitAnswer(function(done)
    FxcbTrigger('__TriggerClientCallback', 'TriggerClientCallbackPromise', caller, playerId, name, nil, done, args)
  end)
end)
