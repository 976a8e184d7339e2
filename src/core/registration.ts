import type { MonoTypeOperatorFunction } from 'rxjs';
import type { AnswerValues } from './answer';
import type { IncomingRequest, PeerId, Registration, RegistrationCaps } from './endpoint';
import { checkObject, checkTimeout, invalid } from './options';
import { checkNumber } from '../ground/checks';
import { rateLimit, timeoutAfter, validateArguments, validateResult } from '../operators';
import type { LuaSchema } from '../ground/luaSchema';
import type { Schema } from '../ground/schema';

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

/**
 * Turns registration options into the gates and answer operators of a {@link Registration}. Options are
 * checked here, once, so a bad option fails at registration and not at the first call.
 */
export function buildRegistration<P extends PeerId, H extends (...args: never[]) => unknown>(
  name: string,
  handler: H,
  options: unknown,
  invoke: (handler: H, request: IncomingRequest<P>) => unknown,
  sideGates: MonoTypeOperatorFunction<IncomingRequest<P>>[] = [],
): Registration<P> {
  if (typeof handler !== 'function') throw invalid(`the handler of "${name}" must be a function`);
  const given = checkObject(options, 'register options') as RegisterOptions;
  const gates: MonoTypeOperatorFunction<IncomingRequest<P>>[] = [];
  const answerOperators: MonoTypeOperatorFunction<AnswerValues>[] = [];
  let forgetPeer: ((peer: P) => void) | undefined;

  if (given.rateLimit !== undefined) {
    const limit = checkObject(given.rateLimit, 'rateLimit') as { limit: number; window: number };
    const limiter = rateLimit<IncomingRequest<P>>({ limit: limit.limit, window: limit.window, name, key: (request) => request.peer });
    gates.push(limiter.gate);
    forgetPeer = (peer) => limiter.forget(peer);
  }
  gates.push(...sideGates);
  if (given.schema !== undefined) gates.push(validateArguments(given.schema, name));
  if (given.resultSchema !== undefined) answerOperators.push(validateResult(given.resultSchema, name));
  if (given.timeout !== undefined) answerOperators.push(timeoutAfter(checkTimeout(given.timeout, 'timeout'), name));

  const priority = given.priority === undefined ? 0 : checkNumber('register options', 'priority', given.priority);
  const caps: RegistrationCaps = {};
  for (const key of ['maxArgumentBytes', 'maxAnswerBytes', 'maxValues'] as const) {
    if (given[key] !== undefined) caps[key] = checkNumber('register options', key, given[key], { min: 1, integer: true });
  }
  return { gates, answerOperators, handler: (request) => invoke(handler, request), priority, forgetPeer, caps };
}
