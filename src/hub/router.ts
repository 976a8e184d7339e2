import { CallbackError, ErrorCode } from '../ground/errors';
import type { SideNatives } from '../core/natives';
import { checkSendPace, NO_CREDIT, SendBudget, type Credit, type SendPace } from '../core/wire/sendBudget';
import { DEFAULT_LARGE_PAYLOADS } from '../core/endpointOptions';
import {
  carriesValues,
  eventNameFor,
  frames,
  FrameType,
  memberEventName,
  PROTOCOL_VERSION,
  REQUEST_ID_RANGE,
  type Envelope,
  type Frame,
  type Payload,
  type ReplyFrame,
  type RequestFrame,
  type RouteFrame,
} from '../core/wire/protocol';
import { Transport, type Receiver } from '../core/wire/transport';
import { netWire } from '../core/wire/wire';
import { payloadSize } from '../ground/packed';
import { MemberCalls } from './memberCalls';
import { CallbackNames } from './names';
import { Routes } from './routes';
import type { PeerId } from '../core/endpointOptions';
import type { EndedRoutes, Joined } from './member';
import { HubTraffic, type TrafficSnapshot } from './traffic';
import type { CallTrace } from './trace';

/** A resource whose endpoint joined the hub: how the hub hands it the frames that are its business. */
export interface Member<P> {
  /** Returns the routes it ended since the router last asked (a direct member: its answers leave directly). */
  deliver(peer: P, envelope: Envelope): EndedRoutes | void;
  /** A member that can be direct (hub/member.ts): the routes it ended since the router last asked. */
  endedRoutes?(): EndedRoutes;
  /** What went directly between it and the players (a server member; a client shows no traffic). */
  traffic?(): TrafficSnapshot | undefined;
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
  /** Requests one peer may have routed by the hub at once; beyond, the hub answers LIMIT_EXCEEDED itself. */
  maxRoutesPerPeer: number;
  /** Calls that pass the hub (not a direct member's) may have waiting on one peer; beyond, LIMIT_EXCEEDED. */
  maxCallsPerPeer: number;
  /**
   * A client's hub: it learns from the server's ROUTE frames which server resources hear requests for their
   * callbacks on their own events, and sends those requests there. A server's hub ignores ROUTE frames (players
   * send them).
   */
  learnsRoutes: boolean;
}

/**
 * The hub's switchboard: a {@link Receiver} on the {@link Transport} of the machine's one net event, `fxcb:<hub>`,
 * so frames of every resource towards a player leave batched and paced together. Members' endpoints keep all
 * their logic; the router only decides whose frame is whose:
 *
 * - a REQUEST from a peer goes to the resource that claimed its name (Lua resources' names live in the hub's own
 *   endpoint); the route (peer, id) → resource lasts until that resource's final frame or the peer's CANCEL;
 * - a member's REQUEST gets a wire id unique towards its peer (members choose ids independently), and the peer's
 *   replies and the member's CANCEL are mapped through it ({@link MemberCalls}).
 *
 * Where the hub's event is not paced (the server, by default), members are direct (hub/member.ts): players'
 * hubs send requests for their callbacks to their own events once they learnt the route (ROUTE frames), and
 * their answers and their own calls leave from their own runtimes (their calls with ids from a block of their
 * own). The router still routes what arrives on its event (a name's first call, calls of names not yet learnt,
 * replies to members' calls, by the id's block for a direct member) and what a member forwards (a stale route); a
 * member reports the routes it ended with the next delivery, or when asked, and its traffic when asked. A stopped
 * direct member's event is heard by the router until it joins again, so that stale routes still get an answer.
 * A client's hub, whose event is paced, has direct members too: they send their own envelopes within its budget
 * ({@link lease}) and hear the answers to their calls on their own events; it hands them a server resource's first
 * request for a name, and hears a stopped member's event as on the server.
 *
 * Peers come from `source`, never from a payload; a peer who has left gets no state created.
 */
