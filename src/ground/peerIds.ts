import { CallbackError, ErrorCode } from './errors';

/**
 * Short request ids, one sequence per peer: replies are bound to the peer's `source`, so ids only need to be
 * unique among that peer's calls in progress, not unguessable. Ids stay below `range` (1 to 3 bytes in msgpack
 * instead of 5 for a 31-bit one). Each sequence starts at a random point, so that a restarted resource does not
 * reuse the ids its previous run left with the other side (a remembered answer, a handler still running), and
 * skips ids still in use after it wraps: an id in use is never handed out.
 *
 * Callers keep at most half of the range in use per peer (`MAX_CALLS_PER_PEER`). Then allocating is O(1)
 * amortised: the sequence only moves forward, so one turn through the range probes each id once and hands out at
 * least half of them.
 */
export class PeerIds<P> {
  private readonly next = new Map<P, number>();

  /** Ids from `base` to `base + range - 1` (a block of the wire's ids: see core/wire/wire.ts). */
  constructor(
    private readonly range: number,
    private readonly base = 0,
  ) {}

  /**
   * A fresh id for a call to `peer`; `inUse` tells which ids that peer's calls still hold.
   *
   * @throws CallbackError `LIMIT_EXCEEDED` when every id is in use (a caller that does not cap its calls).
   */
  allocate(peer: P, inUse: (id: number) => boolean): number {
    let offset = this.next.get(peer) ?? Math.floor(Math.random() * this.range);
    for (let probed = 1; inUse(this.base + offset); probed++) {
      if (probed === this.range) throw new CallbackError(ErrorCode.LIMIT_EXCEEDED, `all ${this.range} request ids towards ${String(peer)} are in use`);
      offset = (offset + 1) % this.range;
    }
    this.next.set(peer, (offset + 1) % this.range);
    return this.base + offset;
  }

  /** Forgets a peer that left. */
  forget(peer: P): void {
    this.next.delete(peer);
  }
}
