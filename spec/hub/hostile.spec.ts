/**
 * The hub faces clients for every resource: what a cheating client sends it creates no state beyond what an honest
 * call would, reaches no resource it was not meant for, and cannot settle another player's calls.
 */
import { FrameType, PROTOCOL_VERSION } from '../../src/core/wire/protocol';
import { rejectionOf } from '../support/harness';
import { startHubWorld, ts, useLua, type HubWorld } from './support';

useLua();

/** Player `index` sends `envelope` on the hub's event, as a cheat menu could. */
function sendRaw(hub: HubWorld, index: number, envelope: unknown): void {
  const context = hub.clients[index]!.resource('fxcallbacks');
  context.globals.__raw = envelope;
  context.run(`emitNet('fxcb:fxcallbacks', __raw)`);
}

test('another player cannot answer a call the server made to a player, whichever resource made it', async () => {
  const hub = startHubWorld([ts('admin'), ts('hud')], { latency: 20, players: 2 });
  const [victim] = hub.clients;
  hub.client(0, 'hud').register('hud:whoami', async () => {
    await hub.clientKit(0, 'hud').delay(500);
    return 'victim';
  });
  let wireId: number | undefined;
  hub.world.network.intercept((packet) => {
    const frame = (packet.args[0] as unknown[] | undefined)?.[1] as unknown[] | undefined;
    if (packet.to === victim!.playerId && frame?.[0] === FrameType.REQUEST) wireId = frame[1] as number;
  });
  const asked = hub.server('admin').call(victim!.playerId, 'hud:whoami');
  await hub.world.advance(100);
  expect(wireId).toBeDefined();
  sendRaw(hub, 1, [PROTOCOL_VERSION, [FrameType.RESULT, wireId!, ['forged']]]);
  await hub.world.advance(100);
  expect(await hub.world.settle(asked)).toBe('victim');
  expect(hub.hubStats()).toMatchObject({ routes: 0, calls: 0 });
});

test('garbage, stray replies and cancels create no state; honest calls go on', async () => {
  const hub = startHubWorld([ts('shop')], { latency: 20 });
  hub.server('shop').register('shop:price', () => 5);
  sendRaw(hub, 0, 'not an envelope');
  sendRaw(hub, 0, [PROTOCOL_VERSION, [FrameType.RESULT, 1, [1]], [FrameType.CANCEL, 2], [FrameType.ERROR, 3, 'TIMEOUT', 'x'], [9, 9], 'junk']);
  sendRaw(hub, 0, [PROTOCOL_VERSION, [FrameType.REQUEST, 4, 'nobody:here', []]]);
  await hub.world.advance(200);
  expect(hub.hubStats()).toMatchObject({ routes: 0, calls: 0 });
  expect(hub.hubStats().rejectedFrames).toBeGreaterThanOrEqual(3);
  expect(await hub.world.settle(hub.client(0, 'shop').call('shop:price'))).toBe(5);
  expect(hub.world.logs.errors()).toEqual([]);
});

test('a flood of requests to a handler that never answers is bounded by the resource\'s limits, and freed on drop', async () => {
  const hub = startHubWorld([ts('shop')], { latency: 20 });
  hub.server('shop').register('shop:hang', () => new Promise(() => undefined));
  for (let envelope = 0; envelope < 6; envelope++) {
    sendRaw(hub, 0, [PROTOCOL_VERSION, ...Array.from({ length: 500 }, (_, i) => [FrameType.REQUEST, envelope * 500 + i, 'shop:hang', []])]);
  }
  await hub.world.advance(500);
  expect(hub.hubStats().routes).toBeLessThanOrEqual(100);
  expect(hub.server('shop').stats.runningHandlers).toBeLessThanOrEqual(100);
  const refused = await hub.world.settle(rejectionOf(hub.client(0, 'shop').with({ timeout: 1000 }).call('shop:hang')));
  expect(refused.code).toBe('LIMIT_EXCEEDED');
  hub.world.drop(hub.clients[0]!.playerId);
  await hub.world.advance(100);
  expect(hub.hubStats()).toMatchObject({ routes: 0, calls: 0 });
  expect(hub.server('shop').stats.runningHandlers).toBe(0);
});
