import { joaat } from './cfx-syntax';

/**
 * The last chunk of the simulated CfxLua prelude: what CitizenFX's `scheduler.lua` (and the C++ around it) gives
 * a Lua resource. Every cross-resource effect goes through `cfx.host` (see `lua-runtime.ts`); the host calls
 * back through the entry table this chunk leaves in the global `__cfx_entries`.
 *
 * Threads. `Citizen.CreateThread(fn)` queues a coroutine that first runs on the machine's next frame.
 * `Wait(ms)` yields it until the first frame whose `GetGameTimer()` is at least `now + ms` (`Wait(0)`: the next
 * frame). `Citizen.SetTimeout(ms, fn)` runs `fn` as a thread that wakes after `ms`. A frame resumes every due
 * thread once, in creation order; threads created during a frame wait for the next one. Event handlers, function
 * reference calls (so exports) and command handlers each run as a thread started at once
 * (`Citizen.CreateThreadNow`): they may Wait or Await. Top-level script code is not in a thread.
 * `Citizen.Await(p)` on a pending promise parks the thread; the thread resumes inside the call that settles the
 * promise (deferred callbacks are synchronous). Awaiting a pending promise outside a thread raises an error.
 * An error in a thread prints `SCRIPT ERROR` and ends only that thread.
 *
 * Function references. A Lua function packed by msgpack becomes reference `<resource>:<instance>:<n>`;
 * `callRef` runs it as a thread and answers the world's `[ok, ...values]`. Its values are first packed the way
 * CfxLua packs them, as ONE table `{ f(...) }`, and read back the way a Lua caller unpacks that table: a `nil`
 * before a later value makes the table a map, which unpacks to nothing (`msgpack.null` keeps the positions). A
 * function that yields answers `[true, { __cfx_async_retval = fn }]`; `fn(cb)` later receives `cb(retvals, err)`.
 * A reference that arrives from elsewhere is a table `{ __cfx_functionReference = ref }` whose `__call` packs the
 * arguments one by one and unpacks the answer; inside a thread an async answer is awaited, outside it is returned
 * as is (an opaque table).
 */
/** joaat('FORMAT_STACK_TRACE'), as a backtick hash masked to 32 bits. */
const FORMAT_STACK_TRACE = joaat('FORMAT_STACK_TRACE') >>> 0;

