/**
 * Direct members: a TypeScript resource that joined the server's hub hears requests for its callbacks on its own
 * event, `fxcb:<hub>:<resource>`, once the player's hub learnt the route (a ROUTE frame in the answer to the first
 * call, which the hub handed over), and answers from its own runtime on the hub's event. Counted in the world:
 * function-reference calls between runtimes (exports are function references too) and events on the wire.
 */
import type { World } from '../../src/testing';
import { FrameType, PROTOCOL_VERSION, REQUEST_ID_RANGE } from '../../src/core/wire/protocol';
import { harnessScripts, rejectionOf } from '../support/harness';
import { countCrossings, HUB, startHubWorld, ts, useLua } from './support';

useLua();

const EVENT = `fxcb:${HUB}`;

/** The frames the server sends to clients on the hub's family of events (the hub's, its client resources'). */
function framesToClients(world: World): unknown[][] {
  const sent: unknown[][] = [];
  world.network.intercept((packet) => {
    if (packet.name.startsWith(EVENT) && packet.from === 'server') sent.push(...((packet.args[0] as unknown[]).slice(1) as unknown[][]));
  });
  return sent;
}

/** The events clients send, by name. */
function eventsToServer(world: World): string[] {
  const names: string[] = [];
  world.network.intercept((packet) => {
    if (packet.from !== 'server') names.push(packet.name);
  });
  return names;
}

test('after the first call of a name, a call crosses no resource boundary on the server, either way', async () => {
  const hub = startHubWorld([ts('shop')], { latency: 10 });
  hub.server('shop').register('shop:price', (_player: number, item: string) => item.length);
  await hub.world.advance(100);
  const crossings = countCrossings(hub.world.server);
  const sent = framesToClients(hub.world);
  const events = eventsToServer(hub.world);
  for (let i = 0; i < 10; i++) expect(await hub.world.settle(hub.client(0, 'shop').call('shop:price', 'x'.repeat(i)))).toBe(i);
  // The first request reached shop through the hub (one hand-over); its answer taught the player's hub the route.
  expect(crossings.get(HUB) ?? 0).toBe(0);
  expect(crossings.get('shop')).toBe(1);
  expect(events).toEqual([EVENT, ...Array(9).fill(`${EVENT}:shop`)]);
  expect(sent[0]).toEqual([FrameType.RESULT, expect.any(Number), [0]]);
  expect(sent[1]).toEqual([FrameType.ROUTE, 0, 'shop:price', 'shop']);
  expect(sent.slice(2).map((frame) => frame[0])).toEqual(Array(9).fill(FrameType.RESULT));
  expect(hub.hubStats()).toMatchObject({ routes: 0, calls: 0 });
});

test('twenty joined resources: every call answered, each first call handed to its owner only, then none', async () => {
  const names = Array.from({ length: 20 }, (_, i) => `shop${i}`);
  const hub = startHubWorld(names.map((name) => ts(name)), { latency: 10 });
  for (const [i, name] of names.entries()) hub.server(name).register(`${name}:id`, () => i);
  await hub.world.advance(100);
  const crossings = countCrossings(hub.world.server);
  const callAll = () => hub.world.settle(Promise.all(names.map((name) => hub.client(0, names[0]!).call(`${name}:id`))));
  expect(await callAll()).toEqual(names.map((_, i) => i));
  for (const name of names) expect(crossings.get(name)).toBe(1);
  expect(await callAll()).toEqual(names.map((_, i) => i));
  for (const name of names) expect(crossings.get(name)).toBe(1);
  expect(crossings.get(HUB) ?? 0).toBe(0);
  expect(hub.hubStats()).toMatchObject({ routes: 0, members: 21 });
});

test('a name moves to another resource: the call sent on the old route is forwarded by the hub, and the route is learnt again', async () => {
  const hub = startHubWorld([ts('shop'), ts('bank')], { latency: 10 });
  const client = hub.client(0, 'bank');
  const unregister = hub.server('shop').register('price', () => 'from shop');
  expect(await hub.world.settle(client.call('price'))).toBe('from shop');
  expect(await hub.world.settle(client.call('price'))).toBe('from shop');
  unregister();
  hub.server('bank').register('price', () => 'from bank');
  const events = eventsToServer(hub.world);
  expect(await hub.world.settle(client.call('price'))).toBe('from bank');
  expect(await hub.world.settle(client.call('price'))).toBe('from bank');
  expect(events).toEqual([`${EVENT}:shop`, `${EVENT}:bank`]);
});

