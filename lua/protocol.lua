--[[ fxcallbacks' Lua side of a call, run in the Lua state that owns the handler or makes the call (lua/import.lua
loads it once per state: `load(LoadResourceFile(hub, 'lua/protocol.lua'))(hub, fx)`). No function reference crosses
per call: the hub's JavaScript and this state exchange local events whose values travel packed, as bytes JavaScript
never decodes. Values holding a table lua-cmsgpack cut off (nested 16 levels deep) are refused by the hub on the
bytes, which it walks anyway (src/ground/packed.ts), not by a walk of every value here; except for the plain
exports, whose values crossed an export or a function reference before they got here, which cut them already and
left no trace in the bytes: there a walk here refuses any table at level 15 (what may have lost its deeper part).
  __fxcb_run:<this resource>    hub -> here   (callId, name, player|false, packed args|false, JS args|false, count)
  __fxcb_done:<hub>             here -> hub   (callId, outcome, packed answer | message [, log text])
  __fxcb_call:<hub>             here -> hub   (callId, export, player|false, name, options|false, owner|false, packed args)
  __fxcb_reply:<this resource>  hub -> here   (callId, outcome, ...)
Each side takes an event only from the other (`GetInvokingResource()`: FiveM's runtime that raised the event), and
answers or calls are matched by a call id the receiver made, so another resource can neither answer nor end them. ]]
local hub, fx = ...
local resource = GetCurrentResourceName()
local isServer = IsDuplicityVersion()
local pack_args, mpack, unpack, spack, sunpack = msgpack.pack_args, msgpack.pack, msgpack.unpack, string.pack, string.unpack
local select, type, pairs, tunpack = select, type, pairs, table.unpack

local RUN, DONE = '__fxcb_run:' .. resource, '__fxcb_done:' .. hub
local CALL, REPLY = '__fxcb_call:' .. hub, '__fxcb_reply:' .. resource

-- Outcomes, as src/exports/luaEvents.ts reads them.
local VALUES, FAILED, UNMARKED, RAISED = 1, 2, 3, 4 -- an answer (done)
local REPLY_PACKED, REPLY_LIST, REPLY_FAILED, REPLY_REFUSED = 1, 2, 3, 4 -- a call's end (reply)

local proto = {}

-- ---- bytes -----------------------------------------------------------------------------------------------------

-- Values packed with msgpack.pack_args, every position kept (nil holes included).
local function unpackValues(packed)
  local b = packed:byte(1)
  local n
  if b and b >= 0x90 and b <= 0x9f then n = b - 0x90
  elseif b == 0xdc then n = sunpack('>I2', packed, 2)
  elseif b == 0xdd then n = sunpack('>I4', packed, 2)
  else error('fxcallbacks: packed values that are not a list', 0) end
  return tunpack(unpack(packed), 1, n)
end

