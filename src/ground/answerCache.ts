import { asyncScheduler, type Observable, type SchedulerLike } from 'rxjs';
import { checkNumber } from './checks';

/** Who sent a request (the player id on the server, the server on a client) and the id the sender chose for it. */
export interface AnswerKey {
  /** The sender; compared as a string. */
  peer: string | number;
  /** The id the sender gave the request; its retries reuse it. */
  id: number;
  /**
   * The callback the request named. Ids are short and wrap, so a later request may reuse an id: an answer
   * remembered for another callback is not its answer.
   */
  name?: string;
}

/** Bounds and clock of {@link createAnswerCache}. */
export interface AnswerCacheOptions {
  /**
   * Most answers remembered for one peer; beyond it, that peer's oldest is forgotten. Peers never share a quota,
   * so one player's requests cannot push another player's answers out. Integer `>= 1`.
   */
  maxEntriesPerPeer: number;
  /**
   * Most bytes of answers (as {@link AnswerCache.grow} counts them) remembered for one peer; beyond it, that peer's
   * oldest answers are forgotten, down to the one growing. Default: no limit.
   */
  maxBytesPerPeer?: number;
  /**
   * Milliseconds an answer is remembered, counted from the first time its request was seen. Should cover the
   * caller's whole retry budget (timeouts plus backoff delays). `> 0`.
   */
  ttl: number;
  /** The clock. Default `asyncScheduler`. */
  scheduler?: SchedulerLike;
}

/** The answers remembered for the `rememberAnswers` operator, bounded per peer by count, by bytes and by time. */
export interface AnswerCache {
  /** The remembered answer of `key`, if any and not expired. */
  get(key: AnswerKey): Observable<unknown> | undefined;
  /** Remembers `answer$` for `key`; `onRemove` runs when it is evicted, expires or is forgotten. */
  set(key: AnswerKey, answer$: Observable<unknown>, onRemove: () => void): void;
  /** Counts `bytes` more for the answer of `key` (a value it emitted), evicting its peer's oldest if over quota. */
  grow(key: AnswerKey, bytes: number): void;
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
  name: string | undefined;
  storedAt: number;
  bytes: number;
  answer$: Observable<unknown>;
  onRemove: () => void;
}

/** One peer's answers, oldest first, and their bytes. */
interface PeerAnswers {
  entries: Map<number, Entry>;
  bytes: number;
}

/**
 * Creates the bounded memory of answers on the answering side. Each peer has its own quota: at most
 * `maxEntriesPerPeer` answers and `maxBytesPerPeer` bytes, each for at most `ttl` ms, its own oldest evicted first
 * (FIFO: an answer is only useful to the retries of one request, which come soon after it). So the memory is
 * bounded by peers × quota, and no peer can evict another's answers. Expired answers are swept as the cache is
 * used, in amortised O(1); peers compare as strings.
 *
 * @throws CallbackError `INVALID_ARGUMENT` at once for invalid options.
 */
export function createAnswerCache(options: AnswerCacheOptions): AnswerCache {
  const maxEntriesPerPeer = checkNumber('createAnswerCache', 'maxEntriesPerPeer', options.maxEntriesPerPeer, { min: 1, integer: true });
  const maxBytesPerPeer =
    options.maxBytesPerPeer === undefined ? Infinity : checkNumber('createAnswerCache', 'maxBytesPerPeer', options.maxBytesPerPeer, { min: 1 });
  const ttl = checkNumber('createAnswerCache', 'ttl', options.ttl, { above: 0 });
  const scheduler = options.scheduler ?? asyncScheduler;
  const byPeer = new Map<string, PeerAnswers>();
  /** Every entry, oldest first: only for expiry, never for eviction. */
  const all = new Set<Entry>();

  const remove = (entry: Entry): void => {
    const ofPeer = byPeer.get(entry.peer);
    if (!ofPeer?.entries.delete(entry.id)) return;
    all.delete(entry);
    ofPeer.bytes -= entry.bytes;
    if (ofPeer.entries.size === 0) byPeer.delete(entry.peer);
    entry.onRemove();
  };

  const oldest = (ofPeer: PeerAnswers): Entry => ofPeer.entries.values().next().value as Entry;

  /** Forgets expired answers, oldest first, so it stops at the first one still fresh. */
  const sweep = (now: number): void => {
    for (const entry of all) {
      if (entry.storedAt + ttl > now) return;
      remove(entry);
    }
  };

  const entryOf = (key: AnswerKey): Entry | undefined => byPeer.get(String(key.peer))?.entries.get(key.id);

  return {
    get: (key) => {
      sweep(scheduler.now());
      const entry = entryOf(key);
      if (!entry || entry.name === key.name) return entry?.answer$;
      // The id was reused for another callback: the remembered answer is stale.
      remove(entry);
      return undefined;
    },
    set: (key, answer$, onRemove) => {
      const peer = String(key.peer);
      const now = scheduler.now();
      sweep(now);
      const previous = entryOf(key);
      if (previous) remove(previous);
      let ofPeer = byPeer.get(peer);
      if (!ofPeer) byPeer.set(peer, (ofPeer = { entries: new Map(), bytes: 0 }));
      const entry: Entry = { peer, id: key.id, name: key.name, storedAt: now, bytes: 0, answer$, onRemove };
      ofPeer.entries.set(key.id, entry);
      all.add(entry);
      if (ofPeer.entries.size > maxEntriesPerPeer) remove(oldest(ofPeer));
    },
    grow: (key, bytes) => {
      const entry = entryOf(key);
      const ofPeer = byPeer.get(String(key.peer));
      if (!entry || !ofPeer) return;
      entry.bytes += bytes;
      ofPeer.bytes += bytes;
      while (ofPeer.bytes > maxBytesPerPeer && ofPeer.entries.size > 0) {
        const first = oldest(ofPeer);
        remove(first);
        if (first === entry) break;
      }
    },
    delete: (key) => {
      const entry = entryOf(key);
      if (entry) remove(entry);
    },
    forget: (peer) => {
      for (const entry of [...(byPeer.get(String(peer))?.entries.values() ?? [])]) remove(entry);
    },
    get size() {
      return all.size;
    },
  };
}
