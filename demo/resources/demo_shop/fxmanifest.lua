fx_version 'cerulean'
game 'gta5'

-- A consumer of the callbacks, written like the specification's examples.
dependency 'community_bridge'

server_scripts {
  'server.lua',
}

client_scripts {
  'client.lua',
}
