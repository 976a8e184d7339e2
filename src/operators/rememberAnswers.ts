import { defer, ReplaySubject, share, tap, type MonoTypeOperatorFunction, type Observable } from 'rxjs';
import type { AnswerCache, AnswerKey } from '../ground/answerCache';

/**
 * At-most-once execution on the answering side. The first subscription for `key` subscribes the source (the
 * handler) once and remembers everything it emits in `cache`; any later subscription for the same `key` (a retry
 * whose reply was lost, or that timed out) gets those notifications replayed (values, then completion or error) and,
 * if the handler is still running, the rest as they come, without running the handler again. Errors are
 * remembered too: the handler did run.
 *
 * When every subscriber has left before the handler finished (the caller cancelled to retry), the handler keeps
 * running so the retry can join it; it is only unsubscribed if its entry leaves the cache (evicted, expired or
 * forgotten) while nobody is listening. A later request for the key after that runs the handler anew.
 *
 * `sizeOf` measures each value for the cache's byte quota (`maxBytesPerPeer`).
 *
 * Use it only for requests the caller may retry (`FLAG_RETRYABLE`), the caller reusing its request id. Put it last
 * in the request's pipe, `of(request).pipe(...gates, switchMap(runHandler), rememberAnswers(cache, key))`, so a
 * retry answered from memory does not pass the gates again (`rateLimit` does not count it twice); a refused
 * request then stays refused for the cache's `ttl`.
 */
export function rememberAnswers<T>(cache: AnswerCache, key: AnswerKey, sizeOf?: (value: T) => number): MonoTypeOperatorFunction<T> {
  return (source) =>
    defer(() => {
      const remembered = cache.get(key);
      if (remembered) return remembered as Observable<T>;
      const removed = new ReplaySubject<void>(1);
      const measured$ = sizeOf ? source.pipe(tap((value) => cache.grow(key, sizeOf(value)))) : source;
      const answer$ = measured$.pipe(
        share({
          connector: () => new ReplaySubject<T>(),
          resetOnError: false,
          resetOnComplete: false,
          resetOnRefCountZero: () => removed,
        }),
      );
      cache.set(key, answer$, () => removed.next());
      return answer$;
    });
}
