/**
 * The specification's Quick Start (callback-module.md), run as Lua consumer resources against the built
 * resource: basic server callback, promise form, client callback. Only the spec's non-callback helpers
 * (GetPlayerData, SendNotify) are replaced by small Lua stubs in the consumer.
 */
import { scriptErrors, startBridge, useLua } from './support';

useLua();

/** Server side of "Basic Server Callback", with GetPlayerData stubbed: player 1 has data, the others none. */
const MONEY_SERVER = `
local playerData = { [1] = { money = { bank = 2500, cash = 40 } } }
local function GetPlayerData(src) return playerData[src] end

exports.community_bridge:RegisterServerCallback('getPlayerMoney', function(src, cb, accountType)
    local playerData = GetPlayerData(src)
    if playerData then
        local money = playerData.money[accountType] or 0
        cb(money)
    else
        cb(nil, "Player data not found")
    end
end)
`;

describe('Basic Server Callback', () => {
  const client = `
results = {}
exports.community_bridge:TriggerServerCallback('getPlayerMoney', function(money, error)
    if error then
        print("Error:", error)
        results[#results + 1] = { kind = 'error', error = error, moneyIsNil = money == nil }
        return
    end

    print("Player money:", money)
    results[#results + 1] = { kind = 'money', money = money }
end, 'bank')

-- the same call, recording exactly what arrives
exports.community_bridge:TriggerServerCallback('getPlayerMoney', function(...)
    arrived = table.pack(...)
end, 'bank')
`;

  test('a player with data gets the value; one without gets (nil, "Player data not found")', async () => {
    const { world, client: luaClient } = startBridge({ server: MONEY_SERVER, client }, { players: 2, latency: 20 });
    await world.advance(200);

    expect(luaClient(0).get('results')).toEqual([{ kind: 'money', money: 2500 }]);
    expect(luaClient(0).get('arrived')).toEqual({ 1: 2500, n: 1 });
    expect(world.logs.find('Player money:\t2500')).toHaveLength(1);

    expect(luaClient(1).get('results')).toEqual([{ kind: 'error', error: 'Player data not found', moneyIsNil: true }]);
    expect(luaClient(1).runAll('return arrived.n, arrived[1], arrived[2]')).toEqual([2, null, 'Player data not found']);
    expect(world.logs.find('Error:\tPlayer data not found')).toHaveLength(1);
    expect(scriptErrors(world)).toEqual([]);
  });
});

describe('Promise-Based Callback', () => {
  const client = `
local function getPlayerMoney(accountType)
    return exports.community_bridge:TriggerServerCallbackPromise('getPlayerMoney', accountType)
end

Citizen.CreateThread(function()
    local money, error = getPlayerMoney('bank')
    outcome = { money = money, error = error, count = select('#', getPlayerMoney('cash')) }
    if error then
        print("Failed to get money:", error)
        return
    end

    print("Bank balance:", money)
end)
`;

  test('inside a thread, `local money, err = ...` gets both values without Citizen.Await by the caller', async () => {
    const { world, client: luaClient } = startBridge({ server: MONEY_SERVER, client }, { players: 2, latency: 20 });
    await world.advance(300);
    expect(luaClient(0).get('outcome')).toEqual({ money: 2500, count: 1 });
    expect(world.logs.find('Bank balance:\t2500')).toHaveLength(1);
    expect(luaClient(1).get('outcome')).toEqual({ error: 'Player data not found', count: 2 });
    expect(world.logs.find('Failed to get money:\tPlayer data not found')).toHaveLength(1);
    expect(scriptErrors(world)).toEqual([]);
  });
});

describe('Client Callback', () => {
  const client = `
notifications = {}
local function SendNotify(message, type) notifications[#notifications + 1] = { message, type, GetGameTimer() } end

exports.community_bridge:RegisterClientCallback('showNotification', function(cb, message, type, duration)
    SendNotify(message, type)

    -- Simulate notification display duration
    Citizen.SetTimeout(duration or 3000, function()
        cb(true, "Notification shown")
    end)
end)
`;
  const server = `
displayed = {}
function greet(playerId)
    exports.community_bridge:TriggerClientCallback(playerId, 'showNotification', function(success, result)
        if success then
            print("Notification displayed to player", playerId)
        end
        displayed[#displayed + 1] = { playerId = playerId, success = success, result = result, at = GetGameTimer() }
    end, "Welcome to the server!", "success", 5000)
end

function greetWithPromise(playerId)
    Citizen.CreateThread(function()
        local success, result = exports.community_bridge:TriggerClientCallbackPromise(playerId, 'showNotification', 'Promise form', 'info', 200)
        promised = { success = success, result = result, at = GetGameTimer() }
    end)
end
`;

  test('the server gets (true, "Notification shown") after the client waited the duration', async () => {
    const { world, server: luaServer, client: luaClient, clients } = startBridge({ server, client }, { latency: 10 });
    const id = clients[0]!.playerId;
    luaServer().run(`greet(${id})`);
    await world.advance(4000);
    expect(luaServer().get('displayed')).toEqual([]);
    await world.advance(2000);
    const [entry] = luaServer().get<Array<{ playerId: number; success: boolean; result: string; at: number }>>('displayed');
    expect(entry).toMatchObject({ playerId: id, success: true, result: 'Notification shown' });
    expect(entry!.at).toBeGreaterThanOrEqual(5000);
    expect(luaClient().get<unknown[][]>('notifications')[0]!.slice(0, 2)).toEqual(['Welcome to the server!', 'success']);
    expect(world.logs.find(`Notification displayed to player\t${id}`)).toHaveLength(1);
  });

  test('TriggerClientCallbackPromise in a server thread gives (true, "Notification shown")', async () => {
    const { world, server: luaServer, clients } = startBridge({ server, client }, { latency: 10 });
    luaServer().run(`greetWithPromise(${clients[0]!.playerId})`);
    await world.advance(1000);
    const promised = luaServer().get<{ success: boolean; result: string; at: number }>('promised');
    expect(promised).toMatchObject({ success: true, result: 'Notification shown' });
    expect(promised.at).toBeGreaterThanOrEqual(200);
    expect(scriptErrors(world)).toEqual([]);
  });
});
