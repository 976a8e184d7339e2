/**
 * How the library sees Lua callbacks: a Lua state (lua/protocol.lua) runs the handler and says how its answer
 * ended; the checks of what Lua hands the exports. The calls themselves go through the same endpoint as
 * TypeScript callers.
 */
import { Observable } from 'rxjs';
import { outliving, values, type Values } from '../core/answer/answer';
import { CallbackError, ErrorCode } from '../ground/errors';
import { invalid } from '../ground/checks';
import type { Packed } from '../core/wire/protocol';

/** How a Lua handler's answer ended, as the Lua side tells it. */
export type LuaOutcome =
  /** The answer's values, packed by the handler's Lua state. */
  | { kind: 'values'; packed: Packed }
  /** An error answer (`cb(nil, 'message')`, a raise): HANDLER_ERROR with that message; `logged` goes to the console. */
  | { kind: 'failed'; message: string; logged?: string }
  /** A `{ status = true }` handler answered without `true` or `false` first. */
  | { kind: 'unmarked' }
  /** A function reference raised (the plain exports): `message` for its caller, `error` for this console. */
  | { kind: 'raised'; message: string; error: string };

/**
 * The answer of a Lua handler: `invoke(settle)` starts it (in the Lua state that holds it, see `LuaStateHandlers`),
 * and `settle` takes how its answer ended, once. Most handlers answer inside `invoke` (the local events are
 * synchronous): their answer is returned as a value, or thrown. A handler that answers later gets a stream that
 * holds its request's slot until it answers, even after its caller gave up (a Lua handler cannot be interrupted; see
 * `outliving`), or until its resource stops; one that has not answered when its call ends is logged.
 */
export function answerLua(
  name: string,
  invoke: (settle: (outcome: LuaOutcome) => void) => void,
  log: (message: string) => void,
  /** Registers how to fail this answer if the handler's resource stops first; returns how to unregister. */
  whileAnswering: (fail: () => void) => () => void,
): Values | Observable<Values> {
  let early: LuaOutcome | undefined;
  let late: ((outcome: LuaOutcome) => void) | undefined;
  invoke((outcome) => {
    if (late) late(outcome);
    else early ??= outcome;
  });
  if (early) return answerOf(name, early, log);

  let hasEnded = false;
  let onEnd: (() => void) | undefined;
  const end = () => {
    if (hasEnded) return;
    hasEnded = true;
    onEnd?.();
  };
  const whenEnded = (callback: () => void) => (hasEnded ? callback() : void (onEnd = callback));
  const answers$ = new Observable<Values>((subscriber) => {
    let answered = false;
    const finish = () => {
      answered = true;
      unwatch();
      end();
    };
    // A call that ends before the handler answered (timeout, cancel, drop) points at a handler bug.
    subscriber.add(() => {
      if (!answered) log(`fxcallbacks: the handler of "${name}" had not answered when its call ended (timeout, cancel or drop); ${RULE}`);
    });
    const unwatch = whileAnswering(() => {
      finish();
      subscriber.error(new CallbackError(ErrorCode.RESOURCE_STOPPED, 'the resource that registered this callback stopped'));
    });
    late = (outcome) => {
      if (answered) return;
      finish();
      let answer: Values;
      try {
        answer = answerOf(name, outcome, log);
      } catch (error) {
        return subscriber.error(error);
      }
      subscriber.next(answer);
      subscriber.complete();
    };
  });
  return outliving(answers$, whenEnded);
}

/** The answer an outcome makes: its values, or the error it throws (logged here when the outcome says so). */
function answerOf(name: string, outcome: LuaOutcome, log: (message: string) => void): Values {
  switch (outcome.kind) {
    case 'values':
      return values(outcome.packed);
    case 'raised':
      log(`fxcallbacks: a callback handler raised an error (callback "${name}"): ${outcome.error}`);
      throw new CallbackError(ErrorCode.HANDLER_ERROR, outcome.message);
    case 'failed':
      if (outcome.logged !== undefined) log(`fxcallbacks: ${outcome.logged}`);
      throw new CallbackError(ErrorCode.HANDLER_ERROR, outcome.message);
    case 'unmarked':
      throw new CallbackError(ErrorCode.HANDLER_ERROR, `"${name}" answered without a status: ${STATUS_RULE}`);
  }
}

const RULE = 'a Lua handler answers by returning one value or by calling cb(...)';
const STATUS_RULE = 'a handler registered with { status = true } answers cb(true, ...values) or cb(false, message)';
/** The export a Lua caller of lua/import.lua says it used: one of `known`. */
export function luaCallExport(value: unknown, known: readonly string[]): string {
  if (typeof value === 'string' && known.includes(value)) return value;
  throw invalid(`a call through an unknown export (${typeName(value)}): lua/import.lua and fxcallbacks are not the same version`);
}

/** The Lua-facing functions check what Lua hands them and say which export and argument was wrong. */
export function requireString(value: unknown, exportName: string, argument: string): string {
  if (typeof value !== 'string' || value === '') throw invalid(`${exportName}: ${argument} must be a non-empty string, got ${typeName(value)}`);
  return value;
}

/**
 * Lua's options tables may hold `status = true` (lua/protocol.lua answers and reports with a status first), a
 * Lua-side option: it is taken out, the rest goes to the library.
 */
export function takeStatus<T extends Record<string, unknown>>(options: T | undefined, exportName: string): { status: boolean; options: T | undefined } {
  if (!options || !('status' in options)) return { status: false, options };
  const { status, ...rest } = options;
  if (typeof status !== 'boolean') throw invalid(`${exportName}: options.status must be a boolean, got ${typeName(status)}`);
  return { status, options: Object.keys(rest).length > 0 ? (rest as T) : undefined };
}

/**
 * Lua tables arrive as arrays or objects; an options table must be a map. `nil` means none, and so does `{}`,
 * which arrives as an empty array.
 */
export function optionalTable(value: unknown, exportName: string, argument: string): Record<string, unknown> | undefined {
  if (value == null || (Array.isArray(value) && value.length === 0)) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw invalid(`${exportName}: ${argument} must be a table of options, got ${typeName(value)}`);
  return value as Record<string, unknown>;
}

function typeName(value: unknown): string {
  if (value === null || value === undefined) return 'nil';
  if (Array.isArray(value)) return 'an array table';
  return typeof value;
}
