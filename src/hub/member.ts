import { merge, take, type Observable } from 'rxjs';
import { CallbackError, ErrorCode } from '../ground/errors';
import { entry } from '../ground/runEnd';
import type { SideNatives } from '../core/natives';
import { PeerTable } from '../ground/peerTable';
import {
  eventNameFor,
  frames,
  FrameType,
  isFinal,
  isLaneName,
  isName,
  laneEventName,
  memberEventName,
  PROTOCOL_VERSION,
  WIRE_LIMITS,
  type CancelFrame,
  type Envelope,
  type Frame,
  type RequestFrame,
} from '../core/wire/protocol';
import { replyLaneOf } from '../core/wire/replyLanes';
import { NO_CREDIT, type Budget, type Credit } from '../core/wire/sendBudget';
import { netWire, type Wire } from '../core/wire/wire';
import { HubTraffic, type TrafficSnapshot } from './traffic';

/** The hub's exports for joining endpoints; the caller is always `GetInvokingResource()`, never an argument. */
export const JOIN_EXPORTS = {
  join: '__fxcbJoin',
  send: '__fxcbSend',
  forward: '__fxcbForward',
  claim: '__fxcbClaim',
  release: '__fxcbRelease',
  leave: '__fxcbLeave',
  lease: '__fxcbLease',
} as const;

/**
 * Given by a member as it joins: the hub calls it with a report function when a trace starts (the member then
 * reports each of its calls that times out, by name) and with null when it ends, so no call crosses otherwise.
 */
export type WatchTimeouts = (report: ((name: string) => void) | null) => void;

/**
 * Requests the hub routed to a member and that the member answered to the end since the hub last asked, flat:
 * peer, id, peer, id... (the hub did not see the answers, which left directly).
 */
export type EndedRoutes = unknown[];

/** What a member gives the hub as it joins. */
export interface MemberLink<P> {
  /** Hands the member an envelope from a peer, already routed; returns the routes it ended since the hub last asked. */
  deliver(peer: P, envelope: Envelope): EndedRoutes;
  /** The routes it ended since the hub last asked (when a peer is at its cap of routes, for the stats, as it leaves). */
  endedRoutes(): EndedRoutes;
  /** What went directly between the member and the players, for the hub's traffic figures (the server's). */
  traffic(): TrafficSnapshot | undefined;
  watchTimeouts: WatchTimeouts;
}

/** The hub's answer to a lease: 0 and a credit of events and bytes, or the ms to wait. */
export type Lease = [wait: number, events: number, bytes: number];

/** The hub's answer to a join. */
export interface Joined {
  /** Why not, when the resource already joined. */
  refused?: string;
  /**
   * When the hub's event is not paced (the server's, by default): the member hears requests for its callbacks on
   * its own event and answers on the hub's, directly; latent envelopes at this rate; its traffic measured against
   * FiveM's net-event limiter at `limiterRate`.
   */
  direct?: { latentBytesPerSecond: number; limiterRate: number; requestIdBase: number; leased: boolean };
}

/** What a member endpoint needs of the hub: through exports for another resource, directly for the hub's own. */
export interface HubConnection<P> {
  /** The hub's resource name: the events of its family carry the member's envelopes. */
  readonly hub: string;
  join(link: MemberLink<P>): Joined;
  send(peer: P, envelope: Envelope, latent: boolean): void;
  /** An envelope a player sent to the member's own event that is not all the member's business: the hub routes it. */
  forward(peer: P, envelope: unknown): void;
  /** Returns why not, when another resource owns the name. */
  claim(name: string): string | undefined;
  release(name: string): void;
  /**
   * A direct member of a client's hub sends an envelope itself, beyond its credit `held`: its cost taken from the
   * player's budget, with a new credit, or the ms until it may leave (see Router.lease).
   */
  lease(latent: boolean, bytes: number, held: Credit): Lease;
  /** Emits when the hub stops: its members cannot call anybody any more. */
  readonly hubStopped$: Observable<void>;
}

