import { CallbackError, ErrorCode } from '../../src/ground/errors';
import { timeoutAfter } from '../../src/operators';
import { createTestScheduler } from './testScheduler';

const timedOut = (ms: number) =>
  new CallbackError(ErrorCode.TIMEOUT, `Callback "getMoney" timed out after ${ms} ms`, { timeout: ms });

describe('timeoutAfter', () => {
  it('errors with TIMEOUT when nothing arrives within ms, and unsubscribes the source', () => {
    createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const call = cold('------a|');
      expectObservable(call.pipe(timeoutAfter(5, 'getMoney'))).toBe('-----#', undefined, timedOut(5));
      expectSubscriptions(call.subscriptions).toBe('^----!');
    });
  });

  it('restarts the clock at every value, so a streaming answer stays alive', () => {
    createTestScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('--a--b--c|').pipe(timeoutAfter(3, 'getMoney'))).toBe('--a--b--c|');
      expectObservable(cold('--a-----b|').pipe(timeoutAfter(3, 'getMoney'))).toBe('--a--#', { a: 'a' }, timedOut(3));
    });
  });

  it('stops waiting at completion', () => {
    createTestScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('--|').pipe(timeoutAfter(3, 'getMoney'))).toBe('--|');
    });
  });

  it.each([false, Infinity] as const)('never times out with %p', (ms) => {
    createTestScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('1000s a|').pipe(timeoutAfter(ms, 'getMoney'))).toBe('1000s a|');
    });
  });

  it.each([0, -1, NaN, '5' as unknown as number])('refuses ms = %p at once with INVALID_ARGUMENT', (ms) => {
    expect(() => timeoutAfter(ms, 'getMoney')).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_ARGUMENT }));
  });
});
