/**
 * The first chunk of the simulated CfxLua prelude: byte transport, `msgpack` and `json`.
 *
 * `msgpack` follows what CitizenFX configures its lua-cmsgpack with (`set_string('string_compat')`,
 * `set_integer('unsigned')`, `set_array('without_hole')`, `empty_table_as_array`):
 * - a table is an array only when its keys are exactly 1..n (no hole); otherwise it is a map. `{}` is an array.
 * - `pack_args(...)` packs the arguments one by one as an array, so `nil`s keep their positions.
 * - `msgpack.null` packs as nil (it is how a Lua function keeps positions in `return msgpack.null, "err"`).
 * - functions pack as extension 10 (a function reference) through `msgpack.extend`/`settype`, set up later by the
 *   scheduler chunk.
 * - integers (and floats with an integral value) pack as msgpack integers, other floats as float64; strings as
 *   the old raw family; a table nested 16 levels deep packs as nil (lua-cmsgpack's LUACMSGPACK_MAX_NESTING).
 * - decoding an array builds a table the way lua_createtable + rawseti does (its array part sized n), so
 *   `table.unpack(t)` of `[nil, "msg"]` gives `nil, "msg"`; a map lands in the hash part, where `#` sees a
 *   border at the first missing integer key.
 *
 * Bytes cross the wasm boundary as lowercase hex strings: wasmoon converts Lua strings with UTF8ToString, which
 * would stop at a zero byte and mangle everything above 0x7f.
 */
