/**
 * Direct members on a client: a TypeScript resource that joined the player's hub sends its envelopes itself, each
 * envelope's cost taken from the hub's one budget of the player by one export call (never one per call), and
 * names itself in its requests, so that the server answers on its own event, `fxcb:<hub>:<resource>`. Counted in
 * the world: function-reference calls between runtimes (exports are function references too) and events.
 */
import type { World } from '../../src/testing';
import { FrameType, PROTOCOL_VERSION, REQUEST_ID_RANGE } from '../../src/core/wire/protocol';
import { MAX_REPLY_LANES_PER_PEER } from '../../src/core/wire/replyLanes';
import { harnessScripts, rejectionOf } from '../support/harness';
import { countCrossings, HUB, startHubWorld, ts, useLua } from './support';

useLua();

const EVENT = `fxcb:${HUB}`;

/** The events that cross, as `from name` (a client sent it) or `to name` (the server did). */
function eventsOnWire(world: World): string[] {
  const events: string[] = [];
  world.network.intercept((packet) => void events.push(`${packet.from === 'server' ? 'to' : 'from'} ${packet.name}`));
  return events;
}

test("a client resource's calls cross into its hub once per five envelopes at most, for the budget, and their answers come to the resource's own event", async () => {
  const hub = startHubWorld([ts('shop'), ts('hud')], { latency: 10 });
  hub.server('shop').register('shop:price', (_player: number, item: string) => item.length);
  await hub.world.advance(100);
  const crossings = countCrossings(hub.clients[0]!);
  const events = eventsOnWire(hub.world);
  const hud = hub.client(0, 'hud');
  for (let i = 0; i < 5; i++) expect(await hub.world.settle(hud.call('shop:price', 'x'.repeat(i)))).toBe(i);
  // The first request went to the server's hub, which taught hud the route with the answer.
  expect(events).toEqual([`from ${EVENT}`, `to ${EVENT}:hud`, ...Array(4).fill([`from ${EVENT}:shop`, `to ${EVENT}:hud`]).flat()]);
  // One export call (the lease) for the first envelope, which brought a credit of four more; none to hud: nothing
  // is handed over.
  expect(crossings.get(HUB)).toBe(1);
  expect(crossings.get('hud') ?? 0).toBe(0);
  for (let i = 0; i < 5; i++) expect(await hub.world.settle(hud.call('shop:price', 'x'.repeat(i)))).toBe(i);
  expect(crossings.get(HUB)).toBe(2);
  // A burst of calls in one frame: one envelope, one lease (the credit was spent).
  const burst = Array.from({ length: 50 }, (_, i) => hud.call('shop:price', 'y'.repeat(i)));
  expect(await hub.world.settle(Promise.all(burst))).toEqual(burst.map((_, i) => i));
  expect(crossings.get(HUB)).toBe(3);
  expect(hub.hubStats(0)).toMatchObject({ routes: 0, calls: 0 });
});

test('the requests name the resource and carry ids of its block', async () => {
  const hub = startHubWorld([ts('shop'), ts('hud')], { latency: 10 });
  hub.server('shop').register('shop:price', () => 5);
  const requests: unknown[][] = [];
  hub.world.network.intercept((packet) => {
    if (packet.from !== 'server') for (const frame of (packet.args[0] as unknown[][]).slice(1)) if (frame[0] === FrameType.REQUEST) requests.push(frame);
  });
  expect(await hub.world.settle(hub.client(0, 'hud').call('shop:price'))).toBe(5);
  expect(requests).toEqual([[FrameType.REQUEST, expect.any(Number), 'shop:price', [], 0, 'hud']]);
  expect(requests[0]![1]).toBeGreaterThanOrEqual(REQUEST_ID_RANGE);
});

