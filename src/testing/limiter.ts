/**
 * FiveM's server-side token buckets for what clients send (`rateLimiter_<name>_rate` / `_burst` convars).
 * A bucket starts full, refills at `rate` per second up to `burst`, and a consume that does not fit takes nothing.
 */

/** One bucket's settings. */
export interface RateLimit {
  /** Tokens added per second. */
  rate: number;
  /** Most tokens the bucket holds, and what it starts with. */
  burst: number;
}

/** The server's limits on what each client sends, one bucket each. */
export interface NetLimits {
  /** Events per second; over it, the event is dropped (and counted against the flood limit). */
  netEvent: RateLimit;
  /** Dropped events per second; over it, the player is kicked. */
  netEventFlood: RateLimit;
  /** Reliable bytes (event name + payload) per second; over it (or one event bigger than the burst), the player is kicked. */
  netEventSize: RateLimit;
  /**
   * Latent events in reassembly at once per client (`sv_netEventReassemblyMaxPendingEvents`, default 100); a latent
   * event that starts arriving while that many are pending is discarded.
   */
  maxPendingLatent: number;
}

/** A reliable client event larger than this cannot be serialized by the client and is silently not sent. */
export const MAX_RELIABLE_CLIENT_EVENT_BYTES = 384 * 1024;

/** Bytes per second of a latent event sent with `bps <= 0` (the runtime's fallback). */
export const DEFAULT_LATENT_BPS = 25000;

/** The limits a world's server applies unless {@link WorldOptions.limits} overrides them. */
export const DEFAULT_NET_LIMITS: NetLimits = {
  netEvent: { rate: 50, burst: 200 },
  netEventFlood: { rate: 75, burst: 300 },
  netEventSize: { rate: 128 * 1024, burst: 384 * 1024 },
  maxPendingLatent: 100,
};

/** One of the server's token buckets: starts full, refills at `rate` per second up to `burst`. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly limit: RateLimit,
    now: number,
  ) {
    this.tokens = limit.burst;
    this.last = now;
  }

  /** Takes `amount` tokens at virtual time `now` if that many are there, else none; returns whether it took them. */
  consume(now: number, amount = 1): boolean {
    this.tokens = Math.min(this.limit.burst, this.tokens + ((now - this.last) / 1000) * this.limit.rate);
    this.last = now;
    if (this.tokens < amount) return false;
    this.tokens -= amount;
    return true;
  }
}

/**
 * One player's buckets, shared by every resource on the server. Latent events are counted apart, in buckets of
 * their own with the same settings (a second `RateLimiterStore` in `ServerResources.cpp`), when reassembled.
 */
export class PlayerLimiter {
  readonly netEvent: TokenBucket;
  readonly netEventFlood: TokenBucket;
  readonly netEventSize: TokenBucket;
  readonly latentEvent: TokenBucket;
  readonly latentEventFlood: TokenBucket;
  /** Latent events whose first fragment arrived and whose last has not. */
  pendingLatent = 0;

  constructor(limits: NetLimits, now: number) {
    this.netEvent = new TokenBucket(limits.netEvent, now);
    this.netEventFlood = new TokenBucket(limits.netEventFlood, now);
    this.netEventSize = new TokenBucket(limits.netEventSize, now);
    this.latentEvent = new TokenBucket(limits.netEvent, now);
    this.latentEventFlood = new TokenBucket(limits.netEventFlood, now);
  }
}
