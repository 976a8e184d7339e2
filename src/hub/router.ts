import { Subscription } from 'rxjs';
import { CallbackError, ErrorCode } from '../ground/errors';
import { fromEvent } from '../core/wire/fromEvent';
import type { SideNatives } from '../core/natives';
import { Outbox } from '../core/wire/outbox';
import type { SendPace } from '../core/wire/sendBudget';
import { flushWhenRunEnds } from '../ground/runEnd';
import { carriesValues, eventNameFor, frames, FrameType, parseEnvelope, PROTOCOL_VERSION, type Envelope, type Frame, type Payload, type RequestFrame } from '../core/wire/protocol';
import { inspectPayload } from '../ground/packed';
import { MemberCalls } from './memberCalls';
import { CallbackNames } from './names';
import { Routes } from './routes';
import type { PeerId } from '../core/endpointOptions';
import type { HubTraffic } from './traffic';
import type { CallTrace } from './trace';

/** A resource whose endpoint joined the hub: how the hub hands it the frames that are its business. */
export interface Member<P> {
  deliver(peer: P, envelope: Envelope): void;
}

/** How the hub's one net event leaves: batching, pacing (one event budget per player), latent sizes. */
export interface RouterOptions {
  maxFrames: number;
  latentThreshold: number;
  bytesPerSecond: number;
  pace: SendPace | false;
  /** Send once per game frame instead of after each run of code (a client, which runs promise callbacks after every
   * export call). */
  flushPerFrame: boolean;
  /** Requests one peer may have routed to members at once; beyond, the hub answers LIMIT_EXCEEDED itself. */
  maxRoutesPerPeer: number;
  /** Calls all members together may have waiting on one peer; beyond, the member's call fails with LIMIT_EXCEEDED. */
  maxCallsPerPeer: number;
}

/**
 * The hub's switchboard. It owns the machine's one net event, `fxcb:<hub>`, and its {@link Outbox}, so frames of
 * every resource towards a player leave batched and paced together. Members' endpoints keep all their logic; the
 * router only decides whose frame is whose:
 *
 * - a REQUEST from a peer goes to the resource that claimed its name (Lua resources' names live in the hub's own
 *   endpoint); the route (peer, id) → resource lasts until that resource's final frame or the peer's CANCEL;
 * - a member's REQUEST gets a wire id unique towards its peer (members choose ids independently), and the peer's
 *   replies and the member's CANCEL are mapped through it ({@link MemberCalls}).
 *
 * Peers come from `source`, never from a payload; a peer who has left gets no state created.
 */
export class Router<P extends PeerId> {
  private readonly members = new Map<string, Member<P>>();
  readonly names = new CallbackNames();
  /** Peers' requests being answered: (peer, peer's id) → the answering member. */
  private readonly answering = new Routes<P>();
  private readonly calling: MemberCalls<P>;
  private readonly outbox: Outbox<P>;
  private readonly eventName: string;
  private readonly lifetime: Subscription;
  /** Set while `fxcallbacks trace` runs: then the router reports each frame of a call to it. */
  trace: CallTrace<P> | undefined;

  constructor(
    private readonly natives: SideNatives<P>,
    private readonly options: RouterOptions,
    /** What the hub's event carries (metrics endpoint, dashboard). */
    readonly traffic: HubTraffic<P>,
  ) {
    this.eventName = eventNameFor(natives.resourceName);
    this.calling = new MemberCalls<P>(options.maxCallsPerPeer);
    this.outbox = new Outbox<P>(
      ({ peer, envelope, latent, bytes }) => {
        traffic.sentEnvelope(peer, envelope.length - 1, bytes);
        if (latent) natives.emitNetLatent(peer, this.eventName, envelope, options.bytesPerSecond);
        else natives.emitNet(peer, this.eventName, envelope);
      },
      {
        eventName: this.eventName,
        maxFrames: options.maxFrames,
        latentThreshold: options.latentThreshold,
        latentBytesPerSecond: options.bytesPerSecond,
        pace: options.pace,
        flushPerFrame: options.flushPerFrame,
        onHeldBack: (frames) => traffic.heldBack(frames),
      },
    );
    this.lifetime = new Subscription(() => this.outbox.close());
    // Members' frames arrive through exports, often from their ticks after the hub's: they leave when that call ends.
    if (!options.flushPerFrame) this.lifetime.add(flushWhenRunEnds(() => this.outbox.flush()));
    this.lifetime.add(
      fromEvent(this.eventName, natives.onNet, () => natives.currentSource()).subscribe(({ source, args }) => this.receive(source, args[0])),
    );
    this.lifetime.add(natives.peerLeft$.subscribe((peer) => this.forgetPeer(peer)));
    this.lifetime.add(natives.resourceStopped$.subscribe(() => this.stop()));
  }

