import { asyncScheduler, type SchedulerLike, type Subscription } from 'rxjs';
import { inspectValues, textBytes } from '../../ground/sendable';
import { folded, FrameType, isFinal, PROTOCOL_VERSION, type Envelope, type Frame } from './protocol';
import { SendBudget, type Budget, type SendPace } from './sendBudget';

/** Where an envelope goes and how: reliable, or latent (in fragments, at a bytes-per-second rate). */
export interface Delivery<P> {
  peer: P;
  /** Which of the wire's events ('' its own; a client's hub sends requests to server members on theirs). */
  lane: string;
  envelope: Envelope;
  latent: boolean;
  /** Its cost on the wire as the budget counts it: event name, envelope and frames, at no less than their size. */
  bytes: number;
}

export interface OutboxOptions {
  /** The net event envelopes travel on: FiveM counts its name in the bytes of every event. */
  eventName: string;
  /** Frames per envelope. */
  maxFrames: number;
  /** A frame this large (roughly counted bytes) goes as a latent event; a reliable envelope stays below it. */
  latentThreshold: number;
  /** The rate latent events are sent at, bytes per second. */
  latentBytesPerSecond: number;
  /** What may leave how fast (see {@link SendBudget}); frames wait (and join later envelopes). */
  pace?: SendPace | false;
  /** A budget kept elsewhere, instead of `pace` (the hub's, shared by its router and its members). */
  budget?: Budget;
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

/** A frame waiting, with what it costs on the wire; `frame` is undefined once a waiting REQUEST was taken back. */
interface Queued {
  frame: Frame | undefined;
  bytes: number;
}

/** Bytes of a frame besides its payload and texts, at most: array header, type, id, flags, values header. */
const FRAME_OVERHEAD = 16;
/** Bytes of an envelope besides its frames, at most: the arguments' and the envelope's array headers, the version. */
const ENVELOPE_OVERHEAD = 8;

/** One channel (reliable or latent) of frames waiting for one peer, in order. */
class FrameQueue {
  private items: Queued[] = [];
  private head = 0;
  private waiting = 0;
  /** Frames before this index were already reported held back. */
  private heldBackUpTo = 0;

  get empty(): boolean {
    return this.waiting === 0;
  }

  /** `heldBack`: already reported as waiting for the pace. */
  push(entry: Queued, heldBack: boolean): void {
    this.items.push(entry);
    this.waiting++;
    if (heldBack) this.heldBackUpTo = this.items.length;
  }

  /** The frame queued last, if it is still waiting. */
  get last(): Queued | undefined {
    const last = this.items[this.items.length - 1];
    return this.items.length > this.head && last?.frame ? last : undefined;
  }

  /** How many waiting frames were not reported held back before; from now on they are. */
  holdBack(): number {
    let frames = 0;
    for (let i = Math.max(this.head, this.heldBackUpTo); i < this.items.length; i++) if (this.items[i]!.frame) frames++;
    this.heldBackUpTo = this.items.length;
    return frames;
  }

  takeBack(entry: Queued): void {
    entry.frame = undefined;
    this.waiting--;
  }

  /**
   * The next envelope's frames: at most `maxFrames`, and below `maxBytes` unless a single frame is larger; with
   * `bytes`, their cost. They stay queued until {@link take}n.
   */
  nextBatch(maxFrames: number, maxBytes: number): { end: number; bytes: number } {
    let frames = 0;
    let bytes = 0;
    let end = this.head;
    for (; end < this.items.length && frames < maxFrames; end++) {
      const entry = this.items[end]!;
      if (!entry.frame) continue;
      if (frames > 0 && bytes + entry.bytes >= maxBytes) break;
      bytes += entry.bytes;
      frames++;
    }
    return { end, bytes };
  }

