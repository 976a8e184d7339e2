/**
 * The second chunk of the simulated CfxLua prelude: what FiveM's Lua 5.4 adds to the language and its base
 * library (citizenfx/lua, branch luaglm; flags in citizenfx/fivem `code/vendor/lua.lua`).
 *
 * - `load` compiles CfxLua syntax (see `cfx-syntax.ts`, reached through `host.translate`), for the resource's
 *   scripts and for every chunk they load themselves; `__cfx_safenav` is what `a?.b` becomes.
 * - `joaat(s)` (`GRIT_POWER_JOAAT`), `defer(fn)` (`GRIT_POWER_DEFER_OLD`: a to-be-closed value calling `fn`).
 * - The natives the world models become globals returning one value; those it does not model: see the end.
 */
export const LUA_CFX_SOURCE = String.raw`
local cfx = __cfx_internal
local host = cfx.host

local type, select, error, setmetatable, pairs = type, select, error, setmetatable, pairs
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
function load(chunk, chunkname, mode, ...)
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
  -- An env given as nil is an env (no globals); none given is the globals.
  if select('#', ...) == 0 then return rawload(chunk, chunkname, mode) end
  return rawload(chunk, chunkname, mode, (...))
end

--- What the translator turns a?.b and a?[k] into: a falsy a is the result itself.
function __cfx_safenav(v, k)
  if not v then return v end
  return v[k]
end

function joaat(s)
  if type(s) ~= 'string' then error("bad argument #1 to 'joaat' (string expected, got " .. type(s) .. ')', 2) end
  return host.joaat(toHex(s))
end

function defer(fn)
  return setmetatable({}, { __close = function() fn() end })
end

-- ---- natives the world does not model ----------------------------------------------------------------------------
-- FiveM resolves a missing global through _G's __index (natives_loader.lua): a native's name gives the native.
-- Here a native the world does not model gives a function that says so when called, so 'if SomeNative then'
-- holds as in FiveM and calling it fails with its name; other missing globals stay nil.
local isNative = host.isNative
local resolved = {}
setmetatable(_G, {
  __index = function(_, name)
    if type(name) ~= 'string' then return nil end
    local found = resolved[name]
    if found == nil then
      found = isNative(name) and function() error(sformat('native %s is not modelled by the simulated world', name), 2) end or false
      resolved[name] = found
    end
    return found or nil
  end,
})
`;
