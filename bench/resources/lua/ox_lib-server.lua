-- Server script of a stand-in `ox_lib` resource in Lua (as the real one is): the `setValidCallback` export and
-- the `ox_lib:validateCallback` event every ox_lib call sends first (see ../ox_lib-server.ts for the same in JS).
local registered = {}

exports('setValidCallback', function(name, valid)
  registered[name] = valid and (GetInvokingResource() or 'ox_lib') or nil
end)

RegisterNetEvent('ox_lib:validateCallback', function(name, invoker, key)
  if registered[name] then return end
  TriggerClientEvent(('__ox_cb_%s'):format(invoker), source, key, 'cb_invalid')
end)
