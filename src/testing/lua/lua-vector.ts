/**
 * The third chunk of the simulated CfxLua prelude: CfxLua's vectors (`lglm.cpp` in citizenfx/lua, branch luaglm).
 *
 * `vector2/3/4` (`vec2/3/4`), `vec(...)` and `quat`/`qua`. CfxLua's vectors are values of their own type with
 * float (32-bit) components; here they are read-only tables with one metatable per kind, so arithmetic
 * (`+ - * / % // ^` componentwise with a vector of the same size or a number, unary minus; `quat * quat`,
 * `quat * vec3` rotates), `==`, `#` (the length), `tostring` (`vec3(1.000000, 2.000000, 3.000000)`,
 * `quat(w, {x, y, z})`), `..`, `.x`/`[1]`, swizzles (`v.xy`, `v.zyx`), `type(v)` (`'vector3'`, `'quat'`) and
 * msgpack behave as in FiveM. What a table cannot do: two equal vectors are two different table keys (FiveM
 * hashes them by value), and `rawequal` tells them apart.
 *
 * msgpack packs them as lua-cmsgpack's ext types 20 (vector2), 21 (vector3), 22 (vector4) and 23 (quat), each
 * component a big-endian float32, in x, y, z, w order, quat too (`lua_pack_vector` in citizenfx/lua-cmsgpack's
 * `lua_cmsgpack.h`). FiveM's JS codec registers no unpacker for them (`main.js`), so JS receives an opaque
 * ExtBuffer that packs back to the same vector. `json.encode` writes a vector as an object of its components
 * (lua-rapidjson's default, without the `vectorarray` option).
 */
