-- Server script of ox_lib-style pure-Lua callbacks (see ox-client.lua): the callback is registered with the
-- ox_lib resource, and each call answers on the caller's `__ox_cb_<resource>` event.
local function register(name, handler)
  exports.ox_lib:setValidCallback(name, true)
  RegisterNetEvent(('__ox_cb_%s'):format(name), function(invoker, key, ...)
    local ok, result = pcall(handler, source, ...)
    if not ok then result = nil end
    TriggerClientEvent(('__ox_cb_%s'):format(invoker), source, key, result)
  end)
end

register('echo', function(_source, payload) return payload end)
