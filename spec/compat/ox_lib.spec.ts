/**
 * compat/ox_lib.lua: ox_lib's lib.callback backed by fxcallbacks. The documented examples of
 * https://coxdocs.dev/ox_lib/Modules/Callback/Lua/Client and .../Lua/Server run unchanged (marked "verbatim");
 * only what they use besides lib.callback (Inventory, lib.getNearbyVehicles, DeleteEntity, ...) is stubbed.
 */
import { expectForgedReplyRefused, onFlavour, printed, scriptErrors, startShims, useLua, type Flavour } from './support';

useLua();

/** The server resource of ox_inventory's documented callback, with Inventory stubbed: player 1 has 3 fresh water. */
const INVENTORY = {
  name: 'ox_inventory',
  shim: 'ox_lib' as const,
  server: `
local inventories = { [1] = { water = { fresh = 3, salt = 1 } } }
Inventory = setmetatable({
  GetItem = function(inventory, item, metadata) return (inventory[item] or {})[metadata and metadata.type] end,
}, { __call = function(_, id) return inventories[id] end })

-- verbatim
lib.callback.register('ox_inventory:getItemCount', function(source, item, metadata, target)
    local inventory = target and Inventory(target) or Inventory(source)
    return (inventory and Inventory.GetItem(inventory, item, metadata, true)) or 0
end)
`,
};

describe('the documented examples, without ox_lib', () => {
  test('client → server: lib.callback and lib.callback.await reach a callback another resource registered', async () => {
    const client = `
-- verbatim
lib.callback('ox_inventory:getItemCount', false, function(count)
    print(count)
end, 'water', {type = 'fresh'})

CreateThread(function()
-- verbatim
local count = lib.callback.await('ox_inventory:getItemCount', false, 'water', {type = 'fresh'})
print(count)
end)
`;
    const { world } = startShims([INVENTORY, { name: 'hud', shim: 'ox_lib', client }], { players: 2, latency: 20 });
    await world.advance(300);
    expect(printed(world, 'hud', 'client:1')).toEqual(['3', '3']);
    expect(printed(world, 'hud', 'client:2')).toEqual(['0', '0']);
    expect(scriptErrors(world)).toEqual([]);
  });

  test('server → client: lib.callback and lib.callback.await with the player id', async () => {
    const client = `
cache = { ped = 7 }
function GetEntityCoords(ped) return { x = ped, y = 0, z = 0 } end
lib.getNearbyVehicles = function(coords, radius, includePlayerVehicle)
  local found = {}
  for i = 1, radius // 5 do found[i] = { vehicle = 100 + i } end
  return found
end

-- verbatim
lib.callback.register('ox:getNearbyVehicles', function(radius)
    local nearbyVehicles = lib.getNearbyVehicles(GetEntityCoords(cache.ped), radius, true)
    return nearbyVehicles
end)
`;
    const server = `
deleted = 0
function DeleteEntity(entity) deleted = deleted + 1 end

function deleteWithCallback(source, args)
-- verbatim
lib.callback('ox:getNearbyVehicles', source, function(vehicles)
    for i = 1, #vehicles do
        DeleteEntity(entity)
    end
end, args.radius)
end

function deleteAwaiting(source, args)
CreateThread(function()
-- verbatim
local vehicles = lib.callback.await('ox:getNearbyVehicles', source, args.radius)
 
for i = 1, #vehicles do
    DeleteEntity(entity)
end
end)
end
`;
    const { world, server: s } = startShims([{ name: 'garage', shim: 'ox_lib', client }, { name: 'admin', shim: 'ox_lib', server }], { latency: 20 });
    s('admin').run(`deleteWithCallback(1, { radius = 10 })`);
    await world.advance(200);
    expect(s('admin').get('deleted')).toBe(2);
    s('admin').run(`deleteAwaiting(1, { radius = 15 })`);
    await world.advance(200);
    expect(s('admin').get('deleted')).toBe(5);
    expect(scriptErrors(world)).toEqual([]);
  });
});

test('with ox_lib loaded first, only lib.callback is replaced', async () => {
  const oxLib = { name: 'ox_lib', files: { 'init.lua': `lib = { name = 'ox_lib', callback = 'ox_lib callback', math = { round = math.floor } }` } };
  const client = `
local before = lib
CreateThread(function()
  result = { same = lib == before, name = lib.name, round = lib.math.round(2.7), count = lib.callback.await('ox_inventory:getItemCount', false, 'water', { type = 'salt' }) }
end)`;
  const { world, client: c } = startShims([oxLib, INVENTORY, { name: 'hud', before: ['@ox_lib/init.lua'], shim: 'ox_lib', client }], { latency: 20 });
  await world.advance(200);
  expect(c(0, 'hud').get('result')).toEqual({ same: true, name: 'ox_lib', round: 2, count: 1 });
});

