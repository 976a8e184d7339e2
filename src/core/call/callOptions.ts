import { checkFunction, checkNumber, checkObject, checkTimeout, invalid } from '../../ground/checks';
import type { CallbackError } from '../../ground/errors';

/** Options of one outgoing call. Every field is optional; defaults come from the endpoint. */
export interface CallOptions {
  /**
   * Milliseconds allowed for the answer; `false` or `Infinity` waits forever. A one-shot call (Promise, node
   * style, Lua) must end within it, whatever arrives meanwhile; a subscribed stream (`call$`, `values$`) must show a
   * sign of life (an answer, or its end) within it, again and again, up to `maxDuration`. Default: the endpoint's
   * `defaultTimeout` (convar `fxcallbacks:timeout`, else 10 s).
   */
  timeout?: number | false;
  /** Overall bound of a subscribed stream in ms, however often it answers; `false` for none. Default 300000 (5 min). */
  maxDuration?: number | false;
  /** Largest answer accepted from the other side, in roughly counted bytes: else PAYLOAD_TOO_LARGE. Default: the
   * endpoint's `limits.maxAnswerBytes`. Checked where answers are (on the server: every client's answer). */
  maxAnswerBytes?: number;
  /** How many times to ask again after a transient failure (TIMEOUT by default). Default 0. */
  retries?: number;
  /** First backoff delay in ms; doubles on each retry, with jitter. Default 1000. */
  retryDelay?: number;
  /** Upper bound of the backoff delay in ms. Default 30000. */
  maxRetryDelay?: number;
  /** Which errors are worth retrying. Default: TIMEOUT only. */
  retryIf?: (error: CallbackError) => boolean;
  /** Higher starts first when the endpoint queues outgoing calls. Default 0. */
  priority?: number;
}

/** Five minutes: longer than any honest progress stream, short enough that a hostile one ends. */
const DEFAULT_MAX_DURATION = 300_000;

export interface ResolvedCallOptions {
  timeout: number | false;
  maxDuration: number | false;
  maxAnswerBytes: number | undefined;
  retries: number;
  retryDelay: number | undefined;
  maxRetryDelay: number | undefined;
  retryIf: ((error: CallbackError) => boolean) | undefined;
  priority: number;
}

/** What the other side may answer one call with (see `refuseReply`). */
export interface AnswerLimits {
  /** Most values in one answer. */
  maxValues: number;
  /** Largest answer (or error details), in roughly counted bytes. */
  maxBytes: number;
  /** Deepest nesting. */
  maxDepth: number;
  /** Whether the values themselves are walked (shape, depth, size); the server trusts nothing a client sends. */
  inspect: boolean;
}

/** The one shape of a call's policy: its options checked and completed, and what it accepts as an answer. */
export interface CallPolicy extends ResolvedCallOptions {
  answerLimits: AnswerLimits;
}

/** Validates call options once, at call time, and fills in the defaults. */
export function resolveCallOptions(options: unknown, defaultTimeout: number | false): ResolvedCallOptions {
  const given = checkObject(options, 'call options') as CallOptions;
  const optional = (option: keyof CallOptions, value: unknown) =>
    value === undefined ? undefined : checkNumber('call options', option, value, { min: 0 });
  const retryDelay = optional('retryDelay', given.retryDelay);
  const maxRetryDelay = optional('maxRetryDelay', given.maxRetryDelay);
  if (retryDelay !== undefined && maxRetryDelay !== undefined && maxRetryDelay < retryDelay) {
    throw invalid(`call options: "maxRetryDelay" (${maxRetryDelay}) must not be below "retryDelay" (${retryDelay})`);
  }
  return {
    timeout: given.timeout === undefined ? defaultTimeout : checkTimeout(given.timeout, 'call options'),
    maxDuration: given.maxDuration === undefined ? DEFAULT_MAX_DURATION : checkTimeout(given.maxDuration, 'call options', 'maxDuration'),
    maxAnswerBytes: given.maxAnswerBytes === undefined ? undefined : checkNumber('call options', 'maxAnswerBytes', given.maxAnswerBytes, { min: 1, integer: true }),
    retries: given.retries === undefined ? 0 : checkNumber('call options', 'retries', given.retries, { min: 0, integer: true }),
    retryDelay,
    maxRetryDelay,
    retryIf: given.retryIf === undefined ? undefined : checkFunction('call options', 'retryIf', given.retryIf),
    priority: given.priority === undefined ? 0 : checkNumber('call options', 'priority', given.priority),
  };
}

const NO_OPTIONS: CallOptions = {};

/** Call options checked and completed once per options object (a `with(...)` facade reuses its own). */
export class CallPolicies {
  private readonly byOptions = new WeakMap<CallOptions, CallPolicy>();

  constructor(
    private readonly defaultTimeout: number | false,
    private readonly limits: { maxValues: number; maxDepth: number; maxAnswerBytes: number },
    /** Whether answers are walked for shape and size. */
    private readonly inspectAnswers: boolean,
  ) {}

  of(options: CallOptions | undefined): CallPolicy {
    const key = options ?? NO_OPTIONS;
    let policy = this.byOptions.get(key);
    if (!policy) {
      const resolved = resolveCallOptions(options, this.defaultTimeout);
      const { maxValues, maxDepth, maxAnswerBytes } = this.limits;
      const answerLimits = { maxValues, maxDepth, maxBytes: resolved.maxAnswerBytes ?? maxAnswerBytes, inspect: this.inspectAnswers };
      this.byOptions.set(key, (policy = { ...resolved, answerLimits }));
    }
    return policy;
  }
}
