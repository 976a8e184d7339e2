-- fxcallbacks, both sides: the Lua layer of the exports Lua resources call. Values between two Lua states stay
-- exactly as FiveM's own Lua-to-Lua events carry them (integer keys, byte strings, integer/float subtypes, nil
-- holes): they are packed here with msgpack.pack_args, travel as bytes JavaScript never decodes, and are unpacked
-- with msgpack in the other Lua state. All the rest of the logic stays in JavaScript (src/*/exports.ts).
local resource = GetCurrentResourceName()
local HANDOVER = ('__fxcb_packed:%s'):format(resource)
local pack_args, unpack, sunpack, select, type, pairs = msgpack.pack_args, msgpack.unpack, string.unpack, select, type, pairs

-- Hands packed values to this resource's JavaScript, which takes the bytes of this local event undecoded (a Lua
-- string reaching JavaScript as an argument is decoded as UTF-8) for the internal export called right after.
local function handOver(packed)
  TriggerEvent(HANDOVER, packed)
end

-- Values packed with msgpack.pack_args, every position kept (nil holes included).
local function unpackValues(packed)
  local b = packed:byte(1)
  local n
  if b and b >= 0x90 and b <= 0x9f then n = b - 0x90
  elseif b == 0xdc then n = sunpack('>I2', packed, 2)
  elseif b == 0xdd then n = sunpack('>I4', packed, 2)
  else error('fxcallbacks: packed values that are not a list', 0) end
  return table.unpack(unpack(packed), 1, n)
end

-- lua-cmsgpack packs a table nested 16 levels deep (the top value is level 0) as nil: values holding a table at
-- level 15 may have lost their deeper part on the way here, silently, and are refused rather than used cut.
local CUT_LEVEL = 15
local function reachesCut(value, level)
  if type(value) ~= 'table' then return false end
  if level >= CUT_LEVEL then return true end
  for k, v in pairs(value) do
    if reachesCut(k, level + 1) or reachesCut(v, level + 1) then return true end
  end
  return false
end
local function cutValues(...)
  for i = 1, select('#', ...) do
    if reachesCut((select(i, ...)), 0) then return true end
  end
  return false
end

local function isCallable(value)
  if type(value) == 'function' then return true end
  local meta = type(value) == 'table' and getmetatable(value)
  return meta and meta.__call ~= nil or false
end

local function withStatus(options)
  return type(options) == 'table' and options.status == true
end

-- The `cb` a handler answers through: its values packed and handed over, then `answer(first, second)` tells
-- JavaScript what the answer is (an error answer `nil, 'message'`, a status) without unpacking it.
local function packingAnswer(answer, status)
  return function(...)
    if cutValues(...) then return answer(nil, nil, true) end
    if status then handOver(pack_args(select(2, ...))) else handOver(pack_args(...)) end
    return answer((...), (select(2, ...)))
  end
end

-- A handler's return values answer as JavaScript used to take them from FiveM: nothing for nil, one value as
-- itself, several as one list (FiveM hands a function's returned values to JavaScript as one list).
local function answerReturned(cb, results)
  if results.n == 0 or results[1] == nil and results.n == 1 then return end
  if results.n == 1 then return cb(results[1]) end
  local list = {}
  for i = 1, results.n do
    if results[i] == nil then list[i] = msgpack.null else list[i] = results[i] end
  end
  return cb(list)
end

-- What JavaScript calls to run a Lua handler: `packed` holds the arguments a Lua caller packed, or is nil when a
-- JavaScript caller sent values (then they follow). On the server the player comes first.
local function argumentsOf(packed, ...)
  if packed ~= nil then return unpackValues(packed) end
  return ...
end

function FxcbAnswering(handler, options, isServer)
  if not isCallable(handler) then return handler end
  local status = withStatus(options)
  if isServer then
    return function(player, answer, packed, ...)
      local cb = packingAnswer(answer, status)
      local results = table.pack(handler(player, cb, argumentsOf(packed, ...)))
      if not status then answerReturned(cb, results) end
    end
  end
  return function(answer, packed, ...)
    local cb = packingAnswer(answer, status)
    local results = table.pack(handler(cb, argumentsOf(packed, ...)))
    if not status then answerReturned(cb, results) end
  end
end

-- The callback JavaScript reports a call's end to: `packed` is an answer a Lua handler packed (with `status`, the
-- caller asked for `true` before the values); nil when JavaScript reports values or a failure as they are.
local function calledBack(cb)
  if not isCallable(cb) then return cb end
  return function(packed, ...)
    if packed == nil then return cb(...) end
    if ... then return cb(true, unpackValues(packed)) end
    return cb(unpackValues(packed))
  end
end

-- Starts a call through the internal export `internal` (`__TriggerClientCallback` or `__TriggerServerCallback`)
-- on behalf of `owner`, its arguments `args` (a table.pack) packed and handed over first. `target` is the player on
-- the server, nil on a client.
function FxcbTrigger(internal, exportName, owner, target, name, options, cb, args)
  local cut = cutValues(table.unpack(args, 1, args.n))
  if not cut then handOver(pack_args(table.unpack(args, 1, args.n))) end
  if target ~= nil or IsDuplicityVersion() then
    return exports[resource][internal](nil, exportName, owner, target, name, options, calledBack(cb), cut)
  end
  return exports[resource][internal](nil, exportName, owner, name, options, calledBack(cb), cut)
end

-- Waits (in the calling thread) for a callback-style call and returns every value of its answer.
-- `trigger(done)` starts the call with `done` as its callback. The runtime packs a Lua function's return values
-- into one table, where a nil leaves a hole that loses every later value; msgpack.null keeps each in its position.
function FxcbAwaitAnswer(trigger)
  local answer = promise.new()
  trigger(function(...) answer:resolve(table.pack(...)) end)
  local packed = Citizen.Await(answer)
  local values = {}
  for i = 1, packed.n do
    if packed[i] == nil then values[i] = msgpack.null else values[i] = packed[i] end
  end
  return table.unpack(values, 1, packed.n)
end
