import { asyncScheduler, type Observable, type SchedulerLike } from 'rxjs';
import { checkNumber } from './options';

/** Who sent a request (the player id on the server, the server on a client) and the id the sender chose for it. */
export interface AnswerKey {
  /** The sender; compared as a string. */
  peer: string | number;
  /** The id the sender gave the request; its retries reuse it. */
  id: number;
}

/** Bounds and clock of {@link createAnswerCache}. */
export interface AnswerCacheOptions {
  /** Most answers remembered; the oldest is evicted first. Integer `>= 1`. */
  maxEntries: number;
  /**
   * Most answers remembered for one peer; its oldest is evicted first. So one player's requests cannot push
   * another player's answers out. Integer `>= 1`, default `maxEntries`.
   */
  maxEntriesPerPeer?: number;
  /**
   * Milliseconds an answer is remembered, counted from the first time its request was seen. Should cover the
   * caller's whole retry budget (timeouts plus backoff delays). `> 0`.
   */
  ttl: number;
  /** The clock. Default `asyncScheduler`. */
  scheduler?: SchedulerLike;
}

/** The answers remembered for {@link rememberAnswers}, bounded by count and by time. */
export interface AnswerCache {
  /** The remembered answer of `key`, if any and not expired. */
  get(key: AnswerKey): Observable<unknown> | undefined;
  /** Remembers `answer$` for `key`; `onRemove` runs when it is evicted, expires or is forgotten. */
  set(key: AnswerKey, answer$: Observable<unknown>, onRemove: () => void): void;
  /** Forgets the answer of `key`, e.g. because its caller gave up; its `onRemove` runs. */
  delete(key: AnswerKey): void;
  /** Forgets every answer for `peer` (call it on `playerDropped`). */
  forget(peer: string | number): void;
  /** Number of answers remembered, including expired ones not yet swept. */
  readonly size: number;
}

interface Entry {
  peer: string;
  id: number;
  storedAt: number;
  answer$: Observable<unknown>;
  onRemove: () => void;
}

/**
 * Creates the bounded memory of answers on the answering side: at most `maxEntries` (and `maxEntriesPerPeer` for
 * one peer), each for at most `ttl` ms, evicted oldest first (FIFO: an answer is only useful to the retries of one request, which come soon after it).
 * Expired answers are swept as the cache is used, in amortised O(1); peers compare as strings.
 *
 * @throws CallbackError `INVALID_ARGUMENT` at once for invalid options.
 */
export function createAnswerCache(options: AnswerCacheOptions): AnswerCache {
  const maxEntries = checkNumber('createAnswerCache', 'maxEntries', options.maxEntries, { min: 1, integer: true });
  const maxEntriesPerPeer = checkNumber('createAnswerCache', 'maxEntriesPerPeer', options.maxEntriesPerPeer ?? maxEntries, {
    min: 1,
    integer: true,
  });
  const ttl = checkNumber('createAnswerCache', 'ttl', options.ttl, { above: 0 });
  const scheduler = options.scheduler ?? asyncScheduler;
  /** Every entry, oldest first. */
  const entries = new Set<Entry>();
  const byPeer = new Map<string, Map<number, Entry>>();

  const remove = (entry: Entry): void => {
    entries.delete(entry);
    const ofPeer = byPeer.get(entry.peer);
    ofPeer?.delete(entry.id);
    if (ofPeer?.size === 0) byPeer.delete(entry.peer);
    entry.onRemove();
  };

  const sweep = (now: number): void => {
    for (const entry of entries) {
      if (entry.storedAt + ttl > now) return;
      remove(entry);
    }
  };

  return {
    get: (key) => {
      sweep(scheduler.now());
      return byPeer.get(String(key.peer))?.get(key.id)?.answer$;
    },
    set: (key, answer$, onRemove) => {
      const now = scheduler.now();
      sweep(now);
      const peer = String(key.peer);
      const previous = byPeer.get(peer)?.get(key.id);
      if (previous) remove(previous);
      const entry: Entry = { peer, id: key.id, storedAt: now, answer$, onRemove };
      entries.add(entry);
      const ofPeer = byPeer.get(peer) ?? new Map<number, Entry>();
      byPeer.set(peer, ofPeer.set(key.id, entry));
      if (ofPeer.size > maxEntriesPerPeer) remove(ofPeer.values().next().value as Entry);
      if (entries.size > maxEntries) remove(entries.values().next().value as Entry);
    },
    delete: (key) => {
      const entry = byPeer.get(String(key.peer))?.get(key.id);
      if (entry) remove(entry);
    },
    forget: (peer) => {
      for (const entry of [...(byPeer.get(String(peer))?.values() ?? [])]) remove(entry);
    },
    get size() {
      return entries.size;
    },
  };
}
