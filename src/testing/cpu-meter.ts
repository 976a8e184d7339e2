/**
 * Per-machine CPU accounting, for benchmarks: how long a machine's script code ran (its event handlers, frames,
 * timers, tick handlers, export calls) and the microtasks that code left behind, in real milliseconds. The
 * world's own scheduling between calls (the virtual clock, the turn of Node's event loop each drain waits for)
 * is not counted, so a figure is what the machine's resources cost, not what simulating them costs.
 *
 * It is wall time on one thread (`performance.now()`): on a busy machine another process's time slice can land
 * inside a measurement, so benchmarks take medians.
 */
import { setImmediate as realSetImmediate } from 'timers';

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
    if (this.depth++ === 0) this.startedAt = performance.now();
    try {
      return fn();
    } finally {
      if (--this.depth === 0) this.total += performance.now() - this.startedAt;
    }
  }

  /**
   * Like the world's `drainMicrotasks` (waits one turn of Node's event loop), and counts the time until the
   * microtask queue ran empty: the microtasks the preceding call into script code left.
   */
  drain(): Promise<void> {
    const start = performance.now();
    return new Promise((resolve) => {
      let idleAt = start;
      // A microtask queued now runs after those already queued; the tick it queues runs only once the whole
      // microtask queue is empty (Node runs ticks after each full microtask checkpoint).
      queueMicrotask(() => process.nextTick(() => (idleAt = performance.now())));
      realSetImmediate(() => {
        this.total += idleAt - start;
        resolve();
      });
    });
  }
}
