/**
 * Cleanup cost: the server has `ownCalls` calls pending on one player and `otherCalls` pending on ten other
 * players (the clients never answer: they run no callback layer). The player drops; the figure is the CPU time
 * of the process from the drop until every one of its calls has failed with PLAYER_DROPPED, with the other players' calls still
 * pending. Comparing runs with different `otherCalls` shows whether the cleanup looks at other players' calls;
 * it shows best when the dropped player has few calls (a scan of the others would then be most of the work).
 */
import { PerformanceObserver, type PerformanceEntry } from 'perf_hooks';
import { World } from '../../src/testing';
import type { ServerCallbacks } from '../../src/server';
import { LIFTED_LIMITS, RESOURCES } from '../support/rigs';
import { script } from '../support/bundle';
import { median } from '../support/results';

export interface CleanupResult {
  ownCalls: number;
  otherCalls: number;
  /**
   * Real ms from the drop until all of the player's calls failed: the best of the repeats (the work is the same
   * each time; on a shared machine anything slower is interference).
   */
  ms: number;
  /** The median of the repeats. */
  medianMs: number;
  samples: number[];
  /** Median of the same, less the garbage collector's pauses inside the window. */
  msWithoutGc: number;
  gcSamples: number[];
  /** Other players' calls still pending afterwards (should be `otherCalls`). */
  othersStillPending: number;
  failedWithPlayerDropped: number;
}

function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

async function once(ownCalls: number, otherCalls: number, gc?: () => void) {
  const world = new World({ limits: LIFTED_LIMITS });
  try {
    world.startResource({ name: RESOURCES.fx, server: script('fx-server.ts', 'server') });
    const server = world.server.resource(RESOURCES.fx).globals.fx.createServerCallbacks({ standalone: true }) as ServerCallbacks;
    const warm = world.connect().playerId;
    const target = world.connect().playerId;
    const others = Array.from({ length: 10 }, () => world.connect().playerId);
    const failures = new Map<number, string[]>();
    const issue = (player: number, count: number) => {
      const list: string[] = [];
      failures.set(player, list);
      for (let i = 0; i < count; i++) server.call(player, 'ask', i).catch((error: { code?: string }) => list.push(String(error?.code)));
    };
    // Warm-up: the same drop, on another player, so that the measured one does not pay for the JIT.
    issue(warm, Math.min(ownCalls, 2000));
    await world.advance(100);
    world.drop(warm);
    await world.flush();

    issue(target, ownCalls);
    others.forEach((player) => issue(player, Math.floor(otherCalls / others.length)));
    await world.advance(1000); // every request delivered; the clients ignore them
    const pendingBefore = server.stats.pendingCalls;
    gc?.(); // so that a collection of the setup's garbage does not land inside the measured window
    const pauses: PerformanceEntry[] = [];
    const observer = new PerformanceObserver((list) => pauses.push(...list.getEntries()));
    observer.observe({ entryTypes: ['gc'] });
    // The process's CPU time, so that other processes of a shared machine do not land in the figure; the GC
    // pauses are found by real time.
    const cpuStarted = cpuMs();
    const started = performance.now();
    world.drop(target);
    await world.flush();
    const ended = performance.now();
    const ms = cpuMs() - cpuStarted;
    await new Promise((resolve) => setTimeout(resolve, 10)); // gc entries are delivered asynchronously
    observer.disconnect();
    const gcMs = pauses.filter((p) => p.startTime >= started && p.startTime < ended).reduce((sum, p) => sum + p.duration, 0);
    const failed = failures.get(target)!;
    if (failed.length !== ownCalls) throw new Error(`cleanup: ${failed.length} of ${ownCalls} calls failed after the drop`);
    return {
      ms,
      gcMs,
      othersStillPending: server.stats.pendingCalls,
      pendingBefore,
      failedWithPlayerDropped: failed.filter((code) => code === 'PLAYER_DROPPED').length,
    };
  } finally {
    world.dispose();
  }
}

/**
 * Runs every (ownCalls, otherCalls) configuration `repeats` times, interleaved so that a noisy moment does not fall
 * on one configuration only, and returns the best and median times.
 */
export async function measureCleanup(
  configs: ReadonlyArray<{ ownCalls: number; otherCalls: number }>,
  repeats = 5,
  gc?: () => void,
): Promise<CleanupResult[]> {
  const runs = configs.map(() => [] as Array<Awaited<ReturnType<typeof once>>>);
  for (let i = 0; i < repeats; i++) {
    for (const [k, { ownCalls, otherCalls }] of configs.entries()) runs[k]!.push(await once(ownCalls, otherCalls, gc));
  }
  return configs.map(({ ownCalls, otherCalls }, k) => {
    const list = runs[k]!;
    const last = list[list.length - 1]!;
    return {
      ownCalls,
      otherCalls,
      ms: Math.min(...list.map((r) => r.ms)),
      medianMs: median(list.map((r) => r.ms)),
      samples: list.map((r) => r.ms),
      msWithoutGc: median(list.map((r) => r.ms - r.gcMs)),
      gcSamples: list.map((r) => r.gcMs),
      othersStillPending: last.othersStillPending,
      failedWithPlayerDropped: last.failedWithPlayerDropped,
    };
  });
}
