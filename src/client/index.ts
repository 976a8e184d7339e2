/**
 * fxcallbacks for client scripts: register client callbacks, call server callbacks.
 *
 * ```ts
 * import { createClientCallbacks } from 'fxcallbacks/client';
 * const callbacks = createClientCallbacks();
 * const money = await callbacks.call<number>('getMoney', 'bank');
 * callbacks.register('confirm', (question: string) => showConfirmDialog(question));
 * ```
 *
 * @module
 */
import type { Observable, Subscription } from 'rxjs';
import type { Metrics } from '../core/metrics';
import type { Settle } from '../core/call/plainCall';
import type { Answer, AnswerValues } from '../core/answer/answer';
import { Calls } from '../core/call/calls';
import { nameOf, withContractSchemas, type Args, type ContractArgs, type ContractResult, type ClientCallback, type ListSchema, type ServerCallback } from '../core/contracts';
import { Endpoint } from '../core/endpoint';
import type { Payload } from '../core/wire/protocol';
import type { EndpointOptions, EndpointStats } from '../core/endpointOptions';
import { splitCallback, type NodeCallback } from '../core/call/facades';
import type { CallOptions } from '../core/call/callOptions';
import { buildRegistration, type LuaSchemaOptions, type RegisterOptions } from '../core/answer/registration';
import { joinHub, type HubOptions } from '../hub/join';
import { CLIENT_DEFAULTS } from './defaults';
import { clientNatives, SERVER, type ServerPeer } from './natives';

export * from '../core/public';
export type { HubOptions };

/**
 * A client callback's handler. Called with `this` bound to the callbacks API scoped to the request: calls made
 * through `this` end when the request does, so they cannot outlive it.
 */
export type ClientHandler<A extends unknown[], R> = (this: ClientCallbacks, ...args: A) => Answer<R>;

/**
 * The callbacks API of a resource's client side: registers client callbacks, calls server callbacks. Get it from
 * {@link createClientCallbacks}; `with` and `within` return views of the same endpoint.
 */
export class ClientCallbacks {
  /** @internal Use `createClientCallbacks()`. */
  constructor(
    private readonly endpoint: Endpoint<ServerPeer>,
    private readonly calls: Calls<ServerPeer> = new Calls(endpoint),
  ) {}

  /** Registers a client callback the server can call; returns a function that unregisters it. */
  register<A extends unknown[], R>(callback: ClientCallback<A, R>, handler: ClientHandler<NoInfer<A>, NoInfer<R>>, options?: RegisterOptions): () => void;
  register<S extends ListSchema, R>(name: string, handler: ClientHandler<Args<S>, R>, options: RegisterOptions & { schema: S }): () => void;
  register<A extends unknown[], R>(name: string, handler: ClientHandler<A, R>, options?: LuaSchemaOptions<RegisterOptions>): () => void;
  register(callback: string | ClientCallback, handler: ClientHandler<unknown[], unknown>, options?: RegisterOptions): () => void {
    const name = nameOf(callback);
    const registration = buildRegistration<ServerPeer, ClientHandler<unknown[], unknown>>(
      name,
      handler,
      withContractSchemas(callback, options),
      (h, request) => h.call(this.within(request.lifetime), ...request.args),
    );
    return this.endpoint.register(name, registration);
  }

  /**
   * @internal For the Lua exports: `handler` takes the arguments as they came (packed by a Lua state, or values from
   * JavaScript) and answers packed values as its answer's one value (see `Registration.takesPacked`).
   */
  registerPacked(name: string, handler: (args: Payload) => Answer<unknown>, options?: LuaSchemaOptions<RegisterOptions>): () => void {
    const registration = buildRegistration<ServerPeer, typeof handler>(name, handler, options, (h, request) => h(request.packed ?? request.args));
    return this.endpoint.register(name, { ...registration, takesPacked: true });
  }

