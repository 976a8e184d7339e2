-- Server script of the raw Lua transport: answers every ping with a pong carrying the same payload.
RegisterNetEvent('bench:ping', function(payload)
  TriggerClientEvent('bench:pong', source, payload)
end)
