-- fxcallbacks, client: the exports Lua resources call (see shared.lua). Each packs its values here and calls the
-- JavaScript part on behalf of its caller, so that a call is cancelled if the caller's resource stops while it waits.
-- A JavaScript export returns exactly one value to Lua, but `TriggerServerCallbackPromise` returns every value
-- of the answer, e.g. `local money, err = ...`.
local resource = GetCurrentResourceName()

exports('RegisterClientCallback', function(name, handler, options)
  return exports[resource]:__RegisterClientCallback(GetInvokingResource() or resource, name, FxcbAnswering(handler, options, false), options)
end)

exports('TriggerServerCallback', function(name, cb, ...)
  return FxcbTrigger('__TriggerServerCallback', 'TriggerServerCallback', GetInvokingResource() or resource, nil, name, nil, cb, table.pack(...))
end)

exports('TriggerServerCallbackWithOptions', function(name, options, cb, ...)
  return FxcbTrigger('__TriggerServerCallback', 'TriggerServerCallbackWithOptions', GetInvokingResource() or resource, nil, name, options, cb, table.pack(...))
end)

exports('TriggerServerCallbackPromise', function(name, ...)
  local caller = GetInvokingResource() or resource
  local args = table.pack(...)
  return FxcbAwaitAnswer(function(done)
    FxcbTrigger('__TriggerServerCallback', 'TriggerServerCallbackPromise', caller, nil, name, nil, done, args)
  end)
end)