test("a server resource's calls to a player's resource: after the first, which the player's hub hands over, nothing crosses on either side", async () => {
  const hub = startHubWorld([ts('shop'), ts('hud')], { latency: 10 });
  hub.client(0, 'hud').register('hud:confirm', (n: number) => n * 2);
  await hub.world.advance(100);
  const onClient = countCrossings(hub.clients[0]!);
  const onServer = countCrossings(hub.world.server);
  const events = eventsOnWire(hub.world);
  const player = hub.clients[0]!.playerId;
  for (let i = 0; i < 4; i++) expect(await hub.world.settle(hub.server('shop').call(player, 'hud:confirm', i))).toBe(i * 2);
  // hud's answer to the first taught shop the route (a ROUTE frame, as the server's resources teach players' hubs).
  expect(events).toEqual([`to ${EVENT}`, `from ${EVENT}:shop`, ...Array(3).fill([`to ${EVENT}:hud`, `from ${EVENT}:shop`]).flat()]);
  expect(onClient.get('hud')).toBe(1);
  expect(onClient.get(HUB)).toBe(1);
  expect(onServer.size).toBe(0);
  expect(hub.hubStats(0)).toMatchObject({ routes: 0, calls: 0 });
  // hud stops: its event is heard by the player's hub until it is back, which answers at once.
  hub.clients[0]!.stopResource('hud');
  expect(await hub.world.settle(rejectionOf(hub.server('shop').with({ timeout: 5000 }).call(player, 'hud:confirm', 1)))).toMatchObject({ code: 'NO_SUCH_CALLBACK' });
});

test("a player teaching a server resource a route: only that player's calls go there", async () => {
  const hub = startHubWorld([ts('shop'), ts('hud')], { latency: 10, players: 2 });
  for (const i of [0, 1]) hub.client(i, 'hud').register('hud:confirm', () => true);
  const [cheater, honest] = [hub.clients[0]!, hub.clients[1]!];
  cheater.resource('hud').run(`emitNet('${EVENT}:shop', [${PROTOCOL_VERSION}, [${FrameType.ROUTE}, 0, 'hud:confirm', 'elsewhere']])`);
  await hub.world.advance(100);
  const events = eventsOnWire(hub.world);
  expect(await hub.world.settle(rejectionOf(hub.server('shop').with({ timeout: 1000 }).call(cheater.playerId, 'hud:confirm')))).toMatchObject({ code: 'TIMEOUT' });
  expect(await hub.world.settle(hub.server('shop').call(honest.playerId, 'hud:confirm'))).toBe(true);
  expect(events.slice(0, 1)).toEqual([`to ${EVENT}:elsewhere`]);
  expect(events).toContain(`to ${EVENT}`);
});

test('a server resource keeps at most 128 routes a player taught it; the calls of other names pass the hub', async () => {
  const hub = startHubWorld([ts('shop')], { latency: 10 });
  const player = hub.clients[0]!;
  const routes = Array.from({ length: 130 }, (_, i) => `[${FrameType.ROUTE}, 0, 'n${i}', 'elsewhere']`);
  player.resource('shop').run(`emitNet('${EVENT}:shop', [${PROTOCOL_VERSION}, ${routes.join(', ')}])`);
  await hub.world.advance(100);
  const events = eventsOnWire(hub.world);
  for (const name of ['n0', 'n127', 'n128']) void rejectionOf(hub.server('shop').with({ timeout: 100 }).call(player.playerId, name));
  await hub.world.advance(100);
  expect(events.filter((event) => event.startsWith('to'))).toEqual([`to ${EVENT}:elsewhere`, `to ${EVENT}`]);
});

test('three client resources calling with 7 KB each, 120 times in one frame: one budget, nobody kicked, nothing dropped, each in order', async () => {
  const names = ['hud', 'map', 'phone'];
  const hub = startHubWorld([ts('store', { serverOptions: { limits: { maxRunningPerPeer: 1000 } } }), ...names.map((name) => ts(name))], { latency: 20 });
  const seen = new Map<string, number[]>(names.map((name) => [name, []]));
  hub.server('store').register('save', (_player: number, from: string, n: number, blob: string) => {
    seen.get(from)!.push(n);
    return blob.length;
  });
  const calls = names.flatMap((name) => Array.from({ length: 120 }, (_, n) => hub.client(0, name).with({ timeout: 60_000 }).call<number>('save', name, n, 'y'.repeat(7000))));
  expect(await hub.world.settle(Promise.all(calls), 90_000)).toEqual(calls.map(() => 7000));
  expect(hub.world.network.stats.kicked).toBe(0);
  expect(hub.world.network.stats.dropped.rateLimited).toBe(0);
  for (const name of names) expect(seen.get(name)).toEqual(Array.from({ length: 120 }, (_, n) => n));
  // 2.5 MB crossed, far above FiveM's burst of 384 KiB: the one budget spread it over seconds.
  const family = Object.entries(hub.world.network.stats.byName).filter(([name]) => name.startsWith(EVENT));
  expect(family.reduce((sum, [, counter]) => sum + counter.toServer.bytes, 0)).toBeGreaterThan(2_520_000);
}, 60_000);