  /** Removes the client callback of that name, whoever registered it; returns whether there was one. */
  unregister(callback: string | ClientCallback): boolean {
    return this.endpoint.unregister(nameOf(callback));
  }

  /** Calls a server callback; emits its answer(s). */
  call$<R = never, C extends string | ServerCallback = string>(callback: C, ...args: ContractArgs<C, 'server'>): Observable<ContractResult<C, 'server', R>> {
    return this.calls.call$(SERVER, nameOf(callback), args);
  }

  /** Calls a server callback; resolves with its (last) answer. */
  call<R = never, C extends string | ServerCallback = string>(callback: C, ...args: ContractArgs<C, 'server'>): Promise<ContractResult<C, 'server', R>> {
    return this.calls.call(SERVER, nameOf(callback), args);
  }

  /** Node style: the last argument is `(error, result) => void`, called once. */
  callback<R = never, C extends string | ServerCallback = string>(
    callback: C,
    ...argsThenCallback: [...ContractArgs<C, 'server'>, NodeCallback<ContractResult<C, 'server', R>>]
  ): Subscription {
    const [args, done] = splitCallback<ContractResult<C, 'server', R>>(argsThenCallback);
    return this.calls.callback(SERVER, nameOf(callback), args, done);
  }

  /** Every answer with all of its values (a Lua handler's `cb(a, b)` gives `[a, b]`). */
  values$(callback: string | ServerCallback, ...args: unknown[]): Observable<AnswerValues> {
    return this.calls.values$(SERVER, nameOf(callback), args);
  }

  /** The last answer with all its values, emitted once when the call ends; its timeout is one overall deadline
   * (what `call`, `callback` and the Lua exports use). */
  lastValues$(callback: string | ServerCallback, ...args: unknown[]): Observable<AnswerValues> {
    return this.calls.lastValues$(SERVER, nameOf(callback), args);
  }

  /** @internal The last answer's values or the error, reported once (what the Lua exports use). */
  lastValuesTo(callback: string, args: Payload, done: Settle): Subscription {
    return this.calls.lastValuesTo(SERVER, callback, args, done);
  }

  /** The same API with call options bound: `callbacks.with({ timeout: 5000 }).call(...)`. */
  with(options: CallOptions): ClientCallbacks {
    return new ClientCallbacks(this.endpoint, this.calls.with(options));
  }

  /** The same API, its calls ending when `lifetime` does (a handler's `this`). */
  within(lifetime: Subscription): ClientCallbacks {
    return new ClientCallbacks(this.endpoint, this.calls.within(lifetime));
  }

  /** Live counters of the endpoint behind this API, e.g. to check that nothing leaks. */
  get stats(): EndpointStats {
    return this.endpoint.stats;
  }

  /** Calls, outcomes and latency per callback name and direction: `snapshot()` and a live `events$`. */
  get metrics(): Metrics {
    return this.endpoint.metrics;
  }
}

/** Options of {@link createClientCallbacks}: the endpoint's, and whether it joins the hub. */
export interface ClientCallbacksOptions extends EndpointOptions, HubOptions {}

/**
 * Creates the callbacks of this resource's client side; create it once per resource. It joins the machine's hub
 * (the fxcallbacks resource, which must be started first), unless `standalone`.
 */
export function createClientCallbacks(options: ClientCallbacksOptions = {}): ClientCallbacks {
  // The endpoint batches per game frame (a client runs promise callbacks after every export call, so a Lua loop of
  // calls would otherwise leave as one event each). Standalone, it paces its own net event; joined, it sends within
  // the hub's one budget of the player (hub/member.ts).
  const endpointOptions = options.standalone ? options : { ...options, pace: false as const };
  const sideDefaults = { ...CLIENT_DEFAULTS, flushPerFrame: true };
  const endpoint: Endpoint<ServerPeer> = joinHub(clientNatives(), options, () => endpoint.metrics, (natives, wire) => new Endpoint(natives, endpointOptions, sideDefaults, wire));
  return new ClientCallbacks(endpoint);
}
