import type { Subscription } from 'rxjs';
import { checkNumber, checkObject, checkTimeout, invalid } from '../../ground/checks';
import type { LuaSchema } from '../../ground/luaSchema';
import type { Packed } from '../../ground/packed';
import { toListCheck, type ListCheck, type Schema } from '../../ground/schema';
import { rateLimit } from '../../operators/rateLimit';
import type { PeerId } from '../endpointOptions';

/** The console line for a name registered twice by one resource: most often a script loaded twice, or a copy-paste slip. */
export function secondRegistrationLine(resource: string, name: string): string {
  return `fxcallbacks: ${resource} registers callback "${name}" a second time; the new handler replaces the first`;
}

/** Options of a registered callback; all optional. */
export interface RegisterOptions {
  /** At most `limit` calls per `window` ms from one player; the excess fails at once with RATE_LIMITED. */
  rateLimit?: {
    /** Calls allowed per window, and the burst allowed after a quiet period. Integer `>= 1`. */
    limit: number;
    /** The window, in ms. `> 0`. */
    window: number;
  };
  /** Checked before the handler runs: a Lua-style `{ required, types }` table (checks the first argument) or
   * any Standard Schema validator such as zod (checks the argument list; use a tuple schema). */
  schema?: Schema;
  /** Checked on each answer before it is sent. */
  resultSchema?: Schema;
  /** How long the handler may take before its caller gets TIMEOUT and the handler is torn down. */
  timeout?: number | false;
  /** Order in the per-player queue of incoming requests (endpoint option `incomingQueue`); higher first.
   * Chosen by the answering side, never by the caller. Default 0. */
  priority?: number;
  /** Largest argument payload this callback accepts, in bytes (roughly counted), instead of the endpoint's
   * `limits.maxArgumentBytes`: e.g. 256 KiB for one callback (sent as a latent event) while the default stays 64 KiB. */
  maxArgumentBytes?: number;
  /** Largest answer this callback sends, in bytes (roughly counted): a bigger one fails with PAYLOAD_TOO_LARGE.
   * Default and upper bound: the endpoint's `largePayloads.maxBytes`. */
  maxAnswerBytes?: number;
  /** Most arguments this callback accepts in one request, instead of the endpoint's `limits.maxValues`. */
  maxValues?: number;
}

/** Options whose schema, if any, is a Lua-style one: a Standard Schema types the handler through another overload. */
export type LuaSchemaOptions<O extends RegisterOptions> = Omit<O, 'schema'> & {
  /** A Lua-style `{ required, types }` table, checking the first argument. */
  schema?: LuaSchema;
};

/** An incoming request as the answering side's checks and handler see it. */
export interface IncomingRequest<P> {
  readonly peer: P;
  readonly id: number;
  readonly name: string;
  args: unknown[];
  /** The arguments as they arrived when a Lua state packed them (then `args` holds them unpacked only for a handler
   * that takes values, or for `validate`). */
  packed?: Packed;
  /** Ends with this request's answer (sent, failed, cancelled by its caller, or its player gone): the calls a
   * handler makes within it end too, so a nested call cannot outlive the call it serves. */
  readonly lifetime: Subscription;
}

/** A check a request passes before its handler runs: throws the `CallbackError` refusing it. */
export type RequestCheck<P> = (request: IncomingRequest<P>) => void;

/** Caps a registration may set for its own callback, instead of the endpoint's `limits`. */
export interface RegistrationCaps {
  maxArgumentBytes?: number;
  maxAnswerBytes?: number;
  maxValues?: number;
}

/**
 * A registered callback: the one shape of its policy (what it checks, how long it may take, its caps) and its
 * handler. Plain functions, composed once by the answering side; the RxJS operators of `src/operators` are built on
 * the same checks.
 */
export interface Registration<P> {
  handler: (request: IncomingRequest<P>) => unknown;
  /** Synchronous checks, in order: the rate limit, then the side's own (the permission). */
  checks: RequestCheck<P>[];
  /** Checks the arguments, and may replace them (a Standard Schema's output); an async schema answers later. */
  validate?: ListCheck;
  /** Checks each answer before it is sent, and may replace it. */
  validateResult?: ListCheck;
  /** How long the handler may take before its caller gets TIMEOUT and the handler is torn down. */
  timeout: number | false;
  /** Order in the per-player queue of incoming requests, when the endpoint has one. */
  priority: number;
  /** Forget per-player state (rate-limit buckets) when a player leaves. */
  forgetPeer?: (peer: P) => void;
  caps: RegistrationCaps;
  /** The handler reads packed arguments from `request.packed` and answers packed values as its answer's one value
   * (the Lua exports: Lua values stay Lua's, Lua to Lua). */
  takesPacked?: boolean;
}

/**
 * Turns registration options into a {@link Registration}. Options are checked here, once, so a bad option fails at
 * registration and not at the first call.
 */
export function buildRegistration<P extends PeerId, H extends (...args: never[]) => unknown>(
  name: string,
  handler: H,
  options: unknown,
  invoke: (handler: H, request: IncomingRequest<P>) => unknown,
  sideChecks: RequestCheck<P>[] = [],
): Registration<P> {
  if (typeof handler !== 'function') throw invalid(`the handler of "${name}" must be a function`);
  const given = checkObject(options, 'register options') as RegisterOptions;
  const checks: RequestCheck<P>[] = [];
  let forgetPeer: ((peer: P) => void) | undefined;

  if (given.rateLimit !== undefined) {
    const limit = checkObject(given.rateLimit, 'rateLimit') as { limit: number; window: number };
    const limiter = rateLimit<IncomingRequest<P>>({ limit: limit.limit, window: limit.window, name, key: (request) => request.peer });
    checks.push(limiter.check);
    forgetPeer = (peer) => limiter.forget(peer);
  }
  checks.push(...sideChecks);
  const validate = given.schema === undefined ? undefined : toListCheck(given.schema, 'validateArguments', `arguments for callback "${name}"`, 'args');
  const validateResult =
    given.resultSchema === undefined ? undefined : toListCheck(given.resultSchema, 'validateResult', `result from callback "${name}"`, 'result');
  const timeout = given.timeout === undefined ? false : checkTimeout(given.timeout, 'timeout');
  const priority = given.priority === undefined ? 0 : checkNumber('register options', 'priority', given.priority);
  const caps: RegistrationCaps = {};
  for (const key of ['maxArgumentBytes', 'maxAnswerBytes', 'maxValues'] as const) {
    if (given[key] !== undefined) caps[key] = checkNumber('register options', key, given[key], { min: 1, integer: true });
  }
  return { handler: (request) => invoke(handler, request), checks, validate, validateResult, timeout, priority, forgetPeer, caps };
}
