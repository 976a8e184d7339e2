import { merge, take, type Observable } from 'rxjs';
import { CallbackError, ErrorCode } from '../ground/errors';
import { entry } from '../ground/runEnd';
import type { SideNatives } from '../core/natives';
import { eventNameFor, FrameType, isFinal, PROTOCOL_VERSION, type Envelope, type Frame } from '../core/wire/protocol';
import type { Wire } from '../core/wire/wire';

/** The hub's exports for joining endpoints; the caller is always `GetInvokingResource()`, never an argument. */
export const JOIN_EXPORTS = { join: '__fxcbJoin', send: '__fxcbSend', claim: '__fxcbClaim', release: '__fxcbRelease', leave: '__fxcbLeave' } as const;

/**
 * Given by a member as it joins: the hub calls it with a report function when a trace starts (the member then
 * reports each of its calls that times out, by name) and with null when it ends, so no call crosses otherwise.
 */
export type WatchTimeouts = (report: ((name: string) => void) | null) => void;

/**
 * The envelopes a member sent directly since the hub last asked, flat, so that it crosses cheaply: for each, the
 * peer, its frames, its bytes (the outbox's budgeted cost), then how many requests it answered to the end and their
 * ids. The hub counts them in its traffic and ends those routes (it did not see the answers).
 */
export type DirectReport = unknown[];

/** What a member gives the hub as it joins. */
export interface MemberLink<P> {
  /** Hands the member an envelope from a peer, already routed; returns what it sent directly since the hub last asked. */
  deliver(peer: P, envelope: Envelope): DirectReport;
  /** What it sent directly since the hub last asked (when a peer reaches its cap of routes, a scrape, the stats). */
  directReport(): DirectReport;
  watchTimeouts: WatchTimeouts;
}

/** The hub's answer to a join. */
export interface Joined {
  /** Why not, when the resource already joined. */
  refused?: string;
  /**
   * When the hub's event is not paced (the server's, by default): the member's answers leave directly on it, at
   * this latent rate, instead of through the hub.
   */
  answerDirectly?: { latentBytesPerSecond: number };
}

/** What a member endpoint needs of the hub: through exports for another resource, directly for the hub's own. */
export interface HubConnection<P> {
  /** The hub's resource name: its net event carries the member's envelopes. */
  readonly hub: string;
  join(link: MemberLink<P>): Joined;
  send(peer: P, envelope: Envelope, latent: boolean): void;
  /** Returns why not, when another resource owns the name. */
  claim(name: string): string | undefined;
  release(name: string): void;
  /** Emits when the hub stops: its members cannot call anybody any more. */
  readonly hubStopped$: Observable<void>;
}

/**
 * An endpoint that joined the hub: its natives (names claimed in the hub's namespace, stopping with the hub) and
 * its {@link Wire}, which hears what the hub routed to it (the hub took the peer from `source`) and sends through
 * the hub, except answers where the hub allows: those leave directly on the hub's event, from this runtime, with
 * no crossing, and their routes are reported back with the next delivery.
 */
export function joinedMember<P>(side: SideNatives<P>, hub: HubConnection<P>, watchTimeouts: WatchTimeouts): { natives: SideNatives<P>; wire: Wire<P> } {
  const eventName = eventNameFor(hub.hub);
  let heard: ((peer: P | undefined, envelope: unknown, source: unknown) => void) | undefined;
  let report: DirectReport = [];
  const takeReport = () => {
    // Always a new array: what `deliver` returns is read after its run ended, which may send and report more.
    const taken = report;
    report = [];
    return taken;
  };
  // While a trace runs, everything passes the hub, so that the trace sees each answer.
  let tracing = false;
  const joined = hub.join({
    deliver: entry((peer: P, envelope: Envelope) => {
      heard?.(peer, envelope, peer);
      return takeReport();
    }),
    directReport: takeReport,
    watchTimeouts: (report) => {
      tracing = report !== null;
      watchTimeouts(report);
    },
  });
  if (joined.refused) throw new CallbackError(ErrorCode.INVALID_ARGUMENT, joined.refused);
  const direct = joined.answerDirectly;
  const viaHub = (peer: P, envelope: Envelope, latent: boolean) => {
    try {
      hub.send(peer, envelope, latent);
    } catch {
      // The hub stopped: this endpoint is stopping with it (see resourceStopped$).
    }
  };
  const emit = (peer: P, envelope: Envelope, latent: boolean) =>
    latent ? side.emitNetLatent(peer, eventName, envelope, direct!.latentBytesPerSecond) : side.emitNet(peer, eventName, envelope);
  const wire: Wire<P> = {
    eventName,
    listen: (listener) => {
      heard = listener;
      return () => (heard = undefined);
    },
    send: (peer, envelope, latent, bytes) => {
      if (!direct || tracing) return viaHub(peer, envelope, latent);
      const { answers, others } = split(envelope);
      if (others) viaHub(peer, others, latent);
      if (!answers) return;
      // (A split envelope's bytes are the whole one's: an upper bound.)
      report.push(peer, answers.length - 1, bytes, 0);
      const endedAt = report.length - 1;
      for (let i = 1; i < answers.length; i++) {
        const frame = answers[i] as Frame;
        if (isFinal(frame)) report.push(frame[1]);
      }
      report[endedAt] = report.length - endedAt - 1;
      emit(peer, answers, latent);
    },
  };
  const natives: SideNatives<P> = {
    ...side,
    resourceStopped$: merge(side.resourceStopped$, hub.hubStopped$).pipe(take(1)),
    claimName: (name) => {
      const problem = hub.claim(name);
      if (problem) throw new CallbackError(ErrorCode.INVALID_ARGUMENT, problem);
    },
    releaseName: (name) => hub.release(name),
  };
  return { natives, wire };
}

/**
 * An envelope's answers (which may leave directly) apart from its requests and cancels (which need the hub's wire
 * ids); the envelope itself when it holds only one kind, the usual case.
 */
function split(envelope: Envelope): { answers?: Envelope; others?: Envelope } {
  let answers = 0;
  for (let i = 1; i < envelope.length; i++) if (isAnswer(envelope[i] as Frame)) answers++;
  if (answers === envelope.length - 1) return { answers: envelope };
  if (answers === 0) return { others: envelope };
  const split: { answers: Envelope; others: Envelope } = { answers: [PROTOCOL_VERSION], others: [PROTOCOL_VERSION] };
  for (let i = 1; i < envelope.length; i++) {
    const frame = envelope[i] as Frame;
    (isAnswer(frame) ? split.answers : split.others).push(frame);
  }
  return split;
}

function isAnswer(frame: Frame): boolean {
  return frame[0] !== FrameType.REQUEST && frame[0] !== FrameType.CANCEL;
}
