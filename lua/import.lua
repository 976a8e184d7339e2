--[[ fxcallbacks import for Lua resources (optional). In the resource's fxmanifest.lua:
    dependency 'fxcallbacks'
    shared_script '@fxcallbacks/lua/import.lua'
A handler registered through exports.fxcallbacks:RegisterServerCallback / RegisterClientCallback is a function
reference the hub calls into this resource. When it raises before yielding, FiveM hands the hub only a generic
error, and several returned values reach it as one list. This file runs each handler under pcall in this resource's
own Lua state: a raise is logged here (one line per player and callback per 10 s) and answers cb(nil, message), the
error's first line without script locations or colour codes, so callers (Lua or TypeScript) get HANDLER_ERROR with
the handler's own reason; a handler that returns several values answers them as cb would (`return nil, 'reason'`
is an error answer at once). Registrations come back by themselves when fxcallbacks restarts, and wait for it when
this resource starts first; the Promise exports say at once when they are called outside a thread. Every other
export is the hub's, unchanged. ]]
local hub = GetConvar('fxcallbacks:hub', 'fxcallbacks')
local fx = FxcallbacksHelpers
  or load(LoadResourceFile(hub, 'lua/helpers.lua') or error(('%s is missing or not started: ensure %s before %s'):format(hub, hub, GetCurrentResourceName()), 0),
    ('@@%s/lua/helpers.lua'):format(hub))(hub)
local isServer = IsDuplicityVersion()

-- The function the hub calls: `handler` run here; `cbAt` is the position of `cb` among the arguments (after `source`
-- on the server).
local function answering(name, handler, cbAt)
  return function(...)
    local cb = select(cbAt, ...)
    local player = isServer and (...) or nil
    local ok, results = fx.guarded(handler, ...)
    if not ok then
      fx.logRaise(player, name, results)
      return cb(nil, fx.publicMessage(results))
    end
    -- FiveM returns several values to the hub as one list, and `nil, 'reason'` as nothing: they answer through cb.
    if results.n > 1 then return cb(table.unpack(results, 1, results.n)) end
    return results[1]
  end
end

local proxy = {}
local registerExport = isServer and 'RegisterServerCallback' or 'RegisterClientCallback'
local unregisterExport = isServer and 'UnregisterServerCallback' or 'UnregisterClientCallback'
local promiseExport = isServer and 'TriggerClientCallbackPromise' or 'TriggerServerCallbackPromise'

proxy[registerExport] = function(_, name, handler, options)
  if type(handler) == 'function' then handler = answering(name, handler, isServer and 2 or 1) end
  return fx.register(registerExport, name, handler, options)
end

proxy[unregisterExport] = function(_, name)
  return fx.unregister(unregisterExport, name)
end

proxy[promiseExport] = function(_, ...)
  fx.requireThread(('exports.%s:%s'):format(hub, promiseExport))
  return fx.hubExports()[promiseExport](nil, ...)
end

-- Every other export is the hub's; while the hub is not started, using one says so.
rawset(exports, hub, setmetatable(proxy, {
  __index = function(_, key)
    if not fx.hubStarted() then error(fx.NOT_STARTED, 2) end
    return fx.hubExports()[key]
  end,
}))
