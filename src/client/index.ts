/**
 * fxcallbacks for client scripts: register client callbacks, call server callbacks.
 *
 * ```ts
 * import { createClientCallbacks } from 'fxcallbacks/client';
 * const callbacks = createClientCallbacks();
 * const money = await callbacks.call<number>('getMoney', 'bank');
 * callbacks.register('confirm', (question: string) => showConfirmDialog(question));
 * ```
 */
import type { Observable, Subscription } from 'rxjs';
import type { Answer, AnswerValues } from '../shared/answer';
import { Calls } from '../shared/calls';
import { Endpoint, type EndpointOptions, type EndpointStats } from '../shared/endpoint';
import { splitCallback, type NodeCallback } from '../shared/facades';
import type { CallOptions } from '../shared/options';
import type { Metrics } from '../operators';
import { buildRegistration, type RegisterOptions } from '../shared/registration';
import { clientNatives, SERVER, type ServerPeer } from './natives';

export * from '../shared/public';

/**
 * FiveM drops a client's net events beyond 50/s (burst 200), so outgoing events are paced under it by default,
 * with a margin: events leave on game frames and can reach the server closer together than they were paced.
 */
const CLIENT_EVENT_PACE = { rate: 45, burst: 180 };

export type ClientHandler<A extends unknown[], R> = (...args: A) => Answer<R>;

export class ClientCallbacks {
  constructor(
    private readonly endpoint: Endpoint<ServerPeer>,
    private readonly calls: Calls<ServerPeer> = new Calls(endpoint),
  ) {}

  /** Registers a client callback the server can call; returns a function that unregisters it. */
  register<A extends unknown[], R>(name: string, handler: ClientHandler<A, R>, options?: RegisterOptions): () => void {
    return this.endpoint.register(
      name,
      buildRegistration<ServerPeer, ClientHandler<A, R>>(name, handler, options, (h, request) => h(...(request.args as A))),
    );
  }

  unregister(name: string): boolean {
    return this.endpoint.unregister(name);
  }

  /** Calls a server callback; emits its answer(s). */
  call$<R = unknown>(name: string, ...args: unknown[]): Observable<R> {
    return this.calls.call$<R>(SERVER, name, args);
  }

  call<R = unknown>(name: string, ...args: unknown[]): Promise<R> {
    return this.calls.call<R>(SERVER, name, args);
  }

  /** Node style: the last argument is `(error, result) => void`. */
  callback<R = unknown>(name: string, ...argsThenCallback: [...unknown[], NodeCallback<R>]): Subscription {
    const [args, callback] = splitCallback<R>(argsThenCallback);
    return this.calls.callback<R>(SERVER, name, args, callback);
  }

  /** Every answer with all of its values. */
  values$(name: string, ...args: unknown[]): Observable<AnswerValues> {
    return this.calls.values$(SERVER, name, args);
  }

  /** The same API with call options bound: `callbacks.with({ timeout: 5000 }).call(...)`. */
  with(options: CallOptions): ClientCallbacks {
    return new ClientCallbacks(this.endpoint, this.calls.with(options));
  }

  get stats(): EndpointStats {
    return this.endpoint.stats;
  }

  /** Calls, outcomes and latency per callback name and direction: `snapshot()` and a live `events$`. */
  get metrics(): Metrics {
    return this.endpoint.metrics;
  }
}

/** Creates the callbacks of this resource's client side. Create it once per resource. */
export function createClientCallbacks(options?: EndpointOptions): ClientCallbacks {
  return new ClientCallbacks(new Endpoint(clientNatives(), options, CLIENT_EVENT_PACE));
}
