-- The demo's client resource: the specification's client-side examples, each started by a console command.

RegisterCommand('basic', function()
    exports.community_bridge:TriggerServerCallback('getPlayerMoney', function(money, error)
        if error then
            print("Error:", error)
            return
        end
        print("Player money:", money)
    end, 'bank')
end)

RegisterCommand('promise', function()
    Citizen.CreateThread(function()
        local money, error = exports.community_bridge:TriggerServerCallbackPromise('getPlayerMoney', 'cash')
        if error then
            print("Failed to get money:", error)
            return
        end
        print("Cash balance:", money)
    end)
end)

exports.community_bridge:RegisterClientCallback('showNotification', function(cb, message, type, duration)
    print(("client: showing [%s] %s for %d ms"):format(type, message, duration))
    Citizen.SetTimeout(duration or 3000, function()
        cb(true, "Notification shown")
    end)
end)

RegisterCommand('purchase', function(source, args)
    local model, price = args[1], tonumber(args[2])
    exports.community_bridge:TriggerServerCallback('purchaseVehicle', function(result, error)
        if error then
            print(("Purchase of %s failed: %s"):format(model, error))
            return
        end
        print(("Bought %s: vehicle #%d, $%d left"):format(model, result.vehicleId, result.remainingMoney))
    end, { model = model, price = price })
end)

RegisterCommand('timeout', function()
    exports.community_bridge:TriggerServerCallbackWithOptions('heavyOperation', { timeout = 10000 }, function(result, error, timedOut)
        if timedOut then
            print("Operation timed out, please try again")
            return
        end
        if error then
            print("Error: " .. error)
            return
        end
        print("Operation completed:", json.encode(result))
    end, { kind = 'report' })
end)

RegisterCommand('deposit', function(source, args)
    local amount = tonumber(args[1])
    exports.community_bridge:TriggerServerCallbackWithOptions('bank:deposit', { timeout = 400, retries = 2, retryDelay = 100 }, function(balance, error)
        if error then print('Deposit failed: ' .. error) return end
        print(('Deposited %d, bank balance %d'):format(amount, balance))
    end, amount)
end)

RegisterCommand('flood', function(source, args)
    local count, pongs, refused, reason = tonumber(args[1]), 0, 0, ''
    for _ = 1, count do
        exports.community_bridge:TriggerServerCallback('shop:ping', function(answer, error)
            if answer == 'pong' then pongs = pongs + 1 else refused, reason = refused + 1, error end
            if pongs + refused == count then print(('Flood of %d pings: %d answered, %d refused (%s)'):format(count, pongs, refused, reason)) end
        end)
    end
end)

exports.community_bridge:RegisterClientCallback('confirmTrade', function(cb, question)
    print('client: asked "' .. question .. '", thinking...')
    Citizen.SetTimeout(5000, function() cb(true) end)
end)

-- The calls this player made, as their caller sees them (a timeout is the caller's to see).
RegisterCommand('mymetrics', PrintCallbackMetrics)
