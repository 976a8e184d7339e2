import { tap, type Observable } from 'rxjs';

/**
 * A gate on the answering side: passes each request through unchanged or errors with a `CallbackError`.
 * Generic in the request type it is applied to, so a gate that only reads `player` keeps the full request type
 * in `of(request).pipe(gate1, gate2, switchMap(runHandler))`.
 */
export type Gate<R> = <Q extends R>(source: Observable<Q>) => Observable<Q>;

/** Makes a {@link Gate} from a check that throws the `CallbackError` refusing a request. */
export function gate<R>(check: (request: R) => void): Gate<R> {
  return <Q extends R>(source: Observable<Q>) => source.pipe(tap<Q>(check));
}

/**
 * How error messages name the callback a request is for: `callback "<name>"` from `fallbackName` or the request's
 * own `name` field, else `this callback`.
 */
export function describeCallback(request: unknown, fallbackName?: string): string {
  const name =
    fallbackName ??
    (typeof request === 'object' && request !== null ? (request as { name?: unknown }).name : undefined);
  return typeof name === 'string' ? `callback "${name}"` : 'this callback';
}
