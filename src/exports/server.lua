-- fxcallbacks, server: the plain exports Lua resources call (see shared.lua), each on behalf of its caller, so that
-- a call is cancelled and a handler's callback dropped if the caller's resource stops. `TriggerClientCallbackPromise`
-- returns every value of the answer, e.g. `local ok, err = ...`.
local resource = GetCurrentResourceName()
local proto = FxcbProtocol

exports('RegisterServerCallback', function(name, handler, options)
  return FxcbRegister('RegisterServerCallback', GetInvokingResource() or resource, name, handler, options)
end)

exports('UnregisterServerCallback', function(name)
  return FxcbUnregister(GetInvokingResource() or resource, name)
end)

exports('TriggerClientCallback', function(playerId, name, cb, ...)
  return proto.trigger('TriggerClientCallback', playerId, name, nil, cb, GetInvokingResource() or resource, ...)
end)

exports('TriggerClientCallbackWithOptions', function(playerId, name, options, cb, ...)
  return proto.trigger('TriggerClientCallbackWithOptions', playerId, name, options, cb, GetInvokingResource() or resource, ...)
end)

exports('TriggerClientCallbackPromise', function(playerId, name, ...)
  return FxcbAwait('TriggerClientCallbackPromise', playerId, name, GetInvokingResource() or resource, ...)
end)
