/**
 * `fxcallbacks trace <player id | callback name> [seconds]`: one console line per matching call as it ends, at
 * most N a second, for the calls of every resource (members and Lua resources alike).
 */
import { rejectionOf } from '../support/harness';
import { HUB, printed, startHubWorld, ts, useLua, type HubWorld } from './support';

useLua();

/** The trace lines the hub printed (on the server's console). */
function traceLines(hub: HubWorld): string[] {
  return printed(hub.world, HUB, 'server').filter((line) => line.startsWith('fxcallbacks trace'));
}

/** A Lua resource answering through the hub's own endpoint. */
const luaShop = { name: 'luashop', server: `exports.fxcallbacks:RegisterServerCallback('lua:stock', function(src, cb, item) cb(#item) end)` };

async function shopWorld(convars: Record<string, string> = {}): Promise<HubWorld> {
  const hub = startHubWorld([ts('shop'), ts('hud'), luaShop], { latency: 20, players: 2, convars });
  hub.server('shop').register('shop:price', (_player, item: string) => {
    if (item === 'stone') throw new Error('no price for stones');
    return item.length;
  });
  for (const player of [0, 1]) {
    hub.client(player, 'hud').register('hud:confirm', () => true);
    hub.client(player, 'hud').register('hud:never', () => new Promise(() => undefined));
  }
  await hub.world.advance(100);
  return hub;
}

test('a callback\'s calls, one line each as they end: direction, resource, player, bytes, latency in frames and ms, outcome', async () => {
  const hub = await shopWorld();
  const { world } = hub;
  world.server.executeCommand('fxcallbacks trace shop:price 30');
  expect(await world.settle(hub.client(0, 'hud').call('shop:price', 'bread'))).toBe(5);
  expect(await world.settle(rejectionOf(hub.client(1, 'hud').call('shop:price', 'stone')))).toMatchObject({ code: 'HANDLER_ERROR' });
  // Another callback's call is not shown.
  expect(await world.settle(hub.client(0, 'hud').call('lua:stock', 'tea'))).toBe(3);
  await world.advance(100);
  expect(traceLines(hub)).toEqual([
    'fxcallbacks trace: callback shop:price for 30 s, at most 20 lines a second (fxcallbacks trace off to stop)',
    'fxcallbacks trace: in shop:price player 1 -> shop bytes in 6 out 9 latency 0 frames 0 ms answered',
    'fxcallbacks trace: in shop:price player 2 -> shop bytes in 6 out 0 latency 0 frames 0 ms error HANDLER_ERROR',
  ]);
});

test('a player\'s calls both ways, through members and the hub\'s own endpoint: answered, error code, timed out, cancelled', async () => {
  const hub = await shopWorld();
  const { world } = hub;
  const [first, second] = hub.clients.map((client) => client.playerId);
  world.server.executeCommand(`fxcallbacks trace ${first}`);
  expect(await world.settle(hub.client(0, 'hud').call('lua:stock', 'milk'))).toBe(4);
  expect(await world.settle(rejectionOf(hub.client(0, 'hud').call('shop:missing')))).toMatchObject({ code: 'NO_SUCH_CALLBACK' });
  expect(await world.settle(hub.server('shop').call(first!, 'hud:confirm'))).toBe(true);
  // The other player's calls are not shown.
  expect(await world.settle(hub.server('shop').call(second!, 'hud:confirm'))).toBe(true);
  expect(await world.settle(rejectionOf(hub.server('shop').with({ timeout: 300 }).call(first!, 'hud:never')))).toMatchObject({ code: 'TIMEOUT' });
  const given = hub.server('shop').call$(first!, 'hud:never').subscribe();
  await world.advance(200);
  given.unsubscribe();
  await world.advance(200);
  expect(traceLines(hub)).toEqual([
    `fxcallbacks trace: player ${first} for 60 s, at most 20 lines a second (fxcallbacks trace off to stop)`,
    // A Lua handler's answer is counted as the bytes it packed to (`cb(3)`: an array of one integer, 2 bytes).
    `fxcallbacks trace: in lua:stock player ${first} -> fxcallbacks bytes in 5 out 2 latency 0 frames 0 ms answered`,
    `fxcallbacks trace: in shop:missing player ${first} -> fxcallbacks bytes in 0 out 0 latency 0 frames 0 ms error NO_SUCH_CALLBACK`,
    // Out and back with 20 ms each way: the answer arrives after the next server frame began.
    `fxcallbacks trace: out hud:confirm shop -> player ${first} bytes in 9 out 0 latency 1 frames 50 ms answered`,
    // The 300 ms deadline is checked on the server's 50 ms frames.
    `fxcallbacks trace: out hud:never shop -> player ${first} bytes in 0 out 0 latency 6 frames 300 ms timed out`,
    `fxcallbacks trace: out hud:never shop -> player ${first} bytes in 0 out 0 latency 4 frames 200 ms cancelled`,
  ]);
});

