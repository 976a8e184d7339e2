-- Server script of a Lua resource answering through fxcallbacks' exports.
exports.fxcallbacks:RegisterServerCallback('echo', function(_source, cb, payload)
  cb(payload)
end)
