import { envelope, type Envelope, type Frame } from './protocol';

/**
 * Collects the frames headed for each peer during one synchronous run of code and sends them as one
 * envelope (one net event) when that run ends. A burst of calls therefore crosses in a few events instead
 * of one each, which keeps a client far below FiveM's net-event rate limit. A peer's batch is sent early
 * once it holds `maxFrames`, so no envelope grows without bound.
 */
export class Outbox<P> {
  private readonly batches = new Map<P, Frame[]>();
  private flushScheduled = false;

  constructor(
    private readonly send: (peer: P, envelope: Envelope) => void,
    private readonly maxFrames: number,
  ) {}

  push(peer: P, frame: Frame): void {
    let batch = this.batches.get(peer);
    if (!batch) this.batches.set(peer, (batch = []));
    batch.push(frame);
    if (batch.length >= this.maxFrames) this.flushPeer(peer);
    else this.scheduleFlush();
  }

  /** Sends everything waiting now (used when the resource stops, before the listeners go). */
  flush(): void {
    for (const peer of [...this.batches.keys()]) this.flushPeer(peer);
  }

  /** Forgets what waits for a peer that can no longer be reached. */
  discard(peer: P): void {
    this.batches.delete(peer);
  }

  private flushPeer(peer: P): void {
    const batch = this.batches.get(peer);
    if (!batch) return;
    this.batches.delete(peer);
    this.send(peer, envelope(batch));
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // A microtask, not a timer: FiveM's timers wait for the next game tick (a frame on the client), while
    // microtasks run as soon as the current event handler or tick returns. `queueMicrotask` is not in the
    // client runtime; a resolved Promise is.
    void Promise.resolve().then(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }
}
