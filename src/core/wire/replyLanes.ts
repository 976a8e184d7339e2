import { REQUEST_ID_RANGE, type RequestFrame } from './protocol';

/**
 * Client resources per player whose events the answers may go to; beyond, answers go on the hub's event, where
 * the player's hub hands them to the caller by the id's block (slower, never lost).
 */
export const MAX_REPLY_LANES_PER_PEER = 256;

/**
 * Where the answers to a peer's requests go: a client resource that joined its hub takes its request ids from a
 * block of its own and names itself in its REQUESTs (`replyTo`), so that the answers go on its own event,
 * `fxcb:<hub>:<resource>`, and it hears them without its hub in between. Kept per peer and block, not per call:
 * nothing to forget when a call ends, and at most {@link MAX_REPLY_LANES_PER_PEER} entries per peer, dropped with
 * the peer. A player who names another resource only misdirects answers to their own client.
 */
export class ReplyLanes<P> {
  private readonly byPeer = new Map<P, Map<number, string>>();

  /** A REQUEST from `peer` arrived. */
  heard(peer: P, request: RequestFrame): void {
    const replyTo = replyLaneOf(request);
    if (!replyTo) return;
    const block = Math.floor(request[1] / REQUEST_ID_RANGE);
    let lanes = this.byPeer.get(peer);
    if (!lanes) this.byPeer.set(peer, (lanes = new Map()));
    if (lanes.size < MAX_REPLY_LANES_PER_PEER || lanes.has(block)) lanes.set(block, replyTo);
  }

  /** The lane of an answer to `peer`'s request `id`: '' for the wire's own event. */
  of(peer: P, id: number): string {
    if (id < REQUEST_ID_RANGE) return '';
    return this.byPeer.get(peer)?.get(Math.floor(id / REQUEST_ID_RANGE)) ?? '';
  }

  forget(peer: P): void {
    this.byPeer.delete(peer);
  }
}

/** Where a REQUEST asks its answers to go ('' the wire's own event): block 0 is a hub's own ids, never a lane. */
export function replyLaneOf(request: RequestFrame): string {
  return request[1] >= REQUEST_ID_RANGE && request[5] !== undefined ? request[5] : '';
}