describe('as in ox_lib', () => {
  const server = `
calls = 0
lib.callback.register('count', function(source) calls = calls + 1; return calls end)
lib.callback.register('explode', function(source) error('the vault is locked') end)
lib.callback.register('pair', function(source) return nil, 5 end)
`;

  test('a server await to a player who does not exist raises as in ox_lib', () => {
    const { server: s } = startShims([{ name: 'admin', shim: 'ox_lib', server: `ok, err = pcall(lib.callback.await, 'x', 42)` }]);
    expect(s('admin').runAll('return ok, err')).toEqual([false, expect.stringContaining("target playerId '42' does not exist")]);
  });

  test('the waiting forms called outside a thread say so at once, naming the fix (all three shims)', () => {
    const lines = {
      ox_lib: `ok, err = pcall(lib.callback.await, 'count', false)`,
      esx: `ok, err = pcall(ESX.AwaitServerCallback, 'count')`,
      qbcore: `ok, err = pcall(QBCore.Functions.TriggerCallback, 'count')`,
    };
    for (const [shim, client] of Object.entries(lines)) {
      const { client: c } = startShims([{ name: 'atm', shim: shim as keyof typeof lines, client }]);
      expect(c(0, 'atm').runAll('return ok, err')).toEqual([false, expect.stringContaining('waits for the answer, so it must run inside a thread: wrap it in CreateThread')]);
    }
  });

  test('delay: a client call made again within `delay` ms is skipped, as in ox_lib', async () => {
    const client = `
results = {}
function ask() CreateThread(function() results[#results + 1] = lib.callback.await('count', 1000) or 'skipped' end) end`;
    const { world, server: s, client: c } = startShims([{ name: 'bank', shim: 'ox_lib', server }, { name: 'atm', shim: 'ox_lib', client }], { latency: 20 });
    c(0, 'atm').run('ask()');
    await world.advance(100);
    c(0, 'atm').run('ask()');
    await world.advance(1_000);
    c(0, 'atm').run('ask()');
    await world.advance(100);
    expect(c(0, 'atm').get('results')).toEqual([1, 'skipped', 2]);
    expect(s('bank').get('calls')).toBe(2);
  });
});

test('a reply forged by another player is refused; the asked player\'s answer arrives', async () => {
  const client = `lib.callback.register('whoami', function() Wait(500); return GetPlayerServerId(PlayerId()) end)`;
  const admin = `function ask(playerId) CreateThread(function() answer = lib.callback.await('whoami', playerId) end) end`;
  const shims = startShims([{ name: 'game', shim: 'ox_lib', client }, { name: 'admin', shim: 'ox_lib', server: admin }], { players: 2, latency: 20 });
  await expectForgedReplyRefused(shims, 'admin');
});

/**
 * The same resources, unchanged, on ox_lib's own callback code (fixtures/ox_lib, verbatim) and on the shim: the same
 * answers and the same failures, and where the shim differs, the difference the README names.
 */
