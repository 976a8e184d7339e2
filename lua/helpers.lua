--[[ fxcallbacks' Lua helpers, shared by lua/import.lua and the compat shims. Each of them loads this file once per
Lua state, the way ox_lib loads its modules:
    local fx = FxcallbacksHelpers or load(LoadResourceFile(hub, 'lua/helpers.lua'), '@@fxcallbacks/lua/helpers.lua')(hub)
It holds the one copy of each Lua rule (the sanitising rule, which src/ground/consoleLine.ts mirrors; guarded
handlers; the throttled log) and the registrations this state made, so that they come back when the hub restarts
and wait for it when the resource started first. ]]
local hub = ...
local resource = GetCurrentResourceName()

local fx = {}

fx.GENERIC_ERROR = 'the handler raised an error'
-- Longest console line made of text from elsewhere (a client's error, a handler's message), in UTF-8 bytes.
fx.MAX_LINE = 240

-- ---- the sanitising rule (fx.consoleLine and src/ground/consoleLine.ts give the same output) -------------------------

-- Text someone else wrote, made fit for one console line: colour codes (`^1`) out, every control character (line
-- breaks, escape sequences, Unicode line separators) a space, spaces collapsed, at most MAX_LINE bytes without cutting a UTF-8 sequence.
function fx.consoleLine(text)
  -- Control characters: ASCII's, C1's (U+0080-U+009F) and U+2028/U+2029, as UTF-8 bytes.
  text = tostring(text):gsub('%^%d', ''):gsub('%c', ' '):gsub('\xC2[\x80-\x9F]', ' '):gsub('\xE2\x80[\xA8\xA9]', ' ')
  text = text:gsub(' +', ' '):match('^ *(.-) *$')
  if #text <= fx.MAX_LINE then return text end
  local cut = fx.MAX_LINE
  while cut > 0 and text:byte(cut + 1) and text:byte(cut + 1) >= 0x80 and text:byte(cut + 1) < 0xC0 do cut = cut - 1 end
  return text:sub(1, cut) .. '...'
end