  /** Takes the frames up to `end` out, as one envelope. */
  take(end: number, taken: (frame: Frame) => void): Envelope {
    const envelope: Envelope = [PROTOCOL_VERSION];
    for (let i = this.head; i < end; i++) {
      const frame = this.items[i]!.frame;
      if (!frame) continue;
      envelope.push(frame);
      taken(frame);
      this.waiting--;
    }
    this.head = end;
    // Compact once half the array is behind the head: amortised O(1) per frame.
    if (this.head > 64 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.heldBackUpTo = Math.max(0, this.heldBackUpTo - this.head);
      this.head = 0;
    }
    return envelope;
  }
}

/** The frames waiting for one peer on one lane. */
interface Lane {
  reliable: FrameQueue;
  latent: FrameQueue;
}

interface PeerQueue {
  lanes: Map<string, Lane>;
  /** REQUESTs waiting, by id, so that a given-up one is taken back without a search. */
  requests: Map<number, { channel: FrameQueue; entry: Queued }>;
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
 * - **Pacing.** With `pace`, envelopes leave within a {@link SendBudget}: a client must stay under FiveM's limits
 *   on events and on bytes, which are the player's, shared by every resource, and kick the player when exceeded.
 *   Every frame is costed as an upper bound of its encoded size, and what does not fit waits for a later frame, in
 *   order. Frames that have to wait keep joining the waiting envelopes, so a backlog costs few events, and a
 *   request whose caller gave up before it left is {@link retract}ed (in O(1)) instead of being sent and then
 *   cancelled.
 */
export class Outbox<P> {
  private readonly queues = new Map<P, PeerQueue>();
  /** Calls (by peer, then id) whose answers have gone latent, until their final frame. */
  private readonly latentCalls = new Map<P, Set<number>>();
  private readonly budget: Budget | undefined;
  private readonly envelopeBytes: number;
  private readonly scheduler: SchedulerLike;
  private flushScheduled = false;
  private frameFlush: Subscription | undefined;
  private pacedFlush: Subscription | undefined;

  constructor(
    private readonly send: (delivery: Delivery<P>) => void,
    private readonly options: OutboxOptions,
  ) {
    this.scheduler = options.scheduler ?? asyncScheduler;
    this.budget = options.budget ?? (options.pace ? new SendBudget(options.pace, options.latentBytesPerSecond) : undefined);
    this.envelopeBytes = ENVELOPE_OVERHEAD + textBytes(options.eventName);
  }

  /**
   * Queues a frame; `bytes` is its payload's rough size (see `inspectValues`), 0 for frames without a payload.
   * Frames of different `lane`s leave in different envelopes, within the same budget.
   */
  push(peer: P, frame: Frame, bytes = 0, lane = ''): void {
    const id = frame[1];
    const queue = this.queueOf(peer);
    // A retry of a request that has not even left yet: the one waiting goes.
    if (frame[0] === FrameType.REQUEST && queue.requests.has(id)) return;
    const goesLatent = bytes >= this.options.latentThreshold || (this.latentCalls.get(peer)?.has(id) ?? false);
    if (frame[0] === FrameType.NEXT && goesLatent) this.markLatent(peer, id);
    else if (isFinal(frame)) this.endCall(peer, id);
    const channel = goesLatent ? this.laneOf(queue, lane).latent : this.laneOf(queue, lane).reliable;
    const last = channel.last;
    // The usual answer, one value then the end, travels as one RESULT frame.
    const result = folded(last?.frame, frame);
    if (result) last!.frame = result;
    else {
      const entry = { frame, bytes: wireBytes(frame, bytes) };
      channel.push(entry, this.waitsForPace());
      if (frame[0] === FrameType.REQUEST) queue.requests.set(id, { channel, entry });
    }
    this.scheduleFlush();
  }

  /**
   * Takes back a REQUEST that has not left yet (its caller gave up while it waited for pacing). Returns true if it
   * was still waiting: then the other side never hears of it and needs no CANCEL.
   */
  retract(peer: P, id: number): boolean {
    const queue = this.queues.get(peer);
    const request = queue?.requests.get(id);
    if (!request) return false;
    queue!.requests.delete(id);
    request.channel.takeBack(request.entry);
    return true;
  }