export class Router<P extends PeerId> implements Receiver<P> {
  private readonly members = new Map<string, Member<P>>();
  /** Direct members (see above), with the block of request ids each takes: ids from block × REQUEST_ID_RANGE. */
  private readonly direct = new Map<string, number>();
  /** Whose block: a player's reply to a direct member's call is routed by its id. */
  private readonly blockOwners = new Map<number, string>();
  /** Blocks are never given twice: a late reply to a stopped member reaches nobody. Block 0 is the router's. */
  private nextBlock = 1;
  /** Events of direct members that stopped, heard here until they join again: the removers. */
  private readonly stoppedMembersEvents = new Map<string, () => void>();
  /** A client's hub: which server resource answers a name itself (see {@link RouterOptions.learnsRoutes}). */
  private readonly routesLearnt = new Map<string, string>();
  readonly names = new CallbackNames();
  /** Peers' requests being answered: (peer, peer's id) → the answering member. */
  private readonly answering = new Routes<P>();
  private readonly calling: MemberCalls<P>;
  private readonly transport: Transport<P>;
  /** The frames of the envelope being received, by member. */
  private readonly batches = new Map<string, Envelope>();
  /** Whether direct members' ended routes were collected for the envelope being received (once at most). */
  private collectedForEnvelope = false;
  /** A client's: the player's one budget, which the hub's event and its members' events share (see {@link lease}). */
  private readonly budget: SendBudget | undefined;
  /** Credit each direct member of a client's hub may still hold (see {@link lease}), and their sum. */
  private readonly credits = new Map<string, Credit>();
  private creditOutstanding: Credit = NO_CREDIT;
  /** Set while `fxcallbacks trace` runs: then the router reports each frame of a call to it. */
  trace: CallTrace<P> | undefined;

  constructor(
    private readonly natives: SideNatives<P>,
    private readonly options: RouterOptions,
    /** What the hub's own event carries (see {@link trafficSnapshot} for the whole family). */
    readonly traffic: HubTraffic<P>,
  ) {
    this.calling = new MemberCalls<P>(options.maxCallsPerPeer);
    const pace = options.pace && checkSendPace(options.pace);
    this.budget = pace ? new SendBudget(pace, options.bytesPerSecond, creditReserveOf(pace)) : undefined;
    this.transport = new Transport(natives, netWire(natives, eventNameFor(natives.resourceName), options.bytesPerSecond), {
      maxFramesPerEnvelope: options.maxFrames,
      largePayloads: { ...DEFAULT_LARGE_PAYLOADS, latentThreshold: options.latentThreshold, bytesPerSecond: options.bytesPerSecond },
      pace: false,
      budget: this.budget,
      flushPerFrame: options.flushPerFrame,
      traffic,
    });
    this.transport.listen(this);
  }

  /** Routing state, to prove in tests that nothing leaks. */
  get stats(): { members: number; names: number; routes: number; calls: number; rejectedFrames: number } {
    // Routes that direct members ended are known once they reported them.
    this.collectReports();
    return {
      members: this.members.size,
      names: this.names.size,
      routes: this.answering.size,
      calls: this.calling.size,
      // Envelopes and frames refused: malformed, or from a peer that is not (or no longer) connected.
      rejectedFrames: this.traffic.refusedFor('malformed') + this.traffic.refusedFor('not_connected'),
    };
  }

  /** What the hub's family of events carried: its own event's traffic and what direct members measured. */
  trafficSnapshot(): TrafficSnapshot {
    const others: TrafficSnapshot[] = [];
    for (const resource of this.direct.keys()) {
      const snapshot = this.reach(resource, () => this.members.get(resource)!.traffic!());
      if (snapshot) others.push(snapshot);
    }
    return HubTraffic.merged(this.traffic.snapshot(), others);
  }

  /**
   * Adds a member; refused when the resource already joined (it creates its callbacks once). `direct`: whether it
   * may be a direct member (not the hub's own endpoint, which runs here anyway).
   */
  join(resource: string, member: Member<P>, direct: boolean): Joined {
    if (this.members.has(resource)) return { refused: `resource ${resource} already joined the hub: create its callbacks once` };
    this.members.set(resource, member);
    this.stoppedMembersEvents.get(resource)?.();
    this.stoppedMembersEvents.delete(resource);
    // A server's hub paced by its owner keeps every frame in its one outbox; a client's shares its budget (lease).
    if (!direct || !member.endedRoutes || (this.budget && !this.options.learnsRoutes)) return {};
    const block = this.nextBlock++;
    this.direct.set(resource, block);
    this.blockOwners.set(block, resource);
    return {
      direct: {
        latentBytesPerSecond: this.options.bytesPerSecond,
        limiterRate: this.traffic.limiterRate,
        requestIdBase: block * REQUEST_ID_RANGE,
        // A paced event (a client's, under FiveM's per-player limiter): the member's envelopes take their share of
        // the hub's one budget (see lease).
        leased: this.budget !== undefined,
      },
    };
  }

