import { Subscription } from 'rxjs';
import { CallbackError, ErrorCode, toCallbackError } from '../../ground/errors';
import { flushWhenRunEnds } from '../../ground/runEnd';
import { ThrottledLog } from '../../ground/throttledLog';
import type { LargePayloads } from '../endpointOptions';
import { fromEvent } from './fromEvent';
import type { SideNatives } from '../natives';
import { Outbox } from './outbox';
import { checkSendPace, type EventPace } from './sendBudget';
import { eventNameFor, FrameType, frames, parseEnvelope, type Frame, type Packed, type ReplyFrame, type RequestFrame } from './protocol';

/** What the transport hands up: frames by kind, peers that left, the resource stopping. */
export interface Receiver<P> {
  request(peer: P, frame: RequestFrame): void;
  cancel(peer: P, id: number): void;
  reply(peer: P, frame: ReplyFrame): void;
  peerLeft(peer: P): void;
  stop(): void;
}

export interface TransportOptions {
  maxFramesPerEnvelope: number;
  largePayloads: LargePayloads;
  pace: EventPace | false | undefined;
  /** Frames leave once per game frame (a client: see the outbox). */
  flushPerFrame: boolean;
}

/**
 * The wire of one endpoint: the resource's one net event in both directions, envelopes batched, paced and sent
 * latent when large (the {@link Outbox}), envelopes from the other side checked and their frames handed to a
 * {@link Receiver}, and the lifecycle (peers leaving, the resource stopping). Refused input is counted and logged,
 * throttled per peer, and never breaks the listener.
 */
export class Transport<P> {
  readonly largePayloads: LargePayloads;
  private readonly eventName: string;
  private readonly outbox: Outbox<P>;
  private readonly lifetime: Subscription;
  /** Refused frames are logged at most once per interval per peer and kind. */
  private readonly rejectionLog: ThrottledLog<P | 'unknown source'>;
  private rejected = 0;
  private stopping = false;

  constructor(
    private readonly natives: SideNatives<P>,
    options: TransportOptions,
  ) {
    this.eventName = eventNameFor(natives.resourceName);
    this.largePayloads = options.largePayloads;
    this.rejectionLog = new ThrottledLog((line) => natives.log(line), () => natives.now());
    const { bytesPerSecond, latentThreshold } = options.largePayloads;
    this.outbox = new Outbox<P>(
      ({ peer, envelope, latent }) =>
        latent ? natives.emitNetLatent(peer, this.eventName, envelope, bytesPerSecond) : natives.emitNet(peer, this.eventName, envelope),
      {
        eventName: this.eventName,
        maxFrames: options.maxFramesPerEnvelope,
        latentThreshold,
        latentBytesPerSecond: bytesPerSecond,
        pace: options.pace ? checkSendPace(options.pace) : false,
        flushPerFrame: options.flushPerFrame,
      },
    );
    this.lifetime = new Subscription(() => this.outbox.close());
    if (!options.flushPerFrame) this.lifetime.add(flushWhenRunEnds(() => this.outbox.flush()));
  }

  /** Starts listening: frames, departures and the stop go to `receiver`. */
  listen(receiver: Receiver<P>): void {
    const natives = this.natives;
    this.lifetime.add(fromEvent(this.eventName, natives.onNet, () => natives.currentSource()).subscribe(({ source, args }) => this.receive(receiver, source, args[0])));
    this.lifetime.add(
      natives.peerLeft$.subscribe((peer) => {
        this.outbox.discard(peer);
        this.rejectionLog.forget(peer);
        receiver.peerLeft(peer);
      }),
    );
    this.lifetime.add(natives.resourceStopped$.subscribe(() => receiver.stop()));
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

  /** Queues a frame; `bytes` is its payload's rough size (see `inspectValues`), 0 for frames without one. */
  send(peer: P, frame: Frame, bytes = 0): void {
    this.outbox.push(peer, frame, bytes);
  }

  /** Tells the other side a call was given up; a request still waiting to leave is taken back instead. */
  cancel(peer: P, id: number): void {
    if (this.stopping || !this.natives.isConnected(peer) || this.outbox.retract(peer, id)) return;
    this.outbox.push(peer, frames.cancel(id));
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

  private receive(receiver: Receiver<P>, source: unknown, raw: unknown): void {
    const peer = this.natives.peerFromSource(source);
    if (peer === undefined) {
      this.reject('unknown source', 'unexpected source', `an event from an unexpected source (${String(source)})`);
      return;
    }
    const { frames: received, rejected } = parseEnvelope(raw);
    for (const reason of rejected) this.reject(peer, reason, `${reason} from ${String(peer)}`);
    for (const frame of received) {
      try {
        if (frame[0] === FrameType.REQUEST) receiver.request(peer, frame);
        else if (frame[0] === FrameType.CANCEL) {
          receiver.cancel(peer, frame[1]);
          this.outbox.endCall(peer, frame[1]);
        } else receiver.reply(peer, frame);
      } catch (error) {
        // Whatever arrives must not break the listener (a throw here would surface as a timer SCRIPT ERROR).
        this.reject(peer, 'failed frame', `a frame from ${String(peer)} that failed: ${toCallbackError(error).message}`);
      }
    }
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
