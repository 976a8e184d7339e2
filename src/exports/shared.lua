-- fxcallbacks, both sides: the plain exports Lua resources call, served by the same Lua protocol as lua/import.lua
-- (lua/protocol.lua) in this resource's own Lua state. Values between two Lua states stay exactly as FiveM's own
-- Lua-to-Lua events carry them (integer keys, byte strings, integer/float subtypes, nil holes): they are packed in Lua
-- and travel as bytes JavaScript never decodes. Here the handler is the caller's function reference: this state
-- calls it (a crossing into that resource), and calls a caller's `cb` back the same way.
local resource = GetCurrentResourceName()
local fx = FxcallbacksHelpers
  or load(LoadResourceFile(resource, 'lua/helpers.lua'), ('@@%s/lua/helpers.lua'):format(resource))(resource)
local proto = load(LoadResourceFile(resource, 'lua/protocol.lua'), ('@@%s/lua/protocol.lua'):format(resource))(resource, fx)
FxcbProtocol = proto

-- What JavaScript calls a value's type in its messages (a Lua table arrives there as an array or an object).
local function typeName(value)
  if type(value) ~= 'table' then return type(value) end
  return (next(value) == nil or #value > 0) and 'an array table' or 'object'
end

-- Registers `owner`'s `handler` (a function reference into it) through the export `export`.
function FxcbRegister(export, owner, name, handler, options)
  if not fx.isCallable(handler) then
    error(('%s: handler (argument 2) must be a function, got %s'):format(export, typeName(handler)), 0)
  end
  local registered = exports[resource]:__RegisterLuaStateCallback(name, options, owner)
  if registered then proto.handle(name, handler, options, owner) end
  return registered
end

-- Unregisters `owner`'s callback `name`; its function reference is dropped here too, so that its resource can free it.
function FxcbUnregister(owner, name)
  local unregistered = exports[resource]:__UnregisterLuaCallback(name, owner)
  if unregistered then proto.forget(name, owner) end
  return unregistered
end

-- A Promise export returns every value of the answer to its caller: the runtime packs a Lua function's return
-- values into one table, where a nil leaves a hole that loses every later value; msgpack.null keeps each in its place.
function FxcbAwait(export, target, name, owner, ...)
  local answer = proto.await(export, target, name, owner, ...)
  local values = {}
  for i = 1, answer.n do
    if answer[i] == nil then values[i] = msgpack.null else values[i] = answer[i] end
  end
  return table.unpack(values, 1, answer.n)
end