  /**
   * A direct member of a client's hub is about to send an envelope of `bytes` itself, and its credit (`held`, below)
   * does not cover it: takes its cost from the player's one budget, or answers the ms until it may leave, as
   * `[wait, credit events, credit bytes]`. FXServer's limiter counts every event the client sends, whichever
   * resource and event, so the members' events and the hub's together stay within the budget.
   *
   * With a reliable envelope's cost the member gets a credit: events and bytes taken now that it spends on its next
   * reliable envelopes without asking, so that a member sending one small envelope a frame asks about once per
   * five. What is taken ahead and sent later adds to a burst; the hub's budget keeps that much out of its burst
   * (`creditReserve`) and never lets the credit the members may hold pass it. `held`: the member's credit left,
   * which it keeps (at most what it was given).
   */
  lease(resource: string, latent: boolean, bytes: number, heldEvents: number, heldBytes: number): [wait: number, events: number, bytes: number] {
    if (!this.budget || !this.direct.has(resource) || !(bytes >= 0)) return [LEASE_REFUSED_WAIT, 0, 0];
    const given = this.credits.get(resource) ?? NO_CREDIT;
    const held = { events: clamp(heldEvents, given.events), bytes: clamp(heldBytes, given.bytes) };
    const now = Date.now();
    const wait = this.budget.tryTake(now, latent === true, bytes);
    let credit = NO_CREDIT;
    if (wait === 0 && latent !== true) {
      const reserve = this.budget.creditReserve;
      const others = { events: this.creditOutstanding.events - given.events, bytes: this.creditOutstanding.bytes - given.bytes };
      credit = this.budget.takeCredit(now, { events: reserve.events - others.events - held.events, bytes: reserve.bytes - others.bytes - held.bytes });
    }
    this.setCredit(resource, { events: held.events + credit.events, bytes: held.bytes + credit.bytes });
    return [wait, credit.events, credit.bytes];
  }

  private setCredit(resource: string, credit: Credit): void {
    const before = this.credits.get(resource) ?? NO_CREDIT;
    this.creditOutstanding = {
      events: this.creditOutstanding.events - before.events + credit.events,
      bytes: this.creditOutstanding.bytes - before.bytes + credit.bytes,
    };
    if (credit.events === 0) this.credits.delete(resource);
    else this.credits.set(resource, credit);
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
    const member = this.members.get(resource);
    if (!member) return;
    const block = this.direct.get(resource);
    if (block !== undefined) {
      this.direct.delete(resource);
      // What it held was taken from the budget and will never be sent: it stays spent, and stops counting.
      this.setCredit(resource, NO_CREDIT);
      this.blockOwners.delete(block);
      // It may have ended routes it has not reported (the peer may reuse their ids): asked now, while its runtime
      // still runs its onResourceStop. Players' hubs may still send to its event: heard here until it is back.
      this.endRoutes(resource, this.reach(resource, () => member.endedRoutes!()));
      const heard = netWire(this.natives, memberEventName(this.natives.resourceName, resource), this.options.bytesPerSecond).listen((peer, envelope, source) =>
        this.transport.heard(peer, envelope, source),
      );
      this.stoppedMembersEvents.set(resource, heard);
    }
    this.members.delete(resource);
    for (const [peer, id] of this.answering.takeMember(resource)) {
      const stopped = frames.error(id, ErrorCode.RESOURCE_STOPPED, `resource ${resource} stopped`);
      this.trace?.answerOut(peer, id, stopped);
      this.transport.send(peer, stopped);
    }
    for (const [peer, wireId] of this.calling.takeMember(resource)) {
      this.trace?.cancelOut(resource, peer, wireId);
      this.cancelCall(peer, wireId);
    }
  }

  // ---- from members to the network -----------------------------------------------------------------------

  /** An envelope a direct member heard on its event and that is not all its business (see hub/member.ts). */
  forward(resource: string, peer: P, envelope: unknown): void {
    if (this.members.has(resource)) this.transport.heard(peer, envelope, peer);
  }

  /** Frames a member's endpoint sends to `peer`; `latent` when its envelope was meant to go latent. */
  send(resource: string, peer: P, envelope: Envelope, latent: boolean): void {
    if (!this.members.has(resource) || !this.transport.isConnected(peer)) return;
    for (let i = 1; i < envelope.length; i++) this.sendFrame(resource, peer, envelope[i] as Frame, latent);
  }

