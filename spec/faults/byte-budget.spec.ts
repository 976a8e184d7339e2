/**
 * FXServer kicks a player whose client sends more than 384 KiB of reliable events at once, or 128 KiB/s after
 * that, counted on event name plus payload and shared by every resource ("Reliable network event size overflow").
 * A hostile player can make the server ask an honest player for many large answers in one frame; the client's
 * outbox must keep its bytes under that budget, answers and calls alike, so the honest player is never kicked and
 * every answer arrives, in order. Latent events have a budget of their own: a bounded number in transfer at once.
 */
import type { World } from '../../src/testing';
import { framesOf } from '../fuzz/world';
import { startHubWorld, ts, useLua } from '../hub/support';
import { startHarness } from '../support/harness';

useLua();

const HONEST = 0;
const HOSTILE = 1;

/** Request ids the server sent to `player` and reply ids it got back, in the order they crossed. */
function watchIds(world: World, event: string, player: number): { requests: number[]; replies: number[] } {
  const seen = { requests: [] as number[], replies: [] as number[] };
  world.network.intercept((packet) => {
    // The event's family too: the server resource's requests name it, and the answers go to its own event.
    if (packet.name !== event && !packet.name.startsWith(`${event}:`)) return;
    for (const frame of framesOf(packet.args)) {
      if (packet.to === player && frame[0] === 0) seen.requests.push(frame[1] as number);
      // (A ROUTE the player's resource adds, teaching where the server's requests for its name go, is no reply.)
      if (packet.from === player && frame[0] !== 0 && frame[0] !== 6) seen.replies.push(frame[1] as number);
    }
  });
  return seen;
}

const LARGE_ANSWERS = [
  ['ASCII', 'x'.repeat(7000)],
  // 7200 bytes in UTF-8, though only 2400 characters long.
  ['non-ASCII', '€'.repeat(2400)],
] as const;

describe.each(LARGE_ANSWERS)('a hostile player makes the server ask an honest player for 60 answers of 7 KB (%s) in one frame', (_kind, profile) => {
  test('through the hub: the honest player is not kicked, and every answer arrives, in order', async () => {
    const hub = startHubWorld([ts('shop')], { latency: 20, players: 2 });
    const [honest, hostile] = [hub.clients[HONEST]!, hub.clients[HOSTILE]!];
    hub.client(HONEST, 'shop').register('profile', () => profile);
    // What the hostile player calls: the server asks the named player for its profile, 60 times at once.
    hub.server('shop').register('inspect', async (_player, target: number) => {
      const answers = await Promise.all(Array.from({ length: 60 }, () => hub.server('shop').call<string>(target, 'profile')));
      return answers.filter((answer) => answer === profile).length;
    });
    const ids = watchIds(hub.world, 'fxcb:fxcallbacks', honest.playerId);
    const inspected = hub.client(HOSTILE, 'shop').call('inspect', honest.playerId);
    expect(await hub.world.settle(inspected, 30_000)).toBe(60);
    expect(hub.world.network.stats.kicked).toBe(0);
    expect(hub.world.isConnected(honest.playerId) && hub.world.isConnected(hostile.playerId)).toBe(true);
    expect(ids.replies).toEqual(ids.requests);
    expect(hub.world.logs.errors()).toEqual([]);
  }, 30_000);

  test('standalone: the same, with the resource\'s own outbox', async () => {
    const h = startHarness({ latency: 20, players: 2 });
    const [honest, hostile] = h.world.clients.map((client) => client.playerId) as [number, number];
    h.client(honest).register('profile', () => profile);
    h.server.register('inspect', async (_player, target: number) => {
      const answers = await Promise.all(Array.from({ length: 60 }, () => h.server.call<string>(target, 'profile')));
      return answers.filter((answer) => answer === profile).length;
    });
    const ids = watchIds(h.world, 'fxcb:harness', honest);
    expect(await h.world.settle(h.client(hostile).call('inspect', honest), 30_000)).toBe(60);
    expect(h.world.network.stats.kicked).toBe(0);
    expect(ids.replies).toEqual(ids.requests);
  }, 30_000);
});

test('an honest client calling with 7 KB of arguments 120 times in one frame is paced in bytes, not kicked', async () => {
  const h = startHarness({ latency: 20, serverOptions: { limits: { maxRunningPerPeer: 1000 } } });
  const player = h.world.clients[0]!.playerId;
  h.server.register('save', (_player, blob: string) => blob.length);
  const saves = Array.from({ length: 120 }, () => h.client(player).call<number>('save', 'y'.repeat(7000)));
  expect(await h.world.settle(Promise.all(saves), 60_000)).toEqual(saves.map(() => 7000));
  expect(h.world.network.stats.kicked).toBe(0);
  // 840 KB crossed: above FiveM's burst, so the pace spread it over several seconds.
  expect(h.world.network.stats.byName['fxcb:harness']!.toServer.bytes).toBeGreaterThan(840_000);
}, 30_000);

test('90 latent answers of 9 KB in one frame each travel apart, a bounded number at once, and all arrive in time', async () => {
  const h = startHarness({ latency: 20 });
  const player = h.world.clients[0]!.playerId;
  h.client(player).register('snapshot', (n: number) => `${n}:${'z'.repeat(9000)}`);
  let inTransfer = 0;
  let mostInTransfer = 0;
  h.world.network.intercept((packet) => {
    if (packet.from !== player || !packet.latent) return;
    mostInTransfer = Math.max(mostInTransfer, ++inTransfer);
    // Counted out when its last fragment has arrived: 9 KB at 64 KiB/s, plus the latency.
    h.world.clock.schedule(h.world.now + Math.ceil((packet.bytes.length * 1000) / (64 * 1024)) + 20, () => void inTransfer--, 'latent done');
  });
  const snapshots = Array.from({ length: 90 }, (_, n) => h.server.call<string>(player, 'snapshot', n));
  const answers = await h.world.settle(Promise.all(snapshots), 30_000);
  expect(answers.map((answer) => answer.split(':')[0])).toEqual(snapshots.map((_, n) => String(n)));
  // FXServer reassembles at most 100 latent events of one player at once; the library keeps to half of that.
  expect(mostInTransfer).toBeLessThanOrEqual(50);
  expect(h.world.network.stats.kicked).toBe(0);
}, 30_000);
