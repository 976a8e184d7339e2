import { PeerTable } from '../ground/peerTable';
import { PeerIds } from '../ground/peerIds';
import { REQUEST_ID_RANGE } from '../core/wire/protocol';

/** A call a member made: which member, and the id it knows the call by. */
export interface MemberCall {
  resource: string;
  id: number;
}

/**
 * The calls members make towards peers, under the router's wire ids: members choose their ids independently, so
 * each call gets a wire id unique towards its peer, and the peer's replies and the member's CANCEL map through it.
 */
export class MemberCalls<P> {
  /** (peer, wire id) → member and its own id. */
  private readonly byWireId = new PeerTable<P, MemberCall>();
  /** The same calls by member: (peer, member's id) → wire id. */
  private readonly wireIds = new Map<string, PeerTable<P, number>>();
  /** Short wire ids, per peer (see {@link PeerIds}). */
  private readonly nextWireIds = new PeerIds<P>(REQUEST_ID_RANGE);

  /** `maxCallsPerPeer`: the calls all members together may have waiting on one peer (at most half the ids). */
  constructor(private readonly maxCallsPerPeer: number) {}

  get size(): number {
    return this.byWireId.size;
  }

  /**
   * The wire id of a member's request, or undefined when `maxCallsPerPeer` calls already wait on the peer. A retry
   * resends its id and keeps its wire id: the other side may answer it from memory.
   */
  wireIdOf(resource: string, peer: P, id: number): number | undefined {
    let wireId = this.wireIds.get(resource)?.get(peer, id);
    if (wireId === undefined) {
      if (this.byWireId.countFor(peer) >= this.maxCallsPerPeer) return undefined;
      let ids = this.wireIds.get(resource);
      if (!ids) this.wireIds.set(resource, (ids = new PeerTable()));
      wireId = this.nextWireIds.allocate(peer, (taken) => this.byWireId.has(peer, taken));
      ids.set(peer, id, wireId);
      this.byWireId.set(peer, wireId, { resource, id });
    }
    return wireId;
  }

  /** The member cancels its call: its wire id, if the call was still going. */
  cancelled(resource: string, peer: P, id: number): number | undefined {
    return this.wireIds.get(resource)?.take(peer, id);
  }

  /** The wire id goes (the call was given up). */
  forgetWireId(peer: P, wireId: number): void {
    this.byWireId.take(peer, wireId);
  }

  /** The call a peer's reply is for; a `final` reply ends it. */
  replied(peer: P, wireId: number, final: boolean): MemberCall | undefined {
    const call = this.byWireId.get(peer, wireId);
    if (call && final) {
      this.byWireId.take(peer, wireId);
      this.wireIds.get(call.resource)?.take(peer, call.id);
    }
    return call;
  }

  /** Takes a member's calls, as (peer, wire id), when it leaves. */
  takeMember(resource: string): [peer: P, wireId: number][] {
    const calls = [...(this.wireIds.get(resource)?.entries() ?? [])].map(([peer, , wireId]): [P, number] => [peer, wireId]);
    this.wireIds.delete(resource);
    return calls;
  }

  forgetPeer(peer: P): void {
    for (const call of this.byWireId.takePeer(peer)) this.wireIds.get(call.resource)?.take(peer, call.id);
    this.nextWireIds.forget(peer);
  }
}