export const LUA_CITIZEN_SOURCE = String.raw`
local cfx = __cfx_internal
__cfx_internal = nil
local host = cfx.host

local type, pairs, ipairs, next, select, tostring, tonumber, error, pcall, xpcall, rawget, rawset, setmetatable, getmetatable, assert =
  type, pairs, ipairs, next, select, tostring, tonumber, error, pcall, xpcall, rawget, rawset, setmetatable, getmetatable, assert
local tpack, tunpack, tsort, tconcat = table.pack, table.unpack, table.sort, table.concat
local co_create, co_resume, co_yield, co_status, co_running, co_close, co_isyieldable =
  coroutine.create, coroutine.resume, coroutine.yield, coroutine.status, coroutine.running, coroutine.close, coroutine.isyieldable
local sformat = string.format
local traceback = debug.traceback

local msgpack = msgpack
local unpack, pack_args = msgpack.unpack, msgpack.pack_args
local toHex, fromHex = cfx.toHex, cfx.fromHex
local isServer = host.isServer
local resourceName = host.resourceName
local GetGameTimer = GetGameTimer

Citizen = Citizen or {}
local Citizen = Citizen

-- ---- printing ------------------------------------------------------------------------------------------------
local function trace(text)
  text = tostring(text)
  if text:sub(-1) == '\n' then text = text:sub(1, -2) end
  host.log('log', text)
end
Citizen.Trace = trace

function print(...)
  local n = select('#', ...)
  local parts = {}
  for i = 1, n do parts[i] = tostring((select(i, ...))) end
  host.log('log', tconcat(parts, '\t'))
end

-- The stack lines of a coroutine or of the current code, without the prelude's own frames.
local function stackOf(co)
  local tb = co and traceback(co) or traceback('', 3)
  local lines = {}
  for line in tb:gmatch('[^\n]+') do
    if not line:find('citizen:/', 1, true) and not line:find('stack traceback:', 1, true) and not line:find('%[C%]') then
      lines[#lines + 1] = line
    end
  end
  return tconcat(lines, '\n')
end

-- scheduler.lua's doStackFormat: string.format('%s', err or '') (an error without a message prints nothing).
local function scriptError(message, co)
  return '^1SCRIPT ERROR: ' .. (message == nil and '' or tostring(message)) .. '^7\n' .. stackOf(co)
end

-- ---- threads -------------------------------------------------------------------------------------------------
local AWAIT = setmetatable({}, { __name = 'AwaitSentinel', __tostring = function() return 'AwaitSentinel' end })
-- Records of threads that wait for a frame, in creation order: { co, wake, name, awaiting, dead, listed }. A thread
-- parked in Citizen.Await leaves the list: only the promise's callback holds it, so a promise that is never
-- settled and no longer referenced takes its thread with it to the garbage collector, as in CfxLua.
local threads = {}
local running = nil  -- the record of the thread being resumed, if any
local lastTimeoutId = 0

local function addThread(co, wake, name, now)
  local rec = { co = co, wake = wake, name = name, awaiting = false, dead = false, listed = true }
  threads[#threads + 1] = rec
  if not now then host.wake(wake) end
  return rec
end

local function resumeThread(rec, ...)
  if rec.dead or co_status(rec.co) ~= 'suspended' then return not rec.dead end
  local previous = running
  running = rec
  local ok, result = co_resume(rec.co, ...)
  running = previous
  if not ok then
    rec.dead = true
    trace(scriptError(result, rec.co))
    co_close(rec.co)
  elseif co_status(rec.co) == 'dead' then
    rec.dead = true
  elseif result == AWAIT then
    rec.awaiting = true
  else
    rec.awaiting = false
    rec.wake = tonumber(result) or 0
    if not rec.listed then
      rec.listed = true
      threads[#threads + 1] = rec
    end
    host.wake(rec.wake)
  end
  return not rec.dead
end

--- Is the code running in a scheduler thread (and not in a coroutine of its own inside one)?
local function inThread()
  return running ~= nil and co_running() == running.co
end
cfx.inThread = inThread

function Citizen.CreateThread(fn)
  if type(fn) ~= 'function' and not (type(fn) == 'table' and getmetatable(fn) and getmetatable(fn).__call) then
    error('bad argument #1 to CreateThread (function expected)', 2)
  end
  addThread(co_create(function() return fn() end), 0, 'thread')
end

--- Runs fn as a thread now; true if it is still running (it waited), false if it finished or failed.
function Citizen.CreateThreadNow(fn, name)
  local rec = addThread(co_create(fn), 0, name or 'thread_now', true)
  local alive = resumeThread(rec)
  if not alive and threads[#threads] == rec then threads[#threads] = nil end
  return alive
end

function Citizen.Wait(ms)
  if not co_isyieldable() then error('attempt to yield from outside a coroutine', 2) end
  co_yield(GetGameTimer() + (tonumber(ms) or 0))
end

function Citizen.SetTimeout(ms, fn)
  lastTimeoutId = lastTimeoutId + 1
  local rec = addThread(co_create(function() return fn() end), GetGameTimer() + (tonumber(ms) or 0), 'timeout')
  rec.timeoutId = lastTimeoutId
  return lastTimeoutId
end

function Citizen.ClearTimeout(id)
  for _, rec in ipairs(threads) do
    if rec.timeoutId == id and co_status(rec.co) == 'suspended' then rec.dead = true end
  end
end

function Citizen.Await(p)
  if type(p) ~= 'table' or p.state == nil then error('Citizen.Await: expected a promise', 2) end
  if p.state == 0 then
    local rec = running
    if not inThread() then
      error('Current execution context is not in the scheduler, you should use CreateThread / SetTimeout or Event system (AddEventHandler) to be able to Await', 2)
    end
    local function reattach()
      if rec.awaiting then
        rec.awaiting = false
        resumeThread(rec)
      end
    end
    p:next(reattach, reattach)
    co_yield(AWAIT)
  end
  if p.state == 2 or p.state == 4 then error(p.value, 2) end
  return p.value
end

Wait = Citizen.Wait
CreateThread = Citizen.CreateThread
SetTimeout = Citizen.SetTimeout
ClearTimeout = Citizen.ClearTimeout

-- One frame: resume every due thread that existed when the frame began, once. Returns the earliest wake time
-- still pending, or -1.
local function tick()
  local now = GetGameTimer()
  local count = #threads
  for i = 1, count do
    local rec = threads[i]
    if not rec.dead and not rec.awaiting and rec.wake <= now then resumeThread(rec) end
  end
  local kept, earliest = {}, -1
  for i = 1, #threads do
    local rec = threads[i]
    if not rec.dead and not rec.awaiting and co_status(rec.co) ~= 'dead' then
      kept[#kept + 1] = rec
      if earliest < 0 or rec.wake < earliest then earliest = rec.wake end
    else
      rec.listed = false
    end
  end
  threads = kept
  return earliest
end

-- ---- function references ---------------------------------------------------------------------------------------
local funcRefs = {}
local funcRefIdx = 0

local function makeFunctionReference(fn)
  local idx = funcRefIdx
  funcRefs[idx] = { func = fn, refs = 0 }
  funcRefIdx = idx + 1
  return host.canonicalizeRef(idx)
end

function Citizen.GetFunctionReference(fn)
  if type(fn) == 'function' then return makeFunctionReference(fn) end
  if type(fn) == 'table' and rawget(fn, '__cfx_functionReference') then
    return makeFunctionReference(function(...) return fn(...) end)
  end
  return nil
end

-- Natives by hash: only FORMAT_STACK_TRACE is modelled (ox_lib prints a handler's error with it); any other
-- hash raises an error naming it. Citizen.ResultAsString() is the marker for a string result.
local RESULT_AS_STRING = setmetatable({}, { __name = 'ResultAsString' })
function Citizen.ResultAsString() return RESULT_AS_STRING end
function Citizen.InvokeNative(hash, ...)
  if type(hash) == 'number' and (hash & 0xFFFFFFFF) == ${FORMAT_STACK_TRACE} then return stackOf(nil) end
  error(sformat('Citizen.InvokeNative: native 0x%08X is not modelled by the simulated world', tonumber(hash) or 0), 2)
end

--- Calls a function reference with already packed arguments; returns the packed [ok, ...values].
function Citizen.InvokeFunctionReference(ref, argsSerialized)
  local answer = host.invokeRef(ref, toHex(argsSerialized))
  if answer:sub(1, 1) ~= 'O' then error(answer:sub(2), 0) end
  return fromHex(answer:sub(2))
end

function DuplicateFunctionReference(ref) host.duplicateRef(ref) end
function DeleteFunctionReference(ref) host.queueDelete(ref) end

-- The values a Lua caller gets from table.unpack after CfxLua packed a function's results as ONE table
-- { f(...) }: an array (keys 1..n) keeps its positions, with msgpack.null arriving as nil; a table with a hole
-- is a map, rebuilt key by key in the caller's hash part, where # stops at the first missing key.
local arrayLength = cfx.arrayLength
local NULL = msgpack.null
local function asCallerSees(retvals)
  local n = arrayLength(retvals)
  if n then
    local items = {}
    for i = 1, n do
      local v = retvals[i]
      if v ~= NULL then items[i] = v end
    end
    local t = tpack(tunpack(items, 1, n))
    t.n = nil
    return tunpack(t)
  end
  local t = {}
  for k, v in next, retvals do
    if v ~= NULL then t[k] = v end
  end
  return tunpack(t)
end

local funcref_mt
funcref_mt = {
  __gc = function(t)
    local ref = rawget(t, '__cfx_functionReference')
    if ref then host.queueDelete(ref) end
  end,
  __index = function() error('Cannot index a funcref', 2) end,
  __newindex = function() error('Cannot set indexes on a funcref', 2) end,
  __call = function(t, ...)
    local ref = rawget(t, '__cfx_functionReference')
    local rvs = unpack(Citizen.InvokeFunctionReference(ref, pack_args(...)))
    if type(rvs) ~= 'table' then error('invalid answer from function reference ' .. tostring(ref), 2) end
    local n = #rvs
    -- scheduler.lua: a callee that failed (raised before yielding, or is gone) answers nothing, and the caller
    -- raises error(): an error without a message (nil), not a text naming the reference.
    if rvs[1] ~= true then error() end
    local first = rvs[2]
    if type(first) == 'table' and getmetatable(first) == nil and rawget(first, '__cfx_async_retval') and inThread() then
      local p = promise.new()
      first.__cfx_async_retval(function(r, e)
        if r then p:resolve(r) elseif e then p:reject(e) end
      end)
      return tunpack(Citizen.Await(p))
    end
    return tunpack(rvs, 2, n)
  end,
  __ext = 10,
  __pack = function(self, tag)
    local ref = Citizen.GetFunctionReference(self)
    if not ref then error(sformat('Unknown funcref type: %d %s', tag, type(self)), 2) end
    return ref
  end,
  __unpack = function(data)
    DuplicateFunctionReference(data)
    return setmetatable({ __cfx_functionReference = data }, funcref_mt)
  end,
}
cfx.funcref_mt = funcref_mt
msgpack.extend_clear(10, 11)
msgpack.extend(funcref_mt)
msgpack.extend({ __ext = 11, __pack = funcref_mt.__pack, __unpack = funcref_mt.__unpack })
msgpack.settype('function', 10)

local function callRef(refId, argsHex)
  local entry = funcRefs[refId]
  if not entry then
    trace('Invalid ref call attempt: ' .. tostring(refId))
    return toHex(pack_args(false))
  end
  local fn = entry.func
  local args = unpack(fromHex(argsHex)) or {}
  local retvals, err
  local asyncCallback = {}
  local waited = Citizen.CreateThreadNow(function()
    local ok, failure = xpcall(function()
      retvals = { fn(tunpack(args)) }
    end, function(e) return scriptError(e, nil) end)
    if not ok then err = failure or '' end
    if asyncCallback.cb then
      asyncCallback.cb(retvals or false, err)
    elseif err then
      trace(err)
    end
  end, 'ref call')
  if waited then
    return toHex(pack_args(true, { __cfx_async_retval = function(cb) asyncCallback.cb = cb end }))
  end
  -- the callee's error was traced above and does not cross: the caller gets an error without its text
  if err then return toHex(pack_args(false)) end
  -- the values were packed inside the one table { f(...) }, so one level deeper than arguments
  return toHex(cfx.packArgsAt(1, true, asCallerSees(retvals)))
end

local function duplicateRef(refId)
  local entry = funcRefs[refId]
  if not entry then return -1 end
  entry.refs = entry.refs + 1
  return refId
end

local function deleteRef(refId)
  local entry = funcRefs[refId]
  if entry then
    entry.refs = entry.refs - 1
    if entry.refs <= 0 then funcRefs[refId] = nil end
  end
end

-- ---- events --------------------------------------------------------------------------------------------------
local eventHandlers = {}
local eventKey = 10

function AddEventHandler(eventName, handler)
  local entry = eventHandlers[eventName]
  if not entry then entry = {}; eventHandlers[eventName] = entry end
  entry.handlers = entry.handlers or {}
  eventKey = eventKey + 1
  entry.handlers[eventKey] = handler
  host.registerEventHandler(eventName)
  return { key = eventKey, name = eventName }
end

function RemoveEventHandler(data)
  if type(data) ~= 'table' or not data.key or not data.name then error('Invalid event data passed to RemoveEventHandler()', 2) end
  local entry = eventHandlers[data.name]
  if entry and entry.handlers then entry.handlers[data.key] = nil end
end

function RegisterNetEvent(eventName, handler)
  if eventName ~= '__cfx_internal:commandFallback' then
    local entry = eventHandlers[eventName]
    if not entry then entry = {}; eventHandlers[eventName] = entry end
    entry.safeForNet = true
  end
  if handler then return AddEventHandler(eventName, handler) end
end

-- As scheduler.lua: TriggerEvent packs its arguments and calls the native with the bytes, which a script may also
-- call itself with bytes it packed (the first payloadLength of them).
function TriggerEventInternal(eventName, payload, payloadLength)
  host.triggerEvent(eventName, toHex(payload:sub(1, payloadLength)))
end

function TriggerEvent(eventName, ...)
  local payload = pack_args(...)
  return TriggerEventInternal(eventName, payload, #payload)
end

if isServer then
  RegisterServerEvent = RegisterNetEvent
  function TriggerClientEvent(eventName, target, ...)
    host.triggerClientEvent(eventName, tostring(target), toHex(pack_args(...)))
  end
  function TriggerLatentClientEvent(eventName, target, bps, ...)
    host.triggerLatentClientEvent(eventName, tostring(target), toHex(pack_args(...)), tonumber(bps))
  end
  function GetPlayers()
    local t = {}
    for i = 0, GetNumPlayerIndices() - 1 do t[#t + 1] = GetPlayerFromIndex(i) end
    return t
  end
  function GetPlayerIdentifiers(player)
    local t = {}
    for i = 0, GetNumPlayerIdentifiers(player) - 1 do t[#t + 1] = GetPlayerIdentifier(player, i) end
    return t
  end
else
  function TriggerServerEvent(eventName, ...)
    host.triggerServerEvent(eventName, toHex(pack_args(...)))
  end
  function TriggerLatentServerEvent(eventName, bps, ...)
    host.triggerLatentServerEvent(eventName, toHex(pack_args(...)), tonumber(bps))
  end
end

local function sortedKeys(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  tsort(keys)
  return keys
end

local function dispatchEvent(eventName, payloadHex, eventSource)
  local lastSource = rawget(_G, 'source')
  rawset(_G, 'source', eventSource)
  local entry = eventHandlers[eventName]
  local data = unpack(fromHex(payloadHex))
  if entry and entry.handlers then
    if eventSource:sub(1, 3) == 'net' then
      if not entry.safeForNet then
        trace('event ' .. eventName .. ' was not safe for net')
        rawset(_G, 'source', lastSource)
        return
      end
      rawset(_G, 'source', tonumber(eventSource:sub(5)))
    elseif isServer and eventSource:sub(1, 12) == 'internal-net' then
      rawset(_G, 'source', tonumber(eventSource:sub(14)))
    end
    if not data then data = {} end
    if type(data) == 'table' then
      for _, key in ipairs(sortedKeys(entry.handlers)) do
        local handler = entry.handlers[key]
        if handler then
          Citizen.CreateThreadNow(function() handler(tunpack(data)) end, 'event ' .. eventName)
        end
      end
    end
  end
  rawset(_G, 'source', lastSource)
end

-- ---- commands ------------------------------------------------------------------------------------------------
local commandHandlers = {}
local lastCommandId = 0

function RegisterCommand(name, handler, restricted)
  lastCommandId = lastCommandId + 1
  commandHandlers[lastCommandId] = handler
  host.registerCommand(tostring(name), lastCommandId, restricted and true or false)
end

local function callCommand(id, argsHex)
  local handler = commandHandlers[id]
  if not handler then return end
  local args = unpack(fromHex(argsHex)) or {}
  Citizen.CreateThreadNow(function() handler(tunpack(args)) end, 'command')
end

-- ---- exports -------------------------------------------------------------------------------------------------
local function exportEventName(resource, name)
  if resource == 'txAdmin' then resource = 'monitor' end
  return sformat('__cfx_export_%s_%s', resource, name)
end

local exportCache = {}
local watchingStops = false
local function watchResourceStops()
  if watchingStops then return end
  watchingStops = true
  AddEventHandler(isServer and 'onServerResourceStop' or 'onClientResourceStop', function(resource)
    exportCache[resource] = {}
  end)
end

local function indent(text)
  text = tostring(text)
  if #text == 0 then return text end
  return '  ' .. text:gsub('\n(.)', '\n  %1')
end

-- Passes an export's results through, or raises the runtime's error about the failed export call.
local function exportResult(resource, name, ok, ...)
  if ok then return ... end
  local message = tostring((...))
  error(sformat('\n^5 An error occurred while calling export %s in resource %s:\n%s\n^5 ---', name, resource, indent(message)), 2)
end

exports = setmetatable({}, {
  __index = function(_, resource)
    return setmetatable({}, {
      __index = function(_, name)
        watchResourceStops()
        exportCache[resource] = exportCache[resource] or {}
        if not exportCache[resource][name] then
          TriggerEvent(exportEventName(resource, name), function(exportData)
            exportCache[resource][name] = exportData
          end)
          if not exportCache[resource][name] then
            error('No such export ' .. tostring(name) .. ' in resource ' .. tostring(resource), 2)
          end
        end
        return function(self, ...)
          return exportResult(resource, name, pcall(exportCache[resource][name], ...))
        end
      end,
      __newindex = function() error('cannot set values on an export resource', 2) end,
    })
  end,
  __newindex = function() error('cannot set values on exports', 2) end,
  __call = function(_, name, fn)
    AddEventHandler(exportEventName(resourceName, name), function(setCB) setCB(fn) end)
  end,
})

-- ---- NUI (client) ----------------------------------------------------------------------------------------------
-- scheduler.lua's wrappers: a NUI callback is the event '__cfx_nui:<type>' with (body, resultCallback); an error
-- in it is traced and the page gets no answer.
if not isServer then
  function RegisterNUICallback(type, callback)
    RegisterNuiCallbackType(type)
    AddEventHandler('__cfx_nui:' .. type, function(body, resultCallback)
      local ok, err = pcall(callback, body, resultCallback)
      if not ok then trace('error during NUI callback ' .. type .. ': ' .. tostring(err)) end
    end)
  end

  function SendNUIMessage(message)
    SendNuiMessage(json.encode(message))
  end
end

-- ---- time ----------------------------------------------------------------------------------------------------
local os_time, os_date = os.time, os.date
os.time = function(t)
  if t ~= nil then return os_time(t) end
  return host.epochMs() // 1000
end
os.date = function(format, t)
  return os_date(format, t or os.time())
end
os.exit = nil
os.execute = nil
os.remove = nil
os.rename = nil
os.tmpname = nil
os.getenv = nil

-- ---- entry points for the host -------------------------------------------------------------------------------
local function guarded(fn, ...)
  local ok, err = xpcall(fn, function(e) return scriptError(e, nil) end, ...)
  if not ok then trace(err) end
end

__cfx_entries = {
  load = function(code, chunkName)
    local chunk, err = load(code, chunkName, 't', _G)
    if not chunk then
      trace('^1SCRIPT ERROR: error loading script ' .. chunkName:sub(3) .. ': ' .. tostring(err) .. '^7')
      return false
    end
    local ok, failure = xpcall(chunk, function(e) return scriptError(e, nil) end)
    if not ok then trace(failure) end
    return ok
  end,
  dispatchEvent = function(name, payloadHex, eventSource)
    guarded(dispatchEvent, name, payloadHex, eventSource)
  end,
  callRef = callRef,
  duplicateRef = duplicateRef,
  deleteRef = deleteRef,
  callCommand = function(id, argsHex) guarded(callCommand, id, argsHex) end,
  tick = tick,
  -- threads waiting for a frame (a thread parked in Citizen.Await is not counted)
  threadCount = function()
    local n = 0
    for _, rec in ipairs(threads) do
      if not rec.dead and not rec.awaiting and co_status(rec.co) ~= 'dead' then n = n + 1 end
    end
    return n
  end,
  eval = function(code)
    local chunk, err = load(code, '=eval', 't', _G)
    if not chunk then return 'E' .. tostring(err) end
    local results = tpack(pcall(chunk))
    if not results[1] then return 'E' .. tostring(results[2]) end
    return 'O' .. toHex(pack_args(tunpack(results, 2, results.n)))
  end,
}
`;