/**
 * An endpoint that joined the hub: its natives (names claimed in the hub's namespace, stopping with the hub) and
 * its {@link Wire}. Where the hub allows it (the server's, unpaced), the member is direct: it hears requests for
 * its callbacks on its own event, `fxcb:<hub>:<resource>`, and its answers leave on the hub's event from its own
 * runtime, so that a call crosses no resource boundary. A client's hub learns which event a name's requests go to
 * from ROUTE frames the member adds to its answers to requests the hub handed it (the first call of a name, or one
 * sent before the client knew). Its own requests leave directly too, with ids from its block, and name it
 * (`replyTo`), so that the players' replies come to its own event (one that comes on the hub's event, the hub
 * routes by the id's block). While a trace runs, everything passes the hub.
 *
 * A client's hub paces its event under FiveM's per-player limiter, which counts every event the client sends. A
 * member of it is direct too (`leased`): it sends its envelopes itself, to the server's hub or to the event of the
 * server resource that answers a name (learnt from the ROUTE frames it hears), each envelope's cost out of the
 * hub's one budget (an export call, or a credit the last one gave: see Router.lease); its requests name it too, so
 * the server answers on its own event. A request from a server resource is handed over by the hub the first time:
 * the answer teaches that resource the route (as server resources teach players' hubs), and on both sides a member
 * sends its requests for a name to the other side's resource that answers it, once learnt from the peer.
 */
