-- fxcallbacks, client: the plain exports Lua resources call (see shared.lua), each on behalf of its caller, so that
-- a call is cancelled and a handler's callback dropped if the caller's resource stops. `TriggerServerCallbackPromise`
-- returns every value of the answer, e.g. `local money, err = ...`.
local resource = GetCurrentResourceName()
local proto = FxcbProtocol

exports('RegisterClientCallback', function(name, handler, options)
  return FxcbRegister('RegisterClientCallback', GetInvokingResource() or resource, name, handler, options)
end)

exports('UnregisterClientCallback', function(name)
  return FxcbUnregister(GetInvokingResource() or resource, name)
end)

exports('TriggerServerCallback', function(name, cb, ...)
  return proto.trigger('TriggerServerCallback', nil, name, nil, cb, GetInvokingResource() or resource, ...)
end)

exports('TriggerServerCallbackWithOptions', function(name, options, cb, ...)
  return proto.trigger('TriggerServerCallbackWithOptions', nil, name, options, cb, GetInvokingResource() or resource, ...)
end)

exports('TriggerServerCallbackPromise', function(name, ...)
  return FxcbAwait('TriggerServerCallbackPromise', nil, name, GetInvokingResource() or resource, ...)
end)
