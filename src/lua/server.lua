-- fxcallbacks, server: the Promise form of the exports for Lua callers.
-- A JavaScript export returns exactly one value to Lua, but `TriggerClientCallbackPromise` returns every value
-- of the answer, e.g. `local ok, err = ...`. So this export is written in Lua, on top of a JavaScript
-- export; all the logic stays in JavaScript.
local resource = GetCurrentResourceName()

exports('TriggerClientCallbackPromise', function(playerId, name, ...)
  -- On behalf of the caller, so that the call is cancelled if the caller's resource stops while it waits.
  local caller = GetInvokingResource() or resource
  local args = table.pack(...)
  return FxcbAwaitAnswer(function(done)
    exports[resource]:__TriggerClientCallbackFor(caller, playerId, name, done, table.unpack(args, 1, args.n))
  end)
end)
