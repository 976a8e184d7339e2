import type { MonoTypeOperatorFunction } from 'rxjs';
import { checkNumber } from '../ground/checks';
import type { RequestQueue } from '../ground/requestQueue';

/**
 * Operator form of {@link RequestQueue.enqueue}: `call$.pipe(queued(queue, priority))` waits for a slot of `queue`
 * on every subscription before subscribing `call$`. Placed before `timeoutAfter` in the pipe, the time spent
 * waiting counts against the timeout; placed after it, only the call itself is timed.
 *
 * @throws CallbackError `INVALID_ARGUMENT` at once for a non-finite priority.
 */
export function queued<T>(queue: RequestQueue, priority = 0): MonoTypeOperatorFunction<T> {
  checkNumber('queued', 'priority', priority);
  return (source) => queue.enqueue(source, priority);
}
