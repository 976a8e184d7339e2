import { envelope, FrameType, type Envelope, type Frame } from './protocol';

/** Where an envelope goes and how: reliable, or latent (in fragments, at a bytes-per-second rate). */
export interface Delivery<P> {
  peer: P;
  envelope: Envelope;
  latent: boolean;
}

export interface OutboxLimits {
  /** Frames per envelope before a batch is sent early. */
  maxFrames: number;
  /** A frame this large (roughly counted bytes) goes as a latent event; a batch this large is sent early. */
  latentThreshold: number;
}

interface Batch {
  frames: Frame[];
  bytes: number;
}

/**
 * Collects the frames headed for each peer during one synchronous run of code and sends them as one
 * envelope (one net event) when that run ends. A burst of calls therefore crosses in a few events instead
 * of one each, which keeps a client far below FiveM's net-event rate limit. A batch is sent early once it
 * holds `maxFrames` frames or `latentThreshold` bytes, so reliable events stay small.
 *
 * A frame of `latentThreshold` bytes or more goes in a latent batch instead, which FiveM sends in fragments
 * without blocking the player's reliable channel. Latent and reliable events do not keep their order, so once
 * an answer has gone latent, the later frames of that call go latent too (a plain answer's COMPLETE travels in
 * the same latent envelope as its large NEXT), until the call's final frame or {@link endCall}.
 */
export class Outbox<P> {
  private readonly reliable = new Map<P, Batch>();
  private readonly latent = new Map<P, Batch>();
  /** Calls (by peer, then id) whose answers have gone latent, until their final frame. */
  private readonly latentCalls = new Map<P, Set<number>>();
  private flushScheduled = false;

  constructor(
    private readonly send: (delivery: Delivery<P>) => void,
    private readonly limits: OutboxLimits,
  ) {}

  /** Queues a frame; `bytes` is its rough size (see `inspectValues`), 0 for frames without a payload. */
  push(peer: P, frame: Frame, bytes = 0): void {
    const id = frame[1];
    const calls = this.latentCalls.get(peer);
    const goesLatent = bytes >= this.limits.latentThreshold || (calls?.has(id) ?? false);
    if (frame[0] === FrameType.NEXT && goesLatent) this.markLatent(peer, id);
    else if (isFinal(frame)) this.endCall(peer, id);
    const batches = goesLatent ? this.latent : this.reliable;
    let batch = batches.get(peer);
    if (!batch) batches.set(peer, (batch = { frames: [], bytes: 0 }));
    batch.frames.push(frame);
    batch.bytes += bytes;
    if (!goesLatent && (batch.frames.length >= this.limits.maxFrames || batch.bytes >= this.limits.latentThreshold)) {
      this.flushBatch(peer, false);
    } else this.scheduleFlush();
  }

  /** Sends everything waiting now (used when the resource stops, before the listeners go). */
  flush(): void {
    for (const peer of [...this.reliable.keys()]) this.flushBatch(peer, false);
    for (const peer of [...this.latent.keys()]) this.flushBatch(peer, true);
  }

  /** Forgets what waits for a peer that can no longer be reached. */
  discard(peer: P): void {
    this.reliable.delete(peer);
    this.latent.delete(peer);
    this.latentCalls.delete(peer);
  }

  /** Forgets a call's latent state when it ends without a final frame (the handler was cancelled). */
  endCall(peer: P, id: number): void {
    const calls = this.latentCalls.get(peer);
    calls?.delete(id);
    if (calls?.size === 0) this.latentCalls.delete(peer);
  }

  private markLatent(peer: P, id: number): void {
    let calls = this.latentCalls.get(peer);
    if (!calls) this.latentCalls.set(peer, (calls = new Set()));
    calls.add(id);
  }

  private flushBatch(peer: P, latent: boolean): void {
    const batches = latent ? this.latent : this.reliable;
    const batch = batches.get(peer);
    if (!batch) return;
    batches.delete(peer);
    this.send({ peer, envelope: envelope(batch.frames), latent });
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

/** The last frame of an answer: after it, nothing more is sent for that id. */
function isFinal(frame: Frame): boolean {
  return frame[0] === FrameType.ERROR || frame[0] === FrameType.COMPLETE;
}
