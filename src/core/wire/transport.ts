import { Subscription } from 'rxjs';
import { CallbackError, ErrorCode, toCallbackError } from '../../ground/errors';
import { flushWhenRunEnds } from '../../ground/runEnd';
import { ThrottledLog } from '../../ground/throttledLog';
import type { LargePayloads } from '../endpointOptions';
import type { SideNatives } from '../natives';
import { Outbox } from './outbox';
import { ReplyLanes } from './replyLanes';
import { checkSendPace, type Budget, type EventPace } from './sendBudget';
import { FrameType, frames, parseEnvelope, type Frame, type Packed, type ReplyFrame, type RequestFrame, type RouteFrame } from './protocol';
import type { Wire } from './wire';

/** What the transport hands up: frames by kind, peers that left, the resource stopping. */
export interface Receiver<P> {
  request(peer: P, frame: RequestFrame): void;
  cancel(peer: P, id: number): void;
  reply(peer: P, frame: ReplyFrame): void;
  /** Where requests for a name go (a client's hub learns it from the server); others ignore it. */
  route?(peer: P, frame: RouteFrame): void;
  /** After the last frame of one envelope (the hub's router hands each member its frames of it at once). */
  envelopeEnd?(peer: P): void;
  peerLeft(peer: P): void;
  stop(): void;
}

/** What the hub counts of its event (hub/traffic.ts); an endpoint counts only refused frames. */
export interface WireTraffic<P> {
  receivedEnvelope(peer: P, envelope: unknown, frames: number): void;
  sentEnvelope(peer: P, frames: number, bytes: number): void;
  heldBack(frames: number): void;
  refused(reason: 'malformed' | 'not_connected', peer: P | undefined, detail: string): void;
}

export interface TransportOptions<P> {
  maxFramesPerEnvelope: number;
  largePayloads: LargePayloads;
  pace: EventPace | false | undefined;
  /** A budget kept elsewhere, instead of `pace` (the client hub's router shares its own with its members). */
  budget?: Budget;
  /** Frames leave once per game frame (a client: see the outbox). */
  flushPerFrame: boolean;
  traffic?: WireTraffic<P>;
}

/**
 * One side of a {@link Wire}: envelopes batched, paced and sent latent when large (the {@link Outbox}), envelopes
 * from the other side checked and their frames handed to a {@link Receiver}, and the lifecycle (peers leaving, the
 * resource stopping). Refused input is counted and logged, throttled per peer, and never breaks the listener. An
 * endpoint sits on one, and so does the hub's router.
 */
export class Transport<P> {
  readonly largePayloads: LargePayloads;
  private readonly outbox: Outbox<P>;
  private readonly lifetime: Subscription;
  /** Refused frames are logged at most once per interval per peer and kind. */
  private readonly rejectionLog: ThrottledLog<P | 'unknown source'>;
  private rejected = 0;
  private stopping = false;
  private readonly traffic: WireTraffic<P> | undefined;
  /** Where answers to peers' requests go, as the requests said (see {@link ReplyLanes}). */
  private readonly replyLanes = new ReplyLanes<P>();
  /** Who hears what arrives (see {@link listen}). */
  private receiver: Receiver<P> | undefined;

  constructor(
    private readonly natives: Pick<SideNatives<P>, 'isConnected' | 'unpack' | 'peerLeft$' | 'resourceStopped$' | 'log' | 'now'>,
    private readonly wire: Wire<P>,
    options: TransportOptions<P>,
  ) {
    this.largePayloads = options.largePayloads;
    const traffic = (this.traffic = options.traffic);
    this.rejectionLog = new ThrottledLog((line) => natives.log(line), () => natives.now());
    const { bytesPerSecond, latentThreshold } = options.largePayloads;
    this.outbox = new Outbox<P>(
      ({ peer, lane, envelope, latent, bytes }) => {
        traffic?.sentEnvelope(peer, envelope.length - 1, bytes);
        wire.send(peer, envelope, latent, bytes, lane);
      },
      {
        eventName: wire.eventName,
        maxFrames: options.maxFramesPerEnvelope,
        latentThreshold,
        latentBytesPerSecond: bytesPerSecond,
        pace: options.pace ? checkSendPace(options.pace) : false,
        budget: wire.budget ?? options.budget,
        flushPerFrame: options.flushPerFrame,
        onHeldBack: traffic && ((frames) => traffic.heldBack(frames)),
      },
    );
    this.lifetime = new Subscription(() => this.outbox.close());
    if (!options.flushPerFrame) this.lifetime.add(flushWhenRunEnds(() => this.outbox.flush()));
  }

  /** Starts listening: frames, departures and the stop go to `receiver`. */
  listen(receiver: Receiver<P>): void {
    this.receiver = receiver;
    const natives = this.natives;
    this.lifetime.add(this.wire.listen((peer, envelope, source) => this.receive(receiver, peer, envelope, source)));
    this.lifetime.add(
      natives.peerLeft$.subscribe((peer) => {
        this.outbox.discard(peer);
        this.rejectionLog.forget(peer);
        this.replyLanes.forget(peer);
        receiver.peerLeft(peer);
      }),
    );
    this.lifetime.add(natives.resourceStopped$.subscribe(() => receiver.stop()));
  }