-- Raises `name` with `count` values: `fields` (msgpack.pack's), then `bytes` if given, as msgpack bin: JavaScript
-- receives bin as an ArrayBuffer, where a Lua string would be decoded as UTF-8 (and lose the bytes that are not).
local function raise(name, count, fields, bytes)
  local payload = string.char(0x90 + count) .. fields
  if bytes then payload = payload .. '\xc6' .. spack('>I4', #bytes) .. bytes end
  TriggerEventInternal(name, payload, #payload)
end

-- A value holding a table at level 15 (an argument is level 0; so 16 tables nested) may have lost its deeper part on
-- an export or function reference crossing, where lua-cmsgpack packs a table at level 16 as nil: the plain exports
-- refuse it (lua/import.lua's values cross no such crossing: 16 nested tables arrive intact, a 17th is refused on
-- the bytes).
local CUT_LEVEL = 15
local function reachesCut(value, level)
  if type(value) ~= 'table' then return false end
  if level >= CUT_LEVEL then return true end
  for k, v in pairs(value) do
    if reachesCut(k, level + 1) or reachesCut(v, level + 1) then return true end
  end
  return false
end
local function crossedCut(...)
  for i = 1, select('#', ...) do
    if reachesCut((select(i, ...)), 0) then return true end
  end
  return false
end
local function cutMessage(what)
  return ('Lua tables in %s are nested 16 levels deep, where FiveM\'s msgpack cuts them off: at most 15 levels cross intact'):format(what)
end

-- ---- answering ---------------------------------------------------------------------------------------------------

local handlers = {}

local function done(callId, outcome, packed)
  if packed then return raise(DONE, 3, mpack(callId, outcome), packed) end
  raise(DONE, 2, mpack(callId, outcome))
end

-- An error answer; `logged`: a line for the hub's console too.
local function failed(callId, message, logged)
  if logged then return raise(DONE, 4, mpack(callId, FAILED, message, logged)) end
  raise(DONE, 3, mpack(callId, FAILED, message))
end

-- The `cb` of one call: the first call answers, later ones are ignored. Without `status`, `cb(nil, 'message')` is an
-- error answer and anything else answers the values as given; with it, `cb(true, ...values)` or `cb(false, message)`.
local function answering(callId, name, status, crossed)
  local answered = false
  return function(...)
    if answered then return end
    answered = true
    if crossed and crossedCut(...) then
      local message = cutMessage(('the answer of "%s"'):format(name))
      return failed(callId, message, message)
    end
    local first, second = ...
    if status then
      if first == true then return done(callId, VALUES, pack_args(select(2, ...))) end
      if first == false then return failed(callId, (type(second) == 'string' or type(second) == 'number') and tostring(second) or fx.GENERIC_ERROR) end
      return done(callId, UNMARKED)
    end
    if first == nil and type(second) == 'string' then return failed(callId, second) end
    return done(callId, VALUES, pack_args(...))
  end
end

-- A handler of this state runs under pcall, where its error's text exists: a raise is logged (throttled) and
-- answers HANDLER_ERROR with the error's first line. Its return values answer as its `cb` would (one nil: nothing
-- yet, it answers later through cb), unless it was registered with `status`.
local function runOwn(cb, entry, name, player, ...)
  local ok, results
  if isServer then ok, results = fx.guarded(entry.handler, player, cb, ...)
  else ok, results = fx.guarded(entry.handler, cb, ...) end
  if not ok then
    fx.logRaise(isServer and player or nil, name, results)
    if entry.status then return cb(false, fx.publicMessage(results)) end
    return cb(nil, fx.publicMessage(results))
  end
  if results.n > 1 then return cb(tunpack(results, 1, results.n)) end
  if results[1] ~= nil and not entry.status then return cb(results[1]) end
end

-- A function reference into another resource's state (the plain exports: this is the hub's state). A raise before
-- the handler yields reaches this state without its text (FiveM prints it in the handler's resource), and after a
-- yield with it; either is HANDLER_ERROR, logged by the hub. Its return values answer as FiveM hands a function's
-- returned values to JavaScript: nothing for nil, one value as itself, several as one list (msgpack.null keeps a nil
-- in its position), unless it was registered with `status`.
local function runReference(callId, cb, entry, player, ...)
  local args = table.pack(...)
  local results
  local function call()
    if isServer then results = table.pack(entry.handler(player, cb, tunpack(args, 1, args.n)))
    else results = table.pack(entry.handler(cb, tunpack(args, 1, args.n))) end
  end
  local function ended(ok, err, yielded)
    if not ok then
      if not yielded or err == nil then return raise(DONE, 4, mpack(callId, RAISED, fx.GENERIC_ERROR, 'it raised before yielding; its error is printed in its own resource')) end
      return raise(DONE, 4, mpack(callId, RAISED, fx.publicMessage(err), tostring(err)))
    end
    if entry.status or results.n == 0 or results[1] == nil and results.n == 1 then return end
    if results.n == 1 then return cb(results[1]) end
    local list = {}
    for i = 1, results.n do
      if results[i] == nil then list[i] = msgpack.null else list[i] = results[i] end
    end
    return cb(list)
  end
  local early, yielded = nil, false
  Citizen.CreateThreadNow(function()
    local ok, err = pcall(call)
    if yielded then ended(ok, err, true) else early = { ok, err } end
  end)
  yielded = early == nil
  if early then ended(early[1], early[2], false) end
end

AddEventHandler(RUN, function(callId, name, player, packed, list, count)
  if GetInvokingResource() ~= hub then return end
  local entry = handlers[name]
  if not entry then return failed(callId, ('"%s" is not registered in %s any more'):format(name, resource)) end
  local cb = answering(callId, name, entry.status, entry.owner ~= nil)
  local runIt = entry.owner and function(...) return runReference(callId, cb, entry, player, ...) end
    or function(...) return runOwn(cb, entry, name, player, ...) end
  if packed then return runIt(unpackValues(packed)) end
  return runIt(tunpack(list, 1, count))
end)

-- Keeps `handler` here for `name`, once the hub registered it. `owner`: the resource whose function reference it
-- is (the plain exports, in the hub's own state); nil for this state's own function.
function proto.handle(name, handler, options, owner)
  handlers[name] = { handler = handler, status = type(options) == 'table' and options.status == true, owner = owner }
end

-- Forgets the handler of `name` that `owner` registered (nil: this state's own).
function proto.forget(name, owner)
  local entry = handlers[name]
  if entry and entry.owner == owner then handlers[name] = nil end
end

-- A resource that stopped can no longer be called: its function references go.
AddEventHandler('onResourceStop', function(stopped)
  for name, entry in pairs(handlers) do
    if entry.owner == stopped then handlers[name] = nil end
  end
end)

-- ---- calling -----------------------------------------------------------------------------------------------------

local calls = {}
-- The plain exports' calls by the resource that made them: the hub drops a stopped resource's calls without a reply.
local callOwners = {}
local lastCallId = 0

-- Starts a call of `name` (on player `target` from the server; nil on a client) through the hub; `settle(ok, ...)`
-- gets exactly one end: `(true, ...values)` or `(false, message, code, timedOut)`. `export` names the export the
-- caller used (for the hub's messages); `owner` the resource that called the plain exports (the hub's state only:
-- the hub cancels the call when it stops). A refusal the hub makes at once (an invalid option) raises here, as an
-- export would.
function proto.call(export, target, name, options, settle, owner, ...)
  if owner and crossedCut(...) then return settle(false, cutMessage(('the arguments of "%s"'):format(tostring(name))), 'INVALID_ARGUMENT') end
  lastCallId = lastCallId + 1
  local callId = lastCallId
  calls[callId] = settle
  if owner then callOwners[callId] = owner end
  local fields = mpack(callId, export, target or false, name, options or false, owner or false)
  raise(CALL, 7, fields, pack_args(...))
  local refused = calls[callId]
  if type(refused) == 'table' then
    calls[callId], callOwners[callId] = nil, nil
    error(refused.message, 0)
  end
end

local hubRunning = hub == resource or GetResourceState(hub) == 'started'

local function requireHub()
  if not hubRunning then error(fx.NOT_STARTED, 4) end
end

local function requireCallback(cb, export)
  if not fx.isCallable(cb) then error(('%s: callback must be a function, got %s'):format(export, type(cb)), 4) end
end

-- A callback-form caller's `cb` gets the values, or `(nil, message)`, `(nil, message, true)` on a timeout; with the
-- option `status`, `(true, ...values)` or `(false, message, code)`. A `cb` that raises (or whose resource restarted)
-- is logged, throttled per player and callback: a client can make a server's callbacks fail at will.
local function callingBack(cb, status, target, name)
  local function report(...)
    local ok, err = pcall(cb, ...)
    if not ok then
      fx.logThrottled(target, name .. ' (caller)', ("^1SCRIPT ERROR: calling back the caller of '%s' failed (its callback raised, or its resource restarted): %s^0")
        :format(name, fx.consoleLine(tostring(err))))
    end
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

-- The callback forms of the exports (`target`: the player on the server, nil on a client).
function proto.trigger(export, target, name, options, cb, owner, ...)
  requireHub()
  requireCallback(cb, export)
  local status = type(options) == 'table' and options.status == true
  return proto.call(export, target, name, options, callingBack(cb, status, target, tostring(name)), owner, ...)
end

-- The Promise forms: wait in the calling thread; returns the packed answer: its values, or nil, message (and true on
-- a timeout).
function proto.await(export, target, name, owner, ...)
  requireHub()
  local answer = promise.new()
  proto.call(export, target, name, nil, function(...) answer:resolve(table.pack(...)) end, owner, ...)
  local r = Citizen.Await(answer)
  if r[1] then return table.pack(tunpack(r, 2, r.n)) end
  if r[4] then return table.pack(nil, r[2], true) end
  return table.pack(nil, r[2])
end

AddEventHandler(REPLY, function(callId, outcome, a, b, c)
  if GetInvokingResource() ~= hub then return end
  local settle = calls[callId]
  if type(settle) ~= 'function' then return end
  if outcome == REPLY_REFUSED then
    calls[callId] = { message = a }
    return
  end
  calls[callId], callOwners[callId] = nil, nil
  if outcome == REPLY_PACKED then return settle(true, unpackValues(a)) end
  if outcome == REPLY_LIST then return settle(true, tunpack(a, 1, b)) end
  return settle(false, a, b, c)
end)

-- The hub stopped: it answers none of the calls it was carrying. A resource that stopped: the hub cancelled its calls.
AddEventHandler('onResourceStop', function(stopped)
  if stopped ~= hub then
    for callId, owner in pairs(callOwners) do
      if owner == stopped then calls[callId], callOwners[callId] = nil, nil end
    end
    return
  end
  hubRunning = false
  local pending = calls
  calls, callOwners = {}, {}
  for _, settle in pairs(pending) do
    if type(settle) == 'function' then settle(false, ('resource %s stopped'):format(hub), 'RESOURCE_STOPPED') end
  end
end)

AddEventHandler(isServer and 'onServerResourceStart' or 'onClientResourceStart', function(started)
  if started == hub then hubRunning = true end
end)

return proto