  private sendFrame(resource: string, peer: P, frame: Frame, latent: boolean): void {
    const id = frame[1];
    // A direct member's calls (passing here while a trace runs) keep their ids, which are unique on the machine.
    if (this.direct.has(resource) && frame[0] === FrameType.REQUEST) {
      this.trace?.requestOut(resource, peer, id, frame[2], frame[3]);
      return this.transport.send(peer, frame, sizeOf(frame[3], latent, this.options.latentThreshold), this.routesLearnt.get(frame[2]) ?? '');
    }
    if (this.direct.has(resource) && frame[0] === FrameType.CANCEL) {
      this.trace?.cancelOut(resource, peer, id);
      return this.transport.cancel(peer, id);
    }
    switch (frame[0]) {
      case FrameType.REQUEST: {
        // A client's request for a name a server resource answers itself goes to that resource's event.
        const lane = this.routesLearnt.get(frame[2]) ?? '';
        const wireId = this.calling.wireIdOf(resource, peer, id, lane);
        if (wireId === undefined) return this.refuseMember(resource, peer, id);
        this.trace?.requestOut(resource, peer, wireId, frame[2], frame[3]);
        return this.transport.send(peer, frames.withId(frame, wireId), sizeOf(frame[3], latent, this.options.latentThreshold), lane);
      }
      case FrameType.CANCEL: {
        const wireId = this.calling.cancelled(resource, peer, id);
        if (wireId === undefined) return;
        this.trace?.cancelOut(resource, peer, wireId);
        return this.cancelCall(peer, wireId);
      }
      default: {
        // An answer goes out only for a request routed to this member, or heard by it directly (a direct member
        // passes its answers here while a trace runs).
        const routed = this.answering.get(peer, id) === resource;
        if (!routed && !this.direct.has(resource)) return;
        if (routed && frame[0] !== FrameType.NEXT) this.answering.take(peer, id);
        this.trace?.answerOut(peer, id, frame);
        return this.transport.send(peer, frame, carriesValues(frame) ? sizeOf(frame[2], latent, this.options.latentThreshold) : 0);
      }
    }
  }

  /** A member's call given up: taken back if it has not left yet, else cancelled over there (where it went). */
  private cancelCall(peer: P, wireId: number): void {
    const lane = this.calling.forgetWireId(peer, wireId);
    this.transport.cancel(peer, wireId, lane);
  }

  // ---- from the network to members -----------------------------------------------------------------------

  request(peer: P, frame: RequestFrame): void {
    const id = frame[1];
    const owner = this.names.ownerOf(frame[2]);
    if (owner === undefined) {
      this.traffic.refused('unknown_callback', peer, frame[2]);
      return this.refuse(peer, frame, new CallbackError(ErrorCode.NO_SUCH_CALLBACK, `no callback named "${frame[2]}" is registered`));
    }
    // A Lua resource is no member: its callbacks live in the hub's own endpoint.
    const resource = this.members.has(owner) ? owner : this.natives.resourceName;
    const routed = this.answering.get(peer, id);
    // A retry goes where the request went. A route to another member is one whose end that member has not reported
    // yet (its answer left directly): the peer reuses an id only once its call ended.
    if (routed === resource) return this.batch(resource, frame);
    if (routed !== undefined) this.answering.take(peer, id);
    if (this.answering.countFor(peer) >= this.options.maxRoutesPerPeer && !this.belowCapAfterCollecting(peer)) {
      this.traffic.refused('too_many_requests', peer, frame[2]);
      return this.refuse(peer, frame, new CallbackError(ErrorCode.LIMIT_EXCEEDED, `more than ${this.options.maxRoutesPerPeer} requests at once`));
    }
    this.answering.set(peer, id, resource);
    this.trace?.requestIn(resource, peer, id, frame[2], frame[3]);
    this.batch(resource, frame);
  }

  cancel(peer: P, id: number): void {
    const resource = this.answering.take(peer, id);
    if (resource === undefined) return;
    this.trace?.cancelIn(peer, id);
    this.batch(resource, frames.cancel(id));
  }

  reply(peer: P, frame: ReplyFrame): void {
    if (frame[1] >= REQUEST_ID_RANGE) {
      // A reply to a direct member's call: its id says whose.
      const owner = this.blockOwners.get(Math.floor(frame[1] / REQUEST_ID_RANGE));
      if (owner === undefined) return;
      this.trace?.replyIn(peer, frame[1], frame);
      return this.batch(owner, frame);
    }
    const call = this.calling.replied(peer, frame[1], frame[0] !== FrameType.NEXT);
    if (!call) return;
    this.trace?.replyIn(peer, frame[1], frame);
    this.batch(call.resource, frames.withId(frame, call.id));
  }

  route(_peer: P, frame: RouteFrame): void {
    if (this.options.learnsRoutes) this.routesLearnt.set(frame[2], frame[3]);
  }