  /** Routing state, to prove in tests that nothing leaks. */
  get stats(): { members: number; names: number; routes: number; calls: number; rejectedFrames: number } {
    return {
      members: this.members.size,
      names: this.names.size,
      routes: this.answering.size,
      calls: this.calling.size,
      // Envelopes and frames refused: malformed, or from a peer that is not (or no longer) connected.
      rejectedFrames: this.traffic.refusedFor('malformed') + this.traffic.refusedFor('not_connected'),
    };
  }

  /** Adds a member; returns why not when the resource already joined (it creates its callbacks once). */
  join(resource: string, member: Member<P>): string | undefined {
    if (this.members.has(resource)) return `resource ${resource} already joined the hub: create its callbacks once`;
    this.members.set(resource, member);
    return undefined;
  }

  isMember(resource: string): boolean {
    return this.members.has(resource);
  }

  /**
   * A resource stopped: its names go at once, peers' requests it was answering get RESOURCE_STOPPED, its calls are
   * cancelled over the network. Its own endpoint may do part of this first; whatever it sends after is dropped.
   */
  leave(resource: string): void {
    this.names.releaseAll(resource);
    if (!this.members.delete(resource)) return;
    for (const [peer, id] of this.answering.takeMember(resource)) {
      const stopped = frames.error(id, ErrorCode.RESOURCE_STOPPED, `resource ${resource} stopped`);
      this.trace?.answerOut(peer, id, stopped);
      this.outbox.push(peer, stopped);
    }
    for (const [peer, wireId] of this.calling.takeMember(resource)) {
      this.trace?.cancelOut(resource, peer, wireId);
      this.cancel(peer, wireId);
    }
  }

  // ---- from members to the network -----------------------------------------------------------------------

  /** Frames a member's endpoint sends to `peer`; `latent` when its envelope was meant to go latent. */
  send(resource: string, peer: P, envelope: Envelope, latent: boolean): void {
    if (!this.members.has(resource) || !this.natives.isConnected(peer)) return;
    for (let i = 1; i < envelope.length; i++) this.sendFrame(resource, peer, envelope[i] as Frame, latent);
  }

  private sendFrame(resource: string, peer: P, frame: Frame, latent: boolean): void {
    const id = frame[1];
    switch (frame[0]) {
      case FrameType.REQUEST: {
        const wireId = this.calling.wireIdOf(resource, peer, id);
        if (wireId === undefined) return this.refuseMember(resource, peer, id);
        this.trace?.requestOut(resource, peer, wireId, frame[2], frame[3]);
        return this.outbox.push(peer, frames.withId(frame, wireId), sizeOf(frame[3], latent, this.options.latentThreshold));
      }
      case FrameType.CANCEL: {
        const wireId = this.calling.cancelled(resource, peer, id);
        if (wireId === undefined) return;
        this.trace?.cancelOut(resource, peer, wireId);
        return this.cancel(peer, wireId);
      }
      default:
        // An answer goes out only for a request routed to this member.
        if (this.answering.get(peer, id) !== resource) return;
        if (frame[0] !== FrameType.NEXT) this.answering.take(peer, id);
        this.trace?.answerOut(peer, id, frame);
        return this.outbox.push(peer, frame, carriesValues(frame) ? sizeOf(frame[2], latent, this.options.latentThreshold) : 0);
    }
  }

  /** A member's call given up: taken back if it has not left yet, else cancelled over there. */
  private cancel(peer: P, wireId: number): void {
    this.calling.forgetWireId(peer, wireId);
    if (!this.outbox.retract(peer, wireId)) this.outbox.push(peer, frames.cancel(wireId));
  }

  // ---- from the network to members -----------------------------------------------------------------------

