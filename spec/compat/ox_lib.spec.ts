/**
 * compat/ox_lib.lua: ox_lib's lib.callback backed by fxcallbacks. The documented examples of
 * https://coxdocs.dev/ox_lib/Modules/Callback/Lua/Client and .../Lua/Server run unchanged (marked "verbatim");
 * only what they use besides lib.callback (Inventory, lib.getNearbyVehicles, DeleteEntity, ...) is stubbed.
 */
import { expectForgedReplyRefused, printed, scriptErrors, startShims, useLua } from './support';

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

describe('failures', () => {
  const server = `
calls = 0
lib.callback.register('count', function(source) calls = calls + 1; return calls end)
lib.callback.register('explode', function(source) error('the vault is locked') end)
lib.callback.register('pair', function(source) return nil, 5 end)
`;

  test('a handler that raises answers nil, as in ox_lib, and the error is printed where it ran', async () => {
    const client = `
CreateThread(function()
  awaited = table.pack(lib.callback.await('explode', false))
  pair = table.pack(lib.callback.await('pair', false))
end)
lib.callback('explode', false, function(...) calledBack = table.pack(...) end)`;
    const { world, client: c } = startShims([{ name: 'bank', shim: 'ox_lib', server }, { name: 'atm', shim: 'ox_lib', client }], { latency: 20 });
    await world.advance(200);
    expect(c(0, 'atm').runAll('return awaited.n, awaited[1], calledBack.n, pair.n, pair[1], pair[2]')).toEqual([0, null, 0, 2, null, 5]);
    expect(printed(world, 'bank', 'server')).toEqual([
      expect.stringContaining("callback 'explode' raised: "),
      expect.stringContaining("callback 'explode' raised: "),
    ]);
    expect(printed(world, 'bank', 'server')[0]).toContain('the vault is locked');
    expect(printed(world, 'atm')).toEqual([]);
  });

  test('no such callback: await raises, the callback form is called back with nothing and says why', async () => {
    const client = `
CreateThread(function() awaited = { pcall(lib.callback.await, 'nothing', false) } end)
lib.callback('nothing', false, function(...) calledBack = select('#', ...) end)`;
    const { world, client: c } = startShims([{ name: 'atm', shim: 'ox_lib', client }], { latency: 20 });
    await world.advance(200);
    const [ok, message] = c(0, 'atm').get<[boolean, string]>('awaited');
    expect(ok).toBe(false);
    expect(message).toContain(`callback 'nothing' failed: no callback named "nothing" is registered`);
    expect(c(0, 'atm').get('calledBack')).toBe(0);
    expect(printed(world, 'atm')).toEqual([expect.stringContaining(`callback 'nothing' failed: no callback named "nothing" is registered`)]);
  });

  test('a client that never answers: the server\'s await raises at the timeout, the callback form gets nothing', async () => {
    const client = `lib.callback.register('stall', function() Citizen.Await(promise.new()) end)`;
    const admin = `
function ask(playerId)
  CreateThread(function() awaited = { pcall(lib.callback.await, 'stall', playerId) } end)
  lib.callback('stall', playerId, function(...) calledBack = select('#', ...) end)
end`;
    const { world, server: s } = startShims([{ name: 'game', shim: 'ox_lib', client }, { name: 'admin', shim: 'ox_lib', server: admin }], { latency: 20 });
    s('admin').run('ask(1)');
    await world.advance(9_000);
    expect(s('admin').get('awaited')).toBeNull();
    await world.advance(2_000);
    const [ok, message] = s('admin').get<[boolean, string]>('awaited');
    expect(ok).toBe(false);
    expect(message).toContain(`callback 'stall' failed: Callback "stall" timed out after 10000 ms`);
    expect(s('admin').get('calledBack')).toBe(0);
  });

  test('a server await to a player who does not exist raises as in ox_lib', () => {
    const { server: s } = startShims([{ name: 'admin', shim: 'ox_lib', server: `ok, err = pcall(lib.callback.await, 'x', 42)` }]);
    expect(s('admin').runAll('return ok, err')).toEqual([false, expect.stringContaining("target playerId '42' does not exist")]);
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
