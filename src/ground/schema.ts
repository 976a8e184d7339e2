/**
 * The two schema forms a callback can be validated with:
 * - a {@link LuaSchema} (`{ required, types }`, the specification's form, usable from Lua);
 * - any Standard Schema (`@standard-schema/spec`: zod, valibot, arktype, ...), sync or async, whose output type is
 *   inferred and whose output (defaults, coercions, transforms) replaces the input.
 *
 * Both are applied to a list of values, the way values cross the wire (a request's arguments, the values of one
 * answer, as Lua's `cb(a, b)`): a Lua schema checks the first value, the data table of the specification's
 * examples, and leaves the list as it is; a Standard Schema checks the whole list (write a tuple schema, e.g.
 * `z.tuple([z.string(), z.number()])`) and its output replaces the list.
 */
import type { StandardSchemaV1 } from '@standard-schema/spec';
import { from, of, throwError, type Observable } from 'rxjs';
import { CallbackError, ErrorCode } from './errors';
import { assertLuaSchema, checkLuaSchema, type LuaSchema } from './luaSchema';
import { invalidOption } from './checks';

/** A schema for a list of values: a Lua schema for its first value, or a Standard Schema for the whole list. */
export type Schema = LuaSchema | StandardSchemaV1<unknown, readonly unknown[]>;

/** What a list `L` becomes once checked by `S`: a Standard Schema's output type, else `L` unchanged. */
export type ValidatedList<S extends Schema, L extends readonly unknown[]> = [S] extends [
  StandardSchemaV1<unknown, infer Output>,
]
  ? Output
  : L;

/** Checks a list; emits the list to use instead or errors with `VALIDATION_FAILED`. Synchronous for a sync schema. */
export type ListValidator = (list: readonly unknown[]) => Observable<readonly unknown[]>;

/** Most problems listed in an error's `details.issues`; a hostile payload can produce thousands. */
export const MAX_LISTED_ISSUES = 20;
/** Most problems quoted in an error's message, which must stay short enough to cross the wire. */
const MAX_QUOTED_ISSUES = 3;

/** True for a Standard Schema (an object or function carrying a version-1 `~standard.validate`). */
export function isStandardSchema(value: unknown): value is StandardSchemaV1 {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return false;
  const props = (value as Partial<StandardSchemaV1>)['~standard'];
  return typeof props === 'object' && props !== null && props.version === 1 && typeof props.validate === 'function';
}

/**
 * Throws `INVALID_ARGUMENT` unless `schema` is a Standard Schema or a well-formed Lua schema; for checking a schema
 * where it is given (at registration) rather than when the first call arrives.
 *
 * @param owner names the caller in the error message.
 */
export function assertSchema(schema: unknown, owner = 'schema'): asserts schema is Schema {
  if (!isStandardSchema(schema)) assertLuaSchema(schema, owner);
}

/**
 * Turns a schema into a {@link ListValidator}.
 *
 * @param owner names the caller in an `INVALID_ARGUMENT` error.
 * @param what names what is checked in a `VALIDATION_FAILED` message, e.g. `arguments for callback "x"`.
 * @param root prefixes the paths of Standard Schema issues: `args` gives `args[0].name: ...`.
 * @throws CallbackError `INVALID_ARGUMENT` at once for a schema of neither form.
 */
export function toListValidator(schema: Schema, owner: string, what: string, root: string): ListValidator {
  return validatorOf(toListCheck(schema, owner, what, root));
}

/** A {@link ListCheck} as a {@link ListValidator}: synchronous for a sync check. */
export function validatorOf(check: ListCheck): ListValidator {
  return (list) => {
    let checked: ReturnType<ListCheck>;
    try {
      checked = check(list);
    } catch (error) {
      return throwError(() => error);
    }
    return isPromiseLike(checked) ? from(checked) : of(checked);
  };
}

/**
 * Checks a list; returns the list to use instead, or throws `VALIDATION_FAILED`. A sync schema answers at once; an
 * async Standard Schema answers with a Promise (rejected with `VALIDATION_FAILED`).
 */
export type ListCheck = (list: readonly unknown[]) => readonly unknown[] | PromiseLike<readonly unknown[]>;

/** Turns a schema into a {@link ListCheck}; the parameters are those of {@link toListValidator}. */
export function toListCheck(schema: Schema, owner: string, what: string, root: string): ListCheck {
  assertSchema(schema, owner);
  if (!isStandardSchema(schema)) {
    return (list) => {
      const { valid, errors } = checkLuaSchema(list[0], schema);
      if (!valid) throw validationFailed(what, errors);
      return list;
    };
  }
  const validate = schema['~standard'].validate;
  const outputOf = (outcome: StandardSchemaV1.Result<readonly unknown[]>): readonly unknown[] => {
    if (outcome.issues) throw validationFailed(what, outcome.issues.map((issue) => formatIssue(issue, root)));
    if (!Array.isArray(outcome.value)) {
      throw invalidOption(owner, 'schema', 'a schema whose output is a list (a tuple schema)', outcome.value);
    }
    return outcome.value;
  };
  return (list) => {
    const result = validate(list) as StandardSchemaV1.Result<readonly unknown[]> | Promise<StandardSchemaV1.Result<readonly unknown[]>>;
    return isPromiseLike(result) ? result.then(outputOf) : outputOf(result);
  };
}

/**
 * The `VALIDATION_FAILED` error for `issues` found in `what`: the first few quoted in the message, at most
 * {@link MAX_LISTED_ISSUES} in `details.issues`.
 */
function validationFailed(what: string, issues: readonly string[]): CallbackError {
  const quoted = issues.slice(0, MAX_QUOTED_ISSUES).join('; ');
  const more = issues.length > MAX_QUOTED_ISSUES ? ` (and ${issues.length - MAX_QUOTED_ISSUES} more)` : '';
  return new CallbackError(ErrorCode.VALIDATION_FAILED, `Invalid ${what}: ${quoted}${more}`, {
    issues: issues.slice(0, MAX_LISTED_ISSUES),
  });
}

function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as Partial<PromiseLike<T>>).then === 'function';
}

/** `args[0].name: Expected string` style: the path, then the message. */
function formatIssue(issue: StandardSchemaV1.Issue, root: string): string {
  const path = (issue.path ?? [])
    .map((segment) => (typeof segment === 'object' ? segment.key : segment))
    .map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`))
    .join('');
  const where = `${root}${path}`.replace(/^\./, '');
  return where ? `${where}: ${issue.message}` : issue.message;
}