  /** Each member gets its frames of one envelope at once: one crossing per member and envelope. */
  envelopeEnd(peer: P): void {
    this.collectedForEnvelope = false;
    if (this.batches.size === 0) return;
    const batches = [...this.batches];
    this.batches.clear();
    for (const [resource, envelope] of batches) this.deliver(resource, peer, envelope);
  }

  private batch(resource: string, frame: Frame): void {
    let batch = this.batches.get(resource);
    if (!batch) this.batches.set(resource, (batch = [PROTOCOL_VERSION]));
    batch.push(frame);
  }

  /**
   * A peer at its cap of routes: direct members may have ended some without reporting yet. They are asked once per
   * envelope at most, so that a player who keeps sending at the cap cannot make the hub call every resource for
   * each of their frames.
   */
  private belowCapAfterCollecting(peer: P): boolean {
    if (this.collectedForEnvelope) return false;
    this.collectedForEnvelope = true;
    this.collectReports();
    return this.answering.countFor(peer) < this.options.maxRoutesPerPeer;
  }

  /** Asks each direct member for the routes it ended (one crossing each): at a peer's cap, and for the stats. */
  private collectReports(): void {
    for (const resource of this.direct.keys()) this.endRoutes(resource, this.reach(resource, () => this.members.get(resource)!.endedRoutes!()));
  }

  /** Routes a direct member reports it ended, as peer, id, peer, id... */
  private endRoutes(resource: string, ended: EndedRoutes | void): void {
    if (!Array.isArray(ended)) return;
    for (let i = 0; i + 1 < ended.length; i += 2) {
      const peer = ended[i] as P;
      const id = ended[i + 1] as number;
      if (this.answering.get(peer, id) === resource) this.answering.take(peer, id);
    }
  }

  private refuse(peer: P, request: RequestFrame, error: CallbackError): void {
    this.trace?.refusedIn(this.natives.resourceName, peer, request[1], request[2], request[3], error.code);
    this.transport.send(peer, frames.error(request[1], error.code, error.message));
  }

  /** A member's call over the cap fails at once, delivered once the member's send has returned. */
  private refuseMember(resource: string, peer: P, id: number): void {
    const max = this.options.maxCallsPerPeer;
    const refusal = frames.error(id, ErrorCode.LIMIT_EXCEEDED, `${max} calls already wait on ${String(peer)}`, { maxCallsPerPeer: max });
    void Promise.resolve().then(() => this.deliver(resource, peer, [PROTOCOL_VERSION, refusal]));
  }

  private deliver(resource: string, peer: P, envelope: Envelope): void {
    const member = this.members.get(resource);
    if (member) this.endRoutes(resource, this.reach(resource, () => member.deliver(peer, envelope)));
  }

  /** Calls into a member; a member whose runtime is gone (it stopped between our hearing of it and now) leaves. */
  private reach<R>(resource: string, call: () => R): R | undefined {
    try {
      return call();
    } catch (error) {
      this.natives.log(`fxcallbacks: resource ${resource} could not be reached: ${error instanceof Error ? error.message : String(error)}`);
      this.leave(resource);
      return undefined;
    }
  }

  // ---- lifecycle -----------------------------------------------------------------------------------------

  peerLeft(peer: P): void {
    this.traffic.forget(peer);
    this.trace?.peerLeft(peer);
    this.answering.takePeer(peer);
    this.calling.forgetPeer(peer);
  }

  /** The hub stops: every member goes with it, so the other side hears of it now rather than at its timeouts. */
  stop(): void {
    for (const resource of [...this.members.keys()]) this.leave(resource);
    for (const remove of this.stoppedMembersEvents.values()) remove();
    this.transport.close();
  }
}

/** What a lease answers a resource that is no direct member of a client's hub: ask again in a second. */
const LEASE_REFUSED_WAIT = 1000;

/**
 * The credit the members of a client's hub may hold together: 4 events and 16 KiB, at most a quarter of the pace's
 * bursts (the burst left to the hub's budget is smaller by as much).
 */
function creditReserveOf(pace: SendPace): Credit {
  const events = Math.min(4, Math.floor(pace.burst / 4));
  return events === 0 ? NO_CREDIT : { events, bytes: Math.min(16 * 1024, Math.floor(pace.byteBurst / 4)) };
}

/** A number a member reports, as a whole count between 0 and `most`. */
function clamp(value: unknown, most: number): number {
  return typeof value === 'number' && value > 0 ? Math.min(Math.floor(value), most) : 0;
}

/** A payload's rough size for the outbox; a member's latent envelope stays latent. */
function sizeOf(values: Payload, latent: boolean, latentThreshold: number): number {
  return latent ? latentThreshold : payloadSize(values);
}
