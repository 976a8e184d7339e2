import { defer, type Observable } from 'rxjs';
import { CallbackError, ErrorCode } from '../../src/ground/errors';
import { createAnswerCache, type AnswerCache } from '../../src/ground';
import { rememberAnswers } from '../../src/operators';
import { createTestScheduler } from './testScheduler';

/** A handler stream that counts how often it runs. */
function counted<T>(handler$: Observable<T>): { run$: Observable<T>; runs: () => number } {
  let runs = 0;
  return { run$: defer(() => (runs++, handler$)), runs: () => runs };
}

const key = { peer: 7, id: 1 };

describe('rememberAnswers', () => {
  let cache: AnswerCache;
  beforeEach(() => (cache = createAnswerCache({ maxEntriesPerPeer: 3, ttl: 100 })));

  it('runs the handler once; a retry after the end gets the values and completion replayed at once', () => {
    createTestScheduler().run(({ cold, expectObservable, flush }) => {
      const { run$, runs } = counted(cold('-a-b|'));
      expectObservable(run$.pipe(rememberAnswers(cache, key))).toBe('-a-b|');
      expectObservable(run$.pipe(rememberAnswers(cache, key)), '------^').toBe('------(ab|)');
      expectObservable(run$.pipe(rememberAnswers(cache, { peer: '7', id: 1 })), '-------^').toBe('-------(ab|)');
      flush();
      expect(runs()).toBe(1);
    });
    expect(cache.size).toBe(1);
  });

  it('remembers an error too', () => {
    const error = new CallbackError(ErrorCode.HANDLER_ERROR, 'no funds');
    createTestScheduler().run(({ cold, expectObservable, flush }) => {
      const { run$, runs } = counted(cold('-#', undefined, error));
      expectObservable(run$.pipe(rememberAnswers(cache, key))).toBe('-#', undefined, error);
      expectObservable(run$.pipe(rememberAnswers(cache, key)), '---^').toBe('---#', undefined, error);
      flush();
      expect(runs()).toBe(1);
    });
  });

  it('lets a retry that arrives while the handler runs join it', () => {
    createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const handler = cold('--a---b|');
      expectObservable(handler.pipe(rememberAnswers(cache, key))).toBe('--a---b|');
      expectObservable(handler.pipe(rememberAnswers(cache, key)), '----^').toBe('----a-b|');
      expectSubscriptions(handler.subscriptions).toBe('^------!');
    });
  });

  it('keeps the handler running when its caller leaves, so the retry gets the answer', () => {
    createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const handler = cold('-----a|');
      expectObservable(handler.pipe(rememberAnswers(cache, key)), '^-!').toBe('');
      expectObservable(handler.pipe(rememberAnswers(cache, key)), '---^').toBe('-----a|');
      expectSubscriptions(handler.subscriptions).toBe('^-----!');
    });
  });

  it('keeps answers per peer and request id', () => {
    createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const handler = cold('-x|');
      expectObservable(handler.pipe(rememberAnswers(cache, { peer: 1, id: 1 }))).toBe('-x|');
      expectObservable(handler.pipe(rememberAnswers(cache, { peer: 2, id: 1 }))).toBe('-x|');
      expectObservable(handler.pipe(rememberAnswers(cache, { peer: 1, id: 2 }))).toBe('-x|');
      expectSubscriptions(handler.subscriptions).toBe(['^-!', '^-!', '^-!']);
    });
  });

  it('forgets answers after ttl ms, and stops a handler nobody waits for any more', () => {
    createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const quick = cold('-q|');
      expectObservable(quick.pipe(rememberAnswers(cache, key))).toBe('-q|');
      expectObservable(quick.pipe(rememberAnswers(cache, key)), '99ms ^').toBe('99ms (q|)');
      expectObservable(quick.pipe(rememberAnswers(cache, key)), '100ms ^').toBe('100ms -q|');
      const endless = cold('-');
      const other = { peer: 8, id: 1 };
      expectObservable(endless.pipe(rememberAnswers(cache, other)), '10ms ^-!').toBe('');
      // Expired at 110 ms, swept when the cache is next used.
      expectObservable(quick.pipe(rememberAnswers(cache, { peer: 9, id: 1 })), '150ms ^').toBe('150ms -q|');
      expectSubscriptions(endless.subscriptions).toBe('10ms ^ 139ms !');
    });
  });

  it('evicts the peer\'s oldest answer beyond maxEntriesPerPeer', () => {
    createTestScheduler().run(({ cold, flush }) => {
      const { run$, runs } = counted(cold('x|'));
      for (const id of [1, 2, 3, 4]) run$.pipe(rememberAnswers(cache, { peer: 1, id })).subscribe();
      expect(cache.size).toBe(3);
      run$.pipe(rememberAnswers(cache, { peer: 1, id: 4 })).subscribe();
      expect(runs()).toBe(4);
      run$.pipe(rememberAnswers(cache, { peer: 1, id: 1 })).subscribe();
      expect(runs()).toBe(5);
      flush();
    });
  });

  // Regression (issue 13): a shared FIFO let colluding peers push out an honest peer's answer.
  it('a peer over its quota evicts only its own answers, never another peer\'s', () => {
    createTestScheduler().run(({ cold, flush }) => {
      const { run$, runs } = counted(cold('x|'));
      run$.pipe(rememberAnswers(cache, { peer: 'honest', id: 1 })).subscribe();
      for (let peer = 0; peer < 30; peer++) {
        for (let id = 0; id < 5; id++) run$.pipe(rememberAnswers(cache, { peer, id })).subscribe();
      }
      expect(cache.size).toBe(1 + 30 * 3);
      run$.pipe(rememberAnswers(cache, { peer: 'honest', id: 1 })).subscribe();
      expect(runs()).toBe(1 + 30 * 5);
      flush();
    });
  });

  it('counts bytes per peer: past maxBytesPerPeer its oldest answers go, down to the one growing', () => {
    createTestScheduler().run(({ cold, flush }) => {
      const bytes = createAnswerCache({ maxEntriesPerPeer: 10, maxBytesPerPeer: 10, ttl: 100 });
      const sizeOf = (value: string) => value.length;
      const { run$, runs } = counted(cold('(x|)', { x: 'aaaa' }));
      for (const id of [1, 2, 3]) run$.pipe(rememberAnswers(bytes, { peer: 1, id }, sizeOf)).subscribe();
      run$.pipe(rememberAnswers(bytes, { peer: 2, id: 1 }, sizeOf)).subscribe();
      flush();
      expect(bytes.size).toBe(3);
      run$.pipe(rememberAnswers(bytes, { peer: 1, id: 1 }, sizeOf)).subscribe();
      run$.pipe(rememberAnswers(bytes, { peer: 2, id: 1 }, sizeOf)).subscribe();
      flush();
      expect(runs()).toBe(5);
    });
  });

  it('forget(peer) drops that peer\'s answers only, and stops its unwatched handlers', () => {
    createTestScheduler().run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const endless = cold('-');
      const done = cold('d|');
      expectObservable(endless.pipe(rememberAnswers(cache, { peer: 1, id: 1 })), '^!').toBe('');
      expectObservable(done.pipe(rememberAnswers(cache, { peer: 1, id: 2 }))).toBe('d|');
      expectObservable(done.pipe(rememberAnswers(cache, { peer: 2, id: 1 }))).toBe('d|');
      hot('---x').subscribe(() => cache.forget('1'));
      expectSubscriptions(endless.subscriptions).toBe('^--!');
      expectObservable(done.pipe(rememberAnswers(cache, { peer: 2, id: 1 })), '----^').toBe('----(d|)');
      expectObservable(done.pipe(rememberAnswers(cache, { peer: 1, id: 2 })), '----^').toBe('----d|');
      expectSubscriptions(done.subscriptions).toBe(['^!', '^!', '----^!']);
    });
  });

  it.each([
    { maxEntriesPerPeer: 0, ttl: 1 },
    { maxEntriesPerPeer: 1, ttl: 0 },
    { maxEntriesPerPeer: 1.5, ttl: 1 },
    { maxEntriesPerPeer: 1, maxBytesPerPeer: 0, ttl: 1 },
  ])('refuses %p at once', (options) => {
    expect(() => createAnswerCache(options)).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_ARGUMENT }));
  });
});
