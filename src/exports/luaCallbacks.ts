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
import { isPromiseLike, outliving, values, type Values } from '../core/answer/answer';
import type { Settle } from '../core/call/plainCall';
import { CallbackError, ErrorCode } from '../ground/errors';
import { invalid } from '../ground/checks';
import { entry } from '../ground/runEnd';
import { isPacked, type Packed, type Payload } from '../core/wire/protocol';

/** A function from another resource (a Lua function arrives as one). */
export type ForeignFunction = (...args: unknown[]) => unknown;

/** How a Lua handler's answer ended, as the Lua side tells it. */
export type LuaOutcome =
  /** The answer's values, packed by the handler's Lua state. */
  | { kind: 'values'; packed: Packed }
  /** An error answer (`cb(nil, 'message')`, a raise): HANDLER_ERROR with that message. */
  | { kind: 'failed'; message: string }
  /** The values hold a table where lua-cmsgpack cuts tables off. */
  | { kind: 'cut' }
  /** A `{ status = true }` handler answered without `true` or `false` first. */
  | { kind: 'unmarked' };

/**
 * The answers of a Lua handler: `invoke(settle)` starts it, and `settle` takes how its answer ended (the first
 * time). A handler that neither returns nor calls `cb` is logged when its call ends unanswered. `invoke` throwing
 * fails the call at once with HANDLER_ERROR and a generic message (the runtime's "Error in nested ref call", not the
 * handler's text); a Promise it returns (a function reference that yielded) that rejects fails it with the error's
 * first line, without colour codes or script locations (which would tell a client the server's file layout). The
 * whole error is logged here.
 */
export function answerLua(
  name: string,
  invoke: (settle: (outcome: LuaOutcome) => void) => unknown,
  log: (message: string) => void,
  /** Registers how to fail this answer if the handler's resource stops first; returns how to unregister. */
  whileAnswering: (fail: () => void) => () => void,
): Observable<Values> {
  // A Lua handler cannot be interrupted: its work ends when it answers or raises (or its resource stops), even if
  // its caller gave up long before; until then it holds its slot (see `outliving`).
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
    const settle = (outcome: LuaOutcome) => {
      if (answered) return;
      finish();
      if (outcome.kind === 'values') {
        subscriber.next(values(outcome.packed));
        subscriber.complete();
        return;
      }
      if (outcome.kind === 'cut') {
        const error = luaNestingError(`the answer of "${name}"`, ErrorCode.HANDLER_ERROR);
        log(`fxcallbacks: ${error.message}`);
        subscriber.error(error);
        return;
      }
      const message = outcome.kind === 'failed' ? outcome.message : `"${name}" answered without a status: ${STATUS_RULE}`;
      subscriber.error(new CallbackError(ErrorCode.HANDLER_ERROR, message));
    };
    let returned: unknown;
    try {
      returned = invoke(settle);
    } catch (error) {
      raised(error, GENERIC_HANDLER_ERROR); // the runtime's "Error in nested ref call", not the handler's text
      return;
    }
    // A Lua handler that yields (Wait, Citizen.Await) hands back a Promise: its failure is the handler's.
    if (isPromiseLike(returned)) returned.then(undefined, raised);
  });
  return outliving(answers$, whenEnded);
}

/**
 * Runs a Lua-style handler through the Lua layer of the plain exports (src/exports/shared.lua's `FxcbAnswering`),
 * which calls it in Lua, packs what it answers there and hands the packed values over (see `Handover`) before
 * calling the `cb` given here with the answer's first two values as JavaScript sees them (`first`, `second`), or
 * with `cut` when the values hold a table at the level where lua-cmsgpack starts cutting tables off.
 * `cb(nil, "message")` is an error answer; any other call answers the packed values, as they came (a second `cb` is
 * ignored). With `status`, the handler answers `cb(true, ...values)` or `cb(false, message)`.
 */
export function answerThroughCallback(
  name: string,
  invoke: (cb: ForeignFunction) => unknown,
  handedOver: () => Packed | undefined,
  log: (message: string) => void,
  whileAnswering: (fail: () => void) => () => void,
  status = false,
): Observable<Values> {
  return answerLua(
    name,
    (settle) =>
      // A handler that answers later calls cb from its own thread or tick: an entry into this resource.
      invoke(
        entry((first?: unknown, second?: unknown, cut?: unknown) => {
          const packed = handedOver();
          if (cut === true) return settle({ kind: 'cut' });
          if (status && first !== true) {
            return settle(first === false ? { kind: 'failed', message: String(second ?? GENERIC_HANDLER_ERROR) } : { kind: 'unmarked' });
          }
          if (!status && first == null && typeof second === 'string') return settle({ kind: 'failed', message: second });
          settle(packed ? { kind: 'values', packed } : { kind: 'failed', message: `the answer of "${name}" was not handed over packed` });
        }),
      ),
    log,
    whileAnswering,
  );
}

