--[[ fxcallbacks drop-in for QBCore's callbacks. In the resource's fxmanifest.lua:
    dependency 'fxcallbacks'
    shared_script '@fxcallbacks/compat/qbcore.lua'
`exports['qb-core']:GetCoreObject()` then gives qb-core's object with only its callback functions replaced (a global
`QBCore` that exists already is patched too); without qb-core it gives the shim's own `QBCore`, which holds just them.
Calls go through the fxcallbacks resource: one callback namespace for every resource and language on the machine,
a timeout on every call, and a reply is accepted only from the player who was asked.

As QBCore (qb-core's client/functions.lua, server/functions.lua and the callback events): `cb(...)`'s values reach
a callback-form caller as given, the awaiting form (no callback given) returns the first; a handler that raises, an
unknown name, a stopped resource or no answer never calls the caller back (the failure is logged there, once per
10 s per callback). Unlike QBCore, the awaiting form then raises instead of waiting forever, every call has a
timeout (convar `fxcallbacks:qbcoreTimeout`, default 600 s; QBCore has none), and concurrent calls of one name each
get their own answer. Convar `fxcallbacks:shimStrict` true calls the callback form back with `nil, reason` on a
failure. ]]
local hub = GetConvar('fxcallbacks:hub', 'fxcallbacks')
local fx = FxcallbacksHelpers
  or load(LoadResourceFile(hub, 'lua/helpers.lua') or error(('%s is missing or not started: ensure %s before %s'):format(hub, hub, GetCurrentResourceName()), 0),
    ('@@%s/lua/helpers.lua'):format(hub))(hub)
local isServer = IsDuplicityVersion()
local timeout = GetConvarInt('fxcallbacks:qbcoreTimeout', 600000)

-- QBCore.Shared.IsFunction: what QBCore takes for a callback among the arguments.
local function isFunction(value)
  if type(value) == 'table' then return type(value.__cfx_functionReference) == 'string' end
  return type(value) == 'function'
end

-- Mixed servers: qb-core's own functions while it runs, to register our callbacks where its callers look and to
-- reach the callbacks registered through it.
local framework = exports['qb-core']
local original
AddEventHandler('onResourceStop', function(stopped) if stopped == 'qb-core' then original = nil end end)
local function frameworkFunctions()
  if GetResourceState('qb-core') ~= 'started' then return nil end
  original = original or framework:GetCoreObject({ 'Functions' }).Functions
  return original
end

-- QBCore's trigger functions take an optional callback before the arguments; without one they wait.
-- `frameworkCall(functions, ...)`: the same call through qb-core, for a name fxcallbacks does not know.
local function call(player, name, frameworkCall, ...)
  local cb, args = ..., table.pack(...)
  if not isFunction(cb) then
    local answer = fx.await(isServer and 'QBCore.Functions.TriggerClientCallback without a callback' or 'QBCore.Functions.TriggerCallback without a callback',
      player, name, timeout, ...)
    -- The first value; a nil one as none, as a function reference returns it from qb-core.
    if answer[1] then
      if answer[2] == nil then return end
      return answer[2]
    end
    local functions = answer[3] == 'NO_SUCH_CALLBACK' and frameworkFunctions()
    if functions then return frameworkCall(functions, ...) end
    error(("QBCore callback '%s' failed: %s"):format(name, answer[2]), 3)
  end
  local functions = frameworkFunctions()
  local fallback = functions and function() frameworkCall(functions, table.unpack(args, 1, args.n)) end
  fx.trigger(player, name, timeout, fx.orFramework(fx.callingBack('QBCore', player, name, cb), fallback), select(2, ...))
end

local function register(name, handler, frameworkRegister)
  fx.registerCallingBack(name, handler)
  local functions = frameworkFunctions()
  if functions and functions[frameworkRegister] then functions[frameworkRegister](name, handler) end
end

local callbacks = {}

if isServer then
  function callbacks.CreateCallback(name, handler) register(name, handler, 'CreateCallback') end

  function callbacks.TriggerClientCallback(name, source, ...)
    if not source then return end
    return call(source, name, function(functions, ...) return functions.TriggerClientCallback(name, source, ...) end, ...)
  end
else
  function callbacks.CreateClientCallback(name, handler) register(name, handler, 'CreateClientCallback') end

  function callbacks.TriggerCallback(name, ...)
    return call(nil, name, function(functions, ...) return functions.TriggerCallback(name, ...) end, ...)
  end
end

local function withCallbacks(core)
  core.Functions = core.Functions or {}
  for key, fn in pairs(callbacks) do core.Functions[key] = fn end
  return core
end

QBCore = withCallbacks(QBCore or {})

-- `local QBCore = exports['qb-core']:GetCoreObject()` is how QBCore code gets the object: it gets the replacements.
rawset(exports, 'qb-core', setmetatable({
  GetCoreObject = function(_, ...)
    if GetResourceState('qb-core') ~= 'started' then return QBCore end
    return withCallbacks(framework:GetCoreObject(...))
  end,
}, { __index = framework }))
