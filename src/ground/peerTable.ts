/**
 * Entries keyed by (peer, request id), grouped by peer so that everything belonging to one player can be
 * taken out at once when that player drops, without looking at anybody else's entries.
 */
export class PeerTable<P, T> {
  private readonly byPeer = new Map<P, Map<number, T>>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(peer: P, id: number): T | undefined {
    return this.byPeer.get(peer)?.get(id);
  }

  has(peer: P, id: number): boolean {
    return this.byPeer.get(peer)?.has(id) ?? false;
  }

  set(peer: P, id: number, value: T): void {
    let entries = this.byPeer.get(peer);
    if (!entries) this.byPeer.set(peer, (entries = new Map()));
    if (!entries.has(id)) this.count++;
    entries.set(id, value);
  }

  /** Removes and returns the entry, or undefined when there was none. */
  take(peer: P, id: number): T | undefined {
    const entries = this.byPeer.get(peer);
    const value = entries?.get(id);
    if (entries && value !== undefined) {
      entries.delete(id);
      this.count--;
      if (entries.size === 0) this.byPeer.delete(peer);
    }
    return value;
  }

  /** Removes and returns every entry of one peer. */
  takePeer(peer: P): T[] {
    const entries = this.byPeer.get(peer);
    if (!entries) return [];
    this.byPeer.delete(peer);
    this.count -= entries.size;
    return [...entries.values()];
  }

  /** Removes and returns every entry. */
  takeAll(): T[] {
    const all = [...this.byPeer.values()].flatMap((entries) => [...entries.values()]);
    this.byPeer.clear();
    this.count = 0;
    return all;
  }

  /** Every entry with its key (removing entries while iterating is safe). */
  *entries(): Generator<[peer: P, id: number, value: T]> {
    for (const [peer, entries] of this.byPeer) for (const [id, value] of entries) yield [peer, id, value];
  }

  countFor(peer: P): number {
    return this.byPeer.get(peer)?.size ?? 0;
  }
}