/** lua-cmsgpack (CfxLua's msgpack) packs a table nested this many levels deep (the top value is level 0) as nil. */
const LUA_MAX_NESTING = 16;

/**
 * Values from Lua that hold a table at the level where lua-cmsgpack starts packing tables as nil may have lost
 * their deeper part on the way, silently: the Lua layer (src/exports/shared.lua's `reachesCut`) finds them, and they are
 * refused with `code` rather than used cut.
 */
export function luaNestingError(what: string, code: ErrorCode): CallbackError {
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
 * `kaboom` (a client must not learn the server's file layout), then `consoleLine`. An error that crossed
 * Citizen.Await on its way carries the scheduler's location and the first SCRIPT ERROR after it: both go. lua/helpers.lua's
 * `fx.publicMessage`.
 */
export function publicMessage(error: string): string {
  let text = (error.replace(/\^\d/g, '').split('\n')[0] ?? '').replace(/^SCRIPT ERROR:[ \t\v\f\r]*/, '');
  for (let before = ''; before !== text; ) {
    before = text;
    text = text
      .replace(/^[ \t\v\f\r]*@?[\w./-]+:\d+:[ \t\v\f\r]*/, '')
      .replace(/^[ \t\v\f\r]*\[string ".*?"\]:\d+:[ \t\v\f\r]*/, '')
      .replace(/^[ \t\v\f\r]*citizen:[\w./-]+:\d+:[ \t\v\f\r]*/, '')
      .replace(/^SCRIPT ERROR:[ \t\v\f\r]*/, '');
  }
  return consoleLine(text) || GENERIC_HANDLER_ERROR;
}

/**
 * Starts a call on behalf of a Lua caller and reports to its callback exactly once, through the Lua layer of the
 * exports (src/exports/shared.lua's `calledBack`), which unpacks packed values in Lua: `cb(packed, status)` for an answer
 * a Lua handler packed, `cb(nil, ...reported)` for anything else, reported as it is: the answer's values, or
 * `(nil, message)`, or `(nil, message, true)` on timeout. With the call option `status` (the shims use it, so that
 * `nil, 'reason'` stays an answer): `(true, ...values)`, or `(false, message, code)` on a failure. The call packed its
 * arguments, so its answer is the payload as it came (see `Caller.answerFor`). A callback of a resource that has
 * since restarted throws; that is logged, not rethrown into the library.
 */
export function reportToCallback(start: (done: Settle) => Subscription, cb: ForeignFunction, log: (message: string) => void, status = false): Subscription {
  // The values are spread inside the try: spreading a huge list throws (RangeError), and the call must still end.
  const call = (args: () => unknown[]) => {
    try {
      const returned = cb(...args());
      if (isPromiseLike(returned)) returned.then(undefined, (error: unknown) => log(`fxcallbacks: a Lua callback failed: ${describe(error)}`));
    } catch (error) {
      log(`fxcallbacks: calling back the caller failed (its callback raised, or its resource restarted): ${describe(error)}`);
    }
  };
  return start((failure, answer) => {
    const payload = answer?.[0] as Payload | undefined;
    if (!failure && isPacked(payload)) return call(() => [payload, status]);
    const values = (payload as unknown[] | undefined) ?? [];
    if (status) call(() => (failure ? [null, false, failure.message, failure.code] : [null, true, ...values]));
    else if (!failure) call(() => [null, ...values]);
    else call(() => (failure.code === ErrorCode.TIMEOUT ? [null, null, failure.message, true] : [null, null, failure.message]));
  });
}

/** The Lua layer called without handing the arguments over: a bug of the Lua layer, not of the caller. */
export function notHandedOver(exportName: string): CallbackError {
  return new CallbackError(ErrorCode.INVALID_ARGUMENT, `${exportName}: the arguments were not handed over packed (call the export, not its internal part)`);
}

/** The export a Lua caller of lua/import.lua says it used: one of `known`. */
export function luaCallExport(value: unknown, known: readonly string[]): string {
  if (typeof value === 'string' && known.includes(value)) return value;
  throw invalid(`a call through an unknown export (${typeName(value)}): lua/import.lua and fxcallbacks are not the same version`);
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
