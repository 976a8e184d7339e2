import { asyncScheduler, identity, Observable, type MonoTypeOperatorFunction, type SchedulerLike } from 'rxjs';
import { timedOut } from '../ground/errors';
import { checkName, checkNumber } from '../ground/checks';

/**
 * Fails a call with `TIMEOUT` when it has not ended `ms` milliseconds after it was subscribed, whatever it
 * emitted meanwhile. Unlike {@link timeoutAfter} (a sign of life restarts the clock), nothing the other side
 * sends extends this deadline: it is the bound of a one-shot call (Promise, node style, Lua), whose caller only
 * waits for the end, and the overall bound of a stream.
 *
 * On the deadline the source is unsubscribed (for a call: the request is cancelled) and the stream errors with
 * `CallbackError(TIMEOUT, ..., { [detailsKey]: ms })`.
 *
 * @param ms milliseconds, `> 0`; `false` or `Infinity` means no deadline (the source is returned unchanged).
 * @param callbackName named in the error message.
 * @param detailsKey the option that set the deadline, named in the error's details. Default `'timeout'`.
 * @throws CallbackError `INVALID_ARGUMENT` at once for a negative, zero or non-numeric `ms`.
 */
export function deadlineAfter<T>(
  ms: number | false,
  callbackName: string,
  detailsKey = 'timeout',
  scheduler: SchedulerLike = asyncScheduler,
): MonoTypeOperatorFunction<T> {
  checkName('deadlineAfter', 'callbackName', callbackName);
  if (ms === false || ms === Infinity) return identity;
  const deadline = checkNumber('deadlineAfter', 'ms', ms, { above: 0 });
  return (source) =>
    new Observable<T>((subscriber) => {
      subscriber.add(scheduler.schedule(() => subscriber.error(timedOut(callbackName, deadline, detailsKey)), deadline));
      subscriber.add(source.subscribe(subscriber));
    });
}