  private receive(source: unknown, raw: unknown): void {
    const peer = this.natives.peerFromSource(source);
    // Events a player sent just before leaving can arrive after playerDropped: no state for them.
    if (peer === undefined || !this.natives.isConnected(peer)) {
      this.traffic.refused('not_connected', peer);
      return;
    }
    const { frames, rejected } = parseEnvelope(raw);
    this.traffic.receivedEnvelope(peer, raw, frames.length + rejected.length);
    for (const rejection of rejected) this.traffic.refused('malformed', peer, rejection);
    const batches = new Map<string, Envelope>();
    for (const frame of frames) {
      const routed = this.route(peer, frame);
      if (!routed) continue;
      let batch = batches.get(routed.resource);
      if (!batch) batches.set(routed.resource, (batch = [PROTOCOL_VERSION]));
      batch.push(routed.frame);
    }
    for (const [resource, envelope] of batches) this.deliver(resource, peer, envelope);
  }

  /** Which member a frame from a peer is for, with the id that member knows it by; undefined when nobody's. */
  private route(peer: P, frame: Frame): { resource: string; frame: Frame } | undefined {
    const id = frame[1];
    switch (frame[0]) {
      case FrameType.REQUEST: {
        const routed = this.answering.get(peer, id);
        if (routed !== undefined) return { resource: routed, frame };
        const owner = this.names.ownerOf(frame[2]);
        if (owner === undefined) {
          this.traffic.refused('unknown_callback', peer, frame[2]);
          return this.refuse(peer, frame, new CallbackError(ErrorCode.NO_SUCH_CALLBACK, `no callback named "${frame[2]}" is registered`));
        }
        if (this.answering.countFor(peer) >= this.options.maxRoutesPerPeer) {
          this.traffic.refused('too_many_requests', peer, frame[2]);
          return this.refuse(peer, frame, new CallbackError(ErrorCode.LIMIT_EXCEEDED, `more than ${this.options.maxRoutesPerPeer} requests at once`));
        }
        // A Lua resource is no member: its callbacks live in the hub's own endpoint.
        const resource = this.members.has(owner) ? owner : this.natives.resourceName;
        this.answering.set(peer, id, resource);
        this.trace?.requestIn(resource, peer, id, frame[2], frame[3]);
        return { resource, frame };
      }
      case FrameType.CANCEL: {
        const resource = this.answering.take(peer, id);
        this.outbox.endCall(peer, id);
        if (resource !== undefined) this.trace?.cancelIn(peer, id);
        return resource === undefined ? undefined : { resource, frame };
      }
      default: {
        const call = this.calling.replied(peer, id, frame[0] !== FrameType.NEXT);
        if (!call) return undefined;
        this.trace?.replyIn(peer, id, frame);
        return { resource: call.resource, frame: frames.withId(frame, call.id) };
      }
    }
  }

  private refuse(peer: P, request: RequestFrame, error: CallbackError): undefined {
    this.trace?.refusedIn(this.natives.resourceName, peer, request[1], request[2], request[3], error.code);
    this.outbox.push(peer, frames.error(request[1], error.code, error.message));
    return undefined;
  }

  /** A member's call over the cap fails at once, delivered once the member's send has returned. */
  private refuseMember(resource: string, peer: P, id: number): void {
    const max = this.options.maxCallsPerPeer;
    const refusal = frames.error(id, ErrorCode.LIMIT_EXCEEDED, `${max} calls already wait on ${String(peer)}`, { maxCallsPerPeer: max });
    void Promise.resolve().then(() => this.deliver(resource, peer, [PROTOCOL_VERSION, refusal]));
  }

  private deliver(resource: string, peer: P, envelope: Envelope): void {
    try {
      this.members.get(resource)?.deliver(peer, envelope);
    } catch (error) {
      // The member's runtime is gone (it stopped between our hearing of it and now).
      this.natives.log(`fxcallbacks: resource ${resource} could not be reached: ${error instanceof Error ? error.message : String(error)}`);
      this.leave(resource);
    }
  }

  // ---- lifecycle -----------------------------------------------------------------------------------------

  private forgetPeer(peer: P): void {
    this.traffic.forget(peer);
    this.trace?.peerLeft(peer);
    this.outbox.discard(peer);
    this.answering.takePeer(peer);
    this.calling.forgetPeer(peer);
  }

  /** The hub stops: every member goes with it, so the other side hears of it now rather than at its timeouts. */
  private stop(): void {
    for (const resource of [...this.members.keys()]) this.leave(resource);
    this.outbox.flush(true);
    this.lifetime.unsubscribe();
  }
}

/** A payload's rough size for the outbox; a member's latent envelope stays latent. */
function sizeOf(values: Payload, latent: boolean, latentThreshold: number): number {
  return latent ? latentThreshold : inspectPayload(values).size;
}
