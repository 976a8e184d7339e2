fx_version 'cerulean'
game 'gta5'

-- A consumer of the callbacks, written like the specification's examples.
dependency 'community_bridge'

shared_scripts {
  'metrics.lua',
}

server_scripts {
  'server.lua',
}

client_scripts {
  'client.lua',
}
