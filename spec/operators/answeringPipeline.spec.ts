import { of, switchMap, type Observable } from 'rxjs';
import { z } from 'zod';
import { CallbackError, ErrorCode } from '../../src/ground/errors';
import { createAnswerCache } from '../../src/ground';
import {
  rateLimit,
  rememberAnswers,
  requirePermission,
  validateArguments,
  validateResult,
} from '../../src/operators';
import { createTestScheduler } from './testScheduler';

interface Request {
  peer: number;
  id: number;
  name: string;
  args: unknown[];
}

/** The answering side as the core builds it: operators made once per registration, one stream per request. */
function register() {
  const limiter = rateLimit<Request>({ limit: 2, window: 1000, key: (request) => request.peer });
  const permission = requirePermission('shop.buy', (player: number) => player !== 666);
  const checkArgs = validateArguments(z.tuple([z.string(), z.number().int().positive()]), 'buy');
  const checkResult = validateResult(z.tuple([z.object({ total: z.number() })]), 'buy');
  const answers = createAnswerCache({ maxEntriesPerPeer: 100, ttl: 60_000 });
  let runs = 0;
  const answer = (request: Request): Observable<[{ total: number }]> =>
    of(request).pipe(
      limiter.gate,
      permission,
      checkArgs,
      switchMap(({ args: [item, count] }) => {
        runs++;
        // The result schema strips `debug`.
        return of([{ total: count * item.length, debug: item }] as unknown[]);
      }),
      checkResult,
      rememberAnswers(answers, { peer: request.peer, id: request.id }),
    );
  return { answer, runs: () => runs };
}

const buy = (player: number, id: number, args: unknown[]): Request => ({ peer: player, id, name: 'buy', args });

describe('an answering pipeline of gates', () => {
  it('answers a valid request, typed from the schemas', () => {
    createTestScheduler().run(({ expectObservable }) => {
      const { answer } = register();
      expectObservable(answer(buy(1, 1, ['apple', 2]))).toBe('(a|)', { a: [{ total: 10 }] });
    });
  });

  it('refuses in gate order, and a retried id is answered from memory without passing the gates again', () => {
    createTestScheduler().run(({ expectObservable, flush }) => {
      const { answer, runs } = register();
      const forbidden = new CallbackError(ErrorCode.FORBIDDEN, 'Calling callback "buy" requires permission "shop.buy"', {
        ace: 'shop.buy',
      });
      expectObservable(answer(buy(666, 1, ['apple', 2]))).toBe('#', undefined, forbidden);
      expectObservable(answer(buy(1, 1, ['apple', -2]))).toBe(
        '#',
        undefined,
        new CallbackError(ErrorCode.VALIDATION_FAILED, 'Invalid arguments for callback "buy": args[1]: Too small: expected number to be >0', {
          issues: ['args[1]: Too small: expected number to be >0'],
        }),
      );
      expectObservable(answer(buy(1, 2, ['pear', 1]))).toBe('(a|)', { a: [{ total: 4 }] });
      expectObservable(answer(buy(1, 2, ['pear', 1]))).toBe('(a|)', { a: [{ total: 4 }] });
      expectObservable(answer(buy(1, 3, ['pear', 1]))).toBe(
        '#',
        undefined,
        new CallbackError(ErrorCode.RATE_LIMITED, 'Too many calls to callback "buy": at most 2 per 1000 ms', {
          limit: 2,
          window: 1000,
          retryAfter: 500,
        }),
      );
      flush();
      expect(runs()).toBe(1);
    });
  });
});
