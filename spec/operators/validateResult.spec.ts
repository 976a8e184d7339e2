import { z } from 'zod';
import { CallbackError, ErrorCode } from '../../src/ground/errors';
import { validateResult } from '../../src/operators';
import { createTestScheduler } from './testScheduler';

describe('validateResult', () => {
  it('checks the first value of each answer with a Lua schema, passing answers unchanged', () => {
    createTestScheduler().run(({ cold, expectObservable }) => {
      const schema = { required: ['money'], types: { money: 'number' } } as const;
      const answers = cold('-a-b|', { a: [{ money: 5 }, 'note'], b: [{ cash: 5 }] });
      expectObservable(answers.pipe(validateResult(schema, 'getMoney'))).toBe(
        '-a-#',
        { a: [{ money: 5 }, 'note'] },
        new CallbackError(ErrorCode.VALIDATION_FAILED, 'Invalid result from callback "getMoney": missing required field "money"', {
          issues: ['missing required field "money"'],
        }),
      );
    });
  });

  it('replaces each answer with a Standard Schema output', () => {
    createTestScheduler().run(({ cold, expectObservable }) => {
      const schema = z.tuple([z.number().transform((n) => Math.round(n))]);
      const answers = cold('-a-b|', { a: [1.4], b: ['x'] });
      expectObservable(answers.pipe(validateResult(schema, 'getMoney'))).toBe(
        '-a-#',
        { a: [1] },
        new CallbackError(
          ErrorCode.VALIDATION_FAILED,
          'Invalid result from callback "getMoney": result[0]: Invalid input: expected number, received string',
          { issues: ['result[0]: Invalid input: expected number, received string'] },
        ),
      );
    });
  });

  it('refuses an invalid schema at once', () => {
    expect(() => validateResult({ types: { a: 'float' } } as never, 'x')).toThrow(
      expect.objectContaining({ code: ErrorCode.INVALID_ARGUMENT }),
    );
  });
});