test('a request on the event of a resource that stopped gets an answer from the hub, and the restarted resource is reached again', async () => {
  const hub = startHubWorld([ts('shop'), ts('hud')], { latency: 10 });
  const client = hub.client(0, 'hud');
  hub.server('shop').register('shop:price', () => 5);
  for (let i = 0; i < 2; i++) expect(await hub.world.settle(client.call('shop:price'))).toBe(5);
  hub.world.stopResource('shop');
  const events = eventsToServer(hub.world);
  // Not a timeout: the hub hears the stopped resource's event until it joins again.
  expect(await hub.world.settle(rejectionOf(client.with({ timeout: 5000 }).call('shop:price')))).toMatchObject({ code: 'NO_SUCH_CALLBACK' });
  expect(events).toEqual([`${EVENT}:shop`]);
  hub.world.startResource({ name: 'shop', ...harnessScripts({ serverOptions: { standalone: false }, clientOptions: { standalone: false } }) });
  hub.server('shop').register('shop:price', () => 6);
  expect(await hub.world.settle(client.call('shop:price'))).toBe(6);
  expect(await hub.world.settle(client.call('shop:price'))).toBe(6);
  expect(hub.hubStats()).toMatchObject({ routes: 0, members: 3 });
});

test('a member stops with requests in flight: RESOURCE_STOPPED for what was running, nothing for what it had answered', async () => {
  const hub = startHubWorld([ts('shop'), ts('bank')], { latency: 10 });
  hub.server('shop').register('shop:price', () => 5);
  hub.server('shop').register('shop:hang', () => new Promise(() => undefined));
  hub.server('bank').register('bank:hang', () => new Promise(() => undefined));
  const client = hub.client(0, 'bank');
  // Answered directly; the hub hears of the first call's end only with the next hand-over to shop, which never comes.
  for (let i = 0; i < 3; i++) expect(await hub.world.settle(client.call('shop:price'))).toBe(5);
  const hanging = rejectionOf(client.with({ timeout: 5000 }).call('shop:hang'));
  const elsewhere = rejectionOf(client.with({ timeout: 2000 }).call('bank:hang'));
  await hub.world.advance(100);
  const sent = framesToClients(hub.world);
  hub.world.stopResource('shop');
  expect(await hub.world.settle(hanging)).toMatchObject({ code: 'RESOURCE_STOPPED' });
  // The bank's call is not touched by shop's leaving: it times out on its own.
  expect(await hub.world.settle(elsewhere)).toMatchObject({ code: 'TIMEOUT' });
  const stopped = sent.filter((frame) => frame[0] === FrameType.ERROR && frame[2] === 'RESOURCE_STOPPED');
  expect(stopped.length).toBeGreaterThanOrEqual(1);
  expect(new Set(stopped.map((frame) => frame[1])).size).toBe(1);
  // The timed-out call's CANCEL ends its route once it arrives.
  await hub.world.advance(100);
  expect(hub.hubStats()).toMatchObject({ routes: 0, members: 2 });
});

test("a player at the hub's cap of routes: the ends a resource has not reported yet are asked for, not refused", async () => {
  const hub = startHubWorld([ts('shop')], { latency: 10, convars: { 'fxcallbacks:maxRoutesPerPeer': '3' } });
  const names = ['a', 'b', 'c', 'd', 'e'];
  for (const name of names) hub.server('shop').register(name, () => name);
  hub.server('shop').register('hang', () => new Promise(() => undefined));
  const client = hub.client(0, 'shop');
  // Three first calls in one envelope: one hand-over, three answers sent directly, their ends not yet reported.
  expect(await hub.world.settle(Promise.all(['a', 'b', 'c'].map((name) => client.call(name))))).toEqual(['a', 'b', 'c']);
  expect(await hub.world.settle(client.call('d'))).toBe('d');
  // What the hub routes is capped: three first calls to names that hang fill it, the fourth is refused.
  const hanging = [0, 1, 2].map(() => rejectionOf(client.with({ timeout: 1000 }).call('hang')));
  await hub.world.advance(5);
  expect(await hub.world.settle(rejectionOf(client.call('e')))).toMatchObject({ code: 'LIMIT_EXCEEDED' });
  for (const call of hanging) expect(await hub.world.settle(call)).toMatchObject({ code: 'TIMEOUT' });
});

