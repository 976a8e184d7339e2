import { firstValueFrom, of } from 'rxjs';
import { z } from 'zod';
import { CallbackError, ErrorCode } from '../../src/ground/errors';
import { assertSchema, MAX_LISTED_ISSUES } from '../../src/ground';
import { validateArguments } from '../../src/operators';
import { createTestScheduler } from './testScheduler';

interface Request {
  player: number;
  args: unknown[];
}

const failed = (message: string, issues: string[]) => new CallbackError(ErrorCode.VALIDATION_FAILED, message, { issues });

describe('validateArguments', () => {
  describe('with a Lua schema', () => {
    const schema = { required: ['action'], types: { action: 'string' } } as const;

    it('checks args[0] and passes the request unchanged', () => {
      createTestScheduler().run(({ cold, expectObservable }) => {
        const request: Request = { player: 1, args: [{ action: 'buy' }, 'extra'] };
        expectObservable(cold('-r|', { r: request }).pipe(validateArguments(schema, 'shop'))).toBe('-r|', { r: request });
      });
    });

    it('fails with VALIDATION_FAILED listing the problems', () => {
      createTestScheduler().run(({ cold, expectObservable }) => {
        const bad = cold('-r|', { r: { player: 1, args: [{ action: 3 }] } });
        expectObservable(bad.pipe(validateArguments(schema, 'shop'))).toBe(
          '-#',
          undefined,
          failed('Invalid arguments for callback "shop": field "action" must be a string, got number', [
            'field "action" must be a string, got number',
          ]),
        );
        const none = cold('r', { r: { player: 1, args: [] } });
        expectObservable(none.pipe(validateArguments(schema, 'shop'))).toBe(
          '#',
          undefined,
          failed('Invalid arguments for callback "shop": expected a table, got nil', ['expected a table, got nil']),
        );
      });
    });
  });

  describe('with a Standard Schema (zod)', () => {
    const schema = z.tuple([z.object({ name: z.string() }), z.number().default(3)]);

    it('checks the whole list synchronously and replaces args with the output, typed', () => {
      createTestScheduler().run(({ cold, expectObservable }) => {
        const request: Request = { player: 1, args: [{ name: 'Ann', extra: true }] };
        const checked = cold('-r|', { r: request }).pipe(validateArguments(schema, 'greet'));
        const typed: typeof checked extends import('rxjs').Observable<{ player: number; args: [{ name: string }, number] }>
          ? true
          : false = true;
        expect(typed).toBe(true);
        expectObservable(checked).toBe('-r|', { r: { player: 1, args: [{ name: 'Ann' }, 3] } });
      });
    });

    it('reports issues with their path under args', () => {
      createTestScheduler().run(({ cold, expectObservable }) => {
        const request: Request = { player: 1, args: [{ name: 1 }, 'x'] };
        const issues = [
          'args[0].name: Invalid input: expected string, received number',
          'args[1]: Invalid input: expected number, received string',
        ];
        expectObservable(cold('r', { r: request }).pipe(validateArguments(schema, 'greet'))).toBe(
          '#',
          undefined,
          failed(`Invalid arguments for callback "greet": ${issues.join('; ')}`, issues),
        );
      });
    });

    it('waits for an async schema', async () => {
      const slow = z.tuple([z.string()]).refine(async ([text]) => text !== 'no', 'refused');
      const request: Request = { player: 1, args: ['yes'] };
      await expect(firstValueFrom(of(request).pipe(validateArguments(slow, 'async')))).resolves.toEqual(request);
      await expect(
        firstValueFrom(of({ player: 1, args: ['no'] }).pipe(validateArguments(slow, 'async'))),
      ).rejects.toMatchObject({
        code: ErrorCode.VALIDATION_FAILED,
        message: 'Invalid arguments for callback "async": args: refused',
        details: { issues: ['args: refused'] },
      });
    });

    it('quotes three issues in the message and lists at most MAX_LISTED_ISSUES', () => {
      const many = z.tuple([z.array(z.string())]);
      const request = { args: [Array.from({ length: 50 }, (_, n) => n)] };
      let error: CallbackError | undefined;
      of(request)
        .pipe(validateArguments(many, 'list'))
        .subscribe({ error: (e: CallbackError) => (error = e) });
      const issue = (n: number) => `args[0][${n}]: Invalid input: expected string, received number`;
      expect(error?.message).toBe(`Invalid arguments for callback "list": ${issue(0)}; ${issue(1)}; ${issue(2)} (and 47 more)`);
      expect(error?.details).toEqual({ issues: Array.from({ length: MAX_LISTED_ISSUES }, (_, n) => issue(n)) });
    });

    it('refuses, as INVALID_ARGUMENT, a schema whose output is not a list', () => {
      let error: CallbackError | undefined;
      of({ args: [{ a: 1 }] })
        .pipe(validateArguments(z.array(z.unknown()).transform(() => 'not a list') as never, 'x'))
        .subscribe({ error: (e: CallbackError) => (error = e) });
      expect(error?.code).toBe(ErrorCode.INVALID_ARGUMENT);
    });
  });

  it.each([null, 'schema', { required: 'a' }, { '~standard': { version: 2, validate: () => ({}) } }])(
    'refuses the schema %p at once with INVALID_ARGUMENT',
    (schema) => {
      expect(() => validateArguments(schema as never, 'x')).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_ARGUMENT }));
      expect(() => assertSchema(schema)).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_ARGUMENT }));
    },
  );

  it('refuses an empty callback name at once', () => {
    expect(() => validateArguments({}, '')).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_ARGUMENT }));
  });
});
