/**
 * The world's single virtual clock: a priority queue of tasks ordered by due time, then by the order they were
 * scheduled. Nothing here runs by itself; {@link World.advance} pops due tasks one at a time and drains the
 * microtask queue between them, so that promise chains started by one task finish before the next task runs.
 */
import { setImmediate as realSetImmediate } from 'timers';

/** One unit of scheduled work (a machine frame, a network arrival, ...). */
export interface ScheduledTask {
  /** Virtual time (ms) the task is due at. */
  readonly at: number;
  /** Tie-breaker: tasks due at the same time run in the order they were scheduled. */
  readonly seq: number;
  /** What the task is, for debugging. */
  readonly label: string;
  /** Set by {@link VirtualClock.cancel}; a cancelled task is skipped. */
  cancelled: boolean;
  /** The work. May return a promise, which the world awaits before running anything else. */
  readonly run: () => void | Promise<void>;
}

/**
 * The world's virtual clock: tasks run by due time, then in the order they were scheduled. Nothing runs by itself;
 * the world pops due tasks as a test moves time.
 */
export class VirtualClock {
  private readonly heap: ScheduledTask[] = [];
  private seq = 0;
  private current = 0;

  /** Current virtual time in ms since the world started. */
  get now(): number {
    return this.current;
  }

  /**
   * Moves the clock forward. Only the world's run loop calls this; time never goes backwards.
   * @internal
   */
  setNow(time: number): void {
    if (time < this.current) throw new Error(`VirtualClock: time cannot go backwards (${this.current} -> ${time})`);
    this.current = time;
  }

  /** Schedules `run` at virtual time `at` (clamped to now). */
  schedule(at: number, run: () => void | Promise<void>, label = 'task'): ScheduledTask {
    const task: ScheduledTask = { at: Math.max(at, this.current), seq: this.seq++, label, cancelled: false, run };
    this.push(task);
    return task;
  }

  /** Cancels a task; it stays in the heap but is skipped (lazy deletion keeps cancel O(1)). */
  cancel(task: ScheduledTask | undefined): void {
    if (task) task.cancelled = true;
  }

  /** The next live task, without removing it. */
  peek(): ScheduledTask | undefined {
    while (this.heap.length > 0 && this.heap[0]!.cancelled) this.popTop();
    return this.heap[0];
  }

  /** Removes and returns the next live task if it is due at or before `limit`. */
  popDue(limit: number): ScheduledTask | undefined {
    const top = this.peek();
    if (!top || top.at > limit) return undefined;
    return this.popTop();
  }

  /** Number of live tasks (for diagnostics). */
  get pending(): number {
    return this.heap.filter((t) => !t.cancelled).length;
  }

  private less(a: ScheduledTask, b: ScheduledTask): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private push(task: ScheduledTask): void {
    const heap = this.heap;
    heap.push(task);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  private popTop(): ScheduledTask | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && this.less(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && this.less(heap[r]!, heap[m]!)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    }
    return top;
  }
}

/**
 * Waits one turn of Node's real event loop. Every vm context shares Node's microtask queue, and Node empties that
 * queue completely before it runs the next macrotask, so when this resolves every promise chain that could make
 * progress without the clock moving has done so. Uses the `timers` module so jest's fake timers cannot replace it.
 */
export function drainMicrotasks(): Promise<void> {
  return new Promise((resolve) => realSetImmediate(resolve));
}