test('six client resources each calling every frame for five seconds: their events, credit included, stay within the one budget', async () => {
  const names = ['a', 'b', 'c', 'd', 'e', 'f'];
  const hub = startHubWorld([ts('shop', { serverOptions: { limits: { maxRunningPerPeer: 1000 } } }), ...names.map((name) => ts(name))], { latency: 20 });
  hub.server('shop').register('shop:echo', (_player: number, value: string) => value);
  const sent: number[] = [];
  hub.world.network.intercept((packet) => void (packet.from !== 'server' && sent.push(hub.world.now)));
  const calls: Promise<string>[] = [];
  for (let frame = 0; frame < 300; frame++) {
    for (const name of names) calls.push(hub.client(0, name).with({ timeout: 60_000 }).call<string>('shop:echo', `${name}${frame}`));
    await hub.world.advance(16);
  }
  const answers = await hub.world.settle(Promise.all(calls), 60_000);
  expect(answers).toEqual(calls.map((_, i) => `${names[i % names.length]}${Math.floor(i / names.length)}`));
  expect(hub.world.network.stats.dropped.rateLimited).toBe(0);
  expect(hub.world.network.stats.kicked).toBe(0);
  // The hub's pace, 45 events a second after a burst of 180: never more, whoever sent them.
  for (const at of sent) expect(sent.filter((t) => t >= at && t < at + 1000).length).toBeLessThanOrEqual(180 + 45);
}, 60_000);

test("a player naming another resource, or garbage, as the answers' resource: refused when malformed, else answered on that player's own event only", async () => {
  const hub = startHubWorld([ts('shop'), ts('hud')], { latency: 10, players: 2 });
  hub.server('shop').register('shop:price', () => 5);
  const [cheater, other] = [hub.clients[0]!, hub.clients[1]!];
  const events = eventsOnWire(hub.world);
  const answeredTo: unknown[] = [];
  hub.world.network.intercept((packet) => void (packet.from === 'server' && answeredTo.push(packet.to)));
  const request = (id: number, replyTo: string) => `[${FrameType.REQUEST}, ${id}, 'shop:price', [], 0, ${JSON.stringify(replyTo)}]`;
  const bad = ['../x', 'a'.repeat(65), '', 'fx cb'];
  cheater.resource('hud').run(`emitNet('${EVENT}', [${PROTOCOL_VERSION}, ${bad.map((name, i) => request(REQUEST_ID_RANGE * 7 + i, name)).join(', ')}])`);
  await hub.world.advance(100);
  expect(hub.hubStats().rejectedFrames).toBe(bad.length);
  expect(events.filter((event) => event.startsWith('to'))).toEqual([]);
  cheater.resource('hud').run(`emitNet('${EVENT}', [${PROTOCOL_VERSION}, ${request(REQUEST_ID_RANGE * 7, 'admin')}])`);
  await hub.world.advance(100);
  expect(events.filter((event) => event.startsWith('to'))).toEqual([`to ${EVENT}:admin`]);
  expect(answeredTo).toEqual([cheater.playerId]);
  // The honest player is untouched.
  expect(await hub.world.settle(hub.client(1, 'hud').call('shop:price'))).toBe(5);
  expect(other.playerId).not.toBe(cheater.playerId);
});

