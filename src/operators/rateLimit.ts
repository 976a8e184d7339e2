import { asyncScheduler, type SchedulerLike } from 'rxjs';
import { CallbackError, ErrorCode } from '../ground/errors';
import { describeCallback, gate, type Gate } from './gate';
import { checkFunction, checkName, checkNumber } from '../ground/checks';
import { TokenBucket } from '../ground/tokenBucket';

/** What requests are counted by. Compared as strings, so player `7` and `'7'` share one bucket. */
export type RateLimitKey = string | number;

/** Options of {@link rateLimit}, for requests of type `R`. */
export interface RateLimitOptions<R> {
  /** Calls allowed per `window`, and the burst allowed after a quiet period. Integer `>= 1`. */
  limit: number;
  /** Milliseconds in which `limit` calls are allowed. `> 0`. */
  window: number;
  /** The bucket a request counts against, usually its player: `(request) => request.player`. */
  key: (request: R) => RateLimitKey;
  /** Callback name for the error message; by default the request's `name` field, if any. */
  name?: string;
  /** The clock. Default `asyncScheduler`. */
  scheduler?: SchedulerLike;
}

/** A rate limit: its gate and the per-key memory behind it. */
export interface RateLimiter<R> {
  /** Passes requests while their key has calls left, else errors with `RATE_LIMITED`. */
  readonly gate: Gate<R>;
  /** The same check as a plain function: throws the `RATE_LIMITED` error, else takes a token. */
  readonly check: (request: R) => void;
  /** Drops the bucket of `key` (call it on `playerDropped`); the key starts again with a full bucket. */
  forget(key: RateLimitKey): void;
  /** Number of keys currently remembered; keys whose bucket is full again are dropped as requests arrive. */
  readonly size: number;
}

/**
 * Lets each key make at most `limit` calls per `window` ms, the specification's rate-limit shape, as a token bucket
 * per key: capacity `limit`, refilled continuously at `limit / window` per ms. A request that finds its key's bucket
 * empty errors with `RATE_LIMITED` (details: `{ limit, window, retryAfter }`, `retryAfter` in ms); a flood of any
 * size lets exactly `limit` through.
 *
 * State lives in the returned limiter: create it once per callback registration and apply its one `gate` to every
 * request's stream, so all requests share the buckets. Memory is O(1) per key and bounded by the keys active within
 * the last `window` ms: a key whose bucket has refilled is forgotten (amortised O(1), no periodic sweep).
 *
 * @throws CallbackError `INVALID_ARGUMENT` at once for invalid options.
 */
export function rateLimit<R>(options: RateLimitOptions<R>): RateLimiter<R> {
  const limit = checkNumber('rateLimit', 'limit', options.limit, { min: 1, integer: true });
  const window = checkNumber('rateLimit', 'window', options.window, { above: 0 });
  const keyOf = checkFunction('rateLimit', 'key', options.key);
  const name = options.name === undefined ? undefined : checkName('rateLimit', 'name', options.name);
  const scheduler = options.scheduler ?? asyncScheduler;
  const interval = window / limit;
  /**
   * Buckets in the order of their last token taken. A bucket is full at most `window` ms after its last take, so
   * once the sweep below stops at a bucket that is not full yet, all buckets after it were used within the last
   * `window` ms: what is kept is bounded by the keys active in that time.
   */
  const buckets = new Map<string, TokenBucket>();

  const forgetFullBuckets = (now: number): void => {
    for (const [key, bucket] of buckets) {
      if (!bucket.isFull(now)) return;
      buckets.delete(key);
    }
  };

  const check = (request: R): void => {
    const now = scheduler.now();
    forgetFullBuckets(now);
    const key = String(keyOf(request));
    const bucket = buckets.get(key) ?? new TokenBucket(limit, interval);
    const retryAfter = bucket.waitTime(now);
    if (retryAfter > 0) {
      throw new CallbackError(
        ErrorCode.RATE_LIMITED,
        `Too many calls to ${describeCallback(request, name)}: at most ${limit} per ${window} ms`,
        { limit, window, retryAfter },
      );
    }
    bucket.take(now);
    buckets.delete(key);
    buckets.set(key, bucket);
  };

  return {
    gate: gate(check),
    check,
    forget: (key) => void buckets.delete(String(key)),
    get size() {
      return buckets.size;
    },
  };
}
