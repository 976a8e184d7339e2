/**
 * A client that never answers the server's calls (a "notify the player" callback the server fires without
 * awaiting) holds their request ids until the calls time out. Calls waiting on one player are capped
 * (`limits.maxCallsPerPeer`, convar `fxcallbacks:maxCallsPerPeer`): the next fails at once with LIMIT_EXCEEDED. An id
 * in use is never handed out again, and taking one stays cheap however many are in use: in the core and in the hub.
 */
import type { World } from '../../src/testing';
import { framesOf } from '../fuzz/world';
import { startHubWorld, ts, useLua } from '../hub/support';
import { rejectionOf, startHarness } from '../support/harness';

useLua();

/** The player's client swallows everything the server sends it on `event`: it never answers. */
function silence(world: World, player: number, event: string): { requestIds: number[] } {
  const seen = { requestIds: [] as number[] };
  world.network.intercept((packet) => {
    // The event's family too: a resource's calls through the hub name it, and their answers go to its own event.
    if (packet.name !== event && !packet.name.startsWith(`${event}:`)) return;
    if (packet.to === player) for (const frame of framesOf(packet.args)) if (frame[0] === 0) seen.requestIds.push(frame[1] as number);
    return packet.from === player ? 'drop' : undefined;
  });
  return seen;
}

/** Host time of `run`, in ms. */
function hostTime(run: () => void): number {
  const started = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

test('70,000 calls at a player who never answers: 16,384 wait with distinct ids, the rest fail at once, and each costs the same', async () => {
  const h = startHarness({ latency: 20, players: 2 });
  const [silent, honest] = h.world.clients.map((client) => client.playerId) as [number, number];
  h.client(honest).register('ping', () => 'pong');
  const seen = silence(h.world, silent, 'fxcb:harness');
  const outcomes: Promise<string>[] = [];
  const notify = (count: number) =>
    hostTime(() => {
      for (let i = 0; i < count; i++) outcomes.push(h.server.call(silent, 'notify', i).then(() => 'answered', (error: { code: string }) => error.code));
    });
  const first = notify(1000);
  notify(68_000);
  const last = notify(1000);
  await h.world.advance(100);
  // The first calls past the cap are refused as cheaply as the first calls were made: allocation never scans.
  expect(last / first).toBeLessThan(5);
  expect(h.server.stats.pendingCalls).toBe(16_384);
  expect(seen.requestIds).toHaveLength(16_384);
  expect(new Set(seen.requestIds).size).toBe(16_384);
  expect(await h.world.settle(h.server.call(honest, 'ping'))).toBe('pong');
  const counts: Record<string, number> = {};
  for (const outcome of await h.world.settle(Promise.all(outcomes), 20_000)) counts[outcome] = (counts[outcome] ?? 0) + 1;
  expect(counts).toEqual({ LIMIT_EXCEEDED: 70_000 - 16_384, TIMEOUT: 16_384 });
  expect(h.server.stats.pendingCalls).toBe(0);
}, 60_000);

test('the cap is an endpoint option, refused at once with its details; ids come back when calls end', async () => {
  const h = startHarness({ latency: 20, serverOptions: { limits: { maxCallsPerPeer: 3 } }, players: 1 });
  const silent = h.world.clients[0]!.playerId;
  const seen = silence(h.world, silent, 'fxcb:harness');
  const waiting = [1, 2, 3].map((n) => h.server.with({ timeout: 1000 }).call(silent, 'notify', n).catch((error: { code: string }) => error.code));
  // Refused at once: it settles in the server's next tick, where its promise jobs run (as on FXServer).
  const refusal = await h.world.settle(rejectionOf(h.server.call(silent, 'notify', 4)), 50);
  expect(refusal).toMatchObject({ code: 'LIMIT_EXCEEDED', details: { maxCallsPerPeer: 3 } });
  // A retryable call holds its id between attempts too, and counts once.
  expect(await h.world.settle(Promise.all(waiting), 5000)).toEqual(['TIMEOUT', 'TIMEOUT', 'TIMEOUT']);
  const retried = h.server.with({ timeout: 500, retries: 2, retryDelay: 100 }).call(silent, 'notify', 5).catch((error: { code: string }) => error.code);
  const others = [6, 7].map((n) => h.server.with({ timeout: 5000 }).call(silent, 'notify', n).catch((error: { code: string }) => error.code));
  await h.world.advance(700);
  expect((await h.world.settle(rejectionOf(h.server.call(silent, 'notify', 8)), 50)).code).toBe('LIMIT_EXCEEDED');
  expect(await h.world.settle(Promise.all([retried, ...others]), 10_000)).toEqual(['TIMEOUT', 'TIMEOUT', 'TIMEOUT']);
  expect(seen.requestIds.filter((id, i) => seen.requestIds.indexOf(id) !== i)).toHaveLength(2); // the retries' resends
});

test('through the hub: a TypeScript resource on the server caps its own calls (its limits), the hub those of the Lua exports together (convar)', async () => {
  const hub = startHubWorld([ts('notifier', { serverOptions: { limits: { maxCallsPerPeer: 50 } } }), { name: 'luanotes', server: `
    outcomes = {}
    function notifyAll(player, count)
      for i = 1, count do
        exports.fxcallbacks:TriggerClientCallback(player, 'notify', function(_, err) outcomes[#outcomes + 1] = err or 'answered' end, i)
      end
    end` }], { latency: 20, players: 1, convars: { 'fxcallbacks:maxCallsPerPeer': '50' } });
  const silent = hub.clients[0]!.playerId;
  const seen = silence(hub.world, silent, 'fxcb:fxcallbacks');
  const outcomes = Array.from({ length: 80 }, (_, n) => hub.server('notifier').call(silent, 'notify', n).then(() => 'answered', (error: { code: string }) => error.code));
  await hub.world.advance(100);
  // The resource's calls leave from it directly (ids from its own block): the hub holds none of them.
  expect(hub.server('notifier').stats.pendingCalls).toBe(50);
  expect(hub.hubStats()).toMatchObject({ calls: 0 });
  hub.serverLua('luanotes').run(`notifyAll(${silent}, 60)`);
  await hub.world.advance(100);
  expect(hub.hubStats()).toMatchObject({ calls: 50 });
  expect(new Set(seen.requestIds).size).toBe(seen.requestIds.length);
  const lua = hub.serverLua('luanotes').get<string[]>('outcomes');
  expect(lua).toHaveLength(10);
  for (const outcome of lua) expect(outcome).toContain('50 calls already wait on');
  const counts: Record<string, number> = {};
  for (const outcome of await hub.world.settle(Promise.all(outcomes), 20_000)) counts[outcome] = (counts[outcome] ?? 0) + 1;
  expect(counts).toEqual({ LIMIT_EXCEEDED: 30, TIMEOUT: 50 });
  // The Lua calls, made 100 ms later, time out 100 ms later.
  await hub.world.advance(1000);
  expect(hub.serverLua('luanotes').get<string[]>('outcomes')).toHaveLength(60);
  expect(hub.hubStats()).toMatchObject({ calls: 0 });
}, 30_000);
