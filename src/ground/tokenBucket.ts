/**
 * A token bucket kept as one number (the "generic cell rate algorithm"): instead of a token count that must be
 * refilled, it remembers `fullAt`, the time at which the bucket will be full again. Exact with integer intervals
 * (no drifting fractions of tokens), and O(1) memory, so one per player is cheap.
 *
 * The bucket holds `capacity` tokens and gains one every `interval` ms. It starts full. A bucket of bytes takes
 * several tokens at once (`amount`); more than `capacity` is never available, so callers take at most that.
 */
export class TokenBucket {
  private fullAt = -Infinity;

  constructor(
    /** Most tokens the bucket holds: the burst allowed after a quiet period. */
    readonly capacity: number,
    /** Milliseconds to earn one token. */
    readonly interval: number,
  ) {}

  /** Milliseconds from `now` until `amount` tokens can be taken; 0 if they are available now. */
  waitTime(now: number, amount = 1): number {
    return Math.max(0, this.fullAt - (this.capacity - amount) * this.interval - now);
  }

  /** Takes `amount` tokens at time `at`; callers first make sure they are available then (see {@link waitTime}). */
  take(at: number, amount = 1): void {
    this.fullAt = Math.max(this.fullAt, at) + amount * this.interval;
  }

  /** Whole tokens that can be taken at `now`. */
  available(now: number): number {
    return Math.max(0, Math.floor(this.capacity - Math.max(0, this.fullAt - now) / this.interval));
  }

  /** True if the bucket is full at `now`, i.e. forgetting it would change nothing. */
  isFull(now: number): boolean {
    return this.fullAt <= now;
  }
}
