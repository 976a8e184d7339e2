--[[ fxcallbacks drop-in for ox_lib's lib.callback. In the resource's fxmanifest.lua:
    dependency 'fxcallbacks'
    shared_script '@ox_lib/init.lua'               -- if the resource uses ox_lib; then only lib.callback is replaced
    shared_script '@fxcallbacks/compat/ox_lib.lua'
Calls go through the fxcallbacks resource: one callback namespace for every resource and language on the machine,
a timeout on every call, and a reply is accepted only from the player who was asked.

As ox_lib (imports/callback/*.lua): values pass through as the handler returned them (`return nil, 'reason'`
included); a handler that raises answers nothing (its error is logged where it ran); `delay` on the client skips a
call made again within that many ms; an unknown name, a timeout (convar `ox:callbackTimeout`, default 300 s) or a
stopped resource never reaches a callback-style caller (it is logged there) and makes lib.callback.await raise.
Convar `fxcallbacks:shimStrict` true calls the callback form back with `nil, reason` on those failures. ]]
local hub = GetConvar('fxcallbacks:hub', 'fxcallbacks')
local fx = FxcallbacksHelpers
  or load(LoadResourceFile(hub, 'lua/helpers.lua') or error(('%s is missing or not started: ensure %s before %s'):format(hub, hub, GetCurrentResourceName()), 0),
    ('@@%s/lua/helpers.lua'):format(hub))(hub)
local isServer = IsDuplicityVersion()
local timeout = GetConvarInt('ox:callbackTimeout', 300000)

-- Mixed servers: ox_lib's own lib.callback, when the resource loaded @ox_lib/init.lua first, to register our
-- callbacks where its callers look and to reach the callbacks registered through it.
local original = type(lib) == 'table' and lib.name == 'ox_lib' and lib.callback or nil
if type(original) ~= 'table' or not original.register then original = nil end

local lastCalls = {}

-- ox_lib's cooldown: a client call of the same name within `delay` ms of the last one is not made.
local function coolingDown(name, delay)
  if isServer or type(delay) ~= 'number' or delay <= 0 then return false end
  local now = GetGameTimer()
  if (lastCalls[name] or 0) > now then return true end
  lastCalls[name] = now + delay
  return false
end

local function checkPlayer(playerId)
  if isServer then assert(DoesPlayerExist(playerId), ("target playerId '%s' does not exist"):format(playerId)) end
end

-- ox_lib's own texts for the failures its await raises.
local function awaitError(name, message, code)
  if code == 'NO_SUCH_CALLBACK' then return ("callback '%s' does not exist"):format(name) end
  if code == 'TIMEOUT' then return ("callback event '%s' timed out"):format(name) end
  return ("callback '%s' failed: %s"):format(name, message)
end

local function await(name, target, ...)
  if coolingDown(name, target) then return end
  checkPlayer(target)
  local answer = fx.await('lib.callback.await', target, name, timeout, ...)
  if answer[1] then return table.unpack(answer, 2, answer.n) end
  if original and answer[3] == 'NO_SUCH_CALLBACK' then return original.await(name, target, ...) end
  -- A handler that raised answers nothing in ox_lib.
  if answer[3] == 'HANDLER_ERROR' then return end
  error(awaitError(name, answer[2], answer[3]), 2)
end

local function trigger(_, name, target, cb, ...)
  if not cb then
    print(("^3callback event '%s' does not have a function to callback to and will instead await; use lib.callback.await^0"):format(name))
    return await(name, target, ...)
  end
  assert(fx.isCallable(cb), ("expected argument 3 to have type 'function' (received %s)"):format(type(cb)))
  if coolingDown(name, target) then return end
  checkPlayer(target)
  local args = table.pack(...)
  local fallback = original and function() original(name, target, cb, table.unpack(args, 1, args.n)) end
  local settle = fx.orFramework(fx.callingBack('ox_lib', isServer and target or nil, name, cb), fallback)
  fx.trigger(target, name, timeout, function(ok, ...)
    -- A handler that raised answers nothing in ox_lib, and its caller is called back with it.
    if ok then return settle(true, ...) end
    local message, code = ...
    if code == 'HANDLER_ERROR' then return cb() end
    settle(false, awaitError(name, message, code), code)
  end, ...)
end

local function register(name, handler)
  fx.registerReturning(name, handler)
  if original then original.register(name, handler) end
end

lib = lib or {}
lib.callback = setmetatable({ await = await, register = register }, { __call = trigger })