-- What a handler's caller may learn of its error: `^1SCRIPT ERROR: @shop/server.lua:12: no stock^7\n<traceback>`
-- gives `no stock` (a client must not learn the server's file layout), then the console rule above. An error that
-- crossed Citizen.Await on its way carries the scheduler's location and the first SCRIPT ERROR after it: both go.
function fx.publicMessage(err)
  if type(err) ~= 'string' and type(err) ~= 'number' then return fx.GENERIC_ERROR end
  local text = tostring(err):gsub('%^%d', ''):match('^[^\n]*'):gsub('^SCRIPT ERROR:%s*', '')
  repeat
    local before = text
    text = text:gsub('^%s*@?[%w%./_%-]+:%d+:%s*', '', 1):gsub('^%s*%[string ".-"%]:%d+:%s*', '', 1)
      :gsub('^%s*citizen:[%w%./_%-]+:%d+:%s*', '', 1):gsub('^SCRIPT ERROR:%s*', '', 1)
  until text == before
  text = fx.consoleLine(text)
  return text ~= '' and text or fx.GENERIC_ERROR
end

-- ---- values ----------------------------------------------------------------------------------------------------

function fx.isCallable(value)
  if type(value) == 'function' then return true end
  local meta = type(value) == 'table' and getmetatable(value)
  return meta and meta.__call ~= nil or false
end

-- Runs `handler(...)` here, in the handler's own state, where an error's text still exists. Returns
-- `true, packed results` or `false, error` (the error as raised, for fx.publicMessage).
function fx.guarded(handler, ...)
  local results = table.pack(pcall(handler, ...))
  if results[1] then return true, table.pack(table.unpack(results, 2, results.n)) end
  return false, results[2]
end

-- ---- throttled log -------------------------------------------------------------------------------------------

-- At most one line per key (player and callback) per interval, with how many occurred since: a client that makes a
-- handler fail a thousand times a second cannot flood the console, and a second, different failure still shows.
local LOG_INTERVAL = 10000
local logs = {}
local sweptAt = 0

-- `player`: the player whose call (or answer) it was, nil for this machine's own; `name`: the callback. Text from
-- elsewhere in `line` must have passed fx.consoleLine.
function fx.logThrottled(player, name, line)
  local now = GetGameTimer()
  local key = tostring(player or '') .. '\0' .. tostring(name)
  local entry = logs[key]
  if not entry then
    entry = { loggedAt = -math.huge, since = 0 }
    logs[key] = entry
  end
  entry.since = entry.since + 1
  if now - entry.loggedAt < LOG_INTERVAL then return end
  local count = entry.since > 1 and (' (%d failures in the last %d s)'):format(entry.since, LOG_INTERVAL // 1000) or ''
  print(line .. count)
  entry.loggedAt, entry.since = now, 0
  if now - sweptAt >= LOG_INTERVAL then
    sweptAt = now
    for k, e in pairs(logs) do
      if e.since == 0 and now - e.loggedAt >= LOG_INTERVAL then logs[k] = nil end
    end
  end
end

-- A handler raised `err` answering `player`'s call of `name`: one sanitised, throttled console line.
function fx.logRaise(player, name, err)
  fx.logThrottled(player, name, ("^1SCRIPT ERROR: callback '%s' raised: %s^0"):format(name, fx.consoleLine(tostring(err))))
end

-- ---- the hub: start order and restarts -----------------------------------------------------------------------

local ENSURE = ('fxcallbacks (resource %s) is not started: ensure %s before %s'):format(hub, hub, resource)
fx.NOT_STARTED = ENSURE

function fx.hubStarted()
  return GetResourceState(hub) == 'started'
end

-- The hub's own exports, taken before lua/import.lua puts its proxy in their place.
local hubExports = exports[hub]
function fx.hubExports() return hubExports end

-- Registrations this state made, replayed when the hub (re)starts: the hub forgets them when it stops.
local registrations = {}
local warnedNotStarted = false

local function registerNow(entry)
  entry.live = true
  if entry.registerWith then return entry.registerWith() end
  return hubExports[entry.export](nil, entry.name, entry.handler, entry.options)
end

AddEventHandler('onResourceStop', function(stopped)
  if stopped ~= hub then return end
  for _, entry in pairs(registrations) do entry.live = false end
end)

-- Registers through the hub's export `export` now if the hub is started, and again whenever it starts; with
-- `registerWith`, by calling that instead (lua/import.lua's registrations, whose handler stays in this state).
function fx.register(export, name, handler, options, registerWith)
  local entry = { export = export, name = name, handler = handler, options = options, registerWith = registerWith }
  registrations[name] = entry
  if fx.hubStarted() then return registerNow(entry) end
  if not warnedNotStarted then
    warnedNotStarted = true
    print(('^3%s; %s\'s callbacks are registered when it starts^0'):format(ENSURE, resource))
  end
end

-- Unregisters through the hub's export `export` (if it is started) and forgets the registration.
function fx.unregister(export, name)
  registrations[name] = nil
  if fx.hubStarted() then return hubExports[export](nil, name) end
  return false
end

-- on<Side>ResourceStart, not onResourceStart: FiveM clears this state's cache of the hub's exports on
-- on<Side>ResourceStop, queued to the next frame like this event, so after a restart the old exports are gone by now.
AddEventHandler(IsDuplicityVersion() and 'onServerResourceStart' or 'onClientResourceStart', function(started)
  if started ~= hub then return end
  local count = 0
  for _, entry in pairs(registrations) do
    if not entry.live then
      registerNow(entry)
      count = count + 1
    end
  end
  if count > 0 then print(('%s registered %d callback(s) again with %s'):format(resource, count, hub)) end
end)

-- ---- calls with status answers (the shims') ----------------------------------------------------------------

local isServer = IsDuplicityVersion()

-- Calls `name` (on player `target` from the server) through the hub; `settle` gets `(true, ...values)` exactly as
-- the handler gave them, nil holes included, or `(false, message, code)`, exactly once (also when the hub stops
-- meanwhile: it fails its calls with RESOURCE_STOPPED).
function fx.trigger(target, name, timeout, settle, ...)
  if not fx.hubStarted() then return settle(false, ENSURE, 'RESOURCE_STOPPED') end
  local options = { status = true, timeout = timeout }
  if isServer then
    hubExports:TriggerClientCallbackWithOptions(target, name, options, settle, ...)
  else
    hubExports:TriggerServerCallbackWithOptions(name, options, settle, ...)
  end
end

-- The same, waiting in the calling thread: returns the packed `(ok, ...)`. `what` names the function for the error
-- raised outside a thread.
function fx.await(what, target, name, timeout, ...)
  fx.requireThread(what)
  local answer = promise.new()
  fx.trigger(target, name, timeout, function(...) answer:resolve(table.pack(...)) end, ...)
  return Citizen.Await(answer)
end

-- The await forms park the calling thread; outside one (top-level script code) they cannot, so they say so at once.
function fx.requireThread(what)
  if not coroutine.isyieldable() then
    error(('%s waits for the answer, so it must run inside a thread: wrap it in CreateThread(function() ... end), or use the callback form'):format(what), 3)
  end
end

-- Registers `answer(cb, ...)` (`...`: the handler's arguments, `source` first on the server) so that the hub's cb
-- takes `(true, ...values)` or `(false, message)`: values stay values.
function fx.registerAnswering(name, answer)
  fx.register(isServer and 'RegisterServerCallback' or 'RegisterClientCallback', name, answer, { status = true })
end

-- Runs a handler for the hub: `call()` runs it (with the cb it needs); a raise is logged here (one line per player
-- and callback per 10 s) and answers `(false, message)`, so the hub counts the failure and the caller learns why.
-- `player`: the calling player on the server, nil on a client.
local function runHandler(hubCb, player, name, call)
  local ok, err = pcall(call)
  if ok then return end
  fx.logRaise(player, name, err)
  hubCb(false, fx.publicMessage(err))
end

-- The hub calls `(source, cb, ...)` on the server and `(cb, ...)` on a client: the cb, the player, and the arguments
-- the framework's handler takes (`source` first on the server), with `answer` after `source` if it is given.
local function handlerCall(answer, ...)
  local first, second = ...
  if isServer then
    if answer then return second, first, table.pack(first, answer(second), select(3, ...)) end
    return second, first, table.pack(first, select(3, ...))
  end
  if answer then return first, nil, table.pack(answer(first), select(2, ...)) end
  return first, nil, table.pack(select(2, ...))
end

-- ESX and QBCore style: `handler([source,] cb, ...)`, whose `cb(...)` values are the answer, exactly.
function fx.registerCallingBack(name, handler)
  fx.registerAnswering(name, function(...)
    local hubCb, player, args = handlerCall(function(cb) return function(...) cb(true, ...) end end, ...)
    runHandler(hubCb, player, name, function() handler(table.unpack(args, 1, args.n)) end)
  end)
end

-- ox_lib style: `handler([source,] ...)`, whose return values are the answer, exactly.
function fx.registerReturning(name, handler)
  fx.registerAnswering(name, function(...)
    local hubCb, player, args = handlerCall(nil, ...)
    runHandler(hubCb, player, name, function() hubCb(true, handler(table.unpack(args, 1, args.n))) end)
  end)
end

-- What a callback-form caller gets in a framework that never calls back on a failure: the values, or nothing and a
-- log line naming the reason (once per 10 s per player and callback); `cb(nil, reason)` with fx.strict().
function fx.callingBack(framework, player, name, cb)
  return function(ok, ...)
    if ok then return cb(...) end
    local message = ...
    if fx.strict() then return cb(nil, message) end
    fx.logThrottled(player, name, ('^1SCRIPT ERROR: %s callback \'%s\' failed: %s (%s does not call back)^0')
      :format(framework, name, fx.consoleLine(message), framework))
  end
end

-- Mixed servers: a name no resource registered with fxcallbacks may be one the framework's own code registered.
-- With `fallback` (the same call through the framework, or nil when it does not run), NO_SUCH_CALLBACK runs it
-- instead of settling; `settle` stays as it is otherwise.
function fx.orFramework(settle, fallback)
  if not fallback then return settle end
  return function(ok, ...)
    if not ok and select(2, ...) == 'NO_SUCH_CALLBACK' then return fallback() end
    return settle(ok, ...)
  end
end

-- The stricter behaviour, for every shim: convar `fxcallbacks:shimStrict` true calls the callback forms back with
-- `nil, reason` on every failure instead of as the framework would.
function fx.strict()
  local value = GetConvar('fxcallbacks:shimStrict', 'false')
  return value == 'true' or value == '1'
end

FxcallbacksHelpers = fx
return fx
