/**
 * How Lua resources see callbacks: handlers answer through `cb(...)`, callers receive `(...values)` or
 * `(nil, message)` / `(nil, message, true)` for a timeout. Only the adaptation lives here; the calls
 * themselves go through the same endpoint as TypeScript callers.
 *
 * Functions that come from another resource arrive as FiveM function references: calling one is a call into
 * that resource, which throws once the resource has restarted, and which returns a Promise when the Lua
 * function yields.
 */
import { consoleLine } from '../ground/consoleLine';
import { Observable, Subscription } from 'rxjs';
import { isPromiseLike, outliving, values, type Values } from '../core/answer';
import type { Settle } from '../core/plainCall';
import { CallbackError, ErrorCode } from '../ground/errors';
import { invalid } from '../core/options';
import { entry } from '../ground/runEnd';
import { inspectValues } from '../ground/sendable';

/** A function from another resource (a Lua function arrives as one). */
export type ForeignFunction = (...args: unknown[]) => unknown;

/**
 * Runs a Lua-style handler `(..., cb, ...args)` and turns its `cb(...)`, or what it returns, into one answer.
 * `cb(nil, "message")` is an error answer (HANDLER_ERROR with that message, later values dropped); any other
 * call answers its values in their positions. A second `cb` is ignored. A handler that returns a value other than
 * nil without calling `cb` answers that value (ox_lib's habit; also after a yield): the runtime hands JavaScript
 * several returned values as one list, indistinguishable from a returned table, so a return answers one value. A
 * handler that neither returns nor calls `cb` is logged when its call ends unanswered. A handler that raises fails
 * the call at once with HANDLER_ERROR. A Lua handler is a function reference into its own resource, so what
 * reaches this side depends on when it raised: before yielding, FiveM hands over only a generic error (the
 * handler's message is printed in its own resource) and the caller gets a generic message; after yielding, the
 * error's text crosses and the caller gets its first line, without colour codes or script locations (which would
 * tell a client the server's file layout). The whole error is logged here.
 */
export function answerThroughCallback(
  name: string,
  invoke: (cb: ForeignFunction) => unknown,
  log: (message: string) => void,
  /** Registers how to fail this answer if the handler's resource stops first; returns how to unregister. */
  whileAnswering: (fail: () => void) => () => void,
  /** The registration's `status` option: the handler answers `cb(true, ...values)` or `cb(false, message)`. */
  status = false,
): Observable<Values> {
  // A Lua handler cannot be interrupted: its work ends when it calls cb, returns a value or raises (or its resource
  // stops), even if its caller gave up long before; until then it holds its slot (see `outliving`).
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
    let unwatch: (() => void) | undefined;
    const finish = () => {
      answered = true;
      unwatch?.();
      end();
    };
    // A call that ends before the handler answered (timeout, cancel, drop) points at a handler bug.
    subscriber.add(() => {
      if (!answered) log(`fxcallbacks: the handler of "${name}" had not answered when its call ended (timeout, cancel or drop); ${RULE}`);
    });
    unwatch = whileAnswering(() => {
      finish();
      subscriber.error(new CallbackError(ErrorCode.RESOURCE_STOPPED, 'the resource that registered this callback stopped'));
    });
    const raised = (error: unknown, message = publicMessage(describe(error))) => {
      finish();
      log(`fxcallbacks: a callback handler raised an error (callback "${name}"): ${describe(error)}`);
      subscriber.error(new CallbackError(ErrorCode.HANDLER_ERROR, message));
    };
    const cb = (...given: unknown[]) => {
      finish();
      if (status && given[0] !== true) {
        const message = given[0] === false ? String(given[1] ?? GENERIC_HANDLER_ERROR) : `"${name}" answered without a status: ${STATUS_RULE}`;
        subscriber.error(new CallbackError(ErrorCode.HANDLER_ERROR, message));
        return;
      }
      const results = status ? given.slice(1) : given;
      if (!status && results[0] == null && typeof results[1] === 'string') {
        subscriber.error(new CallbackError(ErrorCode.HANDLER_ERROR, results[1]));
        return;
      }
      const cut = luaNestingError(results, `the answer of "${name}"`, ErrorCode.HANDLER_ERROR);
      if (cut) {
        log(`fxcallbacks: ${cut.message}`);
        subscriber.error(cut);
        return;
      }
      subscriber.next(values(...results));
      subscriber.complete();
    };
    // Nothing returned arrives as undefined from Lua, and as null from JavaScript (msgpack has no undefined).
    const answerReturned = (returned: unknown) => {
      if (returned != null && !answered) cb(returned);
    };
    let returned: unknown;
    try {
      // A handler that answers later calls cb from its own thread or tick: an entry into this resource.
      returned = invoke(entry(cb));
    } catch (error) {
      raised(error, GENERIC_HANDLER_ERROR); // the runtime's "Error in nested ref call", not the handler's text
      return;
    }
    // A Lua handler that yields (Wait, Citizen.Await) hands back a Promise: its failure is the handler's.
    if (isPromiseLike(returned)) returned.then(status ? undefined : answerReturned, raised);
    else if (!status) answerReturned(returned);
  });
  return outliving(answers$, whenEnded);
}

