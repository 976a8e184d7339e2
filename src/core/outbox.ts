import { asyncScheduler, type SchedulerLike, type Subscription } from 'rxjs';
import { TokenBucket } from '../ground/tokenBucket';
import { folded, FrameType, isFinal, PROTOCOL_VERSION, type Envelope, type Frame } from './protocol';

/** Where an envelope goes and how: reliable, or latent (in fragments, at a bytes-per-second rate). */
export interface Delivery<P> {
  peer: P;
  envelope: Envelope;
  latent: boolean;
}

export interface OutboxOptions {
  /** Frames per envelope. */
  maxFrames: number;
  /** A frame this large (roughly counted bytes) goes as a latent event; a reliable envelope stays below it. */
  latentThreshold: number;
  /** At most `rate` envelopes per second after a burst of `burst`; frames wait (and join later envelopes). */
  pace?: { rate: number; burst: number } | false;
  /**
   * Frames leave once per game frame (on a timer, which FiveM runs on the next frame) instead of when the current
   * run of code ends. For the client, whose runtime runs promise callbacks after every export call: a Lua loop
   * of export calls would otherwise send one event per call.
   */
  flushPerFrame?: boolean;
  /** Counts frames that could not leave when first flushed because the pace was spent (the hub's metrics). */
  onHeldBack?: (frames: number) => void;
  scheduler?: SchedulerLike;
}

interface Queued {
  frame: Frame;
  bytes: number;
  /** Already counted by `onHeldBack`. */
  heldBack?: boolean;
}

interface PeerQueue {
  reliable: Queued[];
  latent: Queued[];
}

/**
 * Everything this side sends goes through here, frame by frame:
 *
 * - **Batching.** Frames issued during one synchronous run of code (with `flushPerFrame`, during one game frame)
 *   towards one peer leave together, as one envelope (one net event), when that run (or frame) ends. A burst of
 *   calls crosses in a few events instead of one each.
 *   An envelope holds at most `maxFrames` frames and stays below `latentThreshold` bytes.
 * - **Latent events.** A frame of `latentThreshold` bytes or more travels in a latent envelope, which FiveM sends
 *   in fragments without blocking the player's reliable channel. Latent and reliable events do not keep their
 *   order, so once an answer went latent, the later frames of that call go latent too (a plain answer's COMPLETE
 *   travels in the same envelope as its large NEXT), until the call's final frame or {@link endCall}.
 * - **Pacing.** With `pace`, envelopes leave at most at that rate (a client must stay under FiveM's net-event
 *   limiter). Frames that have to wait keep joining the waiting envelopes, so a backlog costs few events, and a
 *   request whose caller gave up before it left is {@link retract}ed instead of being sent and then cancelled.
 */
export class Outbox<P> {
  private readonly queues = new Map<P, PeerQueue>();
  /** Calls (by peer, then id) whose answers have gone latent, until their final frame. */
  private readonly latentCalls = new Map<P, Set<number>>();
  private readonly bucket: TokenBucket | undefined;
  private readonly scheduler: SchedulerLike;
  private flushScheduled = false;
  private frameFlush: Subscription | undefined;
  private pacedFlush: Subscription | undefined;

  constructor(
    private readonly send: (delivery: Delivery<P>) => void,
    private readonly options: OutboxOptions,
  ) {
    this.scheduler = options.scheduler ?? asyncScheduler;
    this.bucket = options.pace ? new TokenBucket(options.pace.burst, 1000 / options.pace.rate) : undefined;
  }

  /** Queues a frame; `bytes` is its rough size (see `inspectValues`), 0 for frames without a payload. */
  push(peer: P, frame: Frame, bytes = 0): void {
    const id = frame[1];
    const goesLatent = bytes >= this.options.latentThreshold || (this.latentCalls.get(peer)?.has(id) ?? false);
    if (frame[0] === FrameType.NEXT && goesLatent) this.markLatent(peer, id);
    else if (isFinal(frame)) this.endCall(peer, id);
    const list = goesLatent ? this.queueOf(peer).latent : this.queueOf(peer).reliable;
    const last = list[list.length - 1];
    // The usual answer, one value then the end, travels as one RESULT frame.
    const result = folded(last?.frame, frame);
    if (result) last!.frame = result;
    else list.push({ frame, bytes, heldBack: this.waitsForPace() });
    this.scheduleFlush();
  }

  /**
   * Takes back a REQUEST that has not left yet (its caller gave up while it waited for pacing). Returns true if it
   * was still waiting: then the other side never hears of it and needs no CANCEL.
   */
  retract(peer: P, id: number): boolean {
    const queue = this.queues.get(peer);
    if (!queue) return false;
    for (const list of [queue.reliable, queue.latent]) {
      const index = list.findIndex(({ frame }) => frame[0] === FrameType.REQUEST && frame[1] === id);
      if (index >= 0) {
        list.splice(index, 1);
        return true;
      }
    }
    return false;
  }

