import type { SideNatives } from '../natives';
import { fromEvent } from './fromEvent';
import { laneEventName, type CancelFrame, type Envelope, type RequestFrame } from './protocol';
import type { Budget } from './sendBudget';

/**
 * How envelopes travel, and nothing else (the idea of tRPC's terminating link): a {@link Transport} sits on one.
 * A standalone endpoint and the hub's router use a net event ({@link netWire}); a resource that joined the hub
 * uses its connection to the hub, and on the server its own event besides (hub/member.ts).
 */
export interface Wire<P> {
  /** The net event its envelopes travel on, which FiveM counts in the bytes of every event. */
  readonly eventName: string;
  /**
   * Where this side's request ids start: 0, unless several resources send requests on one event without a hub
   * between (a direct member of the server's hub takes its own block of `REQUEST_ID_RANGE` ids, so that a
   * player's reply tells the hub whose call it is).
   */
  readonly requestIdBase?: number;
  /**
   * A client resource that joined its hub sends itself (hub/member.ts): the event of the family each of its
   * REQUESTs and CANCELs leaves on ('' the wire's own), and the resource named in its REQUESTs, on whose event
   * their answers come (undefined: on the wire's own).
   */
  laneOf?(peer: P, frame: RequestFrame | CancelFrame): string;
  readonly replyTo?: string;
  /** The budget its envelopes leave within, instead of the endpoint's own pace: a share of the client hub's. */
  readonly budget?: Budget;
  /**
   * Starts hearing envelopes; `peer` is who sent one, from the runtime's `source` (undefined when it came from no
   * valid peer, then `source` says what it was). Returns the remover.
   */
  listen(heard: (peer: P | undefined, envelope: unknown, source: unknown) => void): () => void;
  /**
   * Sends an envelope; a `latent` one travels in fragments at the wire's latent rate. `bytes`: its cost as the
   * outbox's budget counted it. `lane`: '' for the wire's own event, else another event of the same family (a
   * client's hub sends requests for a server member's callbacks on that member's event).
   */
  send(peer: P, envelope: Envelope, latent: boolean, bytes: number, lane: string): void;
}

/** The net event `eventName` in both directions; latent envelopes leave at `latentBytesPerSecond`. */
export function netWire<P>(natives: SideNatives<P>, eventName: string, latentBytesPerSecond: number): Wire<P> {
  return {
    eventName,
    listen: (heard) => {
      const subscription = fromEvent(eventName, natives.onNet, () => natives.currentSource()).subscribe(({ source, args }) =>
        heard(natives.peerFromSource(source), args[0], source),
      );
      return () => subscription.unsubscribe();
    },
    send: (peer, envelope, latent, _bytes, lane) => {
      const name = laneEventName(eventName, lane);
      if (latent) natives.emitNetLatent(peer, name, envelope, latentBytesPerSecond);
      else natives.emitNet(peer, name, envelope);
    },
  };
}
