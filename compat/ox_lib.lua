--[[ fxcallbacks drop-in for ox_lib's lib.callback. In the resource's fxmanifest.lua:
    shared_script '@ox_lib/init.lua'               -- if the resource uses ox_lib; then only lib.callback is replaced
    shared_script '@fxcallbacks/compat/ox_lib.lua'
Calls go through the fxcallbacks resource: one callback namespace for every resource and language on the machine,
a timeout on every call, and a reply is accepted only from the player who was asked.

What callers see, as with ox_lib: a handler that raises answers nil (its error is printed where it ran); `delay`
on the client skips a call made again within that many ms; lib.callback.await raises when the call fails (times
out, no such callback, ...). Unlike ox_lib, the callback form never waits forever: on a failure it prints the
reason and calls back with nothing. ]]
local hub = GetConvar('fxcallbacks:hub', 'fxcallbacks')
local isServer = IsDuplicityVersion()

-- fxcallbacks reports a failed call as (nil, message) or (nil, message, true).
local function failure(first, message)
  if first == nil and type(message) == 'string' then return message end
end

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

local function await(name, target, ...)
  if coolingDown(name, target) then return end
  checkPlayer(target)
  local answer
  if isServer then
    answer = table.pack(exports[hub]:TriggerClientCallbackPromise(target, name, ...))
  else
    answer = table.pack(exports[hub]:TriggerServerCallbackPromise(name, ...))
  end
  local failed = failure(answer[1], answer[2])
  if failed then error(("callback '%s' failed: %s"):format(name, failed), 2) end
  return table.unpack(answer, 1, answer.n)
end

local function isCallable(value)
  local meta = type(value) == 'table' and getmetatable(value)
  return type(value) == 'function' or (meta and meta.__call ~= nil)
end

local function trigger(_, name, target, cb, ...)
  if not cb then
    print(("^3callback '%s' has no function to call back and awaits instead; use lib.callback.await^0"):format(name))
    return await(name, target, ...)
  end
  assert(isCallable(cb), ("expected argument 3 to have type 'function' (received %s)"):format(type(cb)))
  if coolingDown(name, target) then return end
  checkPlayer(target)
  local function answered(...)
    local failed = failure(...)
    if not failed then return cb(...) end
    print(("^1SCRIPT ERROR: callback '%s' failed: %s^0"):format(name, failed))
    cb()
  end
  if isServer then
    exports[hub]:TriggerClientCallback(target, name, answered, ...)
  else
    exports[hub]:TriggerServerCallback(name, answered, ...)
  end
end

-- The handler's return values are the answer. A handler that raises answers nothing, as in ox_lib.
local function register(name, handler)
  local function answer(cb, ...)
    local results = table.pack(pcall(handler, ...))
    if results[1] then return cb(table.unpack(results, 2, results.n)) end
    print(("^1SCRIPT ERROR: callback '%s' raised: %s^0"):format(name, tostring(results[2])))
    cb()
  end
  if isServer then
    exports[hub]:RegisterServerCallback(name, function(source, cb, ...) answer(cb, source, ...) end)
  else
    exports[hub]:RegisterClientCallback(name, answer)
  end
end

lib = lib or {}
lib.callback = setmetatable({ await = await, register = register }, { __call = trigger })
