import { asyncScheduler, retry, throwError, timer, type MonoTypeOperatorFunction, type SchedulerLike } from 'rxjs';
import { ErrorCode, isCallbackError } from '../ground/errors';
import { checkFunction, checkNumber } from '../ground/checks';

/** How long to wait before each retry. */
export interface BackoffOptions {
  /** Delay before the first retry, in ms. Default 1000 (the specification's `1000 * attempts`). */
  baseDelay?: number;
  /** Upper bound of any delay, in ms. Default 30000. */
  maxDelay?: number;
  /**
   * Share of the delay that is random, 0..1. Default 0.5. The delay is drawn from
   * `[d * (1 - jitter), d]`: 0 is a fixed schedule, 1 is "full jitter". Randomness keeps many clients that
   * failed together (a server hitch) from all retrying at the same instant.
   */
  jitter?: number;
  /** Source of randomness in `[0, 1)`; tests pass a fixed one. Default `Math.random`. */
  random?: () => number;
}

export interface RetryWithBackoffOptions extends BackoffOptions {
  /** How many times to resubscribe after the first failure; 0 disables retrying. */
  retries: number;
  /**
   * Whether `error` (from the 1-based `attempt`) is worth retrying. Default: only `TIMEOUT`, the one failure a
   * retry can fix. Errors like `HANDLER_ERROR`, `NO_SUCH_CALLBACK`, `VALIDATION_FAILED` or `FORBIDDEN` would only
   * fail again, so they are passed on at once unless this predicate says otherwise.
   */
  shouldRetry?: (error: unknown, attempt: number) => boolean;
  /** Called just before waiting for retry number `attempt` (1-based); the place to count retries in metrics. */
  onRetry?: (error: unknown, attempt: number, delay: number) => void;
}

const DEFAULT_BACKOFF = { baseDelay: 1000, maxDelay: 30_000, jitter: 0.5 };

/** The default {@link RetryWithBackoffOptions.shouldRetry}: retry timeouts only. */
export function isTimeout(error: unknown): boolean {
  return isCallbackError(error) && error.code === ErrorCode.TIMEOUT;
}

/**
 * The wait before retry number `attempt` (1-based): `min(maxDelay, baseDelay * 2^(attempt-1))`, of which the share
 * `jitter` is random. Pure, so a schedule can be printed or tested without running anything.
 *
 * @throws CallbackError `INVALID_ARGUMENT` for an attempt below 1 or an invalid option.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  checkNumber('backoffDelay', 'attempt', attempt, { min: 1, integer: true });
  const { baseDelay, maxDelay, jitter, random } = checkBackoff('backoffDelay', options);
  const delay = Math.min(maxDelay, baseDelay * 2 ** (attempt - 1));
  return delay * (1 - jitter * random());
}

/**
 * Resubscribes a failed call up to `retries` times, waiting an exponentially growing, jittered delay
 * ({@link backoffDelay}) before each attempt. Built on RxJS `retry({ count, delay })`.
 *
 * Only errors accepted by `shouldRetry` are retried (by default `TIMEOUT`); any other error, or the last one,
 * is passed on unchanged. A retry resubscribes the source: for a call that means sending the request again, so
 * the caller should keep the same request id across attempts and the answering side remember answers (see
 * `rememberAnswers`) to run the handler at most once.
 *
 * @throws CallbackError `INVALID_ARGUMENT` at once for invalid options.
 */
export function retryWithBackoff<T>(
  options: RetryWithBackoffOptions,
  scheduler: SchedulerLike = asyncScheduler,
): MonoTypeOperatorFunction<T> {
  const count = checkNumber('retryWithBackoff', 'retries', options.retries, { min: 0, integer: true });
  const backoff = checkBackoff('retryWithBackoff', options);
  const shouldRetry = checkFunction('retryWithBackoff', 'shouldRetry', options.shouldRetry ?? isTimeout);
  const onRetry = options.onRetry && checkFunction('retryWithBackoff', 'onRetry', options.onRetry);
  return retry({
    count,
    delay: (error: unknown, attempt: number) => {
      if (!shouldRetry(error, attempt)) return throwError(() => error);
      const delay = backoffDelay(attempt, backoff);
      onRetry?.(error, attempt, delay);
      return timer(delay, scheduler);
    },
  });
}

function checkBackoff(owner: string, options: BackoffOptions): Required<BackoffOptions> {
  const baseDelay = checkNumber(owner, 'baseDelay', options.baseDelay ?? DEFAULT_BACKOFF.baseDelay, { min: 0 });
  return {
    baseDelay,
    maxDelay: checkNumber(owner, 'maxDelay', options.maxDelay ?? Math.max(baseDelay, DEFAULT_BACKOFF.maxDelay), {
      min: baseDelay,
    }),
    jitter: checkNumber(owner, 'jitter', options.jitter ?? DEFAULT_BACKOFF.jitter, { min: 0, max: 1 }),
    random: checkFunction(owner, 'random', options.random ?? Math.random),
  };
}
