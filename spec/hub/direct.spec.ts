/**
 * Direct members: a TypeScript resource that joined the server's hub answers in its own runtime, and its answers
 * leave from there on the hub's event. The hub hands it each request (one crossing per envelope) and learns what it
 * sent with the next hand-over, so no call crosses back. Counted in the world: function-reference calls between
 * runtimes (exports are function references too) and frames on the wire.
 */
import type { World } from '../../src/testing';
import { FrameType } from '../../src/core/wire/protocol';
import { rejectionOf } from '../support/harness';
import { HUB, startHubWorld, ts, useLua } from './support';

useLua();

const EVENT = `fxcb:${HUB}`;

/** Counts function-reference calls on the server by the resource called: the hub's exports, or a member. */
function countCrossings(world: World): Map<string, number> {
  const counts = new Map<string, number>();
  const machine = world.server as unknown as { callRef(ref: string, args: Uint8Array, caller: unknown): Uint8Array };
  const callRef = machine.callRef.bind(machine);
  machine.callRef = (ref, args, caller) => {
    const resource = ref.slice(0, ref.indexOf(':'));
    counts.set(resource, (counts.get(resource) ?? 0) + 1);
    return callRef(ref, args, caller);
  };
  return counts;
}

/** The frames the server sends to clients on the hub's event, by type. */
function framesToClients(world: World): number[][] {
  const sent: number[][] = [];
  world.network.intercept((packet) => {
    if (packet.name === EVENT && packet.from === 'server') sent.push(...((packet.args[0] as unknown[]).slice(1) as number[][]));
  });
  return sent;
}

test("a joined server resource's answers leave from its own runtime: nothing crosses back into the hub", async () => {
  const hub = startHubWorld([ts('shop')], { latency: 10 });
  hub.server('shop').register('shop:price', (_player: number, item: string) => item.length);
  await hub.world.advance(100);
  const crossings = countCrossings(hub.world);
  const sent = framesToClients(hub.world);
  for (let i = 0; i < 10; i++) expect(await hub.world.settle(hub.client(0, 'shop').call('shop:price', 'x'.repeat(i)))).toBe(i);
  // The hub hands each request over (one crossing each); no answer goes through its exports.
  expect(crossings.get(HUB) ?? 0).toBe(0);
  expect(crossings.get('shop')).toBe(10);
  expect(sent.map((frame) => frame[0])).toEqual(Array(10).fill(FrameType.RESULT));
  // The hub still knows every route ended, and counts the answers as its event's traffic.
  expect(hub.hubStats()).toMatchObject({ routes: 0, calls: 0 });
});

test('twenty joined resources: each request is handed to its owner only, and every answer comes back', async () => {
  const names = Array.from({ length: 20 }, (_, i) => `shop${i}`);
  const hub = startHubWorld(names.map((name) => ts(name)), { latency: 10 });
  for (const [i, name] of names.entries()) hub.server(name).register(`${name}:id`, () => i);
  await hub.world.advance(100);
  const crossings = countCrossings(hub.world);
  const answers = await hub.world.settle(Promise.all(names.map((name) => hub.client(0, names[0]!).call(`${name}:id`))));
  expect(answers).toEqual(names.map((_, i) => i));
  for (const name of names) expect(crossings.get(name)).toBe(1);
  expect(crossings.get(HUB) ?? 0).toBe(0);
  expect(hub.hubStats()).toMatchObject({ routes: 0, members: 21 });
});

test('a member stops with requests in flight: RESOURCE_STOPPED for what was running, nothing for what it had answered', async () => {
  const hub = startHubWorld([ts('shop'), ts('bank')], { latency: 10 });
  hub.server('shop').register('shop:price', () => 5);
  hub.server('shop').register('shop:hang', () => new Promise(() => undefined));
  hub.server('bank').register('bank:hang', () => new Promise(() => undefined));
  const client = hub.client(0, 'bank');
  // Answered directly; the hub hears of their end only with the next hand-over to shop, which never comes.
  for (let i = 0; i < 3; i++) expect(await hub.world.settle(client.call('shop:price'))).toBe(5);
  const hanging = rejectionOf(client.with({ timeout: 5000 }).call('shop:hang'));
  const elsewhere = rejectionOf(client.with({ timeout: 2000 }).call('bank:hang'));
  await hub.world.advance(100);
  const sent = framesToClients(hub.world);
  hub.world.stopResource('shop');
  expect(await hub.world.settle(hanging)).toMatchObject({ code: 'RESOURCE_STOPPED' });
  // The bank's call is not touched by shop's leaving: it times out on its own.
  expect(await hub.world.settle(elsewhere)).toMatchObject({ code: 'TIMEOUT' });
  const stopped = sent.filter((frame) => frame[0] === FrameType.ERROR && (frame[2] as unknown) === 'RESOURCE_STOPPED');
  expect(stopped.length).toBeGreaterThanOrEqual(1);
  expect(new Set(stopped.map((frame) => frame[1])).size).toBe(1);
  // The timed-out call's CANCEL ends its route once it arrives.
  await hub.world.advance(100);
  expect(hub.hubStats()).toMatchObject({ routes: 0, members: 2 });
});

test("a player at the hub's cap of routes: the ends a member has not reported yet are asked for, not refused", async () => {
  const hub = startHubWorld([ts('shop')], { latency: 10, convars: { 'fxcallbacks:maxRoutesPerPeer': '3' } });
  hub.server('shop').register('shop:price', () => 5);
  hub.server('shop').register('shop:hang', () => new Promise(() => undefined));
  const client = hub.client(0, 'shop');
  for (let i = 0; i < 10; i++) expect(await hub.world.settle(client.call('shop:price'))).toBe(5);
  // Three calls running fill the cap for real: the fourth is refused by the hub.
  const hanging = [0, 1, 2].map(() => rejectionOf(client.with({ timeout: 1000 }).call('shop:hang')));
  await hub.world.advance(100);
  expect(await hub.world.settle(rejectionOf(client.call('shop:price')))).toMatchObject({ code: 'LIMIT_EXCEEDED' });
  for (const call of hanging) expect(await hub.world.settle(call)).toMatchObject({ code: 'TIMEOUT' });
});