test(`at most ${MAX_REPLY_LANES_PER_PEER} resources per player are remembered; beyond, answers go on the hub's event`, async () => {
  const hub = startHubWorld([ts('shop')], { latency: 10 });
  hub.server('shop').register('shop:price', () => 5);
  const player = hub.clients[0]!;
  const lanes: string[] = [];
  hub.world.network.intercept((packet) => void (packet.from === 'server' && lanes.push(packet.name)));
  const requests = Array.from({ length: MAX_REPLY_LANES_PER_PEER + 1 }, (_, i) => `[${FrameType.REQUEST}, ${REQUEST_ID_RANGE * (i + 1)}, 'shop:price', [], 0, 'r${i}']`);
  for (let i = 0; i < requests.length; i += 64) player.resource('shop').run(`emitNet('${EVENT}', [${PROTOCOL_VERSION}, ${requests.slice(i, i + 64).join(', ')}])`);
  await hub.world.advance(200);
  expect(new Set(lanes).size).toBe(MAX_REPLY_LANES_PER_PEER + 1);
  expect(lanes).toContain(EVENT);
  expect(lanes).not.toContain(`${EVENT}:r${MAX_REPLY_LANES_PER_PEER}`);
});

test('a client resource stops with a call in flight and starts again: the call fails RESOURCE_STOPPED, the server hears the cancel, the new one is answered on its event', async () => {
  const hub = startHubWorld([ts('shop'), ts('hud')], { latency: 10 });
  hub.server('shop').register('shop:price', () => 5);
  hub.server('shop').register('shop:hang', () => new Promise(() => undefined));
  expect(await hub.world.settle(hub.client(0, 'hud').call('shop:price'))).toBe(5);
  expect(await hub.world.settle(rejectionOf(hub.client(0, 'hud').with({ timeout: 100 }).call('shop:hang')))).toMatchObject({ code: 'TIMEOUT' });
  const hanging = rejectionOf(hub.client(0, 'hud').call('shop:hang'));
  await hub.world.advance(100);
  hub.clients[0]!.stopResource('hud');
  expect(await hub.world.settle(hanging)).toMatchObject({ code: 'RESOURCE_STOPPED' });
  await hub.world.advance(100);
  // The CANCEL went where the request had gone, shop's event: the handler was torn down.
  expect(hub.server('shop').stats).toMatchObject({ runningHandlers: 0 });
  hub.clients[0]!.startResource({ name: 'hud', ...harnessScripts({ serverOptions: { standalone: false }, clientOptions: { standalone: false } }) });
  const events = eventsOnWire(hub.world);
  expect(await hub.world.settle(hub.client(0, 'hud').call('shop:price'))).toBe(5);
  expect(await hub.world.settle(hub.client(0, 'hud').call('shop:price'))).toBe(5);
  expect(events).toEqual([`from ${EVENT}`, `to ${EVENT}:hud`, `from ${EVENT}:shop`, `to ${EVENT}:hud`]);
  // The hub, shop and hud.
  expect(hub.hubStats(0)).toMatchObject({ routes: 0, calls: 0, members: 3 });
});

test("a client resource calling a Lua resource's server callback: the hub answers on the resource's event; a Lua client's calls keep the hub's", async () => {
  const bank = {
    name: 'bank',
    server: `exports.fxcallbacks:RegisterServerCallback('bank:balance', function(src, cb, account) cb(account .. ':' .. src * 100) end)`,
    client: `function check() exports.fxcallbacks:TriggerServerCallback('bank:balance', function(balance) checked = balance end, 'lua') end`,
  };
  const hub = startHubWorld([bank, ts('hud')], { latency: 10 });
  const player = hub.clients[0]!.playerId;
  const events = eventsOnWire(hub.world);
  for (let i = 0; i < 2; i++) expect(await hub.world.settle(hub.client(0, 'hud').call('bank:balance', 'ts'))).toBe(`ts:${player * 100}`);
  // No resource answers bank:balance itself (a Lua callback lives in the hub): every request goes to the hub.
  expect(events).toEqual([`from ${EVENT}`, `to ${EVENT}:hud`, `from ${EVENT}`, `to ${EVENT}:hud`]);
  events.length = 0;
  hub.clientLua(0, 'bank').run('check()');
  await hub.world.advance(200);
  expect(hub.clientLua(0, 'bank').get('checked')).toBe(`lua:${player * 100}`);
  expect(events).toEqual([`from ${EVENT}`, `to ${EVENT}`]);
});
