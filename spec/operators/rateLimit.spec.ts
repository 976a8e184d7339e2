import { catchError, from, mergeMap, of, type Observable } from 'rxjs';
import { CallbackError, ErrorCode } from '../../src/ground/errors';
import { rateLimit, type RateLimiter } from '../../src/operators';
import { createTestScheduler } from './testScheduler';

interface Request {
  player: number;
  name?: string;
}

/** Runs every request through the gate in its own stream, as the answering side does; shows 'ok' or the code. */
function answers<R>(requests: Observable<R>, limiter: RateLimiter<R>): Observable<string> {
  return requests.pipe(
    mergeMap((request) =>
      of(request).pipe(
        limiter.gate,
        mergeMap(() => of('ok')),
        catchError((error: CallbackError) => of(error.code)),
      ),
    ),
  );
}

const p1 = { player: 1 };
const p2 = { player: 2 };
const outcome = { o: 'ok', r: ErrorCode.RATE_LIMITED };

describe('rateLimit', () => {
  it('lets `limit` calls through at once, then one per window/limit ms as the bucket refills', () => {
    createTestScheduler().run(({ hot, expectObservable }) => {
      const limiter = rateLimit<Request>({ limit: 3, window: 300, key: (request) => request.player });
      // Frames 0, 50, 100 and 300 (a group of n requests takes n + 2 frames).
      const requests = hot('(aaaaa) 43ms a 49ms (aa) 196ms (aaaa)', { a: p1 });
      // One token per 100 ms: none at 50, one at 100, two more by 300.
      expectObservable(answers(requests, limiter)).toBe('(ooorr) 43ms r 49ms (or) 196ms (oorr)', outcome);
    });
  });

  it('lets exactly `limit` of a flood of 1000 through', () => {
    createTestScheduler().run(() => {
      const limiter = rateLimit<Request>({ limit: 10, window: 60_000, key: (request) => request.player });
      const results: string[] = [];
      answers(from(Array.from({ length: 1000 }, () => p1)), limiter).subscribe((result) => results.push(result));
      expect(results.filter((result) => result === 'ok')).toHaveLength(10);
      expect(results.slice(0, 10)).toEqual(Array(10).fill('ok'));
    });
  });

  it('keeps one bucket per key; keys compare as strings', () => {
    createTestScheduler().run(({ hot, expectObservable }) => {
      const limiter = rateLimit<{ player: number | string }>({ limit: 1, window: 100, key: (request) => request.player });
      const requests = hot('abcd', { a: p1, b: p2, c: { player: '1' }, d: { player: 3 } });
      expectObservable(answers(requests, limiter)).toBe('oor0', { ...outcome, 0: 'ok' });
    });
  });

  it('says which callback, the limit and when to retry', () => {
    createTestScheduler().run(({ hot, expectObservable }) => {
      const limiter = rateLimit<Request>({ limit: 2, window: 100, key: (request) => request.player });
      const request = { player: 1, name: 'getMoney' };
      const refused = (retryAfter: number) =>
        new CallbackError(ErrorCode.RATE_LIMITED, 'Too many calls to callback "getMoney": at most 2 per 100 ms', {
          limit: 2,
          window: 100,
          retryAfter,
        });
      expectObservable(hot('a', { a: request }).pipe(limiter.gate)).toBe('a', { a: request });
      expectObservable(hot('-a', { a: request }).pipe(limiter.gate)).toBe('-a', { a: request });
      expectObservable(hot('--a', { a: request }).pipe(limiter.gate)).toBe('--#', undefined, refused(48));
      expectObservable(hot('-----a', { a: request }).pipe(limiter.gate)).toBe('-----#', undefined, refused(45));
    });
  });

  it('names the callback from the `name` option, else speaks of "this callback"', () => {
    createTestScheduler().run(({ hot, expectObservable }) => {
      const named = rateLimit<Request>({ limit: 1, window: 10, key: () => 0, name: 'heal' });
      const anonymous = rateLimit<Request>({ limit: 1, window: 10, key: () => 0 });
      const twice = hot('aa', { a: { player: 1, name: 'ignored' } });
      const details = { limit: 1, window: 10, retryAfter: 9 };
      expectObservable(twice.pipe(named.gate)).toBe(
        'a#',
        { a: { player: 1, name: 'ignored' } },
        new CallbackError(ErrorCode.RATE_LIMITED, 'Too many calls to callback "heal": at most 1 per 10 ms', details),
      );
      expectObservable(hot('aa', { a: p1 }).pipe(anonymous.gate)).toBe(
        'a#',
        { a: p1 },
        new CallbackError(ErrorCode.RATE_LIMITED, 'Too many calls to this callback: at most 1 per 10 ms', details),
      );
    });
  });

  it('forget(key) gives the key a full bucket again', () => {
    createTestScheduler().run(({ hot, expectObservable }) => {
      const limiter = rateLimit<Request>({ limit: 1, window: 1000, key: (request) => request.player });
      const requests = hot('aa-a', { a: p1 });
      hot('--x').subscribe(() => limiter.forget(1));
      expectObservable(answers(requests, limiter)).toBe('or-o', outcome);
    });
  });

  it('forgets keys whose bucket has refilled, so memory follows the keys active in the last window', () => {
    createTestScheduler().run(({ hot, flush }) => {
      const limiter = rateLimit<Request>({ limit: 2, window: 10, key: (request) => request.player });
      const sizes: number[] = [];
      // One token per 5 ms. Players 1, 2, 3 at 0, 1, 2 ms; player 1 again at 3 ms; player 4 at 8 and 12 ms.
      const requests = hot('abca 4ms d 3ms d', { a: p1, b: p2, c: { player: 3 }, d: { player: 4 } });
      answers(requests, limiter).subscribe(() => sizes.push(limiter.size));
      flush();
      // At 8 ms the buckets of players 2 and 3 are full again and forgotten, player 1's (full at 10) is kept;
      // at 12 ms player 1's is forgotten too.
      expect(sizes).toEqual([1, 2, 3, 3, 2, 1]);
    });
  });

  it.each([
    { limit: 0, window: 10 },
    { limit: 1.5, window: 10 },
    { limit: '10' as unknown as number, window: 10 },
    { limit: 10, window: 0 },
    { limit: 10, window: Infinity },
  ])('refuses %p at once', (options) => {
    expect(() => rateLimit({ ...options, key: () => 1 })).toThrow(
      expect.objectContaining({ code: ErrorCode.INVALID_ARGUMENT }),
    );
  });
});