  /** Forgets a call's latent state when it ends without a final frame (the handler was cancelled). */
  endCall(peer: P, id: number): void {
    const calls = this.latentCalls.get(peer);
    calls?.delete(id);
    if (calls?.size === 0) this.latentCalls.delete(peer);
  }

  /** Sends what is waiting, as far as pacing allows; `force` sends everything (the resource is stopping). */
  flush(force = false): void {
    let waiting = false;
    for (const [peer, queue] of this.queues) {
      while (queue.latent.length > 0 || queue.reliable.length > 0) {
        if (!force && !this.takeToken()) {
          waiting = true;
          if (this.options.onHeldBack) this.countHeldBack(queue);
          break;
        }
        if (queue.latent.length > 0) this.send({ peer, envelope: envelopeOf(queue.latent, queue.latent.length), latent: true });
        else this.send({ peer, envelope: envelopeOf(queue.reliable, this.reliableBatchSize(queue.reliable)), latent: false });
      }
      if (queue.latent.length === 0 && queue.reliable.length === 0) this.queues.delete(peer);
    }
    if (waiting) this.flushWhenPaceAllows();
  }

  /** Forgets what waits for a peer that can no longer be reached. */
  discard(peer: P): void {
    this.queues.delete(peer);
    this.latentCalls.delete(peer);
  }

  /** Stops the flush timers (the resource stopped). */
  close(): void {
    this.frameFlush?.unsubscribe();
    this.pacedFlush?.unsubscribe();
  }

  private queueOf(peer: P): PeerQueue {
    let queue = this.queues.get(peer);
    if (!queue) this.queues.set(peer, (queue = { reliable: [], latent: [] }));
    return queue;
  }

  /** How many of the waiting frames fit in one reliable envelope: at most `maxFrames`, below `latentThreshold`. */
  private reliableBatchSize(reliable: Queued[]): number {
    let count = 0;
    let bytes = 0;
    while (count < reliable.length && count < this.options.maxFrames) {
      bytes += reliable[count]!.bytes;
      if (count > 0 && bytes >= this.options.latentThreshold) break;
      count++;
    }
    return count;
  }

  /** A frame queued while a paced flush is pending waits for the pace: counted at once. */
  private waitsForPace(): boolean {
    if (!this.pacedFlush || !this.options.onHeldBack) return false;
    this.options.onHeldBack(1);
    return true;
  }

  /** The pace stopped a flush: the waiting frames not counted yet are counted. */
  private countHeldBack(queue: PeerQueue): void {
    let frames = 0;
    for (const list of [queue.reliable, queue.latent]) {
      for (const queued of list) {
        if (queued.heldBack) continue;
        queued.heldBack = true;
        frames++;
      }
    }
    this.options.onHeldBack!(frames);
  }

  private takeToken(): boolean {
    if (!this.bucket) return true;
    const now = this.scheduler.now();
    if (this.bucket.waitTime(now) > 0) return false;
    this.bucket.take(now);
    return true;
  }

  private markLatent(peer: P, id: number): void {
    let calls = this.latentCalls.get(peer);
    if (!calls) this.latentCalls.set(peer, (calls = new Set()));
    calls.add(id);
  }

  private scheduleFlush(): void {
    if (this.flushScheduled || this.pacedFlush) return;
    this.flushScheduled = true;
    const flush = () => {
      this.flushScheduled = false;
      this.frameFlush = undefined;
      this.flush();
    };
    if (this.options.flushPerFrame) {
      this.frameFlush = this.scheduler.schedule(flush);
      return;
    }
    // Otherwise a microtask, not a timer: FiveM's timers wait for the next game tick (50 ms on the server), while
    // microtasks run once the current event handler or frame is done. `queueMicrotask` is not in the client
    // runtime; a resolved Promise is.
    void Promise.resolve().then(flush);
  }

  private flushWhenPaceAllows(): void {
    if (this.pacedFlush || !this.bucket) return;
    this.pacedFlush = this.scheduler.schedule(() => {
      this.pacedFlush = undefined;
      this.flush();
    }, this.bucket.waitTime(this.scheduler.now()));
  }
}

/** Takes the first `count` queued frames out, as one envelope. */
function envelopeOf(queued: Queued[], count: number): Envelope {
  const envelope: Envelope = [PROTOCOL_VERSION];
  for (const { frame } of queued.splice(0, count)) envelope.push(frame);
  return envelope;
}
