fx_version 'cerulean'
game 'gta5'

-- A resource written for ox_lib's lib.callback, running unchanged on fxcallbacks' shim (no ox_lib installed).
shared_script '@community_bridge/compat/ox_lib.lua'

server_scripts {
  'server.lua',
}

client_scripts {
  'client.lua',
}