test('players cannot steer the server: ROUTE frames from a client are ignored, garbage on a resource\'s event is refused and logged there', async () => {
  const hub = startHubWorld([ts('shop'), ts('hud')], { latency: 10 });
  hub.client(0, 'hud').register('hud:confirm', () => true);
  hub.server('shop').register('shop:price', () => 5);
  const player = hub.clients[0]!;
  player.resource('hud').run(`emitNet('${EVENT}', [${PROTOCOL_VERSION}, [${FrameType.ROUTE}, 0, 'hud:confirm', 'shop']])`);
  player.resource('hud').run(`emitNet('${EVENT}:shop', 'garbage'); emitNet('${EVENT}:shop', [${PROTOCOL_VERSION}, [9, 1]])`);
  await hub.world.advance(100);
  const events = new Set<string>();
  hub.world.network.intercept((packet) => void events.add(packet.name));
  expect(await hub.world.settle(hub.server('shop').call(player.playerId, 'hud:confirm'))).toBe(true);
  // The request left on the hub's event; the answer came to shop's own event (the request named shop).
  expect([...events]).toEqual([EVENT, `${EVENT}:shop`]);
  expect(hub.server('shop').stats.rejectedFrames).toBe(2);
  expect(hub.world.logs.entries.filter((entry) => entry.resource === 'shop' && entry.text.startsWith('fxcallbacks: dropped'))).toHaveLength(2);
  expect(await hub.world.settle(hub.client(0, 'hud').call('shop:price'))).toBe(5);
});

test("the hub's router refuses garbage as a standalone endpoint does: counted and logged (throttled)", async () => {
  const hub = startHubWorld([ts('shop')], { latency: 10 });
  const player = hub.clients[0]!;
  for (let i = 0; i < 5; i++) player.resource('shop').run(`emitNet('${EVENT}', 'garbage')`);
  await hub.world.advance(100);
  expect(hub.hubStats().rejectedFrames).toBe(5);
  const lines = hub.world.logs.entries.filter((entry) => entry.resource === HUB && entry.text.startsWith('fxcallbacks: dropped'));
  expect(lines.map((entry) => entry.text)).toEqual([`fxcallbacks: dropped not-an-envelope from ${player.playerId}`]);
});

test("a server resource's call to a player leaves from it with an id of its own block, and the reply comes to its own event", async () => {
  const hub = startHubWorld([ts('shop'), ts('hud')], { latency: 10 });
  hub.client(0, 'hud').register('hud:confirm', (question: string) => `yes to ${question}`);
  await hub.world.advance(100);
  const crossings = countCrossings(hub.world.server);
  const sent = framesToClients(hub.world);
  const player = hub.clients[0]!.playerId;
  for (let i = 0; i < 5; i++) expect(await hub.world.settle(hub.server('shop').call(player, 'hud:confirm', `sale ${i}`))).toBe(`yes to sale ${i}`);
  // Nothing is handed over on the server: the requests named shop, whose event heard the replies.
  expect(crossings.get(HUB) ?? 0).toBe(0);
  expect(crossings.get('shop') ?? 0).toBe(0);
  expect(sent.every((frame) => frame[0] === FrameType.REQUEST && (frame[1] as number) >= REQUEST_ID_RANGE && frame[5] === 'shop')).toBe(true);
  expect(hub.hubStats()).toMatchObject({ calls: 0, routes: 0 });
});

