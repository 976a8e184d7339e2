/**
 * fxcallbacks for server scripts: register server callbacks, call client callbacks.
 *
 * ```ts
 * import { createServerCallbacks } from 'fxcallbacks/server';
 * const callbacks = createServerCallbacks();
 * callbacks.register('getMoney', (player, account: string) => bank.balance(player, account));
 * const ok = await callbacks.call<boolean>(playerId, 'confirm', 'Buy for $500?');
 * ```
 *
 * @module
 */
import type { Observable, Subscription } from 'rxjs';
import { formatTable } from '../ground/metricsConsoleTable';
import { permissionCheck } from '../operators/requirePermission';
import type { Settle } from '../core/call/plainCall';
import type { Metrics } from '../core/metrics';
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
import { serverNatives, type PlayerId } from './natives';

export * from '../core/public';
export type { PlayerId, HubOptions };

/** Options of a registered server callback: those of every side, plus a permission. */
export interface ServerRegisterOptions extends RegisterOptions {
  /** An ACE the calling player must be allowed (`IsPlayerAceAllowed`), else FORBIDDEN. */
  permission?: string;
}

/**
 * A server callback's handler. Called with `this` bound to the callbacks API scoped to the request: calls made
 * through `this` (e.g. asking the player to confirm) end when the request does, so they cannot outlive it.
 */
export type ServerHandler<A extends unknown[], R> = (this: ServerCallbacks, player: PlayerId, ...args: A) => Answer<R>;

const isAceAllowed = (player: PlayerId, ace: string) => IsPlayerAceAllowed(String(player), ace);

/**
 * The callbacks API of a resource's server side: registers server callbacks, calls client callbacks on players.
 * Get it from {@link createServerCallbacks}; `with` and `within` return views of the same endpoint.
 */
export class ServerCallbacks {
  /** @internal Use `createServerCallbacks()`. */
  constructor(
    private readonly endpoint: Endpoint<PlayerId>,
    private readonly calls: Calls<PlayerId> = new Calls(endpoint),
  ) {}

  /**
   * Registers a server callback; returns a function that unregisters it. The handler gets the calling player
   * (from the runtime's `source`, which a client cannot forge) and the arguments, and answers with a value, a
   * Promise or an Observable.
   */
  register<A extends unknown[], R>(callback: ServerCallback<A, R>, handler: ServerHandler<NoInfer<A>, NoInfer<R>>, options?: ServerRegisterOptions): () => void;
  register<S extends ListSchema, R>(name: string, handler: ServerHandler<Args<S>, R>, options: ServerRegisterOptions & { schema: S }): () => void;
  register<A extends unknown[], R>(name: string, handler: ServerHandler<A, R>, options?: LuaSchemaOptions<ServerRegisterOptions>): () => void;
  register(callback: string | ServerCallback, handler: ServerHandler<unknown[], unknown>, options?: ServerRegisterOptions): () => void {
    const name = nameOf(callback);
    const given = withContractSchemas(callback, options);
    const permission = given?.permission;
    // requirePermission refuses an empty or non-string ACE with INVALID_ARGUMENT, here at registration.
    const sideChecks = permission === undefined ? [] : [permissionCheck<PlayerId>(permission, isAceAllowed)];
    const registration = buildRegistration<PlayerId, ServerHandler<unknown[], unknown>>(
      name,
      handler,
      given,
      (h, request) => h.call(this.within(request.lifetime), request.peer, ...request.args),
      sideChecks,
    );
    return this.endpoint.register(name, registration);
  }

  /**
   * @internal For the Lua exports: `handler` takes the arguments as they came (packed by a Lua state, or values from
   * JavaScript) and answers packed values as its answer's one value (see `Registration.takesPacked`).
   */
  registerPacked(name: string, handler: (player: PlayerId, args: Payload) => Answer<unknown>, options?: LuaSchemaOptions<ServerRegisterOptions>): () => void {
    const permission = options?.permission;
    const sideChecks = permission === undefined ? [] : [permissionCheck<PlayerId>(permission, isAceAllowed)];
    const registration = buildRegistration<PlayerId, typeof handler>(name, handler, options, (h, request) => h(request.peer, request.packed ?? request.args), sideChecks);
    return this.endpoint.register(name, { ...registration, takesPacked: true });
  }

