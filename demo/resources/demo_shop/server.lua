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
