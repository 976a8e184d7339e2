/** How often a key (a player) may write a line; what happened in between is counted, not logged. */
const LOG_INTERVAL = 10_000;

interface KeyLog {
  loggedAt: number;
  /** Occurrences since the last line, the current one included. */
  since: number;
}

/**
 * Console lines a client can cause (refused frames, handler errors): at most one per key per interval, with how
 * many occurred since the last line. So a client sending garbage, or making a handler fail a thousand times a
 * second, cannot flood the server console.
 */
export class ThrottledLog<K> {
  private readonly byKey = new Map<K, KeyLog>();
  private sweptAt = -Infinity;

  constructor(
    private readonly write: (line: string) => void,
    private readonly now: () => number,
  ) {}

  /** Notes one occurrence for `key`; writes `line` (with the count of `what` since the last one) if the key may. */
  note(key: K, line: string, what: string): void {
    const now = this.now();
    let log = this.byKey.get(key);
    if (!log) this.byKey.set(key, (log = { loggedAt: -Infinity, since: 0 }));
    log.since++;
    if (now - log.loggedAt < LOG_INTERVAL) return;
    this.write(`${line}${log.since > 1 ? ` (${log.since} ${what} in the last ${LOG_INTERVAL / 1000} s)` : ''}`);
    log.loggedAt = now;
    log.since = 0;
    this.sweep(now);
  }

  /** Forgets a key (a player who left). */
  forget(key: K): void {
    this.byKey.delete(key);
  }

  /** Keys quiet for a whole interval, with nothing left to report, are forgotten: at most once per interval. */
  private sweep(now: number): void {
    if (now - this.sweptAt < LOG_INTERVAL) return;
    this.sweptAt = now;
    for (const [key, log] of this.byKey) if (log.since === 0 && now - log.loggedAt >= LOG_INTERVAL) this.byKey.delete(key);
  }
}
