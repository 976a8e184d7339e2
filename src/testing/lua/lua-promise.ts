/**
 * The second chunk of the simulated CfxLua prelude: the global `promise` library, with the behaviour of
 * CitizenFX's `deferred.lua` (lua-promises):
 * - `promise.new()` gives a deferred whose `state` is a number: 0 pending, 1 resolving, 2 rejecting, 3 resolved,
 *   4 rejected (Citizen.Await treats 2 and 4 as failures).
 * - `:resolve(v)` / `:reject(v)` settle it once; callbacks registered with `:next(onResolved, onRejected)` run
 *   synchronously, inside the resolve call (Lua has no microtask queue).
 * - a value that is a table with a callable `next` is adopted as a promise.
 * - `promise.all`, `promise.first`, `promise.map`.
 */
export const LUA_PROMISE_SOURCE = String.raw`
local cfx = __cfx_internal
local type, pcall, getmetatable, setmetatable, ipairs = type, pcall, getmetatable, setmetatable, ipairs

local PENDING, RESOLVING, REJECTING, RESOLVED, REJECTED = 0, 1, 2, 3, 4

local promise = {}
local Deferred = {}
Deferred.__index = Deferred

local function callable(f)
  if type(f) == 'function' then return true end
  if type(f) == 'table' then
    local mt = getmetatable(f)
    return mt ~= nil and type(mt.__call) == 'function'
  end
  return false
end

-- The 'next' of a thenable value, if it has one (a function reference table cannot be indexed, so it is none).
local function thenOf(v)
  if type(v) ~= 'table' or getmetatable(v) == cfx.funcref_mt then return nil end
  local f = v.next
  if callable(f) then return f end
  return nil
end

local function finish(d, state)
  local queue = d.queue
  for i = 1, #queue do
    if state == RESOLVED then queue[i]:resolve(d.value) else queue[i]:reject(d.value) end
  end
  d.state = state
end

-- Follows a thenable value: calls onValue or onFailure exactly once; returns false if v is not a thenable.
local function adopt(v, onValue, onFailure)
  local thenFn = thenOf(v)
  if not thenFn then return false end
  local called = false
  local ok, err = pcall(thenFn, v, function(x)
    if called then return end
    called = true
    onValue(x)
  end, function(x)
    if called then return end
    called = true
    onFailure(x)
  end)
  if not ok and not called then onFailure(err) end
  return true
end

local fire
fire = function(d)
  local settledValue = function(x) d.value = x; d.state = RESOLVING; fire(d) end
  local settledFailure = function(x) d.value = x; d.state = REJECTING; fire(d) end
  if adopt(d.value, settledValue, settledFailure) then return end

  local ok, v
  if d.state == RESOLVING and callable(d.success) then
    ok, v = pcall(d.success, d.value)
  elseif d.state == REJECTING and callable(d.failure) then
    ok, v = pcall(d.failure, d.value)
    if ok then d.state = RESOLVING end
  end
  if ok ~= nil then
    d.value = v
    if not ok then return finish(d, REJECTED) end
  end
  if d.value == d then
    d.value = 'resolving promise with itself'
    return finish(d, REJECTED)
  end
  local adopted = adopt(d.value, function(x) d.value = x; finish(d, RESOLVED) end, function(x) d.value = x; finish(d, REJECTED) end)
  if not adopted then finish(d, d.state == RESOLVING and RESOLVED or REJECTED) end
end

local function settle(d, state, value)
  if d.state == PENDING then
    d.value = value
    d.state = state
    fire(d)
  end
  return d
end

function Deferred:resolve(value) return settle(self, RESOLVING, value) end
function Deferred:reject(value) return settle(self, REJECTING, value) end

function promise.new(options)
  if callable(options) then
    local d = promise.new()
    local ok, err = pcall(options, d)
    if not ok then d:reject(err) end
    return d
  end
  options = options or {}
  local d
  d = setmetatable({
    state = PENDING,
    queue = {},
    success = options.success,
    failure = options.failure,
    next = function(self, success, failure)
      local chained = promise.new({ success = success, failure = failure })
      if d.state == RESOLVED then chained:resolve(d.value)
      elseif d.state == REJECTED then chained:reject(d.value)
      else d.queue[#d.queue + 1] = chained end
      return chained
    end,
  }, Deferred)
  return d
end

function promise.all(list)
  local d = promise.new()
  local pending = #list
  if pending == 0 then return d:resolve({}) end
  local results, method = {}, 'resolve'
  for i = 1, pending do
    local function settleOne(ok)
      return function(v)
        results[i] = v
        if not ok then method = 'reject' end
        pending = pending - 1
        if pending == 0 then d[method](d, results) end
        return v
      end
    end
    list[i]:next(settleOne(true), settleOne(false))
  end
  return d
end

function promise.first(list)
  local d = promise.new()
  for _, p in ipairs(list) do
    p:next(function(v) d:resolve(v) end, function(e) d:reject(e) end)
  end
  return d
end

function promise.map(list, fn)
  local d = promise.new()
  local results = {}
  local function step(i)
    if i > #list then return d:resolve(results) end
    fn(list[i]):next(function(v)
      results[#results + 1] = v
      step(i + 1)
    end, function(e) d:reject(e) end)
  end
  step(1)
  return d
end

_G.promise = promise
`;
