--[[ fxcallbacks import for Lua resources (optional). In the resource's fxmanifest.lua:
    shared_script '@fxcallbacks/lua/import.lua'
A handler registered through exports.fxcallbacks:RegisterServerCallback / RegisterClientCallback is a function
reference the hub calls into this resource. When it raises before yielding, FiveM hands the hub only a generic
error, so its caller would learn nothing but "the handler raised an error". This file runs each handler under
xpcall in this resource's own Lua state: a raise prints the whole error here and answers cb(nil, message), the
error's first line without script locations or colour codes, so callers (Lua or TypeScript) get HANDLER_ERROR
with the handler's own reason, before and after a yield alike. Every other export is the hub's, unchanged. ]]
local hub = GetConvar('fxcallbacks:hub', 'fxcallbacks')
local GENERIC = 'the handler raised an error'

-- `@shop/server.lua:12: ^1no stock^7\n<traceback>` → `no stock`: the caller may be a client, which must not
-- learn the server's file layout.
local function publicMessage(err)
  if type(err) ~= 'string' and type(err) ~= 'number' then return GENERIC end
  local text = tostring(err):gsub('%^%d', ''):match('^[^\n]*'):gsub('^SCRIPT ERROR:%s*', '')
  repeat
    local before = text
    text = text:gsub('^@?[%w%./_%-]+:%d+:%s*', '', 1):gsub('^%[string ".-"%]:%d+:%s*', '', 1)
  until text == before
  text = text:match('^%s*(.-)%s*$')
  return text ~= '' and text or GENERIC
end

local function traced(err)
  return { err = err, trace = debug.traceback(tostring(err), 2) }
end

-- Runs the handler; on a raise, prints it here and answers the caller with its public message. What the handler
-- returns is returned (a handler may answer by returning a value).
local function guarded(name, handler, cb, ...)
  local results = table.pack(xpcall(handler, traced, ...))
  if results[1] then return table.unpack(results, 2, results.n) end
  local failure = results[2]
  print(("^1SCRIPT ERROR: callback '%s' raised: %s^0"):format(name, failure.trace))
  cb(nil, publicMessage(failure.err))
end

local target = exports[hub]
local proxy = {}
if IsDuplicityVersion() then
  function proxy.RegisterServerCallback(_, name, handler, ...)
    if type(handler) ~= 'function' then return target:RegisterServerCallback(name, handler, ...) end
    return target:RegisterServerCallback(name, function(source, cb, ...)
      return guarded(name, handler, cb, source, cb, ...)
    end, ...)
  end
else
  function proxy.RegisterClientCallback(_, name, handler, ...)
    if type(handler) ~= 'function' then return target:RegisterClientCallback(name, handler, ...) end
    return target:RegisterClientCallback(name, function(cb, ...)
      return guarded(name, handler, cb, cb, ...)
    end, ...)
  end
end
rawset(exports, hub, setmetatable(proxy, { __index = target }))