export const LUA_VECTOR_SOURCE = String.raw`
local type, select, tostring, tonumber, error, setmetatable, getmetatable, rawget, rawequal, next =
  type, select, tostring, tonumber, error, setmetatable, getmetatable, rawget, rawequal, next
local sqrt, floor, huge = math.sqrt, math.floor, math.huge
local spack, sunpack, sformat = string.pack, string.unpack, string.format
local tconcat = table.concat
local msgpack = msgpack

local function f32(x) return (sunpack('<f', spack('<f', x))) end

local kinds = {}     -- metatable -> { name, dims, short }
local byDims = {}    -- 2..4 -> vector metatable
local quat_mt

local function kindOf(v)
  if type(v) ~= 'table' then return nil end
  return kinds[getmetatable(v) or false]
end

local function make(mt, x, y, z, w)
  local dims = kinds[mt].dims
  local v = { f32(x), f32(y) }
  if dims >= 3 then v[3] = f32(z) end
  if dims >= 4 then v[4] = f32(w) end
  return setmetatable(v, mt)
end

local function newVec(dims, c) return make(byDims[dims], c[1], c[2], c[3], c[4]) end

-- The components a constructor argument adds: numbers and booleans one, vectors theirs, arrays their items.
local function collect(fname, out, max, i, value)
  local tv = type(value)
  if #out >= max then error(sformat("bad argument #%d to '%s' (invalid vector dimension)", i, fname), 3) end
  if tv == 'number' then out[#out + 1] = value
  elseif tv == 'boolean' then out[#out + 1] = value and 1 or 0
  elseif kindOf(value) then
    local k = kindOf(value)
    if k.name == 'quat' and #out + 4 > max then error(sformat("bad argument #%d to '%s' (invalid vector dimension)", i, fname), 3) end
    for j = 1, k.dims do
      if #out < max then out[#out + 1] = value[j] end
    end
  elseif tv == 'table' then
    for j = 1, #value do
      if #out >= max then break end
      local item = value[j]
      if type(item) == 'number' then out[#out + 1] = item
      elseif type(item) == 'boolean' then out[#out + 1] = item and 1 or 0
      else error(sformat("bad argument #%d to '%s' (invalid vector type)", i, fname), 3) end
    end
  else
    error(sformat("bad argument #%d to '%s' (invalid vector type)", i, fname), 3)
  end
end

local function constructor(fname, dims)
  return function(...)
    local n = select('#', ...)
    local first = ...
    if n == 1 and (type(first) == 'number' or type(first) == 'boolean') then
      local c = type(first) == 'boolean' and (first and 1 or 0) or first
      return newVec(dims, { c, c, c, c })
    end
    local out = {}
    for i = 1, n do collect(fname, out, dims, i, (select(i, ...))) end
    if #out ~= dims then error(sformat('vector%d requires exactly %d number(s)', dims, dims), 2) end
    return newVec(dims, out)
  end
end

vector2, vector3, vector4 = constructor('vector2', 2), constructor('vector3', 3), constructor('vector4', 4)
vec2, vec3, vec4 = vector2, vector3, vector4

function vec(...)
  local out = {}
  for i = 1, select('#', ...) do collect('vec', out, 4, i, (select(i, ...))) end
  if #out == 0 then error('vector requires 1 to 4 numbers', 2) end
  if #out == 1 then return f32(out[1]) + 0.0 end
  return newVec(#out, out)
end
vector = vec

local function arithError(a, b, what)
  local culprit = kindOf(a) and a or b
  local k = kindOf(culprit)
  error(sformat('attempt to perform %s on a %s value', what, k and k.name or type(culprit)), 3)
end

-- Componentwise a op b: vector with vector of the same size, or with a number on either side.
local function componentwise(op, what)
  return function(a, b)
    local ka, kb = kindOf(a), kindOf(b)
    local dims, mt
    if ka and kb then
      if ka ~= kb then arithError(a, b, what) end
      dims, mt = ka.dims, getmetatable(a)
    elseif ka and type(b) == 'number' then dims, mt = ka.dims, getmetatable(a)
    elseif kb and type(a) == 'number' then dims, mt = kb.dims, getmetatable(b)
    else arithError(a, b, what) end
    local c = {}
    for i = 1, dims do
      local x = ka and a[i] or a
      local y = kb and b[i] or b
      c[i] = op(x, y)
    end
    return make(mt, c[1], c[2], c[3], c[4])
  end
end

local function length(v)
  local s = 0
  for i = 1, kindOf(v).dims do s = s + v[i] * v[i] end
  return f32(sqrt(s))
end

local function fixed(x)
  if x ~= x then return (x < 0 or tostring(x):sub(1, 1) == '-') and '-nan' or 'nan' end
  if x == huge then return 'inf' elseif x == -huge then return '-inf' end
  return sformat('%f', x)
end

local SWIZZLE = { x = 1, y = 2, z = 3, w = 4 }

local function vectorIndex(v, key)
  if type(key) == 'number' then return nil end
  if type(key) ~= 'string' then error('attempt to index a ' .. kindOf(v).name .. ' value', 2) end
  local k = kindOf(v)
  local n = #key
  if n == 1 then
    local i = SWIZZLE[key]
    if i and i <= k.dims then return rawget(v, i) end
    return nil
  end
  if n <= 4 then
    local c = {}
    for j = 1, n do
      local i = SWIZZLE[key:sub(j, j)]
      if not i or i > k.dims then c = nil; break end
      c[j] = rawget(v, i)
    end
    if c then
      -- a quaternion swizzled to four components stays one while it is still normalized
      if n == 4 and k.name == 'quat' and math.abs(c[1] * c[1] + c[2] * c[2] + c[3] * c[3] + c[4] * c[4] - 1) < 1.2e-7 then
        return setmetatable(c, quat_mt)
      end
      return newVec(n, c)
    end
    if key == 'dim' then return k.dims end
  end
  return nil
end

local function readOnly(v) error('attempt to index a ' .. kindOf(v).name .. ' value', 2) end

local function vectorEq(a, b)
  local ka, kb = kindOf(a), kindOf(b)
  if not ka or ka ~= kb then return false end
  for i = 1, ka.dims do
    if a[i] ~= b[i] then return false end
  end
  return true
end

local function concat(a, b) return tostring(a) .. tostring(b) end

local function packer(extType)
  return function(v)
    local k = kindOf(v)
    local parts = {}
    for i = 1, k.dims do parts[i] = spack('>f', v[i]) end
    return tconcat(parts)
  end
end

local function vectorMeta(name, dims, short, extType)
  local mt = {
    __index = vectorIndex,
    __newindex = readOnly,
    __add = componentwise(function(x, y) return x + y end, 'arithmetic'),
    __sub = componentwise(function(x, y) return x - y end, 'arithmetic'),
    __mul = componentwise(function(x, y) return x * y end, 'arithmetic'),
    __div = componentwise(function(x, y) return x / y end, 'arithmetic'),
    __mod = componentwise(function(x, y) return x - floor(x / y) * y end, 'arithmetic'),
    __idiv = componentwise(function(x, y) return floor(x / y) end, 'arithmetic'),
    __pow = componentwise(function(x, y) return x ^ y end, 'arithmetic'),
    __unm = function(v)
      local c = {}
      for i = 1, dims do c[i] = -v[i] end
      return newVec(dims, c)
    end,
    __len = length,
    __eq = vectorEq,
    __concat = concat,
    __tostring = function(v)
      local c = {}
      for i = 1, dims do c[i] = fixed(v[i]) end
      return short .. '(' .. tconcat(c, ', ') .. ')'
    end,
    __name = name,
    __ext = extType,
    __pack = packer(extType),
    __unpack = function(data)
      if #data ~= 4 * dims then error(sformat('msgpack vector: expected <%d> actual <%d>', 4 * dims, #data // 4), 0) end
      local c = {}
      for i = 1, dims do c[i] = sunpack('>f', data, 4 * i - 3) end
      return setmetatable(c, byDims[dims])
    end,
  }
  kinds[mt] = { name = name, dims = dims, short = short }
  byDims[dims] = mt
  msgpack.extend(mt)
  return mt
end

vectorMeta('vector2', 2, 'vec2', 20)
vectorMeta('vector3', 3, 'vec3', 21)
vectorMeta('vector4', 4, 'vec4', 22)

-- Quaternions: components x, y, z, w (tables keep them at 1..4 in that order); printed w first, as glm does.
local function quatOf(x, y, z, w) return setmetatable({ f32(x), f32(y), f32(z), f32(w) }, quat_mt) end

local function hamilton(a, b)
  local ax, ay, az, aw = a[1], a[2], a[3], a[4]
  local bx, by, bz, bw = b[1], b[2], b[3], b[4]
  return quatOf(
    aw * bx + ax * bw + ay * bz - az * by,
    aw * by - ax * bz + ay * bw + az * bx,
    aw * bz + ax * by - ay * bx + az * bw,
    aw * bw - ax * bx - ay * by - az * bz)
end

local function rotate(q, v)
  local qx, qy, qz, qw = q[1], q[2], q[3], q[4]
  local vx, vy, vz = v[1], v[2], v[3]
  -- glm: v + 2w (u x v) + 2 u x (u x v), u = q.xyz
  local cx, cy, cz = qy * vz - qz * vy, qz * vx - qx * vz, qx * vy - qy * vx
  local dx, dy, dz = qy * cz - qz * cy, qz * cx - qx * cz, qx * cy - qy * cx
  return make(byDims[3], vx + 2 * (qw * cx + dx), vy + 2 * (qw * cy + dy), vz + 2 * (qw * cz + dz))
end

local function conjugate(q) return quatOf(-q[1], -q[2], -q[3], q[4]) end

quat_mt = {
  __index = vectorIndex,
  __newindex = readOnly,
  __add = componentwise(function(x, y) return x + y end, 'arithmetic'),
  __sub = componentwise(function(x, y) return x - y end, 'arithmetic'),
  __mul = function(a, b)
    local ka, kb = kindOf(a), kindOf(b)
    if ka == kinds[quat_mt] and kb == kinds[quat_mt] then return hamilton(a, b) end
    if ka == kinds[quat_mt] and kb and kb.dims == 3 then return rotate(a, b) end
    if kb == kinds[quat_mt] and ka and ka.dims == 3 then return rotate(conjugate(b), a) end
    if ka == kinds[quat_mt] and type(b) == 'number' then return quatOf(a[1] * b, a[2] * b, a[3] * b, a[4] * b) end
    if kb == kinds[quat_mt] and type(a) == 'number' then return quatOf(b[1] * a, b[2] * a, b[3] * a, b[4] * a) end
    arithError(a, b, 'arithmetic')
  end,
  __div = function(a, b)
    if kindOf(a) == kinds[quat_mt] and type(b) == 'number' then return quatOf(a[1] / b, a[2] / b, a[3] / b, a[4] / b) end
    arithError(a, b, 'arithmetic')
  end,
  __unm = function(q) return quatOf(-q[1], -q[2], -q[3], -q[4]) end,
  __len = length,
  __eq = vectorEq,
  __concat = concat,
  __tostring = function(q) return 'quat(' .. fixed(q[4]) .. ', {' .. fixed(q[1]) .. ', ' .. fixed(q[2]) .. ', ' .. fixed(q[3]) .. '})' end,
  __name = 'quat',
  __ext = 23,
  __pack = packer(23),
  __unpack = function(data)
    if #data ~= 16 then error(sformat('msgpack vector: expected <16> actual <%d>', #data // 4), 0) end
    return setmetatable({ sunpack('>f', data, 1), (sunpack('>f', data, 5)), (sunpack('>f', data, 9)), (sunpack('>f', data, 13)) }, quat_mt)
  end,
}
kinds[quat_mt] = { name = 'quat', dims = 4, short = 'quat' }
msgpack.extend(quat_mt)

--- quat(w, x, y, z); quat(); quat(xyz, w); quat(angleDegrees, axis); quat(from, to) (the shortest arc).
function quat(...)
  local n = select('#', ...)
  local a, b, c, d = ...
  if n == 0 then return quatOf(0, 0, 0, 1) end
  if n == 4 then return quatOf(tonumber(b), tonumber(c), tonumber(d), tonumber(a)) end
  local ka, kb = kindOf(a), kindOf(b)
  if n == 2 and ka and ka.dims == 3 and type(b) == 'number' then return quatOf(a[1], a[2], a[3], b) end
  if n == 2 and type(a) == 'number' and kb and kb.dims == 3 then
    local half = math.rad(a) / 2
    local s = math.sin(half)
    return quatOf(b[1] * s, b[2] * s, b[3] * s, math.cos(half))
  end
  if n == 2 and ka and kb and ka.dims == 3 and kb.dims == 3 then
    local la, lb = length(a), length(b)
    local ux, uy, uz = a[1] / la, a[2] / la, a[3] / la
    local vx, vy, vz = b[1] / lb, b[2] / lb, b[3] / lb
    local cosTheta = ux * vx + uy * vy + uz * vz
    local cx, cy, cz = uy * vz - uz * vy, uz * vx - ux * vz, ux * vy - uy * vx
    local s = sqrt((1 + cosTheta) * 2)
    return quatOf(cx / s, cy / s, cz / s, s / 2)
  end
  error("bad argument #1 to 'quat' (invalid quat structure)", 2)
end
qua = quat

-- json.encode writes vectors as { x, y, z, w } objects: a copy of the value with its vectors replaced.
local function plainVectors(v, depth)
  local k = kindOf(v)
  if k then
    local o = { x = v[1], y = v[2] }
    if k.dims >= 3 then o.z = v[3] end
    if k.dims >= 4 then o.w = v[4] end
    return o
  end
  if type(v) ~= 'table' or depth > 100 then return v end
  local copy, changed = {}, false
  for key, value in next, v do
    local plain = plainVectors(value, depth + 1)
    copy[key] = plain
    if not rawequal(plain, value) then changed = true end
  end
  return changed and copy or v
end
local jsonEncode = json.encode
json.encode = function(v, ...) return jsonEncode(plainVectors(v, 0), ...) end

--- CfxLua's type: vectors and quaternions report their own type names.
local rawtype = type
_G.type = function(...)
  if select('#', ...) == 0 then error("bad argument #1 to 'type' (value expected)", 2) end
  local k = kindOf((...))
  if k then return k.name end
  return rawtype((...))
end

`;
