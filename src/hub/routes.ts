import { PeerTable } from '../ground/peerTable';

/** A peer's request being answered: by which member, under the peer's id. */
interface Route {
  resource: string;
  id: number;
}

/**
 * Peers' requests being answered, (peer, peer's id) → the answering member, indexed by member too: a member that
 * leaves ends its routes without looking at anybody else's, and a peer that leaves ends its own.
 */
export class Routes<P> {
  private readonly byRequest = new PeerTable<P, Route>();
  private readonly byMember = new Map<string, PeerTable<P, true>>();

  get size(): number {
    return this.byRequest.size;
  }

  /** The member answering a peer's request. */
  get(peer: P, id: number): string | undefined {
    return this.byRequest.get(peer, id)?.resource;
  }

  countFor(peer: P): number {
    return this.byRequest.countFor(peer);
  }

  set(peer: P, id: number, resource: string): void {
    this.take(peer, id);
    this.byRequest.set(peer, id, { resource, id });
    let routes = this.byMember.get(resource);
    if (!routes) this.byMember.set(resource, (routes = new PeerTable()));
    routes.set(peer, id, true);
  }

  /** Ends a route; returns the member that was answering. */
  take(peer: P, id: number): string | undefined {
    const route = this.byRequest.take(peer, id);
    if (route) this.forgetOfMember(route.resource, peer, id);
    return route?.resource;
  }

  /** Ends a member's routes, as (peer, id). */
  takeMember(resource: string): [peer: P, id: number][] {
    const routes = this.byMember.get(resource);
    if (!routes) return [];
    this.byMember.delete(resource);
    const taken: [P, number][] = [];
    for (const [peer, id] of routes.entries()) {
      this.byRequest.take(peer, id);
      taken.push([peer, id]);
    }
    return taken;
  }

  /** Ends a peer's routes. */
  takePeer(peer: P): void {
    for (const route of this.byRequest.takePeer(peer)) this.forgetOfMember(route.resource, peer, route.id);
  }

  private forgetOfMember(resource: string, peer: P, id: number): void {
    const routes = this.byMember.get(resource);
    routes?.take(peer, id);
    if (routes?.size === 0) this.byMember.delete(resource);
  }
}