test('twenty server resources call one player at once: their ids never collide, every answer reaches its caller', async () => {
  const names = Array.from({ length: 20 }, (_, i) => `shop${i}`);
  const hub = startHubWorld([...names.map((name) => ts(name)), ts('hud')], { latency: 10 });
  hub.client(0, 'hud').register('hud:echo', (value: string) => value);
  const player = hub.clients[0]!.playerId;
  const ids = new Set<number>();
  hub.world.network.intercept((packet) => {
    if (packet.from === 'server') for (const frame of (packet.args[0] as unknown[][]).slice(1)) if (frame[0] === FrameType.REQUEST) ids.add(frame[1] as number);
  });
  const calls = names.flatMap((name) => [0, 1, 2].map((n) => hub.server(name).call(player, 'hud:echo', `${name}/${n}`)));
  expect(await hub.world.settle(Promise.all(calls))).toEqual(names.flatMap((name) => [0, 1, 2].map((n) => `${name}/${n}`)));
  expect(ids.size).toBe(60);
});

test('a trace that starts while calls heard directly are running: their answers still reach the player, through the hub', async () => {
  const hub = startHubWorld([ts('shop')], { latency: 10 });
  let answer: (value: number) => void = () => undefined;
  hub.server('shop').register('shop:slow', () => new Promise<number>((resolve) => (answer = resolve)));
  hub.server('shop').register('shop:price', () => 5);
  const client = hub.client(0, 'shop');
  expect(await hub.world.settle(client.call('shop:price'))).toBe(5);
  expect(await hub.world.settle(rejectionOf(client.with({ timeout: 100 }).call('shop:slow')))).toMatchObject({ code: 'TIMEOUT' });
  // Learnt: shop:slow's requests now go to shop's own event.
  const slow = client.call('shop:slow');
  await hub.world.advance(100);
  hub.world.server.executeCommand('fxcallbacks trace shop:price 30');
  const crossings = countCrossings(hub.world.server);
  answer(7);
  expect(await hub.world.settle(slow)).toBe(7);
  expect(crossings.get(HUB)).toBe(1);
  // While the trace runs, what the player sends to shop's event passes the hub too.
  expect(await hub.world.settle(client.call('shop:price'))).toBe(5);
  expect(crossings.get(HUB)).toBe(3);
});

test("large arguments and answers go latent on the resources' own events, from the resources", async () => {
  const hub = startHubWorld([ts('shop')], { latency: 10 });
  hub.server('shop').register('shop:echo', (_player: number, text: string) => text.toUpperCase());
  const client = hub.client(0, 'shop');
  expect(await hub.world.settle(client.call('shop:echo', 'small'))).toBe('SMALL');
  const latent: string[] = [];
  hub.world.network.intercept((packet) => void (packet.latent && latent.push(`${packet.from === 'server' ? 'to' : 'from'} ${packet.name}`)));
  const big = 'x'.repeat(20_000);
  expect(await hub.world.settle(client.call('shop:echo', big), 20_000)).toBe(big.toUpperCase());
  // Both sides' resources are called shop: the server's hears requests on its event, the client's answers on its own.
  expect(latent).toEqual([`from ${EVENT}:shop`, `to ${EVENT}:shop`]);
});

test('a player who keeps sending at the cap makes the hub ask its resources once per envelope, not once per frame', async () => {
  const hub = startHubWorld([ts('shop'), ts('bank')], { latency: 10, convars: { 'fxcallbacks:maxRoutesPerPeer': '3' } });
  hub.server('shop').register('hang', () => new Promise(() => undefined));
  const player = hub.clients[0]!;
  const hanging = (id: number) => `[${FrameType.REQUEST}, ${id}, 'hang', []]`;
  const flood = Array.from({ length: 100 }, (_, i) => hanging(10 + i)).join(', ');
  player.resource('shop').run(`emitNet('${EVENT}', [${PROTOCOL_VERSION}, ${hanging(1)}, ${hanging(2)}, ${hanging(3)}])`);
  await hub.world.advance(100);
  const crossings = countCrossings(hub.world.server);
  const refused = framesToClients(hub.world);
  player.resource('shop').run(`emitNet('${EVENT}', [${PROTOCOL_VERSION}, ${flood}])`);
  await hub.world.advance(100);
  expect(refused.filter((frame) => frame[0] === FrameType.ERROR && frame[2] === 'LIMIT_EXCEEDED')).toHaveLength(100);
  expect(crossings.get('shop')).toBe(1);
  expect(crossings.get('bank')).toBe(1);
});
