import {
  asyncScheduler,
  concatMap,
  defer,
  map,
  of,
  timer,
  type MonoTypeOperatorFunction,
  type SchedulerLike,
} from 'rxjs';
import { checkNumber } from '../ground/checks';
import { TokenBucket } from '../ground/tokenBucket';

/** The token bucket of {@link pace}; all optional. */
export interface PaceOptions {
  /** Sustained items per second. Default 50, FiveM's net-event limit for a client. */
  rate?: number;
  /** Items that may pass at once after a quiet period. Default 200, FiveM's burst. */
  burst?: number;
}

/**
 * Delays (never drops) items so that their emissions stay within a token bucket of `rate` per second and `burst`,
 * keeping their order. Put it in front of whatever sends net events from a client so a busy client stays under
 * FiveM's event-rate limiter (50/s, burst 200), past which events are dropped and, further on, the player is
 * kicked. Completion waits for the items still being delayed.
 *
 * The bucket belongs to the subscription: to pace several streams together, merge them and pace the result.
 *
 * @throws CallbackError `INVALID_ARGUMENT` at once for a rate `<= 0` or a burst that is not an integer `>= 1`.
 */
export function pace<T>(
  options: PaceOptions = {},
  scheduler: SchedulerLike = asyncScheduler,
): MonoTypeOperatorFunction<T> {
  const { rate, burst } = checkPaceOptions(options);
  return (source) =>
    defer(() => {
      const bucket = new TokenBucket(burst, 1000 / rate);
      return source.pipe(
        concatMap((item) => {
          const now = scheduler.now();
          const wait = bucket.waitTime(now);
          bucket.take(now + wait);
          return wait === 0 ? of(item) : timer(wait, scheduler).pipe(map(() => item));
        }),
      );
    });
}

/**
 * The pacing options with their defaults, checked.
 *
 * @throws CallbackError `INVALID_ARGUMENT` for a rate `<= 0` or a burst that is not an integer `>= 1`.
 */
export function checkPaceOptions(options: PaceOptions): Required<PaceOptions> {
  return {
    rate: checkNumber('pace', 'rate', options.rate ?? 50, { above: 0 }),
    burst: checkNumber('pace', 'burst', options.burst ?? 200, { min: 1, integer: true }),
  };
}