export function joinedMember<P>(side: SideNatives<P>, hub: HubConnection<P>, watchTimeouts: WatchTimeouts): { natives: SideNatives<P>; wire: Wire<P> } {
  const hubEvent = eventNameFor(hub.hub);
  let heard: ((peer: P | undefined, envelope: unknown, source: unknown) => void) | undefined;
  let ended: EndedRoutes = [];
  const takeEnded = () => {
    // Always a new array: what `deliver` returns is read after its run ended, which may send and report more.
    const taken = ended;
    ended = [];
    return taken;
  };
  const owned = new Set<string>();
  /** Requests the hub routed here, by peer: their ends are reported (requests heard directly have no route). */
  const routedByHub = new Map<P, Set<number>>();
  /**
   * Names whose ROUTE a player's hub, or a resource of theirs that sends itself, is to get with the next answer
   * on the event the request's answers go to (by peer, then that lane: see ReplyLanes).
   */
  const toTeach = new Map<P, Map<string, Set<string>>>();
  /**
   * Which resource of the other side answers a name itself, by peer, as the ROUTE frames the peer sent said (at
   * most {@link MAX_ROUTES_PER_PEER} names each: a player teaches only where their own requests go).
   */
  const routes = new Map<P, Map<string, string>>();
  /** Calls whose REQUEST went to such a resource's event: their CANCEL goes there too. */
  const callLanes = new PeerTable<P, string>();
  // While a trace runs, everything passes the hub, so that the trace sees each frame.
  let tracing = false;
  /** Set once joined: whether the member is direct (see {@link Joined}). */
  let direct: Joined['direct'];
  /** A direct member's on the server, whose hub shows its traffic (a client's shows none). */
  let traffic: HubTraffic<P> | undefined;
  const joined = hub.join({
    deliver: entry((peer: P, envelope: Envelope) => {
      if (direct) {
        noteRoutes(peer, envelope);
        noteHeard(peer, envelope);
      }
      heard?.(peer, envelope, peer);
      return takeEnded();
    }),
    endedRoutes: takeEnded,
    traffic: () => traffic?.snapshot(),
    watchTimeouts: (report) => {
      tracing = report !== null;
      watchTimeouts(report);
    },
  });
  if (joined.refused) throw new CallbackError(ErrorCode.INVALID_ARGUMENT, joined.refused);
  direct = joined.direct;
  const leased = direct?.leased === true;
  if (direct && !leased) traffic = new HubTraffic<P>(() => side.now(), direct.limiterRate);
  // A direct member names itself in its requests, so that their answers come to its own event; a name the other
  // side would refuse is never named (the hub then hands the answers over).
  const replyTo = direct && isLaneName(side.resourceName) ? side.resourceName : undefined;

  /** A direct member's requests from the hub: routes to report the end of, names to teach the other side. */
  function noteRoutes(peer: P, envelope: Envelope): void {
    for (let i = 1; i < envelope.length; i++) {
      const frame = envelope[i] as Frame;
      if (frame[0] === FrameType.CANCEL) routedByHub.get(peer)?.delete(frame[1]);
      if (frame[0] !== FrameType.REQUEST) continue;
      let routes = routedByHub.get(peer);
      if (!routes) routedByHub.set(peer, (routes = new Set()));
      routes.add(frame[1]);
      if (!owned.has(frame[2])) continue;
      let lanes = toTeach.get(peer);
      if (!lanes) toTeach.set(peer, (lanes = new Map()));
      const lane = replyLaneOf(frame);
      let names = lanes.get(lane);
      if (!names) lanes.set(lane, (names = new Set()));
      names.add(frame[2]);
    }
  }

  const viaHub = (peer: P, envelope: Envelope, latent: boolean) => {
    try {
      hub.send(peer, envelope, latent);
    } catch {
      // The hub stopped: this endpoint is stopping with it (see resourceStopped$).
    }
  };

  /** Final answers to requests the hub routed here: reported when they leave directly (else the hub sees them). */
  const endRoutes = (peer: P, envelope: Envelope, report: boolean) => {
    const routes = routedByHub.get(peer);
    if (!routes) return;
    for (let i = 1; i < envelope.length; i++) {
      const frame = envelope[i] as Frame;
      if (isFinal(frame) && routes.delete(frame[1]) && report) ended.push(peer, frame[1]);
    }
    if (routes.size === 0) routedByHub.delete(peer);
  };

  /**
   * A direct member's: ROUTE frames it heard are learnt, and the calls that ended forget where they went. What the
   * transport would refuse as a whole (another version, too many frames) is left to it.
   */
  function noteHeard(peer: P, envelope: unknown[]): void {
    if (envelope[0] !== PROTOCOL_VERSION || envelope.length - 1 > WIRE_LIMITS.maxFramesPerEnvelope) return;
    for (let i = 1; i < envelope.length; i++) {
      const frame = envelope[i];
      if (!Array.isArray(frame)) continue;
      if (frame[0] === FrameType.ROUTE && isLaneName(frame[3]) && isName(frame[2])) learn(peer, frame[2], frame[3]);
      else if (frame[0] === FrameType.ERROR || frame[0] === FrameType.COMPLETE || frame[0] === FrameType.RESULT) callLanes.take(peer, frame[1] as number);
    }
  }

  function learn(peer: P, name: string, resource: string): void {
    let names = routes.get(peer);
    if (!names) routes.set(peer, (names = new Map()));
    if (names.size < MAX_ROUTES_PER_PEER || names.has(name)) names.set(name, resource);
  }

  /** Frames leave on the hub's family of events (`lane`), with the routes the player's hub is to learn. */
  const sendDirectly = (peer: P, envelope: Envelope, latent: boolean, bytes: number, lane: string) => {
    const lanes = toTeach.get(peer);
    const names = lanes?.get(lane);
    if (names) {
      lanes!.delete(lane);
      if (lanes!.size === 0) toTeach.delete(peer);
      // (A ROUTE is no Frame an outbox sends: it goes only here.)
      for (const name of names) if (owned.has(name)) envelope.push(frames.route(name, side.resourceName) as unknown as Frame);
    }
    endRoutes(peer, envelope, true);
    traffic?.sentEnvelope(peer, envelope.length - 1, bytes);
    const eventName = laneEventName(hubEvent, lane);
    if (latent) side.emitNetLatent(peer, eventName, envelope, direct!.latentBytesPerSecond);
    else side.emitNet(peer, eventName, envelope);
  };

  /** An envelope on the member's own event: its business, unless it asks for a name the member does not own. */
  const heardDirectly = (peer: P | undefined, envelope: unknown, source: unknown) => {
    if (peer !== undefined && (tracing || asksForOthers(envelope, owned))) {
      try {
        return hub.forward(peer, envelope);
      } catch {
        // The hub stopped: so does this endpoint.
      }
    }
    if (peer !== undefined && Array.isArray(envelope)) {
      traffic?.receivedEnvelope(peer, envelope, envelope.length - 1);
      noteHeard(peer, envelope);
    }
    heard?.(peer, envelope, source);
  };

  /** A direct member's REQUEST and CANCEL: to the resource that answers the name over there, when it is known. */
  const laneOf = (peer: P, frame: RequestFrame | CancelFrame): string => {
    if (frame[0] === FrameType.CANCEL) return callLanes.take(peer, frame[1]) ?? '';
    const lane = routes.get(peer)?.get(frame[2]);
    if (lane === undefined) return '';
    callLanes.set(peer, frame[1], lane);
    return lane;
  };

  /**
   * A leased member's envelopes: a reliable one its credit covers leaves at once; any other is taken from the hub's
   * budget by one export call, which gives a new credit.
   */
  let credit: Credit = NO_CREDIT;
  const budget: Budget = {
    // While a trace runs, envelopes pass the hub, which paces them in its own outbox.
    tryTake: (_now, latent, bytes) => {
      if (tracing) return 0;
      if (!latent && credit.events >= 1 && credit.bytes >= bytes) {
        credit = { events: credit.events - 1, bytes: credit.bytes - bytes };
        return 0;
      }
      try {
        const [wait, events, extra] = hub.lease(latent, bytes, credit);
        if (wait === 0) credit = { events: credit.events + events, bytes: credit.bytes + extra };
        return wait;
      } catch {
        // The hub stopped: so does this endpoint; nothing leaves meanwhile.
        return HUB_GONE_WAIT;
      }
    },
  };

  const wire: Wire<P> = {
    eventName: hubEvent,
    requestIdBase: direct?.requestIdBase ?? 0,
    get replyTo() {
      return tracing ? undefined : replyTo;
    },
    laneOf: direct ? laneOf : undefined,
    budget: leased ? budget : undefined,
    listen: (listener) => {
      heard = listener;
      const own = direct && netWire(side, memberEventName(hub.hub, side.resourceName), direct.latentBytesPerSecond).listen(heardDirectly);
      const left = direct && side.peerLeft$.subscribe((peer) => {
        toTeach.delete(peer);
        routedByHub.delete(peer);
        callLanes.takePeer(peer);
        routes.delete(peer);
        traffic?.forget(peer);
      });
      return () => {
        heard = undefined;
        if (own) own();
        if (left) left.unsubscribe();
      };
    },
    send: (peer, envelope, latent, bytes, lane) => {
      if (direct && !tracing) return sendDirectly(peer, envelope, latent, bytes, lane);
      endRoutes(peer, envelope, false);
      viaHub(peer, envelope, latent);
    },
  };
  const natives: SideNatives<P> = {
    ...side,
    resourceStopped$: merge(side.resourceStopped$, hub.hubStopped$).pipe(take(1)),
    claimName: (name) => {
      const problem = hub.claim(name);
      if (problem) throw new CallbackError(ErrorCode.INVALID_ARGUMENT, problem);
      owned.add(name);
    },
    releaseName: (name) => {
      owned.delete(name);
      hub.release(name);
    },
  };
  return { natives, wire };
}

/** Routes a direct member keeps per peer (a server's, per player); beyond, its calls of other names pass the hub. */
const MAX_ROUTES_PER_PEER = 128;

/** What a leased member waits when its hub cannot be asked (it stopped, and the member stops with it). */
const HUB_GONE_WAIT = 1000;

/**
 * Whether an envelope asks for a callback the member does not own (it moved to another resource, or the player's
 * hub learnt a route that went stale): then the hub routes the whole envelope. Garbage stays with the member's
 * transport, which refuses and logs it.
 */
function asksForOthers(envelope: unknown, owned: Set<string>): boolean {
  if (!Array.isArray(envelope)) return false;
  for (let i = 1; i < envelope.length; i++) {
    const frame: unknown = envelope[i];
    if (Array.isArray(frame) && frame[0] === FrameType.REQUEST && typeof frame[2] === 'string' && !owned.has(frame[2])) return true;
  }
  return false;
}
