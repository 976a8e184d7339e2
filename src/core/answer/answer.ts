import { from, isObservable, map, Observable, type ObservableInput } from 'rxjs';

const VALUES_BRAND = '__fxcallbacksValues';

/**
 * Several values answered at once, as Lua's `cb(a, b)` does. A handler returns `values(a, b)`; callers that
 * want every value use `values$` / `lastValues$`, the others get the first one.
 */
export interface Values {
  /** Marks the object as `values(...)`, so it is not answered as a plain object. */
  readonly [VALUES_BRAND]: true;
  /** The values, in order. */
  readonly items: unknown[];
}

/** Wraps several values into one answer: a handler's `return values(a, b)` answers like Lua's `cb(a, b)`. */
export function values(...items: unknown[]): Values {
  return { [VALUES_BRAND]: true, items };
}

function isValues(value: unknown): value is Values {
  return typeof value === 'object' && value !== null && (value as Partial<Values>)[VALUES_BRAND] === true;
}

/** What a handler may return: a value, `values(...)`, a Promise of either, or an Observable of either. */
export type Answer<R> = R | Values | PromiseLike<R | Values> | Observable<R | Values>;

/** One answer on the wire: the list of values of one emission. */
export type AnswerValues = unknown[];

/** One answer's values: `values(a, b)` gives `[a, b]`, anything else is one value. */
export function toAnswerValues(value: unknown): AnswerValues {
  return isValues(value) ? value.items : [value];
}

export function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as PromiseLike<unknown>).then === 'function'
  );
}

const ENDED = Symbol('fxcallbacks.ended');

/** Calls `onEnd` once the work has ended (at once if it already has). */
export type WhenEnded = (onEnd: () => void) => void;

/**
 * Marks answers whose work goes on after they are torn down, such as a Lua handler that cannot be interrupted:
 * the work has ended only when `whenEnded` says so. {@link runHandler} holds the request's slot until then. The
 * signal is synchronous: a slot freed in a promise callback would stay held until the server's next microtask
 * drain, which may come only once per frame.
 */
export function outliving<T>(answers$: Observable<T>, whenEnded: WhenEnded): Observable<T> {
  return Object.assign(answers$, { [ENDED]: whenEnded });
}

/** When the work behind a handler's result has really ended: a Promise when it settles, {@link outliving} answers when they say. */
export function endOf(result: unknown): WhenEnded | undefined {
  if (isPromiseLike(result)) return (onEnd) => void result.then(onEnd, onEnd);
  return isObservable(result) ? (result as { [ENDED]?: WhenEnded })[ENDED] : undefined;
}

/**
 * Runs a handler and turns whatever it returns into a stream of answers. A synchronous throw becomes an
 * error of the stream, so a buggy handler answers its caller instead of breaking the event loop. This is the RxJS
 * path, for requests that are remembered for retries or wait in the incoming queue; every other request is answered
 * by its RxJS-free twin `PlainAnswer` (plainAnswer.ts), which calls the handler directly.
 *
 * `holdWhileRunning` is called as the handler starts; what it returns is called once the handler's work has really
 * ended, which may be after its answers were torn down: an Observable ends at its teardown, but a Promise (which
 * nothing can cancel) only when it settles, and answers marked {@link outliving} when their work says so.
 */
export function runHandler(invoke: () => unknown, holdWhileRunning: () => () => void = () => noop): Observable<AnswerValues> {
  return new Observable<AnswerValues>((subscriber) => {
    const onEnd = holdWhileRunning();
    let result: unknown;
    try {
      result = invoke();
    } catch (error) {
      onEnd();
      subscriber.error(error);
      return;
    }
    if (isObservable(result) || isPromiseLike(result)) {
      const whenEnded = endOf(result);
      if (whenEnded) whenEnded(onEnd);
      else subscriber.add(onEnd);
      return from(result as ObservableInput<unknown>).pipe(map(toAnswerValues)).subscribe(subscriber);
    }
    onEnd();
    subscriber.next(toAnswerValues(result));
    subscriber.complete();
  });
}

function noop(): void {}
