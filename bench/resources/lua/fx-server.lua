-- Server script of a Lua resource answering through fxcallbacks' exports (plain; the rig adds lua/import.lua for "with the import").
exports.fxcallbacks:RegisterServerCallback('echo', function(_source, cb, payload)
  cb(payload)
end)
