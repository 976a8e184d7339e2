/**
 * The second chunk of the simulated CfxLua prelude: what FiveM's Lua 5.4 adds to the language and its base
 * library (citizenfx/lua, branch luaglm; flags in citizenfx/fivem `code/vendor/lua.lua`).
 *
 * - `load` compiles CfxLua syntax (see `cfx-syntax.ts`, reached through `host.translate`), for the resource's
 *   scripts and for every chunk they load themselves; `__cfx_safenav` is what `a?.b` becomes. `require` finds
 *   only modules already loaded, and `dofile`/`loadfile` are gone, as in FiveM.
 * - `joaat(s)` (`GRIT_POWER_JOAAT`), `defer(fn)` (`GRIT_POWER_DEFER_OLD`: a to-be-closed value calling `fn`).
 * - `GRIT_POWER_WOW`'s library additions real resources use (ox_lib's `string.strsplit`): `string.strtrim`,
 *   `strsplit`, `strjoin`, `strconcat`, `tostringall`; `table.create`/`new`, `wipe`/`clear`, `clone`, `type`
 *   (`lstrlib.c`, `ltablib.c`). `table.type` reads the keys, not the table's internal parts.
 * - The natives the world models become globals returning one value; those it does not model: see the end.
 */
export const LUA_CFX_SOURCE = String.raw`
local cfx = __cfx_internal
local host = cfx.host

local type, select, error, setmetatable, pairs, tostring = type, select, error, setmetatable, pairs, tostring
local sformat, tconcat = string.format, table.concat

-- The natives the world models, as globals. A native gives one value, nil included (a JS function returning
-- nothing would give none through wasmoon, and tostring(LoadResourceFile(...)) would fail where FiveM's works).
for name, native in pairs(cfx.natives) do
  _G[name] = function(...) return (native(...)) end
end
cfx.natives = nil

-- ---- CfxLua syntax ---------------------------------------------------------------------------------------------
local rawload = load
local toHex, fromHex = cfx.toHex, cfx.fromHex

--- CfxLua's load: source chunks are translated to stock Lua first (same line numbers).
function load(...)
  local chunk, chunkname, mode, env = ...
  if type(chunk) == 'function' then
    local parts = {}
    while true do
      local part = chunk()
      if part == nil or part == '' then break end
      if type(part) ~= 'string' then return nil, 'reader function must return a string' end
      parts[#parts + 1] = part
    end
    chunk = tconcat(parts)
  end
  if type(chunk) == 'string' and chunk:byte(1) ~= 27 then
    chunk = fromHex(host.translate(toHex(chunk)))
  end
  -- an env given as nil is an environment of nil, not the default one
  if select('#', ...) >= 4 then return rawload(chunk, chunkname, mode, env) end
  return rawload(chunk, chunkname, mode)
end

-- FiveM's require gives only modules already in package.loaded (LuaScriptRuntime.cpp's Lua_Require; its 'glm'
-- and 'lmprof' are not modelled), and there is no dofile or loadfile.
local loaded = package.loaded
function require(name)
  if type(name) ~= 'string' and type(name) ~= 'number' then
    error(sformat("bad argument #1 to 'require' (string expected, got %s)", name == nil and 'no value' or type(name)), 2)
  end
  local module = loaded[tostring(name)]
  if module then return module end
  error(sformat("module '%s' not found", tostring(name)), 2)
end
dofile, loadfile = nil, nil

--- What the translator turns a?.b and a?[k] into: a falsy a is the result itself. A value that cannot be indexed
--- fails at the caller's line, as the indexing would in CfxLua.
function __cfx_safenav(v, k)
  if not v then return v end
  local tv = type(v)
  if tv ~= 'table' and tv ~= 'string' and tv ~= 'userdata' then
    error(sformat('attempt to index a %s value', tv), 2)
  end
  return v[k]
end

function joaat(s)
  if type(s) ~= 'string' then error("bad argument #1 to 'joaat' (string expected, got " .. type(s) .. ')', 2) end
  return host.joaat(toHex(s))
end

function defer(fn)
  return setmetatable({}, { __close = function() fn() end })
end

-- ---- GRIT_POWER_WOW: string and table additions -------------------------------------------------------------
local tointeger, next = math.tointeger, next

local function checkString(v, i, fname)
  local tv = type(v)
  if tv == 'number' then return tostring(v) end
  if tv ~= 'string' then error(sformat("bad argument #%d to '%s' (string expected, got %s)", i, fname, tv == 'nil' and 'no value' or tv), 3) end
  return v
end

function string.strtrim(s, chars)
  s = checkString(s, 1, 'strtrim')
  chars = chars == nil and '\t\n\v\f\r ' or checkString(chars, 2, 'strtrim')
  local i, j = 1, #s
  while i <= j and chars:find(s:sub(i, i), 1, true) do i = i + 1 end
  while j > i and chars:find(s:sub(j, j), 1, true) do j = j - 1 end
  return s:sub(i, j)
end

function string.strsplit(delimiter, s, limit)
  delimiter = checkString(delimiter, 1, 'strsplit')
  s = checkString(s, 2, 'strsplit')
  limit = tointeger(limit or 0) or 0
  local parts, count, start = {}, 0, 1
  if limit == 0 or limit > 1 then
    for i = 1, #s do
      if delimiter:find(s:sub(i, i), 1, true) then
        count = count + 1
        parts[count] = s:sub(start, i - 1)
        start = i + 1
        if count == limit - 1 then break end
      end
    end
  end
  parts[count + 1] = s:sub(start)
  return table.unpack(parts, 1, count + 1)
end

function string.strjoin(delimiter, ...)
  delimiter = checkString(delimiter, 1, 'strjoin')
  local n = select('#', ...)
  if n == 0 then return '' end
  local parts = {}
  for i = 1, n do
    local v = select(i, ...)
    if type(v) ~= 'string' and type(v) ~= 'number' then
      error(sformat("invalid value (%s) at argument %d for 'join'", type(v), i + 1), 2)
    end
    parts[i] = tostring(v)
  end
  return tconcat(parts, delimiter)
end

function string.strconcat(...)
  local parts = {}
  for i = 1, select('#', ...) do parts[i] = (select(i, ...)) end
  return tconcat(parts)
end

function string.tostringall(...)
  local parts = {}
  local n = select('#', ...)
  for i = 1, n do parts[i] = tostring((select(i, ...))) end
  return table.unpack(parts, 1, n)
end

local function checkTable(t, fname)
  if type(t) ~= 'table' then error(sformat("bad argument #1 to '%s' (table expected, got %s)", fname, t == nil and 'no value' or type(t)), 3) end
end

function table.create(narray, nhash)
  if not tointeger(narray) or narray < 0 then error("bad argument #1 to 'create' (invalid narray size)", 2) end
  if not tointeger(nhash) or nhash < 0 then error("bad argument #2 to 'create' (invalid nrec size)", 2) end
  return {}
end
table.new = table.create

function table.wipe(t)
  checkTable(t, 'wipe')
  while true do
    local k = next(t)
    if k == nil then break end
    t[k] = nil
  end
  return t
end
table.clear = table.wipe

function table.clone(t, sink)
  checkTable(t, 'clone')
  sink = sink or {}
  for k, v in next, t do sink[k] = v end
  return sink
end

function table.type(t)
  if type(t) ~= 'table' then return nil end
  if next(t) == nil then return 'empty' end
  local n, count, inArray = #t, 0, 0
  for k in next, t do
    count = count + 1
    if tointeger(k) and k >= 1 and k <= n then inArray = inArray + 1 end
  end
  if inArray == count then return 'array' end
  if inArray == 0 then return 'hash' end
  return 'mixed'
end

-- ---- natives the world does not model ----------------------------------------------------------------------------
-- FiveM resolves a missing global through _G's __index (natives_loader.lua): a native's name gives the native.
-- Here a native the world does not model gives a function that says so when called, so 'if SomeNative then'
-- holds as in FiveM and calling it fails with its name. So do the globals scheduler.lua adds that the world does
-- not model (HTTP, state bags); other missing globals stay nil.
local function unmodelled(what)
  return function() error(what .. ' is not modelled by the simulated world', 2) end
end
local function unmodelledTable(what)
  local fail = unmodelled(what)
  return setmetatable({}, { __index = fail, __newindex = fail, __call = fail })
end
local schedulerGlobals = {
  PerformHttpRequest = unmodelled('PerformHttpRequest'),
  PerformHttpRequestAwait = unmodelled('PerformHttpRequestAwait'),
  Player = unmodelled('Player (state bags)'),
  Entity = unmodelled('Entity (state bags)'),
  GlobalState = unmodelledTable('GlobalState (state bags)'),
  LocalPlayer = not host.isServer and unmodelledTable('LocalPlayer (state bags)') or nil,
}

local isNative = host.isNative
local resolved = {}
setmetatable(_G, {
  __index = function(_, name)
    if type(name) ~= 'string' then return nil end
    local found = resolved[name]
    if found == nil then
      found = schedulerGlobals[name] or (isNative(name) and unmodelled('native ' .. name)) or false
      resolved[name] = found
    end
    return found or nil
  end,
})
`;
