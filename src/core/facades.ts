import { lastValueFrom, map, type Observable, type Subscription } from 'rxjs';
import type { AnswerValues } from './answer';
import { toCallbackError, type CallbackError } from '../ground/errors';
import { invalid } from './options';

/**
 * The three ways to consume a call. They add no behaviour of their own: each is a view of the same stream
 * of answers.
 */

/** Error-first callback, called exactly once: `(error)` or `(null, result)`. */
export type NodeCallback<R> = (error: CallbackError | null, result?: R) => void;

/** The first value of each answer (most handlers answer one value). */
export function firstValues<R>(answers$: Observable<AnswerValues>): Observable<R> {
  return answers$.pipe(map((values) => values[0] as R));
}

/** Resolves with the last answer (the only one for a plain call), or `undefined` if the stream ended empty. */
export function toPromise<R>(results$: Observable<R>): Promise<R> {
  return lastValueFrom(results$, { defaultValue: undefined as R });
}

/** Subscribes and reports the last answer or the error once, node style. The subscription cancels the call. */
export function toNodeCallback<R>(results$: Observable<R>, callback: NodeCallback<R>): Subscription {
  if (typeof callback !== 'function') throw invalid('the last argument must be a callback (error, result) => void');
  let last: R | undefined;
  return results$.subscribe({
    next: (value) => (last = value),
    error: (error) => callback(toCallbackError(error)),
    complete: () => callback(null, last),
  });
}

/** Splits `(...args, callback)` as node-style functions take them. */
export function splitCallback<R>(argsThenCallback: unknown[]): [unknown[], NodeCallback<R>] {
  const callback = argsThenCallback[argsThenCallback.length - 1];
  return [argsThenCallback.slice(0, -1), callback as NodeCallback<R>];
}
