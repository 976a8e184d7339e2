/**
 * A round trip through the hub costs the game time of raw events: the answer leaves in the server frame in which
 * its handler answered. The world drains each server resource's microtasks only in its own tick, as FXServer does,
 * and the hub ticks before the resources that depend on it: work they hand it after its tick must not wait a frame.
 */
import type { World } from '../../src/testing';
import { js } from '../world/helpers';
import { startHubWorld, startResource, ts, useLua } from './support';

useLua();

/** Raw events, the baseline: the server answers on `raw:answer` at once, after a microtask, or after Wait(0). */
const raw = {
  name: 'raw',
  server: js(`
    onNet('raw:now', (n) => { emitNet('raw:answer', source, n * 2); });
    onNet('raw:later', (n) => { const src = source; Promise.resolve().then(() => emitNet('raw:answer', src, n * 2)); });
  `),
  client: js(`
    let pending = [];
    onNet('raw:answer', (value) => pending.shift()(value));
    globalThis.ask = (event, n) => new Promise((resolve) => { pending.push(resolve); emitNet(event, n); });
  `),
};

const rawLua = {
  name: 'rawlua',
  server: `
RegisterNetEvent('rawlua:wait')
AddEventHandler('rawlua:wait', function(n)
  local src = source
  Wait(0)
  TriggerClientEvent('raw:answer', src, n * 2)
end)`,
};

const luaHandlers = {
  name: 'luashop',
  server: `
exports.fxcallbacks:RegisterServerCallback('lua:now', function(src, cb, n) cb(n * 2) end)
exports.fxcallbacks:RegisterServerCallback('lua:wait', function(src, cb, n) Wait(0) cb(n * 2) end)`,
};

/** Game time from a call to its answer, started on a frame boundary of both machines. */
async function gameTimeOf(world: World, call: () => Promise<unknown>): Promise<number> {
  await world.advance(800 - (world.now % 800) + 800);
  const startedAt = world.now;
  expect(await world.settle(call())).toBe(42);
  return world.now - startedAt;
}

describe('a round trip through the hub takes the frames raw events take', () => {
  it.each([
    ['a handler that answers at once', 'raw:now', 'sync'],
    ['a handler that answers from a promise', 'raw:later', 'async'],
  ])('client → server → client: %s', async (_what, rawEvent, callback) => {
    const hub = startHubWorld([ts('shop')], { latency: 10 });
    hub.world.startResource(raw);
    hub.server('shop').register('sync', (_player: number, n: number) => n * 2);
    hub.server('shop').register('async', async (_player: number, n: number) => n * 2);
    const client = hub.clients[0]!;
    const rawTime = await gameTimeOf(hub.world, () => client.resource('raw').run(`ask('${rawEvent}', 21)`));
    const hubTime = await gameTimeOf(hub.world, () => hub.client(0, 'shop').call(callback, 21));
    expect(hubTime).toBe(rawTime);
  });

  it('server → client → server, called from a member\'s tick (after the hub\'s)', async () => {
    const hub = startHubWorld([ts('shop')], { latency: 10 });
    hub.client(0, 'shop').register('double', (n: number) => n * 2);
    const player = hub.clients[0]!.playerId;
    // The call starts inside the member's tick: its request reaches the hub after the hub's own tick.
    const inTick = () => hub.serverKit('shop').delay(1).then(() => hub.server('shop').call(player, 'double', 21));
    const time = await gameTimeOf(hub.world, inTick);
    // One server frame to start (the timer), one hop each way of 10 ms and the client's and server's frames.
    expect(time).toBeLessThan(2 * hub.world.options.serverFrameMs + 2 * hub.world.options.clientFrameMs + 20);
  });

  it('a Lua handler registered through the exports answers in the frame raw Lua would, also after Wait(0)', async () => {
    const hub = startHubWorld([luaHandlers, ts('shop')], { latency: 10 });
    hub.world.startResource(raw);
    startResource(hub.world, rawLua);
    const client = hub.clients[0]!;
    expect(await gameTimeOf(hub.world, () => hub.client(0, 'shop').call('lua:now', 21))).toBe(
      await gameTimeOf(hub.world, () => client.resource('raw').run(`ask('raw:now', 21)`)),
    );
    expect(await gameTimeOf(hub.world, () => hub.client(0, 'shop').call('lua:wait', 21))).toBe(
      await gameTimeOf(hub.world, () => client.resource('raw').run(`ask('rawlua:wait', 21)`)),
    );
  });
});
