import { concatMap, map, type Observable } from 'rxjs';
import { checkName } from '../ground/checks';
import { toListValidator, type Schema, type ValidatedList } from '../ground/schema';

/** A request after {@link validateArguments}: `args` typed by a Standard Schema's output, else unchanged. */
export type WithValidatedArgs<
  Q extends {
    /** The request's arguments, before validation. */
    args: readonly unknown[];
  },
  S extends Schema,
> = Omit<Q, 'args'> & {
  /** The arguments as validated: a Standard Schema's output, else unchanged. */
  args: ValidatedList<S, Q['args']>;
};

/**
 * Gate checking a request's `args` before its handler runs, as the specification's `ValidateCallbackData` does:
 * a Lua schema checks `args[0]` (the data table) and passes the request unchanged; a Standard Schema checks the
 * whole `args` list (a tuple schema) and the request goes on with its output as `args`, typed.
 *
 * Fails with `CallbackError(VALIDATION_FAILED, 'Invalid arguments for callback "<name>": <issues>', { issues })`,
 * issues reading like `args[0].name: Expected string`. A sync schema checks synchronously; an async one delays the
 * request until it is checked.
 *
 * @throws CallbackError `INVALID_ARGUMENT` at once for a schema of neither form.
 */
export function validateArguments<S extends Schema>(
  schema: S,
  callbackName: string,
): <
  Q extends {
    /** The request's arguments, before validation. */
    args: readonly unknown[];
  },
>(source: Observable<Q>) => Observable<WithValidatedArgs<Q, S>> {
  checkName('validateArguments', 'callbackName', callbackName);
  const validate = toListValidator(schema, 'validateArguments', `arguments for callback "${callbackName}"`, 'args');
  return <Q extends { args: readonly unknown[] }>(source: Observable<Q>) =>
    source.pipe(
      concatMap((request) =>
        (validate(request.args) as Observable<ValidatedList<S, Q['args']>>).pipe(map((args) => ({ ...request, args }))),
      ),
    );
}
