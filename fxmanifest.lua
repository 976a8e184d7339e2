fx_version 'cerulean'
game 'gta5'

name 'fxcallbacks'
description 'Request/response callbacks for FiveM built on RxJS'
version '0.1.0'

-- The JavaScript bundles hold the logic; the Lua files are the exports Lua resources call, packing Lua values in Lua.
shared_scripts {
  'dist/lua/shared.lua',
}

server_scripts {
  'dist/server.js',
  'dist/lua/server.lua',
}

client_scripts {
  'dist/client.js',
  'dist/lua/client.lua',
}

-- Drop-in shims other resources load with shared_script '@fxcallbacks/compat/<framework>.lua', and the optional
-- import '@fxcallbacks/lua/import.lua'; clients only get another resource's file if that resource lists it.
files {
  'compat/*.lua',
  'lua/import.lua',
  'lua/helpers.lua',
  'lua/protocol.lua',
}
