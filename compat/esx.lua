--[[ fxcallbacks drop-in for ESX's callbacks. In the resource's fxmanifest.lua:
    shared_script '@es_extended/imports.lua'      -- if the resource uses ESX; then only its callback functions are replaced
    shared_script '@fxcallbacks/compat/esx.lua'
`exports.es_extended:getSharedObject()` gives the same replacements, and without es_extended the shim's own `ESX`.
Calls go through the fxcallbacks resource: one callback namespace for every resource and language on the machine,
a timeout on every call, and a reply is accepted only from the player who was asked.

Unlike ESX, a call always ends: when it fails (timeout, no such callback, the handler raised, ...) the callback
form prints the reason and calls back with nothing, and the Await forms raise an error with the reason. ]]
local hub = GetConvar('fxcallbacks:hub', 'fxcallbacks')
local isServer = IsDuplicityVersion()

-- fxcallbacks reports a failed call as (nil, message) or (nil, message, true).
local function failure(first, message)
  if first == nil and type(message) == 'string' then return message end
end

local function requireFunction(value, where)
  if type(value) ~= 'function' then error(("%s must be a function, got %s"):format(where, type(value)), 3) end
end

local function callingBack(name, cb)
  return function(...)
    local failed = failure(...)
    if not failed then return cb(...) end
    print(("^1SCRIPT ERROR: ESX callback '%s' failed: %s^0"):format(name, failed))
    cb()
  end
end

local function awaited(name, ...)
  local failed = failure(...)
  if failed then error(("ESX callback '%s' failed: %s"):format(name, failed), 2) end
  return ...
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
    print(("^1SCRIPT ERROR: ESX callback '%s' raised: %s^0"):format(name, results[2]))
    cb(nil, publicMessage(results[2]))
  end
end

local callbacks = {}

if isServer then
  function callbacks.RegisterServerCallback(name, handler)
    requireFunction(handler, 'ESX.RegisterServerCallback: callback (argument 2)')
    exports[hub]:RegisterServerCallback(name, guarded(name, handler, 2))
  end

  function callbacks.TriggerClientCallback(player, name, cb, ...)
    requireFunction(cb, 'ESX.TriggerClientCallback: callback (argument 3)')
    exports[hub]:TriggerClientCallback(player, name, callingBack(name, cb), ...)
  end

  function callbacks.AwaitClientCallback(player, name, ...)
    return awaited(name, exports[hub]:TriggerClientCallbackPromise(player, name, ...))
  end
else
  function callbacks.RegisterClientCallback(name, handler)
    requireFunction(handler, 'ESX.RegisterClientCallback: callback (argument 2)')
    exports[hub]:RegisterClientCallback(name, guarded(name, handler, 1))
  end

  function callbacks.TriggerServerCallback(name, cb, ...)
    requireFunction(cb, 'ESX.TriggerServerCallback: callback (argument 2)')
    exports[hub]:TriggerServerCallback(name, callingBack(name, cb), ...)
  end

  function callbacks.AwaitServerCallback(name, ...)
    return awaited(name, exports[hub]:TriggerServerCallbackPromise(name, ...))
  end
end

local function withCallbacks(object)
  for key, fn in pairs(callbacks) do object[key] = fn end
  return object
end

ESX = withCallbacks(ESX or {})

-- Code that fetches the object itself (`ESX = exports.es_extended:getSharedObject()`) gets the replacements too.
local framework = exports.es_extended
rawset(exports, 'es_extended', setmetatable({
  getSharedObject = function(_, ...)
    if GetResourceState('es_extended') ~= 'started' then return ESX end
    return withCallbacks(framework:getSharedObject(...))
  end,
}, { __index = framework }))