test('at most N lines a second, the rest counted; trace off stops it; a trace ends by itself after its seconds', async () => {
  const hub = await shopWorld({ 'fxcallbacks:traceLinesPerSecond': '3' });
  const { world } = hub;
  world.server.executeCommand('fxcallbacks trace shop:price 2');
  await world.settle(Promise.all(['a', 'bb', 'ccc', 'dddd', 'eeeee'].map((item) => hub.client(0, 'hud').call('shop:price', item))));
  await world.advance(1000);
  expect(await world.settle(hub.client(1, 'hud').call('shop:price', 'after'))).toBe(5);
  await world.advance(2000);
  expect(await world.settle(hub.client(1, 'hud').call('shop:price', 'ended'))).toBe(5);
  await world.advance(100);
  expect(traceLines(hub)).toEqual([
    'fxcallbacks trace: callback shop:price for 2 s, at most 3 lines a second (fxcallbacks trace off to stop)',
    'fxcallbacks trace: in shop:price player 1 -> shop bytes in 2 out 9 latency 0 frames 0 ms answered',
    'fxcallbacks trace: in shop:price player 1 -> shop bytes in 3 out 9 latency 0 frames 0 ms answered',
    'fxcallbacks trace: in shop:price player 1 -> shop bytes in 4 out 9 latency 0 frames 0 ms answered',
    'fxcallbacks trace: 2 more calls ended in that second, not shown (at most 3 lines a second)',
    'fxcallbacks trace: in shop:price player 2 -> shop bytes in 6 out 9 latency 0 frames 0 ms answered',
    'fxcallbacks trace: off',
  ]);

  world.server.executeCommand('fxcallbacks trace 1');
  world.server.executeCommand('fxcallbacks trace off');
  expect(await world.settle(hub.client(0, 'hud').call('shop:price', 'x'))).toBe(1);
  world.server.executeCommand('fxcallbacks trace off');
  world.server.executeCommand('fxcallbacks trace');
  world.server.executeCommand('fxcallbacks trace shop:price 0');
  expect(traceLines(hub).slice(7)).toEqual([
    'fxcallbacks trace: player 1 for 60 s, at most 3 lines a second (fxcallbacks trace off to stop)',
    'fxcallbacks trace: off',
    'fxcallbacks trace: no trace is running',
    'fxcallbacks trace: seconds must be a number from 1 to 3600; usage: fxcallbacks trace <player id | callback name> [seconds] | fxcallbacks trace off',
  ]);
  expect(printed(world, HUB, 'server').slice(-2)).toEqual([
    'usage: fxcallbacks trace <player id | callback name> [seconds] | fxcallbacks trace off',
    'fxcallbacks trace: seconds must be a number from 1 to 3600; usage: fxcallbacks trace <player id | callback name> [seconds] | fxcallbacks trace off',
  ]);
});

test('"the shop hangs": a call waiting on a handler that never answers ends in the trace when its resource stops', async () => {
  const hub = await shopWorld();
  const { world } = hub;
  hub.server('shop').register('shop:hang', () => new Promise(() => undefined));
  world.server.executeCommand('fxcallbacks trace shop:hang');
  const hanging = rejectionOf(hub.client(0, 'hud').call('shop:hang'));
  await world.advance(500);
  expect(traceLines(hub)).toHaveLength(1);
  world.stopResource('shop');
  expect(await world.settle(hanging)).toMatchObject({ code: 'RESOURCE_STOPPED' });
  expect(traceLines(hub).slice(1)).toEqual([
    `fxcallbacks trace: in shop:hang player ${hub.clients[0]!.playerId} -> shop bytes in 0 out 0 latency 9 frames 450 ms error RESOURCE_STOPPED`,
  ]);
});

test('restricted like callbackmetrics: a player without the ace cannot start a trace', async () => {
  const hub = await shopWorld();
  const { world } = hub;
  world.server.executeCommand('fxcallbacks trace shop:price', hub.clients[0]!.playerId);
  expect(await world.settle(hub.client(0, 'hud').call('shop:price', 'bread'))).toBe(5);
  expect(traceLines(hub)).toEqual([]);
  expect(world.logs.entries.map((entry) => entry.text)).toContain('Access denied for command fxcallbacks.');
  world.setAce(hub.clients[0]!.playerId, 'command.fxcallbacks');
  world.server.executeCommand('fxcallbacks trace shop:price', hub.clients[0]!.playerId);
  expect(traceLines(hub)).toHaveLength(1);
});
