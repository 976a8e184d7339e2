-- Client script of a Lua resource calling the server through fxcallbacks' exports (the Promise form).
function call()
  return exports.fxcallbacks:TriggerServerCallbackPromise('echo', PAYLOAD)
end
