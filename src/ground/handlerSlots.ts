/** The running slots of one peer; shared by reference, so a slot released after the peer left changes nothing. */
interface PeerSlots {
  held: number;
}

/**
 * Counts the requests each peer has in progress on this side, for `maxRunningPerPeer`. A request holds one slot
 * from its admission until both its answer is over (sent, failed, cancelled) and its handler's work has really
 * ended: a CANCEL ends the answer, but a Promise or Lua handler goes on until it settles or calls `cb`. So a client
 * cannot start more uninterruptible work than the cap by cancelling what it asked for.
 */
export class HandlerSlots<P> {
  private readonly byPeer = new Map<P, PeerSlots>();

  countFor(peer: P): number {
    return this.byPeer.get(peer)?.held ?? 0;
  }

  /**
   * Takes a slot for `peer`; returns how to put a hold on it. The slot is given back once every hold taken on it
   * was released (each release counts once).
   */
  take(peer: P): () => () => void {
    let slots = this.byPeer.get(peer);
    if (!slots) this.byPeer.set(peer, (slots = { held: 0 }));
    const peerSlots = slots;
    peerSlots.held++;
    let holds = 0;
    let givenBack = false;
    return () => {
      if (givenBack) return noop;
      holds++;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        if (--holds > 0) return;
        givenBack = true;
        peerSlots.held--;
      };
    };
  }

  /** Forgets a peer that left; its handlers still running no longer count against anyone. */
  forget(peer: P): void {
    this.byPeer.delete(peer);
  }
}

function noop(): void {}
