import { asyncScheduler, identity, throwError, timeout, type MonoTypeOperatorFunction, type SchedulerLike } from 'rxjs';
import { timedOut } from '../ground/errors';
import { checkName, checkNumber } from '../ground/checks';

/**
 * Fails a call with `TIMEOUT` when the other side shows no sign of life for `ms` milliseconds.
 *
 * The clock restarts at every value (RxJS `timeout({ each })`), so a handler that streams progress keeps its call
 * alive as long as it keeps answering, while one that goes silent is given up on; completion ends the wait. The
 * first value must also arrive within `ms` of subscribing.
 *
 * On timeout the source is unsubscribed (for a call: the request is cancelled) and the stream errors with
 * `CallbackError(TIMEOUT, 'Callback "<name>" timed out after <ms> ms', { timeout: ms })`.
 *
 * @param ms milliseconds, `> 0`; `false` or `Infinity` means wait forever (the source is returned unchanged).
 * @param callbackName named in the error message.
 * @param scheduler the clock; tests pass a `TestScheduler`.
 * @throws CallbackError `INVALID_ARGUMENT` at once for a negative, zero or non-numeric `ms`.
 */
export function timeoutAfter<T>(
  ms: number | false,
  callbackName: string,
  scheduler: SchedulerLike = asyncScheduler,
): MonoTypeOperatorFunction<T> {
  checkName('timeoutAfter', 'callbackName', callbackName);
  if (ms === false || ms === Infinity) return identity;
  const each = checkNumber('timeoutAfter', 'ms', ms, { above: 0 });
  return timeout({
    each,
    scheduler,
    with: () => throwError(() => timedOut(callbackName, each)),
  });
}