export const LUA_CODEC_SOURCE = String.raw`
local cfx = __cfx_internal
local host = cfx.host

local type, pairs, next, select, tostring, tonumber, error, getmetatable, rawget =
  type, pairs, next, select, tostring, tonumber, error, getmetatable, rawget
local spack, sunpack, schar, sbyte, sformat = string.pack, string.unpack, string.char, string.byte, string.format
local mtype, mfloor, tointeger = math.type, math.floor, math.tointeger
local tpack, tunpack, tconcat, tsort = table.pack, table.unpack, table.concat, table.sort

-- ---- hex transport -------------------------------------------------------------------------------------------
local hexOfByte, byteOfHex = {}, {}
for i = 0, 255 do
  local h = sformat('%02x', i)
  hexOfByte[schar(i)] = h
  byteOfHex[h] = schar(i)
end
function cfx.toHex(s) return (s:gsub('.', hexOfByte)) end
function cfx.fromHex(h) return (h:gsub('%x%x', byteOfHex)) end

-- ---- msgpack -------------------------------------------------------------------------------------------------
local msgpack = {}
local NULL = host.null
msgpack.null = NULL

local extByMeta = {}     -- metatable -> extension table (__ext, __pack, __unpack)
local extByType = {}     -- ext type number -> extension table
local extOfLuaType = {}  -- 'function' -> ext type number

function msgpack.extend(ext)
  if type(ext) ~= 'table' or type(ext.__ext) ~= 'number' then error('msgpack.extend: bad extension', 2) end
  extByMeta[ext] = ext
  extByType[ext.__ext] = ext
  return ext
end

function msgpack.extend_clear(...)
  for i = 1, select('#', ...) do
    local t = select(i, ...)
    local ext = extByType[t]
    if ext then extByMeta[ext] = nil; extByType[t] = nil end
  end
end

function msgpack.settype(luaType, extType) extOfLuaType[luaType] = extType end

-- Options CitizenFX sets at startup; this codec always behaves as configured, so they are accepted and ignored.
function msgpack.set_string() end
function msgpack.set_integer() end
function msgpack.set_array() end
function msgpack.set_number() end
function msgpack.setoption() end

local encode

local function putInteger(n, out)
  if n >= 0 then
    if n < 0x80 then out[#out + 1] = schar(n)
    elseif n < 0x100 then out[#out + 1] = spack('>BB', 0xcc, n)
    elseif n < 0x10000 then out[#out + 1] = spack('>BI2', 0xcd, n)
    elseif n < 0x100000000 then out[#out + 1] = spack('>BI4', 0xce, n)
    else out[#out + 1] = spack('>Bi8', 0xcf, n) end
  else
    if n >= -32 then out[#out + 1] = spack('>b', n)
    elseif n >= -0x80 then out[#out + 1] = spack('>Bb', 0xd0, n)
    elseif n >= -0x8000 then out[#out + 1] = spack('>Bi2', 0xd1, n)
    elseif n >= -0x80000000 then out[#out + 1] = spack('>Bi4', 0xd2, n)
    else out[#out + 1] = spack('>Bi8', 0xd3, n) end
  end
end

local function putFloat(x, out)
  -- A float with an integral value travels as an integer (IS_INT64_EQUIVALENT), others as float64.
  if x == mfloor(x) and x >= -2^63 and x < 2^63 then return putInteger(tointeger(x), out) end
  out[#out + 1] = spack('>Bd', 0xcb, x)
end

local function putString(s, out)
  local n = #s
  -- string_compat: the old raw family (fixraw, raw16, raw32), no str8
  if n < 32 then out[#out + 1] = schar(0xa0 | n)
  elseif n < 0x10000 then out[#out + 1] = spack('>BI2', 0xda, n)
  else out[#out + 1] = spack('>BI4', 0xdb, n) end
  out[#out + 1] = s
end

local function putExt(extType, data, out)
  local n = #data
  if n == 1 then out[#out + 1] = spack('>Bb', 0xd4, extType)
  elseif n == 2 then out[#out + 1] = spack('>Bb', 0xd5, extType)
  elseif n == 4 then out[#out + 1] = spack('>Bb', 0xd6, extType)
  elseif n == 8 then out[#out + 1] = spack('>Bb', 0xd7, extType)
  elseif n == 16 then out[#out + 1] = spack('>Bb', 0xd8, extType)
  elseif n < 0x100 then out[#out + 1] = spack('>BBb', 0xc7, n, extType)
  elseif n < 0x10000 then out[#out + 1] = spack('>BI2b', 0xc8, n, extType)
  else out[#out + 1] = spack('>BI4b', 0xc9, n, extType) end
  out[#out + 1] = data
end

-- without_hole: keys exactly 1..n. Returns n, or nil for a map. An empty table is an array.
local function arrayLength(t)
  local count, max = 0, 0
  for k in next, t do
    if mtype(k) == 'integer' and k > 0 then
      count = count + 1
      if k > max then max = k end
    else
      return nil
    end
  end
  if max ~= count then return nil end
  return count
end
cfx.arrayLength = arrayLength

-- A table nested MAX_NESTING levels deep (the top value is level 0) is packed as nil, as lua-cmsgpack does.
local MAX_NESTING = 16

encode = function(v, out, level)
  local tv = type(v)
  if tv == 'table' and level >= MAX_NESTING then v = nil; tv = 'nil' end
  if v == nil or v == NULL then
    out[#out + 1] = '\xc0'
  elseif tv == 'boolean' then
    out[#out + 1] = v and '\xc3' or '\xc2'
  elseif tv == 'number' then
    if mtype(v) == 'integer' then putInteger(v, out) else putFloat(v, out) end
  elseif tv == 'string' then
    putString(v, out)
  elseif tv == 'table' then
    local ext = extByMeta[getmetatable(v) or false]
    if ext and ext.__pack then
      putExt(ext.__ext, ext.__pack(v, ext.__ext), out)
      return
    end
    local n = arrayLength(v)
    if n then
      if n < 16 then out[#out + 1] = schar(0x90 | n)
      elseif n < 0x10000 then out[#out + 1] = spack('>BI2', 0xdc, n)
      else out[#out + 1] = spack('>BI4', 0xdd, n) end
      for i = 1, n do encode(rawget(v, i), out, level + 1) end
    else
      local count = 0
      for _ in next, v do count = count + 1 end
      if count < 16 then out[#out + 1] = schar(0x80 | count)
      elseif count < 0x10000 then out[#out + 1] = spack('>BI2', 0xde, count)
      else out[#out + 1] = spack('>BI4', 0xdf, count) end
      for k, val in next, v do
        encode(k, out, level + 1)
        encode(val, out, level + 1)
      end
    end
  elseif tv == 'function' then
    local ext = extByType[extOfLuaType['function'] or false]
    if ext and ext.__pack then putExt(ext.__ext, ext.__pack(v, ext.__ext), out)
    else out[#out + 1] = '\xc0' end
  else
    -- userdata, threads: nothing msgpack can carry
    out[#out + 1] = '\xc0'
  end
end

local decode

local function decodeArray(s, pos, n)
  local items = {}
  for i = 1, n do items[i], pos = decode(s, pos) end
  -- lua_createtable(n) + rawseti: the array part has n slots, so # finds the last non-nil among them
  local t = tpack(tunpack(items, 1, n))
  t.n = nil
  return t, pos
end

local function decodeMap(s, pos, n)
  local t = {}
  for _ = 1, n do
    local k, v
    k, pos = decode(s, pos)
    v, pos = decode(s, pos)
    if k ~= nil and k == k then t[k] = v end
  end
  return t, pos
end

local function decodeExt(s, pos, n, extType)
  local data = s:sub(pos, pos + n - 1)
  pos = pos + n
  local ext = extByType[extType]
  if ext and ext.__unpack then return ext.__unpack(data, extType), pos end
  return nil, pos
end

decode = function(s, pos)
  local b = sbyte(s, pos)
  if b == nil then error('msgpack: truncated data', 0) end
  pos = pos + 1
  if b < 0x80 then return b, pos end
  if b >= 0xe0 then return b - 0x100, pos end
  if b < 0x90 then return decodeMap(s, pos, b & 0x0f) end
  if b < 0xa0 then return decodeArray(s, pos, b & 0x0f) end
  if b < 0xc0 then
    local n = b & 0x1f
    return s:sub(pos, pos + n - 1), pos + n
  end
  if b == 0xc0 then return nil, pos end
  if b == 0xc2 then return false, pos end
  if b == 0xc3 then return true, pos end
  if b == 0xc4 or b == 0xd9 then local n = sbyte(s, pos); return s:sub(pos + 1, pos + n), pos + 1 + n end
  if b == 0xc5 or b == 0xda then local n = sunpack('>I2', s, pos); return s:sub(pos + 2, pos + 1 + n), pos + 2 + n end
  if b == 0xc6 or b == 0xdb then local n = sunpack('>I4', s, pos); return s:sub(pos + 4, pos + 3 + n), pos + 4 + n end
  if b == 0xc7 then local n, t = sunpack('>Bb', s, pos); return decodeExt(s, pos + 2, n, t) end
  if b == 0xc8 then local n, t = sunpack('>I2b', s, pos); return decodeExt(s, pos + 3, n, t) end
  if b == 0xc9 then local n, t = sunpack('>I4b', s, pos); return decodeExt(s, pos + 5, n, t) end
  if b == 0xca then return (sunpack('>f', s, pos)), pos + 4 end
  if b == 0xcb then return (sunpack('>d', s, pos)), pos + 8 end
  if b == 0xcc then return (sunpack('>B', s, pos)), pos + 1 end
  if b == 0xcd then return (sunpack('>I2', s, pos)), pos + 2 end
  if b == 0xce then return (sunpack('>I4', s, pos)), pos + 4 end
  if b == 0xcf then
    local n = sunpack('>i8', s, pos)
    if n < 0 then n = n + 18446744073709551616.0 end -- above 2^63: a float, as lua-cmsgpack gives
    return n, pos + 8
  end
  if b == 0xd0 then return (sunpack('>b', s, pos)), pos + 1 end
  if b == 0xd1 then return (sunpack('>i2', s, pos)), pos + 2 end
  if b == 0xd2 then return (sunpack('>i4', s, pos)), pos + 4 end
  if b == 0xd3 then return (sunpack('>i8', s, pos)), pos + 8 end
  if b >= 0xd4 and b <= 0xd8 then
    local t = sunpack('>b', s, pos)
    return decodeExt(s, pos + 1, 1 << (b - 0xd4), t)
  end
  if b == 0xdc then local n = sunpack('>I2', s, pos); return decodeArray(s, pos + 2, n) end
  if b == 0xdd then local n = sunpack('>I4', s, pos); return decodeArray(s, pos + 4, n) end
  if b == 0xde then local n = sunpack('>I2', s, pos); return decodeMap(s, pos + 2, n) end
  if b == 0xdf then local n = sunpack('>I4', s, pos); return decodeMap(s, pos + 4, n) end
  error(sformat('msgpack: unknown type byte 0x%02x', b), 0)
end

--- Packs each argument as one msgpack object, concatenated (lua-cmsgpack's msgpack.pack).
function msgpack.pack(...)
  local out = {}
  local n = select('#', ...)
  if n == 0 then encode(nil, out, 0) end
  for i = 1, n do encode((select(i, ...)), out, 0) end
  return tconcat(out)
end

--- Packs the arguments as one array, keeping nils in their positions (CfxLua's msgpack.pack_args).
-- Each argument is packed at 'level' (0 for arguments; 1 for the values of a packed table of results).
local function packArgsAt(level, ...)
  local n = select('#', ...)
  local out = {}
  if n < 16 then out[1] = schar(0x90 | n)
  elseif n < 0x10000 then out[1] = spack('>BI2', 0xdc, n)
  else out[1] = spack('>BI4', 0xdd, n) end
  for i = 1, n do encode((select(i, ...)), out, level) end
  return tconcat(out)
end
cfx.packArgsAt = packArgsAt

function msgpack.pack_args(...)
  return packArgsAt(0, ...)
end

--- Decodes every object in the string; returns them all.
function msgpack.unpack(s)
  local values, n, pos = {}, 0, 1
  while pos <= #s do
    n = n + 1
    values[n], pos = decode(s, pos)
  end
  return tunpack(values, 1, n)
end

msgpack.packb = msgpack.pack
msgpack.unpackb = msgpack.unpack
msgpack.encode = msgpack.pack
msgpack.decode = msgpack.unpack
_G.msgpack = msgpack

-- ---- json ----------------------------------------------------------------------------------------------------
-- Encodes like CitizenFX's configuration (empty_table_as_array, with_hole): a table whose keys are all positive
-- integers is an array (holes become null), other tables are objects. Object keys are written sorted, so the
-- output is stable.
local json = {}
json.null = NULL
json._VERSION = 'simulated'
json.version = json._VERSION
function json.setoption() end

local escapes = { ['"'] = '\\"', ['\\'] = '\\\\', ['\b'] = '\\b', ['\f'] = '\\f', ['\n'] = '\\n', ['\r'] = '\\r', ['\t'] = '\\t' }
local function quote(s)
  return '"' .. s:gsub('[%c"\\]', function(c) return escapes[c] or sformat('\\u%04x', sbyte(c)) end) .. '"'
end

local function numberText(x)
  if mtype(x) == 'integer' then return sformat('%d', x) end
  if x ~= x or x == math.huge or x == -math.huge then return 'null' end
  if x == mfloor(x) and x > -1e15 and x < 1e15 then return sformat('%.1f', x) end
  local s = sformat('%.14g', x)
  if tonumber(s) ~= x then s = sformat('%.17g', x) end
  return s
end

local jsonEncode
jsonEncode = function(v, out, depth)
  if depth > 100 then error('json.encode: nesting too deep (cycle?)', 0) end
  local tv = type(v)
  if v == nil or v == NULL then out[#out + 1] = 'null'
  elseif tv == 'boolean' then out[#out + 1] = v and 'true' or 'false'
  elseif tv == 'number' then out[#out + 1] = numberText(v)
  elseif tv == 'string' then out[#out + 1] = quote(v)
  elseif tv == 'table' then
    local max, isArray, count = 0, true, 0
    for k in next, v do
      count = count + 1
      if mtype(k) == 'integer' and k > 0 then
        if k > max then max = k end
      else
        isArray = false
      end
    end
    if isArray then
      out[#out + 1] = '['
      for i = 1, max do
        if i > 1 then out[#out + 1] = ',' end
        jsonEncode(rawget(v, i), out, depth + 1)
      end
      out[#out + 1] = ']'
    else
      local keys = {}
      for k in next, v do keys[#keys + 1] = k end
      tsort(keys, function(a, b) return tostring(a) < tostring(b) end)
      out[#out + 1] = '{'
      for i, k in ipairs(keys) do
        if i > 1 then out[#out + 1] = ',' end
        out[#out + 1] = quote(tostring(k))
        out[#out + 1] = ':'
        jsonEncode(rawget(v, k), out, depth + 1)
      end
      out[#out + 1] = '}'
    end
  else
    error('json.encode: cannot encode a value of type ' .. tv, 0)
  end
end

function json.encode(v)
  local out = {}
  jsonEncode(v, out, 0)
  return tconcat(out)
end

local function skipSpace(s, pos) return (s:find('[^ \t\r\n]', pos)) or #s + 1 end

local jsonDecode
local function decodeError(s, pos, what) error(sformat('json.decode: %s at character %d', what, pos), 0) end

local function decodeString(s, pos)
  local parts = {}
  local i = pos + 1
  while true do
    local c = s:sub(i, i)
    if c == '' then decodeError(s, i, 'unterminated string') end
    if c == '"' then return tconcat(parts), i + 1 end
    if c == '\\' then
      local e = s:sub(i + 1, i + 1)
      local simple = ({ ['"'] = '"', ['\\'] = '\\', ['/'] = '/', b = '\b', f = '\f', n = '\n', r = '\r', t = '\t' })[e]
      if simple then parts[#parts + 1] = simple; i = i + 2
      elseif e == 'u' then
        local code = tonumber(s:sub(i + 2, i + 5), 16)
        if not code then decodeError(s, i, 'bad unicode escape') end
        i = i + 6
        if code >= 0xd800 and code <= 0xdbff and s:sub(i, i + 1) == '\\u' then
          local low = tonumber(s:sub(i + 2, i + 5), 16)
          if low and low >= 0xdc00 and low <= 0xdfff then
            code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00)
            i = i + 6
          end
        end
        parts[#parts + 1] = utf8.char(code)
      else decodeError(s, i, 'bad escape') end
    else
      local j = s:find('["\\]', i) or #s + 1
      parts[#parts + 1] = s:sub(i, j - 1)
      i = j
    end
  end
end

jsonDecode = function(s, pos)
  pos = skipSpace(s, pos)
  local c = s:sub(pos, pos)
  if c == '{' then
    local t = {}
    pos = skipSpace(s, pos + 1)
    if s:sub(pos, pos) == '}' then return t, pos + 1 end
    while true do
      pos = skipSpace(s, pos)
      if s:sub(pos, pos) ~= '"' then decodeError(s, pos, 'expected a key') end
      local k
      k, pos = decodeString(s, pos)
      pos = skipSpace(s, pos)
      if s:sub(pos, pos) ~= ':' then decodeError(s, pos, "expected ':'") end
      local v
      v, pos = jsonDecode(s, pos + 1)
      t[k] = v
      pos = skipSpace(s, pos)
      local d = s:sub(pos, pos)
      if d == '}' then return t, pos + 1 end
      if d ~= ',' then decodeError(s, pos, "expected ',' or '}'") end
      pos = pos + 1
    end
  elseif c == '[' then
    local items, n = {}, 0
    pos = skipSpace(s, pos + 1)
    if s:sub(pos, pos) == ']' then return {}, pos + 1 end
    while true do
      n = n + 1
      items[n], pos = jsonDecode(s, pos)
      pos = skipSpace(s, pos)
      local d = s:sub(pos, pos)
      if d == ']' then
        local t = tpack(tunpack(items, 1, n))
        t.n = nil
        return t, pos + 1
      end
      if d ~= ',' then decodeError(s, pos, "expected ',' or ']'") end
      pos = pos + 1
    end
  elseif c == '"' then
    return decodeString(s, pos)
  elseif s:sub(pos, pos + 3) == 'true' then return true, pos + 4
  elseif s:sub(pos, pos + 4) == 'false' then return false, pos + 5
  elseif s:sub(pos, pos + 3) == 'null' then return nil, pos + 4
  else
    local num = s:match('^-?%d+%.?%d*[eE]?[-+]?%d*', pos)
    if not num or num == '' then decodeError(s, pos, 'unexpected character') end
    local value = tonumber(num)
    if value == nil then decodeError(s, pos, 'bad number') end
    if mtype(value) == 'float' and not num:find('[.eE]') then value = tointeger(value) or value end
    return value, pos + #num
  end
end

function json.decode(s)
  if type(s) ~= 'string' then error('json.decode: expected a string', 2) end
  local v, pos = jsonDecode(s, 1)
  pos = skipSpace(s, pos)
  if pos <= #s then decodeError(s, pos, 'trailing garbage') end
  return v
end

_G.json = json
`;
