/**
 * Short request ids, one sequence per peer: replies are bound to the peer's `source`, so ids only need to be
 * unique among that peer's calls in progress, not unguessable. Ids stay below `range` (1 to 3 bytes in msgpack
 * instead of 5 for a 31-bit one). Each sequence starts at a random point, so that a restarted resource does not
 * reuse the ids its previous run left with the other side (a remembered answer, a handler still running), and
 * skips ids still in use after it wraps.
 */
export class PeerIds<P> {
  private readonly next = new Map<P, number>();

  constructor(private readonly range: number) {}

  /** A fresh id for a call to `peer`; `inUse` tells which ids that peer's calls still hold. */
  allocate(peer: P, inUse: (id: number) => boolean): number {
    let id = this.next.get(peer) ?? Math.floor(Math.random() * this.range);
    for (let tries = 0; tries < this.range && inUse(id); tries++) id = (id + 1) % this.range;
    this.next.set(peer, (id + 1) % this.range);
    return id;
  }

  /** Forgets a peer that left. */
  forget(peer: P): void {
    this.next.delete(peer);
  }
}
