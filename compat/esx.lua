--[[ fxcallbacks drop-in for ESX's callbacks. In the resource's fxmanifest.lua:
    dependency 'fxcallbacks'
    shared_script '@es_extended/imports.lua'      -- if the resource uses ESX; then only its callback functions are replaced
    shared_script '@fxcallbacks/compat/esx.lua'
`exports.es_extended:getSharedObject()` gives the same replacements, and without es_extended the shim's own `ESX`.
Calls go through the fxcallbacks resource: one callback namespace for every resource and language on the machine,
a timeout on every call, and a reply is accepted only from the player who was asked.

As ESX ([core]/es_extended/*/modules/callback.lua): `cb(...)`'s values reach the caller as given (`cb(nil,
'reason')` included); a handler that raises, an unknown name, a stopped resource or no answer never calls the caller
back (the failure is logged there, once per 10 s per callback); the Await forms raise. Timeouts: the Await forms 15 s
as ESX's, the callback forms (none in ESX) convar `fxcallbacks:esxTimeout`, default 600 s. Convar
`fxcallbacks:shimStrict` true calls the callback forms back with `nil, reason` on a failure. ]]
local hub = GetConvar('fxcallbacks:hub', 'fxcallbacks')
local fx = FxcallbacksHelpers
  or load(LoadResourceFile(hub, 'lua/helpers.lua') or error(('%s is missing or not started: ensure %s before %s'):format(hub, hub, GetCurrentResourceName()), 0),
    ('@@%s/lua/helpers.lua'):format(hub))(hub)
local isServer = IsDuplicityVersion()
local AWAIT_TIMEOUT = 15000
local timeout = GetConvarInt('fxcallbacks:esxTimeout', 600000)

local function requireFunction(value, where)
  if not fx.isCallable(value) then error(("%s must be a function, got %s"):format(where, type(value)), 3) end
end

-- Mixed servers: es_extended's own ESX while it runs, to register our callbacks where its callers look and to
-- reach the callbacks registered through it.
local framework = exports.es_extended
local original
AddEventHandler('onResourceStop', function(stopped) if stopped == 'es_extended' then original = nil end end)
local function frameworkEsx()
  if GetResourceState('es_extended') ~= 'started' then return nil end
  original = original or framework:getSharedObject()
  return original
end

local function register(name, handler, frameworkRegister)
  fx.registerCallingBack(name, handler)
  local esx = frameworkEsx()
  if esx and esx[frameworkRegister] then esx[frameworkRegister](name, handler) end
end

-- `frameworkCall(esx, args)`: the same call through es_extended, for a name fxcallbacks does not know.
local function trigger(player, name, cb, frameworkCall, ...)
  local esx, args = frameworkEsx(), table.pack(...)
  fx.trigger(player, name, timeout, fx.orFramework(fx.callingBack('ESX', player, name, cb), esx and function() frameworkCall(esx, args) end), ...)
end

local function await(what, player, name, frameworkAwait, ...)
  local answer = fx.await(what, player, name, AWAIT_TIMEOUT, ...)
  if answer[1] then return table.unpack(answer, 2, answer.n) end
  local esx = answer[3] == 'NO_SUCH_CALLBACK' and frameworkEsx()
  if esx then return frameworkAwait(esx, ...) end
  error(("ESX callback '%s' failed: %s"):format(name, answer[2]), 3)
end

local callbacks = {}

if isServer then
  function callbacks.RegisterServerCallback(name, handler)
    requireFunction(handler, 'ESX.RegisterServerCallback: callback (argument 2)')
    register(name, handler, 'RegisterServerCallback')
  end

  function callbacks.TriggerClientCallback(player, name, cb, ...)
    requireFunction(cb, 'ESX.TriggerClientCallback: callback (argument 3)')
    trigger(player, name, cb, function(esx, args) esx.TriggerClientCallback(player, name, cb, table.unpack(args, 1, args.n)) end, ...)
  end

  function callbacks.AwaitClientCallback(player, name, ...)
    return await('ESX.AwaitClientCallback', player, name, function(esx, ...) return esx.AwaitClientCallback(player, name, ...) end, ...)
  end
else
  function callbacks.RegisterClientCallback(name, handler)
    requireFunction(handler, 'ESX.RegisterClientCallback: callback (argument 2)')
    register(name, handler, 'RegisterClientCallback')
  end

  function callbacks.TriggerServerCallback(name, cb, ...)
    requireFunction(cb, 'ESX.TriggerServerCallback: callback (argument 2)')
    trigger(nil, name, cb, function(esx, args) esx.TriggerServerCallback(name, cb, table.unpack(args, 1, args.n)) end, ...)
  end

  function callbacks.AwaitServerCallback(name, ...)
    return await('ESX.AwaitServerCallback', nil, name, function(esx, ...) return esx.AwaitServerCallback(name, ...) end, ...)
  end
end

local function withCallbacks(object)
  for key, fn in pairs(callbacks) do object[key] = fn end
  return object
end

ESX = withCallbacks(ESX or {})

-- Code that fetches the object itself (`ESX = exports.es_extended:getSharedObject()`) gets the replacements too.
rawset(exports, 'es_extended', setmetatable({
  getSharedObject = function(_, ...)
    if GetResourceState('es_extended') ~= 'started' then return ESX end
    return withCallbacks(framework:getSharedObject(...))
  end,
}, { __index = framework }))
