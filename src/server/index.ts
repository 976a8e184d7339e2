/**
 * fxcallbacks for server scripts: register server callbacks, call client callbacks.
 *
 * ```ts
 * import { createServerCallbacks } from 'fxcallbacks/server';
 * const callbacks = createServerCallbacks();
 * callbacks.register('getMoney', (player, account: string) => bank.balance(player, account));
 * const ok = await callbacks.call<boolean>(playerId, 'confirm', 'Buy for $500?');
 * ```
 */
import type { Observable, Subscription } from 'rxjs';
import type { Answer, AnswerValues } from '../shared/answer';
import { Calls } from '../shared/calls';
import { Endpoint, type EndpointOptions, type EndpointStats } from '../shared/endpoint';
import { splitCallback, type NodeCallback } from '../shared/facades';
import { invalid, type CallOptions } from '../shared/options';
import { formatTable, requirePermission, type Metrics } from '../operators';
import { buildRegistration, type RegisterOptions } from '../shared/registration';
import { serverNatives, type PlayerId } from './natives';

export * from '../shared/public';
export type { PlayerId };

export interface ServerRegisterOptions extends RegisterOptions {
  /** An ACE the calling player must be allowed (`IsPlayerAceAllowed`), else FORBIDDEN. */
  permission?: string;
}

export type ServerHandler<A extends unknown[], R> = (player: PlayerId, ...args: A) => Answer<R>;

const isAceAllowed = (player: PlayerId, ace: string) => IsPlayerAceAllowed(String(player), ace);

export class ServerCallbacks {
  constructor(
    private readonly endpoint: Endpoint<PlayerId>,
    private readonly calls: Calls<PlayerId> = new Calls(endpoint),
  ) {}

  /** Registers a server callback; returns a function that unregisters it. */
  register<A extends unknown[], R>(name: string, handler: ServerHandler<A, R>, options?: ServerRegisterOptions): () => void {
    const permission = options?.permission;
    if (permission !== undefined && (typeof permission !== 'string' || permission === '')) {
      throw invalid('permission must be a non-empty ACE name');
    }
    const sideGates = permission === undefined ? [] : [requirePermission<PlayerId>(permission, isAceAllowed)];
    return this.endpoint.register(
      name,
      buildRegistration<PlayerId, ServerHandler<A, R>>(name, handler, options, (h, request) => h(request.peer, ...(request.args as A)), sideGates),
    );
  }

  unregister(name: string): boolean {
    return this.endpoint.unregister(name);
  }

  /** Calls a client callback on one player; emits its answer(s). */
  call$<R = unknown>(player: PlayerId, name: string, ...args: unknown[]): Observable<R> {
    return this.calls.call$<R>(player, name, args);
  }

  call<R = unknown>(player: PlayerId, name: string, ...args: unknown[]): Promise<R> {
    return this.calls.call<R>(player, name, args);
  }

  /** Node style: the last argument is `(error, result) => void`. */
  callback<R = unknown>(player: PlayerId, name: string, ...argsThenCallback: [...unknown[], NodeCallback<R>]): Subscription {
    const [args, callback] = splitCallback<R>(argsThenCallback);
    return this.calls.callback<R>(player, name, args, callback);
  }

  /** Every answer with all of its values. */
  values$(player: PlayerId, name: string, ...args: unknown[]): Observable<AnswerValues> {
    return this.calls.values$(player, name, args);
  }

  /** The same API with call options bound: `callbacks.with({ timeout: 5000, retries: 2 }).call(...)`. */
  with(options: CallOptions): ServerCallbacks {
    return new ServerCallbacks(this.endpoint, this.calls.with(options));
  }

  get stats(): EndpointStats {
    return this.endpoint.stats;
  }

  /** Calls, outcomes and latency per callback name and direction: `snapshot()` and a live `events$`. */
  get metrics(): Metrics {
    return this.endpoint.metrics;
  }

  /** Registers a restricted console command that prints the metrics of every callback as a table. */
  registerMetricsCommand(command = 'callbackmetrics'): void {
    RegisterCommand(command, () => formatTable(this.metrics.snapshot()).forEach((line) => console.log(line)), true);
  }
}

/** Creates the callbacks of this resource's server side. Create it once per resource. */
export function createServerCallbacks(options?: EndpointOptions): ServerCallbacks {
  return new ServerCallbacks(new Endpoint(serverNatives(), options));
}
