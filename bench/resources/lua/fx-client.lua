-- Client script of a Lua resource calling the server through fxcallbacks' exports (the Promise form; plain, or with
-- lua/import.lua, which the rig adds for "with the import").
function call()
  return exports.fxcallbacks:TriggerServerCallbackPromise('echo', PAYLOAD)
end
