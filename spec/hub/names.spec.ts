/**
 * The hub's one namespace: a name belongs to the resource that registered it until that resource unregisters it
 * or stops; a stopping resource's callbacks, answers and calls end at once; the hub must be there to join.
 */
import { firstValueFrom } from 'rxjs';
import { FrameType, PROTOCOL_VERSION } from '../../src/core/wire/protocol';
import { hostPack } from '../../src/testing/codec';
import { rejectionOf } from '../support/harness';
import { newWorld } from '../world/helpers';
import { printed, scriptErrors, startHubWorld, startResource, ts, useLua } from './support';

useLua();

const luaBank = {
  name: 'bank',
  server: `exports.fxcallbacks:RegisterServerCallback('bank:balance', function(src, cb) cb(100) end)
function claim(name) registered = exports.fxcallbacks:RegisterServerCallback(name, function(src, cb) cb('lua') end) end`,
};

function codeOf(fn: () => unknown): { code?: string; message?: string } {
  try {
    fn();
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('expected a throw');
}

test('registering a name another resource owns fails clearly, in either language; the owner keeps answering', async () => {
  const { world, server, serverLua, client } = startHubWorld([luaBank, ts('shop'), ts('rival')], { latency: 20 });
  server('shop').register('shop:price', () => 5);
  const fromTs = codeOf(() => server('rival').register('shop:price', () => 0));
  expect(fromTs).toMatchObject({ code: 'INVALID_ARGUMENT', message: 'callback "shop:price" is already registered by resource shop' });
  expect(codeOf(() => server('rival').register('bank:balance', () => 0)).message).toContain('by resource bank');
  serverLua('bank').run(`claim('shop:price')`);
  expect(serverLua('bank').get('registered')).toBe(false);
  expect(printed(world, 'fxcallbacks').join('\n')).toContain('bank cannot register "shop:price": callback "shop:price" is already registered by resource shop');
  serverLua('bank').run(`claim('bank:audit')`);
  expect(serverLua('bank').get('registered')).toBe(true);
  expect(await world.settle(client(0, 'rival').call('shop:price'))).toBe(5);
  expect(await world.settle(client(0, 'rival').call('bank:balance'))).toBe(100);
  // Its own name a resource may register again (the new handler replaces its old one).
  server('shop').register('shop:price', () => 6);
  expect(await world.settle(client(0, 'rival').call('shop:price'))).toBe(6);
});

test("a Lua resource registering a name another resource owns gets one console line, false, and its script goes on", async () => {
  const rival = {
    name: 'rival',
    server: `taken = exports.fxcallbacks:RegisterServerCallback('bank:balance', function(src, cb) cb(0) end)
own = exports.fxcallbacks:RegisterServerCallback('rival:price', function(src, cb) cb(7) end)
reachedTheEnd = true`,
  };
  const { world, serverLua, client } = startHubWorld([luaBank, rival, ts('shop')], { latency: 20 });
  await world.advance(100);
  expect(serverLua('rival').get('taken')).toBe(false);
  expect(serverLua('rival').get('own')).toBe(true);
  expect(serverLua('rival').get('reachedTheEnd')).toBe(true);
  const about = world.logs.entries.filter((entry) => entry.text.includes('bank:balance'));
  expect(about.map((entry) => [entry.resource, entry.text])).toEqual([
    ['fxcallbacks', 'fxcallbacks: rival cannot register "bank:balance": callback "bank:balance" is already registered by resource bank; this registration is ignored'],
  ]);
  expect(scriptErrors(world)).toEqual([]);
  expect(await world.settle(client(0, 'shop').call('bank:balance'))).toBe(100);
  expect(await world.settle(client(0, 'shop').call('rival:price'))).toBe(7);
});

test('a name unregistered is free for another resource', async () => {
  const { world, server, client } = startHubWorld([ts('shop'), ts('rival')], { latency: 20 });
  const unregister = server('shop').register('shop:price', () => 5);
  unregister();
  expect(await world.settle(rejectionOf(client(0, 'shop').call('shop:price')))).toMatchObject({ code: 'NO_SUCH_CALLBACK' });
  server('rival').register('shop:price', () => 7);
  expect(await world.settle(client(0, 'shop').call('shop:price'))).toBe(7);
  expect(server('rival').unregister('shop:price')).toBe(true);
  server('shop').register('shop:price', () => 8);
  expect(await world.settle(client(0, 'rival').call('shop:price'))).toBe(8);
});

test('when the owner stops: NO_SUCH_CALLBACK at once, its running answers RESOURCE_STOPPED, its calls cancelled over there', async () => {
  const hub = startHubWorld([ts('inventory'), ts('hud')], { latency: 20 });
  const { world, server, client, clients, clientKit } = hub;
  server('inventory').register('inventory:count', () => 3);
  server('inventory').register('inventory:slow', () => new Promise(() => undefined));
  let tornDown = false;
  const { rx } = clientKit(0, 'hud');
  client(0, 'hud').register('hud:watch', () => rx.interval(50).pipe(rx.finalize(() => (tornDown = true))));
  const watching = server('inventory').call$(clients[0]!.playerId, 'hud:watch').subscribe({ error: () => undefined });
  const slow = rejectionOf(client(0, 'hud').call('inventory:slow'));
  await world.advance(200);
  expect(hub.hubStats()).toMatchObject({ routes: 1, calls: 1 });

  world.stopResource('inventory');
  const started = world.now;
  expect(await world.settle(slow)).toMatchObject({ code: 'RESOURCE_STOPPED' });
  expect(await world.settle(rejectionOf(client(0, 'hud').call('inventory:count')))).toMatchObject({ code: 'NO_SUCH_CALLBACK' });
  expect(world.now - started).toBeLessThan(200);
  await world.advance(100);
  expect(tornDown).toBe(true);
  expect(client(0, 'hud').stats.runningHandlers).toBe(0);
  expect(hub.hubStats()).toMatchObject({ members: 2, names: 0, routes: 0, calls: 0 });
  expect(hub.hubStats(0)).toMatchObject({ routes: 0, calls: 0 });
  watching.unsubscribe();
});

test('a restarted resource registers its names again', async () => {
  const { world, server, client } = startHubWorld([ts('inventory'), ts('hud')], { latency: 20 });
  server('inventory').register('inventory:count', () => 3);
  world.restartResource('inventory');
  await world.advance(50);
  expect(await world.settle(rejectionOf(client(0, 'hud').call('inventory:count')))).toMatchObject({ code: 'NO_SUCH_CALLBACK' });
  server('inventory').register('inventory:count', () => 4);
  expect(await world.settle(client(0, 'hud').call('inventory:count'))).toBe(4);
  expect(await world.settle(firstValueFrom(client(0, 'inventory').call$('inventory:count')))).toBe(4);
});

test('a player who leaves takes the hub\'s routes for them along', async () => {
  const hub = startHubWorld([ts('inventory')], { latency: 20, players: 2 });
  hub.server('inventory').register('inventory:slow', () => new Promise(() => undefined));
  hub.client(0, 'inventory').register('inventory:wait', () => new Promise(() => undefined));
  void rejectionOf(hub.client(0, 'inventory').call('inventory:slow'));
  const asked = rejectionOf(hub.server('inventory').call(hub.clients[0]!.playerId, 'inventory:wait'));
  await hub.world.advance(100);
  expect(hub.hubStats()).toMatchObject({ routes: 1, calls: 1 });
  hub.world.drop(hub.clients[0]!.playerId);
  expect(await hub.world.settle(asked)).toMatchObject({ code: 'PLAYER_DROPPED' });
  expect(hub.hubStats()).toMatchObject({ routes: 0, calls: 0 });
  // FiveM can dispatch an event the player sent just before leaving after playerDropped: no state for it.
  const late = [PROTOCOL_VERSION, [FrameType.REQUEST, 77, 'inventory:slow', []]];
  hub.world.server.enqueueNetEvent('fxcb:fxcallbacks', hostPack([late]), `net:${hub.clients[0]!.playerId}`);
  await hub.world.advance(100);
  expect(hub.hubStats()).toMatchObject({ routes: 0, calls: 0, rejectedFrames: 1 });
  expect(hub.server('inventory').stats.runningHandlers).toBe(0);
});

test('joining a hub that is not started fails at once, saying so', () => {
  const world = newWorld();
  startResource(world, ts('lonely'));
  const errors = world.logs.errors().map((entry) => entry.text).join('\n');
  expect(errors).toContain('the callback hub, resource "fxcallbacks", is not started');
  expect(world.server.resource('lonely').globals.callbacks).toBeUndefined();
});

test('the hub may have another name: the convar fxcallbacks:hub (setr), or the option hub', async () => {
  const lua = {
    name: 'bank',
    server: `exports.community_bridge:RegisterServerCallback('bank:balance', function(src, cb) cb(100) end)`,
  };
  const { world, client } = startHubWorld([lua, ts('shop')], { hub: 'community_bridge', convars: { 'fxcallbacks:hub': 'community_bridge' } });
  expect(await world.settle(client(0, 'shop').call('bank:balance'))).toBe(100);
  const named = startHubWorld([lua, ts('shop', { clientOptions: { hub: 'community_bridge' } })], { hub: 'community_bridge' });
  expect(await named.world.settle(named.client(0, 'shop').call('bank:balance'))).toBe(100);
});

test('a standalone resource keeps its own namespace on its own event', async () => {
  const standalone = { serverOptions: { standalone: true }, clientOptions: { standalone: true } };
  const { world, server, client } = startHubWorld([luaBank, ts('solo', standalone)], { latency: 20 });
  const events = new Set<string>();
  world.network.intercept((packet) => void events.add(packet.name));
  server('solo').register('bank:balance', () => 'mine');
  expect(await world.settle(client(0, 'solo').call('bank:balance'))).toBe('mine');
  expect([...events]).toEqual(['fxcb:solo']);
});

test('when the hub stops, the endpoints that joined it stop: their calls fail at once with RESOURCE_STOPPED', async () => {
  const { world, server, client } = startHubWorld([ts('shop')], { latency: 20 });
  server('shop').register('shop:slow', () => new Promise(() => undefined));
  const waiting = rejectionOf(client(0, 'shop').call('shop:slow'));
  await world.advance(100);
  world.stopResource('fxcallbacks');
  const started = world.now;
  expect(await world.settle(waiting)).toMatchObject({ code: 'RESOURCE_STOPPED' });
  expect(world.now - started).toBeLessThan(100);
  expect(await world.settle(rejectionOf(client(0, 'shop').call('shop:slow')))).toMatchObject({ code: 'RESOURCE_STOPPED' });
  expect(server('shop').stats).toMatchObject({ pendingCalls: 0, runningHandlers: 0 });
  expect(world.logs.errors()).toEqual([]);
});

test('a resource joins once: creating its callbacks again fails clearly, and the first ones keep working', async () => {
  const { world, server, client, serverKit } = startHubWorld([ts('shop')], { latency: 20 });
  server('shop').register('shop:price', () => 5);
  const again = codeOf(() => (serverKit('shop').fx as typeof import('../../src/server')).createServerCallbacks());
  expect(again).toMatchObject({ code: 'INVALID_ARGUMENT', message: 'resource shop already joined the hub: create its callbacks once' });
  expect(await world.settle(client(0, 'shop').call('shop:price'))).toBe(5);
});

test('when the server\'s hub stops, players waiting on its resources hear RESOURCE_STOPPED at once', async () => {
  const { world, server, client } = startHubWorld([ts('shop')], { latency: 20 });
  server('shop').register('shop:slow', () => new Promise(() => undefined));
  const waiting = rejectionOf(client(0, 'shop').call('shop:slow'));
  await world.advance(100);
  world.server.stopResource('fxcallbacks');
  const started = world.now;
  expect(await world.settle(waiting)).toMatchObject({ code: 'RESOURCE_STOPPED', message: 'resource shop stopped' });
  expect(world.now - started).toBeLessThan(200);
});

test('only the resource that registered a Lua callback may unregister it; another gets false and a console line', async () => {
  const thief = {
    name: 'thief',
    server: `function steal(name) return exports.fxcallbacks:UnregisterServerCallback(name) end`,
    client: `function steal(name) return exports.fxcallbacks:UnregisterClientCallback(name) end`,
  };
  const bank = {
    name: 'bank',
    server: `exports.fxcallbacks:RegisterServerCallback('bank:balance', function(src, cb) cb(100) end)
function drop(name) return exports.fxcallbacks:UnregisterServerCallback(name) end`,
    client: `exports.fxcallbacks:RegisterClientCallback('bank:pin', function(cb) cb(1234) end)`,
  };
  const { world, server, client, serverLua, clientLua, clients } = startHubWorld([bank, thief, ts('shop')], { latency: 20 });
  expect(serverLua('thief').run(`return steal('bank:balance')`)).toBe(false);
  expect(clientLua(0, 'thief').run(`return steal('bank:pin')`)).toBe(false);
  const lines = printed(world, 'fxcallbacks').join('\n');
  expect(lines).toContain('thief cannot unregister "bank:balance": resource bank registered it');
  expect(lines).toContain('thief cannot unregister "bank:pin": resource bank registered it');
  expect(await world.settle(client(0, 'shop').call('bank:balance'))).toBe(100);
  expect(await world.settle(server('shop').call(clients[0]!.playerId, 'bank:pin'))).toBe(1234);
  // Nor can the thief take the name over.
  expect(codeOf(() => server('shop').register('bank:balance', () => 0)).message).toContain('by resource bank');
  expect(serverLua('bank').run(`return drop('bank:balance')`)).toBe(true);
  expect(await world.settle(rejectionOf(client(0, 'shop').call('bank:balance')))).toMatchObject({ code: 'NO_SUCH_CALLBACK' });
});

test('a Lua registration refused for its options leaves the name free', async () => {
  const careless = {
    name: 'careless',
    server: `ok, err = pcall(function() exports.fxcallbacks:RegisterServerCallback('shop:price', function(src, cb) cb(1) end, { timeout = -5 }) end)`,
    client: `ok, err = pcall(function() exports.fxcallbacks:RegisterClientCallback('hud:show', function(cb) cb(1) end, { timeout = -5 }) end)`,
  };
  const { world, server, client, serverLua, clientLua, clients } = startHubWorld([careless, ts('shop')], { latency: 20 });
  expect(serverLua('careless').get('ok')).toBe(false);
  expect(clientLua(0, 'careless').get('ok')).toBe(false);
  server('shop').register('shop:price', () => 5);
  client(0, 'shop').register('hud:show', () => 6);
  expect(await world.settle(client(0, 'shop').call('shop:price'))).toBe(5);
  expect(await world.settle(server('shop').call(clients[0]!.playerId, 'hud:show'))).toBe(6);
});

test('creating callbacks with an invalid option fails with INVALID_ARGUMENT and joins nothing: the retry joins', async () => {
  // Started standalone, so that the test has the resource's library at hand to create its joined callbacks.
  const standalone = { serverOptions: { standalone: true }, clientOptions: { standalone: true } };
  const { world, serverKit, clientKit, clients, hubStats } = startHubWorld([ts('shop', standalone)], { latency: 20 });
  const serverFx = serverKit('shop').fx as typeof import('../../src/server');
  const clientFx = clientKit(0, 'shop').fx as typeof import('../../src/client');
  const members = { server: hubStats().members, client: hubStats(0).members };
  const bad = { metrics: { windowSize: -1 } };
  expect(codeOf(() => serverFx.createServerCallbacks(bad))).toMatchObject({ code: 'INVALID_ARGUMENT' });
  expect(codeOf(() => clientFx.createClientCallbacks(bad))).toMatchObject({ code: 'INVALID_ARGUMENT' });
  expect([hubStats().members, hubStats(0).members]).toEqual([members.server, members.client]);
  const server = serverFx.createServerCallbacks();
  const client = clientFx.createClientCallbacks();
  expect([hubStats().members, hubStats(0).members]).toEqual([members.server + 1, members.client + 1]);
  server.register('shop:price', () => 5);
  client.register('hud:show', () => 6);
  expect(await world.settle(client.call('shop:price'))).toBe(5);
  expect(await world.settle(server.call(clients[0]!.playerId, 'hud:show'))).toBe(6);
});
