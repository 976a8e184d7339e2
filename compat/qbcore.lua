--[[ fxcallbacks drop-in for QBCore's callbacks. In the resource's fxmanifest.lua:
    shared_script '@fxcallbacks/compat/qbcore.lua'
`exports['qb-core']:GetCoreObject()` then gives qb-core's object with only its callback functions replaced (a global
`QBCore` that exists already is patched too); without qb-core it gives the shim's own `QBCore`, which holds just them.
Calls go through the fxcallbacks resource: one callback namespace for every resource and language on the machine,
a timeout on every call, and a reply is accepted only from the player who was asked.

Unlike QBCore, a call always ends: when it fails (timeout, no such callback, the handler raised, ...) the callback
form prints the reason and calls back with nothing, and the awaiting form (no callback given) raises an error with
the reason. As in QBCore, the awaiting form returns the answer's first value. ]]
local hub = GetConvar('fxcallbacks:hub', 'fxcallbacks')
local isServer = IsDuplicityVersion()

-- fxcallbacks reports a failed call as (nil, message) or (nil, message, true).
local function failure(first, message)
  if first == nil and type(message) == 'string' then return message end
end

local function isCallable(value)
  local meta = type(value) == 'table' and getmetatable(value)
  return type(value) == 'function' or (meta and meta.__call ~= nil)
end

-- QBCore's trigger functions take an optional callback before the arguments; without one they wait.
local function call(name, trigger, awaitTrigger, cb, ...)
  if not isCallable(cb) then
    local first, message = awaitTrigger(cb, ...)
    local failed = failure(first, message)
    if failed then error(("QBCore callback '%s' failed: %s"):format(name, failed), 2) end
    return first
  end
  trigger(function(...)
    local failed = failure(...)
    if not failed then return cb(...) end
    print(("^1SCRIPT ERROR: QBCore callback '%s' failed: %s^0"):format(name, failed))
    cb()
  end, ...)
end

-- A handler that raises answers its caller with the reason: the error's first line without script locations or
-- colour codes (a client must not learn the server's file layout), the rule of fxcallbacks' lua/import.lua. The
-- pcall has to run here, in the handler's own state: FiveM hands the hub only a generic error. The whole error is
-- printed here.
local function publicMessage(err)
  if type(err) ~= 'string' and type(err) ~= 'number' then return 'the handler raised an error' end
  local text = tostring(err):gsub('%^%d', ''):match('^[^\n]*'):gsub('^SCRIPT ERROR:%s*', '')
  repeat
    local before = text
    text = text:gsub('^@?[%w%./_%-]+:%d+:%s*', '', 1):gsub('^%[string ".-"%]:%d+:%s*', '', 1)
  until text == before
  text = text:match('^%s*(.-)%s*$')
  return text ~= '' and text or 'the handler raised an error'
end

-- `cbAt`: the position of `cb` among the handler's arguments (after `source` on the server).
local function guarded(name, handler, cbAt)
  if type(handler) ~= 'function' then return handler end
  return function(...)
    local cb = select(cbAt, ...)
    local results = table.pack(xpcall(handler, debug.traceback, ...))
    if results[1] then return table.unpack(results, 2, results.n) end
    print(("^1SCRIPT ERROR: QBCore callback '%s' raised: %s^0"):format(name, results[2]))
    cb(nil, publicMessage(results[2]))
  end
end

local callbacks = {}

if isServer then
  function callbacks.CreateCallback(name, handler)
    exports[hub]:RegisterServerCallback(name, guarded(name, handler, 2))
  end

  function callbacks.TriggerClientCallback(name, source, ...)
    if not source then return end
    return call(name, function(cb, ...) exports[hub]:TriggerClientCallback(source, name, cb, ...) end,
      function(...) return exports[hub]:TriggerClientCallbackPromise(source, name, ...) end, ...)
  end
else
  function callbacks.CreateClientCallback(name, handler)
    exports[hub]:RegisterClientCallback(name, guarded(name, handler, 1))
  end

  function callbacks.TriggerCallback(name, ...)
    return call(name, function(cb, ...) exports[hub]:TriggerServerCallback(name, cb, ...) end,
      function(...) return exports[hub]:TriggerServerCallbackPromise(name, ...) end, ...)
  end
end

local function withCallbacks(core)
  core.Functions = core.Functions or {}
  for key, fn in pairs(callbacks) do core.Functions[key] = fn end
  return core
end

QBCore = withCallbacks(QBCore or {})

-- `local QBCore = exports['qb-core']:GetCoreObject()` is how QBCore code gets the object: it gets the replacements.
local framework = exports['qb-core']
rawset(exports, 'qb-core', setmetatable({
  GetCoreObject = function(_, ...)
    if GetResourceState('qb-core') ~= 'started' then return QBCore end
    return withCallbacks(framework:GetCoreObject(...))
  end,
}, { __index = framework }))
