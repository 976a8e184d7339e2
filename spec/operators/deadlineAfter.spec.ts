import { CallbackError, ErrorCode } from '../../src/ground/errors';
import { deadlineAfter } from '../../src/operators';
import { createTestScheduler } from './testScheduler';

const timedOut = (ms: number, key = 'timeout') =>
  new CallbackError(ErrorCode.TIMEOUT, `Callback "getMoney" timed out after ${ms} ms`, { [key]: ms });

describe('deadlineAfter', () => {
  it('errors with TIMEOUT at the deadline however often the source emits, and unsubscribes it', () => {
    createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const keepAlive = cold('-a-a-a-a-a-a|');
      expectObservable(keepAlive.pipe(deadlineAfter(5, 'getMoney'))).toBe('-a-a-#', { a: 'a' }, timedOut(5));
      expectSubscriptions(keepAlive.subscriptions).toBe('^----!');
    });
  });

  it('names the option that set it', () => {
    createTestScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('-a-a-a|').pipe(deadlineAfter(3, 'getMoney', 'maxDuration'))).toBe('-a-#', { a: 'a' }, timedOut(3, 'maxDuration'));
    });
  });

  it('lets a source that ends in time through, and stops its clock', () => {
    createTestScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('-a-b|').pipe(deadlineAfter(5, 'getMoney'))).toBe('-a-b|');
    });
  });

  it.each([false, Infinity] as const)('has no deadline with %p', (ms) => {
    createTestScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('1000s a|').pipe(deadlineAfter(ms, 'getMoney'))).toBe('1000s a|');
    });
  });

  it.each([0, -1, NaN, '5' as unknown as number])('refuses ms = %p at once with INVALID_ARGUMENT', (ms) => {
    expect(() => deadlineAfter(ms, 'getMoney')).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_ARGUMENT }));
  });
});
