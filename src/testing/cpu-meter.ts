/**
 * Per-machine CPU accounting, for benchmarks: the CPU time a machine's script code took (its event handlers,
 * frames, timers, tick handlers, export calls) and the microtasks that code left behind, in milliseconds. The
 * world's own scheduling between calls (the virtual clock, the turn of Node's event loop each drain waits for)
 * is not counted, so a figure is what the machine's resources cost, not what simulating them costs.
 *
 * The clock is the process's CPU time (`process.cpuUsage()`, user + system), not wall time: on a shared
 * machine another process's time slice does not land in a measurement. What V8's helper threads (concurrent
 * garbage collection) do during a measurement is in it.
 */
import { setImmediate as realSetImmediate } from 'timers';

/** CPU time of the process in ms. */
function cpuNow(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

export class CpuMeter {
  private total = 0;
  private depth = 0;
  private startedAt = 0;

  /** Milliseconds counted so far. */
  get ms(): number {
    return this.total;
  }

  /** Forgets what was counted. */
  reset(): void {
    this.total = 0;
  }

  /** Runs `fn`, a synchronous call into script code, and counts its time; nested calls count once. */
  run<T>(fn: () => T): T {
    if (this.depth++ === 0) this.startedAt = cpuNow();
    try {
      return fn();
    } finally {
      if (--this.depth === 0) this.total += cpuNow() - this.startedAt;
    }
  }

  /**
   * Like the world's `drainMicrotasks` (waits one turn of Node's event loop), and counts the time until the
   * microtask queue ran empty: the microtasks the preceding call into script code left.
   */
  drain(): Promise<void> {
    const start = cpuNow();
    return new Promise((resolve) => {
      let idleAt = start;
      // A microtask queued now runs after those already queued; the tick it queues runs only once the whole
      // microtask queue is empty (Node runs ticks after each full microtask checkpoint).
      queueMicrotask(() => process.nextTick(() => (idleAt = cpuNow())));
      realSetImmediate(() => {
        this.total += idleAt - start;
        resolve();
      });
    });
  }
}
