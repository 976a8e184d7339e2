/**
 * Calls to player ids that are not connected (never were, or left) fail at once with PLAYER_DROPPED, and nothing is
 * kept for such an id: no request id sequence, no pending record, whatever the call (with retries, a stream, a
 * queue). Checked on the heap: after calls to many distinct absent ids, memory is back to its baseline.
 */
import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';
import type { ServerCallbacks } from '../../src/server';
import type { World } from '../../src/testing';
import { startHarness } from '../support/harness';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** Heap in use after a full collection. */
function heapUsed(): number {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

const ABSENT_IDS = 40_000;
const WARM_UP_IDS = 10_000;
const FIRST_ABSENT = 1000;
/** Calls made before the world runs a frame. */
const BATCH = 1000;

/**
 * Calls every absent id once with `call`, then lets the world run until all have ended (the server's promise jobs
 * run in its tick, as on FXServer); resolves with the error codes.
 */
async function callAbsent(world: World, call: (player: number) => Promise<unknown>, count = ABSENT_IDS): Promise<Record<string, number>> {
  const codes: Record<string, number> = {};
  for (let first = FIRST_ABSENT; first < FIRST_ABSENT + count; first += BATCH) {
    const outcomes: Promise<string>[] = [];
    for (let player = first; player < Math.min(first + BATCH, FIRST_ABSENT + count); player++) {
      outcomes.push(call(player).then(() => 'answered', (error: { code: string }) => error.code));
    }
    for (const code of await world.settle(Promise.all(outcomes))) codes[code] = (codes[code] ?? 0) + 1;
  }
  return codes;
}

const kinds: Record<string, (server: ServerCallbacks, player: number) => Promise<unknown>> = {
  'with retries': (server, player) => server.with({ retries: 2 }).call(player, 'notify'),
  'as a stream': (server, player) => new Promise((resolve, reject) => server.values$(player, 'ticker').subscribe({ error: reject, complete: () => resolve(undefined) })),
};

test.each(Object.keys(kinds))('calls %s to 40,000 distinct absent ids fail at once and leave nothing behind', async (kind) => {
  const h = startHarness({ latency: 20, players: 1 });
  const call = (player: number) => kinds[kind]!(h.server, player);
  // Warm up (code compiled, tables grown) on the same ids, then measure a second round on other ids.
  await callAbsent(h.world, call, WARM_UP_IDS);
  const baseline = heapUsed();
  const codes = await callAbsent(h.world, (player) => call(player + WARM_UP_IDS));
  expect(codes).toEqual({ PLAYER_DROPPED: ABSENT_IDS });
  // One map entry per id (about 30 bytes) would be 1.2 MB here.
  expect(heapUsed() - baseline).toBeLessThan(600_000);
  expect(h.server.stats.pendingCalls).toBe(0);
  expect(h.world.network.stats.byName['fxcb:harness']?.toClients.events ?? 0).toBe(0);
}, 60_000);

test('calls through an outgoing queue to 40,000 distinct absent ids fail and leave nothing behind', async () => {
  const h = startHarness({ latency: 20, players: 1, serverOptions: { queue: { concurrency: 4, maxQueued: 100 } } });
  const call = (player: number) => h.server.call(player, 'notify');
  await callAbsent(h.world, call, WARM_UP_IDS);
  const baseline = heapUsed();
  expect(await callAbsent(h.world, (player) => call(player + WARM_UP_IDS))).toEqual({ PLAYER_DROPPED: ABSENT_IDS });
  expect(heapUsed() - baseline).toBeLessThan(600_000);
}, 60_000);