  /** Removes the server callback of that name, whoever registered it; returns whether there was one. */
  unregister(callback: string | ServerCallback): boolean {
    return this.endpoint.unregister(nameOf(callback));
  }

  /** Calls a client callback on one player; emits its answer(s). */
  call$<R = never, C extends string | ClientCallback = string>(player: PlayerId, callback: C, ...args: ContractArgs<C, 'client'>): Observable<ContractResult<C, 'client', R>> {
    return this.calls.call$(player, nameOf(callback), args);
  }

  /** Calls a client callback on one player; resolves with its (last) answer. */
  call<R = never, C extends string | ClientCallback = string>(player: PlayerId, callback: C, ...args: ContractArgs<C, 'client'>): Promise<ContractResult<C, 'client', R>> {
    return this.calls.call(player, nameOf(callback), args);
  }

  /** Node style: the last argument is `(error, result) => void`, called once. */
  callback<R = never, C extends string | ClientCallback = string>(
    player: PlayerId,
    callback: C,
    ...argsThenCallback: [...ContractArgs<C, 'client'>, NodeCallback<ContractResult<C, 'client', R>>]
  ): Subscription {
    const [args, done] = splitCallback<ContractResult<C, 'client', R>>(argsThenCallback);
    return this.calls.callback(player, nameOf(callback), args, done);
  }

  /** Every answer with all of its values (a Lua handler's `cb(a, b)` gives `[a, b]`). */
  values$(player: PlayerId, callback: string | ClientCallback, ...args: unknown[]): Observable<AnswerValues> {
    return this.calls.values$(player, nameOf(callback), args);
  }

  /** The last answer with all its values, emitted once when the call ends; its timeout is one overall deadline
   * (what `call`, `callback` and the Lua exports use). */
  lastValues$(player: PlayerId, callback: string | ClientCallback, ...args: unknown[]): Observable<AnswerValues> {
    return this.calls.lastValues$(player, nameOf(callback), args);
  }

  /** @internal The last answer's values or the error, reported once (what the Lua exports use). */
  lastValuesTo(player: PlayerId, callback: string, args: Payload, done: Settle): Subscription {
    return this.calls.lastValuesTo(player, callback, args, done);
  }

  /** The same API with call options bound: `callbacks.with({ timeout: 5000, retries: 2 }).call(...)`. */
  with(options: CallOptions): ServerCallbacks {
    return new ServerCallbacks(this.endpoint, this.calls.with(options));
  }

  /** The same API, its calls ending when `lifetime` does (a handler's `this`). */
  within(lifetime: Subscription): ServerCallbacks {
    return new ServerCallbacks(this.endpoint, this.calls.within(lifetime));
  }

  /** Live counters of the endpoint behind this API, e.g. to check that nothing leaks. */
  get stats(): EndpointStats {
    return this.endpoint.stats;
  }

  /** Calls, outcomes and latency per callback name and direction: `snapshot()` and a live `events$`. */
  get metrics(): Metrics {
    return this.endpoint.metrics;
  }

  /**
   * Registers a restricted console command that prints this endpoint's metrics as a table: this resource's
   * callbacks only. The hub's own command `callbackmetrics` prints those of every resource that joined it.
   * Default name: `<resource>:callbackmetrics`.
   */
  registerMetricsCommand(command = `${GetCurrentResourceName()}:callbackmetrics`): void {
    RegisterCommand(command, () => formatTable(this.metrics.snapshot()).forEach((line) => console.log(line)), true);
  }
}

/** Options of {@link createServerCallbacks}: the endpoint's, and whether it joins the hub. */
export interface ServerCallbacksOptions extends EndpointOptions, HubOptions {}

/**
 * Creates the callbacks of this resource's server side; create it once per resource. It joins the machine's hub
 * (the fxcallbacks resource, which must be started first), unless `standalone`.
 */
export function createServerCallbacks(options: ServerCallbacksOptions = {}): ServerCallbacks {
  // Joined, the hub paces every resource's events together, and shows this resource's metrics with every other's.
  const endpointOptions = options.standalone ? options : { ...options, pace: false as const };
  const endpoint: Endpoint<PlayerId> = joinHub(serverNatives(), options, () => endpoint.metrics, (natives) => new Endpoint(natives, endpointOptions));
  return new ServerCallbacks(endpoint);
}
