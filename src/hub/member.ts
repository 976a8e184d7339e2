import { merge, take, type Observable } from 'rxjs';
import { CallbackError, ErrorCode } from '../ground/errors';
import { entry } from '../ground/runEnd';
import type { SideNatives } from '../core/natives';
import { eventNameFor, frames, FrameType, isFinal, memberEventName, type Envelope, type Frame } from '../core/wire/protocol';
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
  /** What went directly between the member and the players, for the hub's traffic figures. */
  traffic(): TrafficSnapshot;
  watchTimeouts: WatchTimeouts;
}

/** The hub's answer to a join. */
export interface Joined {
  /** Why not, when the resource already joined. */
  refused?: string;
  /**
   * When the hub's event is not paced (the server's, by default): the member hears requests for its callbacks on
   * its own event and answers on the hub's, directly; latent envelopes at this rate; its traffic measured against
   * FiveM's net-event limiter at `limiterRate`.
   */
  direct?: { latentBytesPerSecond: number; limiterRate: number; requestIdBase: number };
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
  /** Emits when the hub stops: its members cannot call anybody any more. */
  readonly hubStopped$: Observable<void>;
}

/**
 * An endpoint that joined the hub: its natives (names claimed in the hub's namespace, stopping with the hub) and
 * its {@link Wire}. Where the hub allows it (the server's, unpaced), the member is direct: it hears requests for
 * its callbacks on its own event, `fxcb:<hub>:<resource>`, and its answers leave on the hub's event from its own
 * runtime, so that a call crosses no resource boundary. A client's hub learns which event a name's requests go to
 * from ROUTE frames the member adds to its answers to requests the hub handed it (the first call of a name, or one
 * sent before the client knew). Its own requests leave directly too, with ids from its block, by which the hub
 * routes the players' replies to it. While a trace runs, everything passes the hub.
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
  /** Names whose ROUTE a player's hub is to get with the next answer to them. */
  const toTeach = new Map<P, Set<string>>();
  // While a trace runs, everything passes the hub, so that the trace sees each frame.
  let tracing = false;
  let traffic: HubTraffic<P> | undefined;
  const joined = hub.join({
    deliver: entry((peer: P, envelope: Envelope) => {
      if (traffic) noteRoutes(peer, envelope);
      heard?.(peer, envelope, peer);
      return takeEnded();
    }),
    endedRoutes: takeEnded,
    traffic: () => traffic!.snapshot(),
    watchTimeouts: (report) => {
      tracing = report !== null;
      watchTimeouts(report);
    },
  });
  if (joined.refused) throw new CallbackError(ErrorCode.INVALID_ARGUMENT, joined.refused);
  const direct = joined.direct;
  if (direct) traffic = new HubTraffic<P>(() => side.now(), direct.limiterRate);

  /** A direct member's requests from the hub: routes to report the end of, names to teach the player's hub. */
  function noteRoutes(peer: P, envelope: Envelope): void {
    for (let i = 1; i < envelope.length; i++) {
      const frame = envelope[i] as Frame;
      if (frame[0] === FrameType.CANCEL) routedByHub.get(peer)?.delete(frame[1]);
      if (frame[0] !== FrameType.REQUEST) continue;
      let routes = routedByHub.get(peer);
      if (!routes) routedByHub.set(peer, (routes = new Set()));
      routes.add(frame[1]);
      if (!owned.has(frame[2])) continue;
      let names = toTeach.get(peer);
      if (!names) toTeach.set(peer, (names = new Set()));
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

  /** Frames leave on the hub's event, with the routes the player's hub is to learn. */
  const sendDirectly = (peer: P, envelope: Envelope, latent: boolean, bytes: number) => {
    const names = toTeach.get(peer);
    if (names) {
      toTeach.delete(peer);
      // (A ROUTE is no Frame an outbox sends: it goes only here.)
      for (const name of names) if (owned.has(name)) envelope.push(frames.route(name, side.resourceName) as unknown as Frame);
    }
    endRoutes(peer, envelope, true);
    traffic!.sentEnvelope(peer, envelope.length - 1, bytes);
    if (latent) side.emitNetLatent(peer, hubEvent, envelope, direct!.latentBytesPerSecond);
    else side.emitNet(peer, hubEvent, envelope);
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
    if (peer !== undefined && Array.isArray(envelope)) traffic!.receivedEnvelope(peer, envelope, envelope.length - 1);
    heard?.(peer, envelope, source);
  };

  const wire: Wire<P> = {
    eventName: hubEvent,
    requestIdBase: direct?.requestIdBase ?? 0,
    listen: (listener) => {
      heard = listener;
      const own = direct && netWire(side, memberEventName(hub.hub, side.resourceName), direct.latentBytesPerSecond).listen(heardDirectly);
      const left = direct && side.peerLeft$.subscribe((peer) => {
        toTeach.delete(peer);
        routedByHub.delete(peer);
        traffic!.forget(peer);
      });
      return () => {
        heard = undefined;
        if (own) own();
        if (left) left.unsubscribe();
      };
    },
    send: (peer, envelope, latent, bytes) => {
      if (direct && !tracing) return sendDirectly(peer, envelope, latent, bytes);
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
