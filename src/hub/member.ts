import { merge, take, type Observable } from 'rxjs';
import { CallbackError, ErrorCode } from '../ground/errors';
import type { SideNatives } from '../core/natives';
import type { Envelope } from '../core/wire/protocol';

/** The hub's exports for joining endpoints; the caller is always `GetInvokingResource()`, never an argument. */
export const JOIN_EXPORTS = { join: '__fxcbJoin', send: '__fxcbSend', claim: '__fxcbClaim', release: '__fxcbRelease', leave: '__fxcbLeave' } as const;

/**
 * Given by a member as it joins: the hub calls it with a report function when a trace starts (the member then
 * reports each of its calls that times out, by name) and with null when it ends, so no call crosses otherwise.
 */
export type WatchTimeouts = (report: ((name: string) => void) | null) => void;

/** What a member endpoint needs of the hub: through exports for another resource, directly for the hub's own. */
export interface HubConnection<P> {
  /** Registers how the hub hands this member its envelopes; returns why not. */
  join(deliver: (peer: P, envelope: Envelope) => void): string | undefined;
  send(peer: P, envelope: Envelope, latent: boolean): void;
  /** Returns why not, when another resource owns the name. */
  claim(name: string): string | undefined;
  release(name: string): void;
  /** Emits when the hub stops: its members cannot call anybody any more. */
  readonly hubStopped$: Observable<void>;
}

/**
 * The natives of an endpoint that joined the hub: the same endpoint as a standalone one, but its envelopes leave
 * through the hub (which batches and paces them with every other resource's) and arrive from it, already routed.
 * The hub takes the peer from `source`; here the peer is what the hub says.
 */
export function memberNatives<P>(side: SideNatives<P>, hub: HubConnection<P>): SideNatives<P> {
  let listener: ((envelope: unknown) => void) | undefined;
  let currentPeer: P | undefined;
  const refused = hub.join((peer, envelope) => {
    currentPeer = peer;
    try {
      listener?.(envelope);
    } finally {
      currentPeer = undefined;
    }
  });
  if (refused) throw new CallbackError(ErrorCode.INVALID_ARGUMENT, refused);
  const send = (peer: P, envelope: unknown, latent: boolean) => {
    try {
      hub.send(peer, envelope as Envelope, latent);
    } catch {
      // The hub stopped: this endpoint is stopping with it (see resourceStopped$).
    }
  };
  return {
    ...side,
    onNet: (_eventName, fn) => {
      listener = fn;
      return () => (listener = undefined);
    },
    currentSource: () => currentPeer,
    peerFromSource: (source) => source as P | undefined,
    emitNet: (peer, _eventName, envelope) => send(peer, envelope, false),
    emitNetLatent: (peer, _eventName, envelope) => send(peer, envelope, true),
    resourceStopped$: merge(side.resourceStopped$, hub.hubStopped$).pipe(take(1)),
    claimName: (name) => {
      const problem = hub.claim(name);
      if (problem) throw new CallbackError(ErrorCode.INVALID_ARGUMENT, problem);
    },
    releaseName: (name) => hub.release(name),
  };
}
