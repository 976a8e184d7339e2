/**
 * Wire cost: net events (both directions) and bytes per call, for one call at a time and for a burst of 500
 * calls issued at once by one client. Bytes are what `world.network.stats` counts: the packed argument bytes of
 * each event (FiveM's codec, msgpack). FiveM also sends each event's name on the wire, so a second count adds the
 * name (and its terminating zero) to every event.
 *
 * The burst is measured twice: with the server's limits lifted (to count what each layer sends), and with
 * FiveM's own limits (50 events/s, burst 200, kick on flood), to count what the player would lose.
 */
import type { NetworkStats } from '../../src/testing';
import { createRig, type Layer } from '../support/rigs';

export interface WireCost {
  events: number;
  bytes: number;
  /** Bytes counting each event's name too, as FiveM's net event message carries it. */
  bytesWithNames: number;
}

export interface BurstOutcome extends WireCost {
  calls: number;
  answered: number;
  lost: number;
  droppedEvents: number;
  kicked: number;
}

function costOf(stats: NetworkStats, calls: number): WireCost {
  let names = 0;
  for (const [name, counters] of Object.entries(stats.byName)) {
    names += (counters.toServer.events + counters.toClients.events) * (Buffer.byteLength(name) + 1);
  }
  const events = stats.toServer.events + stats.toClients.events;
  const bytes = stats.toServer.bytes + stats.toClients.bytes;
  return { events: events / calls, bytes: bytes / calls, bytesWithNames: (bytes + names) / calls };
}

/** `calls` calls made one after another, each answered before the next; per-call averages. */
export async function singleCallCost(layer: Layer, calls = 20): Promise<WireCost> {
  const rig = createRig(layer);
  try {
    await rig.world.settle(rig.call()); // the first call of a resource may set things up
    rig.world.network.resetStats();
    for (let i = 0; i < calls; i++) await rig.world.settle(rig.call());
    return costOf(rig.world.network.stats, calls);
  } finally {
    rig.dispose();
  }
}

/** `calls` calls issued at once from one client, in one synchronous run of code. */
export async function burstCost(layer: Layer, limits: 'lifted' | 'fivem', calls = 500): Promise<BurstOutcome> {
  const rig = createRig(layer, { limits });
  try {
    await rig.world.settle(rig.call());
    rig.world.network.resetStats();
    let answered = 0;
    for (let i = 0; i < calls; i++) {
      rig.call().then(
        () => answered++,
        () => undefined,
      );
    }
    // Long enough for any paced sending to finish, shorter than ox_lib's 300 s timeout.
    await rig.world.advance(60_000);
    const stats = rig.world.network.stats;
    return {
      ...costOf(stats, calls),
      calls,
      answered,
      lost: calls - answered,
      droppedEvents: stats.dropped.rateLimited,
      kicked: stats.kicked,
    };
  } finally {
    rig.dispose();
  }
}
