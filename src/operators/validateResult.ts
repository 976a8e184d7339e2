import { concatMap, type Observable } from 'rxjs';
import { checkName } from '../ground/checks';
import { toListValidator, type Schema, type ValidatedList } from '../ground/schema';

/**
 * Checks each answer of a handler, one list of values (as Lua's `cb(a, b)` sends them) per emission, before it is
 * sent: a Lua schema checks the first value and passes the list unchanged; a Standard Schema checks the whole list
 * (a tuple schema, e.g. `z.tuple([z.number()])` for a handler answering one number) and its output is sent instead,
 * typed. Order is kept, also with an async schema.
 *
 * Fails with `CallbackError(VALIDATION_FAILED, 'Invalid result from callback "<name>": <issues>', { issues })`:
 * a bug on the answering side, reported to the caller rather than sending data its code does not expect.
 *
 * @throws CallbackError `INVALID_ARGUMENT` at once for a schema of neither form.
 */
export function validateResult<S extends Schema>(
  schema: S,
  callbackName: string,
): <L extends readonly unknown[]>(source: Observable<L>) => Observable<ValidatedList<S, L>> {
  checkName('validateResult', 'callbackName', callbackName);
  const validate = toListValidator(schema, 'validateResult', `result from callback "${callbackName}"`, 'result');
  return <L extends readonly unknown[]>(source: Observable<L>) =>
    source.pipe(concatMap((values) => validate(values) as Observable<ValidatedList<S, L>>));
}
