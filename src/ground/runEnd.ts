/**
 * The end of a run of this resource's code, where outboxes send what the run queued.
 *
 * A resource's promise callbacks are no such end on FXServer: its Node runtime drains each resource's microtask
 * queue only in that resource's own tick (timer.js ends each tick with `process._tickCallback()`), and resources
 * tick one after the other. What another resource hands this one after this one's tick (an export call, a function
 * reference it calls back) would wait for the next frame. So the outermost call into this resource's code (a net or
 * local event, an export, a function reference) ends by flushing; code that timers run still flushes from a
 * microtask, which their own tick drains.
 */

const flushers: Array<() => void> = [];
let depth = 0;

/**
 * Runs `flush` when the outermost call into this resource's code ends. Later flushers run first: an outbox made
 * later hands its frames to one made earlier (an endpoint's to its hub's router). Returns how to stop.
 */
export function flushWhenRunEnds(flush: () => void): () => void {
  flushers.push(flush);
  return () => {
    const index = flushers.indexOf(flush);
    if (index >= 0) flushers.splice(index, 1);
  };
}

/** `fn` as an entry into this resource's code: when the outermost entry returns (or throws), the flushers run. */
export function entry<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  return (...args) => {
    depth++;
    try {
      return fn(...args);
    } finally {
      if (--depth === 0) for (let i = flushers.length - 1; i >= 0; i--) flushers[i]!();
    }
  };
}