  /**
   * An envelope from `peer` heard elsewhere (a server member hands the hub what it heard on its own event and is
   * not its business), checked and handed to the receiver as if heard on the wire.
   */
  heard(peer: P | undefined, envelope: unknown, source: unknown): void {
    if (this.receiver) this.receive(this.receiver, peer, envelope, source);
  }

  /** Frames from the other side that were refused so far. */
  get rejectedFrames(): number {
    return this.rejected;
  }

  /** True once the resource is stopping: nothing new is sent. */
  get stopped(): boolean {
    return this.stopping;
  }

  isConnected(peer: P): boolean {
    return this.natives.isConnected(peer);
  }

  /** Values a Lua state packed, as FiveM's JS runtime would unpack them. */
  unpack(packed: Packed): unknown[] {
    return this.natives.unpack(packed);
  }

  /**
   * Queues a frame; `bytes` is its payload's rough size (see `inspectValues`), 0 for frames without one; `lane`:
   * see {@link Wire.send}.
   */
  send(peer: P, frame: Frame, bytes = 0, lane = ''): void {
    if (frame[0] !== FrameType.REQUEST) return this.outbox.push(peer, frame, bytes, lane || this.replyLanes.of(peer, frame[1]));
    const replyTo = this.wire.replyTo;
    const request = replyTo === undefined ? frame : frames.withReplyTo(frame, replyTo);
    this.outbox.push(peer, request, bytes, lane || (this.wire.laneOf?.(peer, frame) ?? ''));
  }

  /** Tells the other side a call was given up; a request still waiting to leave is taken back instead. */
  cancel(peer: P, id: number, lane = ''): void {
    if (this.stopping || !this.natives.isConnected(peer)) return;
    const cancel = frames.cancel(id);
    // Asked first: the wire forgets where the request went either way.
    const on = lane || (this.wire.laneOf?.(peer, cancel) ?? '');
    if (!this.outbox.retract(peer, id)) this.outbox.push(peer, cancel, 0, on);
  }

  /** Refuses to send what FiveM could not deliver safely: PAYLOAD_TOO_LARGE over `maxBytes`. */
  checkSize(size: number, what: string, maxBytes = this.largePayloads.maxBytes): void {
    if (size > maxBytes) {
      throw new CallbackError(ErrorCode.PAYLOAD_TOO_LARGE, `${what} take about ${size} bytes; at most ${maxBytes} are sent`, { maxBytes });
    }
  }

  /** Marks the resource as stopping: calls made from here on fail, cancels are no longer sent. */
  markStopping(): void {
    this.stopping = true;
  }

  /** Sends everything still waiting and stops listening. */
  close(): void {
    this.stopping = true;
    this.outbox.flush(true);
    this.lifetime.unsubscribe();
  }

  private receive(receiver: Receiver<P>, peer: P | undefined, raw: unknown, source: unknown): void {
    if (peer === undefined) {
      this.traffic?.refused('not_connected', undefined, String(source));
      this.reject('unknown source', 'unexpected source', `an event from an unexpected source (${String(source)})`);
      return;
    }
    // Events a player sent just before leaving can arrive after playerDropped: no state for them.
    if (!this.natives.isConnected(peer)) {
      this.traffic?.refused('not_connected', peer, '');
      this.reject(peer, 'absent peer', `an event from ${String(peer)}, who is not connected`);
      return;
    }
    const { frames: received, rejected } = parseEnvelope(raw);
    this.traffic?.receivedEnvelope(peer, raw, received.length + rejected.length);
    for (const reason of rejected) {
      this.traffic?.refused('malformed', peer, reason);
      this.reject(peer, reason, `${reason} from ${String(peer)}`);
    }
    for (const frame of received) {
      try {
        if (frame[0] === FrameType.REQUEST) {
          this.replyLanes.heard(peer, frame);
          receiver.request(peer, frame);
        }
        else if (frame[0] === FrameType.CANCEL) {
          receiver.cancel(peer, frame[1]);
          this.outbox.endCall(peer, frame[1]);
        } else if (frame[0] === FrameType.ROUTE) receiver.route?.(peer, frame);
        else receiver.reply(peer, frame);
      } catch (error) {
        // Whatever arrives must not break the listener (a throw here would surface as a timer SCRIPT ERROR).
        this.reject(peer, 'failed frame', `a frame from ${String(peer)} that failed: ${toCallbackError(error).message}`);
      }
    }
    receiver.envelopeEnd?.(peer);
  }

  /**
   * Counts a refused frame and logs it, throttled per peer and kind of refusal (`topic`) so that a client sending
   * garbage cannot flood the console.
   */
  private reject(peer: P | 'unknown source', topic: string, reason: string): void {
    this.rejected++;
    this.rejectionLog.note(peer, topic, `fxcallbacks: dropped ${reason}`, 'refused');
  }
}
