/**
 * Scale: `players` simulated players (OneSync's maximum is 2,048), each making `callsPerSecond` calls for
 * `seconds` of simulated time, under FiveM's own limits on what clients send (50 events/s, burst 200), with a
 * fixed one-way latency. Calls are spread evenly: every 10 ms a fifth of the players make one call each.
 *
 * Figures: calls lost (failed or never answered once everything had time to settle), and the latency of each
 * call in virtual time minus the simulated network delay (2 x the one-way latency), i.e. the time the call
 * spent waiting in the client and server (frames, batching, pacing). The raw transport under the same load shows
 * how much of that the frames alone account for. Also the real time the run took per simulated second.
 */
import { createRig, type Layer } from '../support/rigs';
import { percentile } from '../support/results';

export interface ScaleArgs {
  layer: Layer;
  players: number;
  callsPerSecond: number;
  seconds: number;
  latency: number;
}

export interface ScaleResult extends ScaleArgs {
  calls: number;
  answered: number;
  failed: number;
  lost: number;
  failures: Record<string, number>;
  /** Virtual ms, minus the simulated network delay. */
  p50: number;
  p99: number;
  max: number;
  /** Real seconds spent per simulated second while calls were being made. */
  realPerSimulatedSecond: number;
  droppedEvents: number;
  kicked: number;
  setupSeconds: number;
}

const STEP_MS = 10;

export async function measureScale(args: ScaleArgs): Promise<ScaleResult> {
  const setupStart = performance.now();
  const rig = createRig(args.layer, { players: args.players, latency: args.latency, limits: 'fivem' });
  const setupSeconds = (performance.now() - setupStart) / 1000;
  try {
    const { world } = rig;
    const players = rig.players;
    const network = 2 * args.latency;
    const latencies: number[] = [];
    const failures: Record<string, number> = {};
    let calls = 0;
    let answered = 0;
    let failed = 0;
    const slots = Math.round(1000 / args.callsPerSecond / STEP_MS); // players are split into this many groups
    const steps = Math.round((args.seconds * 1000) / STEP_MS);
    await world.advance(1000);
    const started = performance.now();
    for (let step = 0; step < steps; step++) {
      for (let i = step % slots; i < players.length; i += slots) {
        const sentAt = world.now;
        calls++;
        rig.call(players[i]).then(
          () => {
            answered++;
            latencies.push(world.now - sentAt - network);
          },
          (error: { code?: string }) => {
            failed++;
            const code = String(error?.code ?? error);
            failures[code] = (failures[code] ?? 0) + 1;
          },
        );
      }
      await world.advance(STEP_MS);
    }
    const realPerSimulatedSecond = (performance.now() - started) / 1000 / args.seconds;
    await world.advance(15_000); // longer than the library's 10 s default timeout: every call has settled by now
    const stats = world.network.stats;
    return {
      ...args,
      calls,
      answered,
      failed,
      lost: calls - answered,
      failures,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      max: percentile(latencies, 100),
      realPerSimulatedSecond,
      droppedEvents: stats.dropped.rateLimited,
      kicked: stats.kicked,
      setupSeconds,
    };
  } finally {
    rig.dispose();
  }
}
