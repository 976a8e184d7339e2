-- The demo's server resource: the specification's server-side examples, with small stand-ins for the
-- bridge's non-callback helpers (player data, money, vehicles).
local accounts = {}

local function GetPlayerData(src)
    accounts[src] = accounts[src] or { money = { bank = 25000, cash = 150 } }
    return accounts[src]
end

-- Basic server callback
exports.community_bridge:RegisterServerCallback('getPlayerMoney', function(src, cb, accountType)
    local playerData = GetPlayerData(src)
    if playerData then
        local money = playerData.money[accountType] or 0
        cb(money)
    else
        cb(nil, "Player data not found")
    end
end)

-- Multi-step purchase: funds, availability, then the purchase
local stock = { adder = true, zentorno = false }
exports.community_bridge:RegisterServerCallback('purchaseVehicle', function(src, cb, vehicleData)
    local playerData = GetPlayerData(src)
    if playerData.money.bank < vehicleData.price then
        cb(nil, "Insufficient funds")
        return
    end
    if not stock[vehicleData.model] then
        cb(nil, "Vehicle not available")
        return
    end
    playerData.money.bank = playerData.money.bank - vehicleData.price
    cb({ vehicleId = math.random(1000, 9999), remainingMoney = playerData.money.bank, purchaseTime = os.time() })
end, { rateLimit = { limit = 5, window = 60000 } })

-- A slow operation, for the timeout scenario
exports.community_bridge:RegisterServerCallback('heavyOperation', function(src, cb, operationData)
    Citizen.SetTimeout(15000, function() cb({ done = true }) end)
end)

-- Client callback: the server asks a player's client to show a notification
RegisterCommand('notify', function(source, args)
    local playerId = tonumber(args[1])
    print(('server: asking player %d to show a notification'):format(playerId))
    exports.community_bridge:TriggerClientCallback(playerId, 'showNotification', function(success, result)
        if success then
            print(('server: notification displayed to player %d (%s)'):format(playerId, result))
        end
    end, "Welcome to the server!", "success", 5000)
end, true)

-- Retry under packet loss: a deposit must happen once, however many times the client asks for it.
local depositsRun = 0
exports.community_bridge:RegisterServerCallback('bank:deposit', function(src, cb, amount)
    depositsRun = depositsRun + 1
    local playerData = GetPlayerData(src)
    playerData.money.bank = playerData.money.bank + amount
    print(('server: deposit handler ran for %s (run #%d), bank now %d'):format(GetPlayerName(src), depositsRun, playerData.money.bank))
    cb(playerData.money.bank)
end)

-- A rate-limited callback: 5 calls per second per player; the rest are refused before the handler runs.
exports.community_bridge:RegisterServerCallback('shop:ping', function(src, cb) cb('pong') end,
    { rateLimit = { limit = 5, window = 1000 } })

-- A player dropping mid-call: the server asks for a confirmation the player never gets to give.
RegisterCommand('confirm', function(source, args)
    local playerId = tonumber(args[1])
    local name = GetPlayerName(playerId)
    exports.community_bridge:TriggerClientCallback(playerId, 'confirmTrade', function(accepted, err)
        if err then print(('server: the trade with %s ended: %s'):format(name, err)) return end
        print(('server: %s answered %s'):format(name, tostring(accepted)))
    end, 'Trade your adder for 10 bread?')
end, true)

-- The metrics table, keyed by callback name.
RegisterCommand('metrics', PrintCallbackMetrics, true)
