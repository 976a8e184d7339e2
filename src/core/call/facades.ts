import { map, type Observable } from 'rxjs';
import type { AnswerValues } from '../answer/answer';
import type { CallbackError } from '../../ground/errors';

/**
 * Helpers of the facades. The Promise and node-style facades report through `Calls.lastValuesTo` (a plain call
 * record); the Observable facades are views of the stream of answers.
 */

/** Error-first callback, called exactly once: `(error)` or `(null, result)`. */
export type NodeCallback<R> = (error: CallbackError | null, result?: R) => void;

/** The first value of each answer (most handlers answer one value). */
export function firstValues<R>(answers$: Observable<AnswerValues>): Observable<R> {
  return answers$.pipe(map((values) => values[0] as R));
}

/** Splits `(...args, callback)` as node-style functions take them. */
export function splitCallback<R>(argsThenCallback: unknown[]): [unknown[], NodeCallback<R>] {
  const callback = argsThenCallback[argsThenCallback.length - 1];
  return [argsThenCallback.slice(0, -1), callback as NodeCallback<R>];
}