/** lua-cmsgpack (CfxLua's msgpack) packs a table nested this many levels deep (the top value is level 0) as nil. */
const LUA_MAX_NESTING = 16;

/**
 * Values from Lua that hold a table at the level where lua-cmsgpack starts packing tables as nil may have lost
 * their deeper part on the way, silently: they are refused with `code` rather than used cut.
 */
export function luaNestingError(values: readonly unknown[], what: string, code: ErrorCode): CallbackError | undefined {
  if (!inspectValues(values, LUA_MAX_NESTING - 1).tooDeep) return undefined;
  return new CallbackError(
    code,
    `Lua tables in ${what} are nested ${LUA_MAX_NESTING} levels deep, where FiveM's msgpack cuts them off: at most ${LUA_MAX_NESTING - 1} levels cross intact`,
    { maxDepth: LUA_MAX_NESTING - 1 },
  );
}

const GENERIC_HANDLER_ERROR = 'the handler raised an error';
const RULE = 'a Lua handler answers by returning one value or by calling cb(...)';
const STATUS_RULE = 'a handler registered with { status = true } answers cb(true, ...values) or cb(false, message)';
/**
 * What a handler's caller may learn of its error: `^1SCRIPT ERROR: @res/file.lua:12: kaboom^7\n<traceback>` gives
 * `kaboom` (a client must not learn the server's file layout), then `consoleLine`. lua/helpers.lua's
 * `fx.publicMessage`.
 */
export function publicMessage(error: string): string {
  let text = (error.replace(/\^\d/g, '').split('\n')[0] ?? '').replace(/^SCRIPT ERROR:[ \t\v\f\r]*/, '');
  for (let before = ''; before !== text; ) {
    before = text;
    text = text.replace(/^[ \t\v\f\r]*@?[\w./-]+:\d+:[ \t\v\f\r]*/, '').replace(/^[ \t\v\f\r]*\[string ".*?"\]:\d+:[ \t\v\f\r]*/, '');
  }
  return consoleLine(text) || GENERIC_HANDLER_ERROR;
}

/**
 * Starts a call on behalf of a Lua caller and reports to its callback exactly once: the answer's values,
 * or `(nil, message)`, or `(nil, message, true)` on timeout. With the call option `status` (the shims use it, so
 * that `nil, 'reason'` stays an answer): `(true, ...values)`, or `(false, message, code)` on a failure. A callback
 * of a resource that has since restarted throws; that is logged, not rethrown into the library.
 */
export function reportToCallback(start: (done: Settle) => Subscription, cb: ForeignFunction, log: (message: string) => void, status = false): Subscription {
  // The values are spread inside the try: spreading a huge list throws (RangeError), and the call must still end.
  const call = (args: unknown[]) => {
    try {
      const returned = cb(...args);
      if (isPromiseLike(returned)) returned.then(undefined, (error: unknown) => log(`fxcallbacks: a Lua callback failed: ${describe(error)}`));
    } catch (error) {
      log(`fxcallbacks: calling back the caller failed (its callback raised, or its resource restarted): ${describe(error)}`);
    }
  };
  return start((failure, values) => {
    if (status) call(failure ? [false, failure.message, failure.code] : [true, ...(values ?? [])]);
    else if (!failure) call(values ?? []);
    else call(failure.code === ErrorCode.TIMEOUT ? [null, failure.message, true] : [null, failure.message]);
  });
}

/** A call refused before it started, reported as its answer would be; there is nothing to give up. */
export function refused(done: Settle, error: CallbackError): Subscription {
  done(error);
  return Subscription.EMPTY;
}

/** The Lua-facing functions check what Lua hands them and say which export and argument was wrong. */
export function requireFunction(value: unknown, exportName: string, argument: string): ForeignFunction {
  if (typeof value !== 'function') throw invalid(`${exportName}: ${argument} must be a function, got ${typeName(value)}`);
  return value as ForeignFunction;
}

export function requireString(value: unknown, exportName: string, argument: string): string {
  if (typeof value !== 'string' || value === '') throw invalid(`${exportName}: ${argument} must be a non-empty string, got ${typeName(value)}`);
  return value;
}

/**
 * Lua's options tables may hold `status = true` (see `answerThroughCallback`, `reportToCallback`), a Lua-side
 * option: it is taken out, the rest goes to the library.
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

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
