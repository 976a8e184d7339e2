import { consoleLine } from './consoleLine';

/** How often one key (a player) may write a line about one topic (a callback); what happened in between is counted. */
const LOG_INTERVAL = 10_000;

interface TopicLog {
  loggedAt: number;
  /** Occurrences since the last line, the current one included. */
  since: number;
}

/**
 * Console lines a client can cause (refused frames, handler errors): at most one per key (a player) and topic (a
 * callback, a kind of refusal) per interval, with how many occurred since the last line, each made a
 * {@link consoleLine}. So a client sending garbage, or making a handler fail a thousand times a second, cannot
 * flood the server console, and one failure never hides a different one: another callback's error still shows.
 */
export class ThrottledLog<K> {
  private readonly byKey = new Map<K, Map<string, TopicLog>>();
  private sweptAt = -Infinity;

  constructor(
    private readonly write: (line: string) => void,
    private readonly now: () => number,
  ) {}

  /**
   * Notes one occurrence of `topic` for `key`; writes `line` (with the count of `what` since the last one) if that
   * key may write about that topic now.
   */
  note(key: K, topic: string, line: string, what: string): void {
    const now = this.now();
    let topics = this.byKey.get(key);
    if (!topics) this.byKey.set(key, (topics = new Map()));
    let log = topics.get(topic);
    if (!log) topics.set(topic, (log = { loggedAt: -Infinity, since: 0 }));
    log.since++;
    if (now - log.loggedAt < LOG_INTERVAL) return;
    this.write(`${consoleLine(line)}${log.since > 1 ? ` (${log.since} ${what} in the last ${LOG_INTERVAL / 1000} s)` : ''}`);
    log.loggedAt = now;
    log.since = 0;
    this.sweep(now);
  }

  /** Forgets a key (a player who left). */
  forget(key: K): void {
    this.byKey.delete(key);
  }

  /** Topics quiet for a whole interval, with nothing left to report, are forgotten: at most once per interval. */
  private sweep(now: number): void {
    if (now - this.sweptAt < LOG_INTERVAL) return;
    this.sweptAt = now;
    for (const [key, topics] of this.byKey) {
      for (const [topic, log] of topics) if (log.since === 0 && now - log.loggedAt >= LOG_INTERVAL) topics.delete(topic);
      if (topics.size === 0) this.byKey.delete(key);
    }
  }
}
