/**
 * A token bucket kept as one number (the "generic cell rate algorithm"): instead of a token count that must be
 * refilled, it remembers `fullAt`, the time at which the bucket will be full again. Exact with integer intervals
 * (no drifting fractions of tokens), and O(1) memory, so one per player is cheap.
 *
 * The bucket holds `capacity` tokens and gains one every `interval` ms. It starts full.
 */
export class TokenBucket {
  private fullAt = -Infinity;

  constructor(
    /** Most tokens the bucket holds: the burst allowed after a quiet period. */
    readonly capacity: number,
    /** Milliseconds to earn one token. */
    readonly interval: number,
  ) {}

  /** Milliseconds from `now` until a token can be taken; 0 if one is available now. */
  waitTime(now: number): number {
    return Math.max(0, this.fullAt - (this.capacity - 1) * this.interval - now);
  }

  /** Takes one token at time `at`; callers first make sure one is available then (see {@link waitTime}). */
  take(at: number): void {
    this.fullAt = Math.max(this.fullAt, at) + this.interval;
  }

  /** True if the bucket is full at `now`, i.e. forgetting it would change nothing. */
  isFull(now: number): boolean {
    return this.fullAt <= now;
  }
}