describe("point by point against ox_lib's own callback code", () => {
  const bank = {
    name: 'bank',
    shim: 'ox_lib' as const,
    server: `
lib.callback.register('bank:echo', function(source, ...) return source, select('#', ...), ... end)
lib.callback.register('bank:several', function(source) return 1, nil, 'three', nil end)
lib.callback.register('bank:reason', function(source) return nil, 'no stock' end)
lib.callback.register('bank:explode', function(source) error('the vault is locked') end)
lib.callback.register('bank:silent', function(source) Citizen.Await(promise.new()) end)
lib.callback.register('bank:slow', function(source, ms) Wait(ms) return ms end)
got = {}
function ask(key, player, name, ...) lib.callback(name, player, function(...) got[key] = table.pack(...) end, ...) end
function await(key, player, name, ...)
  local args = table.pack(...)
  CreateThread(function() got[key] = table.pack(pcall(lib.callback.await, name, player, table.unpack(args, 1, args.n))) end)
end
`,
  };
  const atm = {
    name: 'atm',
    shim: 'ox_lib' as const,
    client: `
lib.callback.register('atm:pin', function(tries) return tries < 3, nil, 'pin' end)
lib.callback.register('atm:explode', function() error('the card reader jammed') end)
got = {}
function ask(key, name, ...) lib.callback(name, false, function(...) got[key] = table.pack(...) end, ...) end
function await(key, name, ...)
  local args = table.pack(...)
  CreateThread(function() got[key] = table.pack(pcall(lib.callback.await, name, false, table.unpack(args, 1, args.n))) end)
end
`,
  };

  async function run(flavour: Flavour) {
    const shims = startShims(onFlavour(flavour, 'ox_lib', [bank, atm]), { latency: 20 });
    const { world, server: s, client: c } = shims;
    c(0, 'atm').run(`
ask('echo', 'bank:echo', 'a', nil, 3)
ask('several', 'bank:several')
ask('reason', 'bank:reason')
ask('explode', 'bank:explode')
ask('silent', 'bank:silent')
ask('unknown', 'nobody:here')
ask('slow1', 'bank:slow', 300)
ask('slow2', 'bank:slow', 100)
await('awaitSeveral', 'bank:several')
await('awaitReason', 'bank:reason')
await('awaitExplode', 'bank:explode')
await('awaitUnknown', 'nobody:here')
await('awaitSilent', 'bank:silent')`);
    s('bank').run(`ask('pin', 1, 'atm:pin', 1); ask('pinExplode', 1, 'atm:explode'); await('awaitPin', 1, 'atm:pin', 5)`);
    await world.advance(500);
    const early = { client: c(0, 'atm').get<Record<string, unknown>>('got'), server: s('bank').get<Record<string, unknown>>('got') };
    await world.advance(300_000);
    const late = { client: c(0, 'atm').get<Record<string, unknown>>('got'), server: s('bank').get<Record<string, unknown>>('got') };
    return { shims, early, late };
  }

  test('answers: arguments and source, several values with nil holes, return nil + reason, a raise, concurrent calls, await', async () => {
    const framework = await run('framework');
    const shim = await run('shim');
    const keys = ['echo', 'several', 'reason', 'explode', 'slow1', 'slow2', 'awaitSeveral', 'awaitReason', 'awaitExplode'];
    const answers = (early: { client: Record<string, unknown>; server: Record<string, unknown> }) => ({
      ...Object.fromEntries(keys.map((key) => [key, early.client[key]])),
      pin: early.server.pin,
      pinExplode: early.server.pinExplode,
      awaitPin: early.server.awaitPin,
    });
    expect(answers(shim.early)).toEqual(answers(framework.early));
    expect(answers(shim.early)).toEqual({
      echo: { 1: 1, 2: 3, 3: 'a', 5: 3, n: 5 },
      several: { 1: 1, 3: 'three', n: 3 },
      reason: { 2: 'no stock', n: 2 },
      explode: { n: 0 },
      slow1: { 1: 300, n: 1 },
      slow2: { 1: 100, n: 1 },
      awaitSeveral: { 1: true, 2: 1, 4: 'three', n: 4 },
      awaitReason: { 1: true, 3: 'no stock', n: 3 },
      awaitExplode: { 1: true, n: 1 },
      pin: { 1: true, 3: 'pin', n: 3 },
      pinExplode: { n: 0 },
      awaitPin: { 1: true, 2: false, 4: 'pin', n: 4 },
    });
  });

  test('failures: an unknown name or no answer never reaches the callback form; await raises', async () => {
    const framework = await run('framework');
    const shim = await run('shim');
    for (const { late } of [framework, shim]) {
      expect(late.client.unknown).toBeUndefined();
      expect(late.client.silent).toBeUndefined();
      expect(late.client.awaitUnknown).toEqual({ 1: false, 2: expect.stringContaining("callback 'nobody:here' does not exist"), n: 2 });
      expect(late.client.awaitSilent).toEqual({ 1: false, 2: expect.stringMatching(/callback event 'bank:silent.*' timed out/), n: 2 });
    }
    // ox_lib raises in its event handler for an unknown name; the shim logs the same reason, once per 10 s.
    expect(scriptErrors(framework.shims.world)).toEqual(expect.arrayContaining([expect.stringContaining("callback 'nobody:here' does not exist")]));
    expect(printed(shim.shims.world, 'atm', 'client:1')).toEqual(expect.arrayContaining([
      expect.stringContaining("ox_lib callback 'nobody:here' failed: callback 'nobody:here' does not exist (ox_lib does not call back)"),
      expect.stringContaining("ox_lib callback 'bank:silent' failed: callback event 'bank:silent' timed out (ox_lib does not call back)"),
    ]));
    expect(shim.shims.inFlight(0)).toEqual({ calls: 0, routes: 0 });
    expect(shim.shims.inFlight()).toEqual({ calls: 0, routes: 0 });
  });
});
