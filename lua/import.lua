--[[ fxcallbacks import for Lua resources (optional). In the resource's fxmanifest.lua:
    dependency 'fxcallbacks'
    shared_script '@fxcallbacks/lua/import.lua'
The Lua side of a call runs here, in this resource's own Lua state (lua/protocol.lua): handlers registered through
exports.fxcallbacks:RegisterServerCallback / RegisterClientCallback stay here, and exports.fxcallbacks:Trigger...
calls are packed here. A call crosses into fxcallbacks and back once per side, two local events and no function
reference: the caller's side raises __fxcb_call and gets __fxcb_reply, the handler's side gets __fxcb_run and raises
__fxcb_done (without the import: four crossings per side, the export call or the handler's function reference and
the callback back on top of those two events). Each handler runs under pcall, where its error's text exists: a raise
is logged here (one line per player and callback per 10 s) and answers cb(nil, message), the error's first line
without script locations or colour codes, so callers (Lua or TypeScript) get HANDLER_ERROR with the handler's own
reason; a handler that returns several values answers them as cb would (`return nil, 'reason'` is an error answer at
once). Registrations come back by themselves when fxcallbacks restarts, and wait for it when this resource starts
first; the Promise exports say at once when they are called outside a thread. Every other export is the hub's,
unchanged. ]]
local hub = GetConvar('fxcallbacks:hub', 'fxcallbacks')
local fx = FxcallbacksHelpers
  or load(LoadResourceFile(hub, 'lua/helpers.lua') or error(('%s is missing or not started: ensure %s before %s'):format(hub, hub, GetCurrentResourceName()), 0),
    ('@@%s/lua/helpers.lua'):format(hub))(hub)
local isServer = IsDuplicityVersion()

local proto = load(LoadResourceFile(hub, 'lua/protocol.lua') or error(('%s is missing lua/protocol.lua'):format(hub), 0),
  ('@@%s/lua/protocol.lua'):format(hub))(hub, fx)

local proxy = {}
local registerExport = isServer and 'RegisterServerCallback' or 'RegisterClientCallback'
local unregisterExport = isServer and 'UnregisterServerCallback' or 'UnregisterClientCallback'

-- The handler stays here (lua/protocol.lua runs it); the hub learns the name and options. A handler that is not a
-- function goes to the hub's export, which says what is wrong.
proxy[registerExport] = function(_, name, handler, options)
  if not fx.isCallable(handler) or type(name) ~= 'string' then return fx.register(registerExport, name, handler, options) end
  return fx.register(registerExport, name, handler, options, function()
    local registered = fx.hubExports():__RegisterLuaStateCallback(name, options)
    if registered then proto.handle(name, handler, options) end
    return registered
  end)
end

proxy[unregisterExport] = function(_, name)
  proto.forget(name)
  return fx.unregister(unregisterExport, name)
end

-- The Promise forms wait in the calling thread, for every value of the answer.
local function await(export, target, name, ...)
  fx.requireThread(('exports.%s:%s'):format(hub, export))
  local answer = proto.await(export, target, name, nil, ...)
  return table.unpack(answer, 1, answer.n)
end

if isServer then
  proxy.TriggerClientCallback = function(_, player, name, cb, ...) return proto.trigger('TriggerClientCallback', player, name, nil, cb, nil, ...) end
  proxy.TriggerClientCallbackWithOptions = function(_, player, name, options, cb, ...)
    return proto.trigger('TriggerClientCallbackWithOptions', player, name, options, cb, nil, ...)
  end
  proxy.TriggerClientCallbackPromise = function(_, player, name, ...) return await('TriggerClientCallbackPromise', player, name, ...) end
else
  proxy.TriggerServerCallback = function(_, name, cb, ...) return proto.trigger('TriggerServerCallback', nil, name, nil, cb, nil, ...) end
  proxy.TriggerServerCallbackWithOptions = function(_, name, options, cb, ...)
    return proto.trigger('TriggerServerCallbackWithOptions', nil, name, options, cb, nil, ...)
  end
  proxy.TriggerServerCallbackPromise = function(_, name, ...) return await('TriggerServerCallbackPromise', nil, name, ...) end
end

-- Every other export is the hub's; while the hub is not started, using one says so.
rawset(exports, hub, setmetatable(proxy, {
  __index = function(_, key)
    if not fx.hubStarted() then error(fx.NOT_STARTED, 2) end
    return fx.hubExports()[key]
  end,
}))