  /** Forgets a call's latent state when it ends without a final frame (the handler was cancelled). */
  endCall(peer: P, id: number): void {
    const calls = this.latentCalls.get(peer);
    calls?.delete(id);
    if (calls?.size === 0) this.latentCalls.delete(peer);
  }

  /** Sends what is waiting, as far as the budget allows; `force` sends everything (the resource is stopping). */
  flush(force = false): void {
    const now = this.scheduler.now();
    let wait = Infinity;
    for (const [peer, queue] of this.queues) {
      for (const [name, lane] of queue.lanes) {
        wait = Math.min(wait, this.drain(peer, queue, name, lane.latent, true, force, now), this.drain(peer, queue, name, lane.reliable, false, force, now));
        if (lane.latent.empty && lane.reliable.empty) queue.lanes.delete(name);
      }
      if (queue.lanes.size === 0) this.queues.delete(peer);
    }
    if (wait < Infinity) this.flushAfter(wait);
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
    if (!queue) this.queues.set(peer, (queue = { lanes: new Map(), requests: new Map() }));
    return queue;
  }

  private laneOf(queue: PeerQueue, name: string): Lane {
    let lane = queue.lanes.get(name);
    if (!lane) queue.lanes.set(name, (lane = { reliable: new FrameQueue(), latent: new FrameQueue() }));
    return lane;
  }

  /**
   * Sends one channel's envelopes to `peer` while the budget allows; returns the ms until the next may leave
   * (Infinity when nothing waits). Latent and reliable envelopes have budgets of their own, as in FiveM.
   */
  private drain(peer: P, queue: PeerQueue, lane: string, channel: FrameQueue, latent: boolean, force: boolean, now: number): number {
    while (!channel.empty) {
      const batch = channel.nextBatch(this.options.maxFrames, this.options.latentThreshold);
      // A lane's event name is the wire's with `:<lane>` after it.
      const bytes = this.envelopeBytes + (lane ? textBytes(lane) + 1 : 0) + batch.bytes;
      if (this.budget && !force) {
        const wait = this.budget.tryTake(now, latent, bytes);
        if (wait > 0) {
          this.options.onHeldBack?.(channel.holdBack());
          return wait;
        }
      }
      const envelope = channel.take(batch.end, (frame) => {
        if (frame[0] === FrameType.REQUEST) queue.requests.delete(frame[1]);
      });
      this.send({ peer, lane, envelope, latent, bytes });
    }
    return Infinity;
  }

  /** A frame queued while a paced flush is pending waits for the pace: counted at once. */
  private waitsForPace(): boolean {
    if (!this.pacedFlush || !this.options.onHeldBack) return false;
    this.options.onHeldBack(1);
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

  private flushAfter(wait: number): void {
    if (this.pacedFlush) return;
    this.pacedFlush = this.scheduler.schedule(() => {
      this.pacedFlush = undefined;
      this.flush();
    }, Math.ceil(wait));
  }
}

/**
 * What a frame costs on the wire, at most: its payload's size (`payloadBytes`, measured by the side that built it),
 * its texts, and its fixed fields. An ERROR's details are measured here: nobody else does.
 */
function wireBytes(frame: Frame, payloadBytes: number): number {
  switch (frame[0]) {
    case FrameType.REQUEST:
      return FRAME_OVERHEAD + textBytes(frame[2]) + (frame[5] === undefined ? 0 : textBytes(frame[5])) + payloadBytes;
    case FrameType.ERROR:
      return FRAME_OVERHEAD + textBytes(frame[2]) + textBytes(frame[3]) + (frame[4] === undefined ? 0 : inspectValues([frame[4]]).size);
    default:
      return FRAME_OVERHEAD + payloadBytes;
  }
}
