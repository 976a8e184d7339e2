import { defer } from 'rxjs';
import { CallbackError, ErrorCode } from '../../src/ground/errors';
import { backoffDelay, retryWithBackoff } from '../../src/operators';
import { createTestScheduler } from './testScheduler';

const timeout = new CallbackError(ErrorCode.TIMEOUT, 'Callback "x" timed out after 2 ms', { timeout: 2 });
const handlerError = new CallbackError(ErrorCode.HANDLER_ERROR, 'boom');
const invalid = expect.objectContaining({ code: ErrorCode.INVALID_ARGUMENT });

describe('backoffDelay', () => {
  it('doubles from baseDelay up to maxDelay', () => {
    const options = { baseDelay: 100, maxDelay: 500, jitter: 0 };
    expect([1, 2, 3, 4, 5].map((attempt) => backoffDelay(attempt, options))).toEqual([100, 200, 400, 500, 500]);
  });

  it('defaults to 1000 ms doubling, capped at 30 s', () => {
    expect([1, 2, 6, 7].map((attempt) => backoffDelay(attempt, { jitter: 0 }))).toEqual([1000, 2000, 30_000, 30_000]);
  });

  it('takes up to the share `jitter` off at random', () => {
    expect(backoffDelay(2, { baseDelay: 100, jitter: 0.5, random: () => 0 })).toBe(200);
    expect(backoffDelay(2, { baseDelay: 100, jitter: 0.5, random: () => 0.5 })).toBe(150);
    expect(backoffDelay(2, { baseDelay: 100, jitter: 1, random: () => 0.25 })).toBe(150);
    expect(backoffDelay(2, { baseDelay: 100, jitter: 1, random: () => 0.75 })).toBe(50);
  });

  it.each([
    [0, {}],
    [1.5, {}],
    [1, { jitter: 1.5 }],
    [1, { baseDelay: -1 }],
    [1, { baseDelay: 100, maxDelay: 50 }],
  ])('refuses attempt %p with %p', (attempt, options) => {
    expect(() => backoffDelay(attempt, options)).toThrow(invalid);
  });
});

describe('retryWithBackoff', () => {
  it('resubscribes after each TIMEOUT with growing delays, then passes the last error on', () => {
    createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const call = cold('--#', undefined, timeout);
      const retried = call.pipe(retryWithBackoff({ retries: 2, baseDelay: 10, jitter: 0 }));
      expectObservable(retried).toBe('36ms #', undefined, timeout);
      expectSubscriptions(call.subscriptions).toBe(['^-!', '12ms ^-!', '34ms ^-!']);
    });
  });

  it('answers with the first attempt that succeeds', () => {
    createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      let attempts = 0;
      const call = cold('--#', undefined, timeout);
      const flaky = cold('-a|');
      const source = defer(() => (++attempts < 2 ? call : flaky));
      expectObservable(source.pipe(retryWithBackoff({ retries: 3, baseDelay: 5, jitter: 0 }))).toBe('8ms a|');
      expectSubscriptions(flaky.subscriptions).toBe('7ms ^-!');
    });
  });

  it.each([ErrorCode.HANDLER_ERROR, ErrorCode.NO_SUCH_CALLBACK, ErrorCode.VALIDATION_FAILED, ErrorCode.FORBIDDEN])(
    'does not retry %s by default',
    (code) => {
      createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const error = new CallbackError(code, 'no');
        const call = cold('--#', undefined, error);
        expectObservable(call.pipe(retryWithBackoff({ retries: 3, baseDelay: 1 }))).toBe('--#', undefined, error);
        expectSubscriptions(call.subscriptions).toBe('^-!');
      });
    },
  );

  it('retries what shouldRetry accepts, and tells onRetry each attempt and delay', () => {
    createTestScheduler().run(({ cold, expectObservable, flush }) => {
      const seen: unknown[] = [];
      const call = cold('-#', undefined, handlerError);
      const retried = call.pipe(
        retryWithBackoff({
          retries: 2,
          baseDelay: 4,
          jitter: 0.5,
          random: () => 0.5,
          shouldRetry: (error, attempt) => (error as CallbackError).code === ErrorCode.HANDLER_ERROR && attempt <= 2,
          onRetry: (error, attempt, delay) => seen.push([(error as CallbackError).code, attempt, delay]),
        }),
      );
      // Waits 3 ms (4 ms, a quarter off), then 6 ms (8 ms, a quarter off).
      expectObservable(retried).toBe('12ms #', undefined, handlerError);
      flush();
      expect(seen).toEqual([
        [ErrorCode.HANDLER_ERROR, 1, 3],
        [ErrorCode.HANDLER_ERROR, 2, 6],
      ]);
    });
  });

  it('with retries: 0 passes the first error on', () => {
    createTestScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('-#', undefined, timeout).pipe(retryWithBackoff({ retries: 0 }))).toBe('-#', undefined, timeout);
    });
  });

  it.each([{ retries: -1 }, { retries: 1.5 }, { retries: 1, jitter: -0.1 }, { retries: 1, shouldRetry: 'yes' as never }])(
    'refuses %p at once',
    (options) => {
      expect(() => retryWithBackoff(options)).toThrow(invalid);
    },
  );
});
