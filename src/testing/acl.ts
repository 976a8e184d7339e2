/**
 * Permissions for `IsPlayerAceAllowed` and restricted commands. Aces are hierarchical like FiveM's: allowing
 * `command` allows `command.kick`; the most specific explicit entry wins; the default is deny.
 */
export class AceList {
  private readonly byPlayer = new Map<number, Map<string, boolean>>();

  /** Allows (or explicitly denies) `ace` for a player. */
  set(playerId: number, ace: string, allowed = true): void {
    let aces = this.byPlayer.get(playerId);
    if (!aces) this.byPlayer.set(playerId, (aces = new Map()));
    aces.set(ace, allowed);
  }

  /** Whether a player holds `ace`: the most specific entry of `ace` or a parent decides; none denies. */
  isAllowed(playerId: number, ace: string): boolean {
    const aces = this.byPlayer.get(playerId);
    if (!aces) return false;
    for (let name = ace; ; ) {
      const entry = aces.get(name);
      if (entry !== undefined) return entry;
      const dot = name.lastIndexOf('.');
      if (dot < 0) return false;
      name = name.slice(0, dot);
    }
  }

  /** @internal Forgets a player who left. */
  clear(playerId: number): void {
    this.byPlayer.delete(playerId);
  }
}
