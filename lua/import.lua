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

local proto = load(LoadResourceFile(hub, 'lua/protocol.lua') or error(('%s is missing lua/protocol.lua'):format(hub), 0),
  ('@@%s/lua/protocol.lua'):format(hub))(hub, fx)

local proxy = {}
local registerExport = isServer and 'RegisterServerCallback' or 'RegisterClientCallback'
local unregisterExport = isServer and 'UnregisterServerCallback' or 'UnregisterClientCallback'

local function requireStarted()
  if not fx.hubStarted() then error(fx.NOT_STARTED, 3) end
end

-- The handler stays here (lua/protocol.lua runs it); the hub learns the name and options. A handler that is not a
-- function goes to the hub's export, which says what is wrong.
proxy[registerExport] = function(_, name, handler, options)
  if not fx.isCallable(handler) or type(name) ~= 'string' then return fx.register(registerExport, name, handler, options) end
  proto.handle(name, handler, options)
  return fx.register(registerExport, name, handler, options, function()
    local ok, registered = pcall(fx.hubExports().__RegisterLuaStateCallback, nil, name, options)
    if not ok then
      proto.forget(name)
      error(registered, 0)
    end
    return registered
  end)
end

proxy[unregisterExport] = function(_, name)
  proto.forget(name)
  return fx.unregister(unregisterExport, name)
end

local function requireCallback(cb, export)
  if not fx.isCallable(cb) then error(('%s: callback must be a function, got %s'):format(export, type(cb)), 3) end
end

-- A callback-form caller's `cb` gets the values, or `(nil, message)`, `(nil, message, true)` on a timeout; with the
-- option `status`, `(true, ...values)` or `(false, message, code)`. A `cb` that raises is logged (throttled: a
-- client can make a server's callbacks fail at will).
local function callingBack(cb, status, target, name)
  local function report(...)
    local ok, err = pcall(cb, ...)
    if not ok then fx.logThrottled(target, name, ("^1SCRIPT ERROR: the callback of a call of '%s' raised: %s^0"):format(name, fx.consoleLine(tostring(err)))) end
  end
  return function(ok, ...)
    if status then
      if ok then return report(true, ...) end
      local message, code = ...
      return report(false, message, code)
    end
    if ok then return report(...) end
    local message, _, timedOut = ...
    if timedOut then return report(nil, message, true) end
    return report(nil, message)
  end
end

-- `target`: the player on the server; nil on a client (the first argument of these exports there is the name).
local function trigger(export, target, name, options, cb, ...)
  requireStarted()
  requireCallback(cb, export)
  local status = type(options) == 'table' and options.status == true
  return proto.call(export, target, name, options, callingBack(cb, status, target, name), ...)
end

-- The Promise form waits in the calling thread: its values, or nil, message (and true on a timeout).
local function await(export, target, name, ...)
  requireStarted()
  fx.requireThread(('exports.%s:%s'):format(hub, export))
  local answer = promise.new()
  proto.call(export, target, name, nil, function(...) answer:resolve(table.pack(...)) end, ...)
  local r = Citizen.Await(answer)
  if r[1] then return table.unpack(r, 2, r.n) end
  if r[4] then return nil, r[2], true end
  return nil, r[2]
end

if isServer then
  proxy.TriggerClientCallback = function(_, player, name, cb, ...) return trigger('TriggerClientCallback', player, name, nil, cb, ...) end
  proxy.TriggerClientCallbackWithOptions = function(_, player, name, options, cb, ...)
    return trigger('TriggerClientCallbackWithOptions', player, name, options, cb, ...)
  end
  proxy.TriggerClientCallbackPromise = function(_, player, name, ...) return await('TriggerClientCallbackPromise', player, name, ...) end
else
  proxy.TriggerServerCallback = function(_, name, cb, ...) return trigger('TriggerServerCallback', nil, name, nil, cb, ...) end
  proxy.TriggerServerCallbackWithOptions = function(_, name, options, cb, ...)
    return trigger('TriggerServerCallbackWithOptions', nil, name, options, cb, ...)
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
