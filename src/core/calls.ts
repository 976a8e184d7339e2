import { Observable, takeLast, type Subscription } from 'rxjs';
import type { AnswerValues } from './answer';
import type { Endpoint, PeerId } from './endpoint';
import { firstValues, toNodeCallback, toPromise, type NodeCallback } from './facades';
import { resolveCallOptions, type CallOptions } from './options';

/**
 * The caller's facades over one endpoint, with a set of call options bound. The client and server APIs
 * wrap it, adding only how the peer is named (nothing on a client, a player id on the server).
 */
export class Calls<P extends PeerId> {
  constructor(
    private readonly endpoint: Endpoint<P>,
    readonly options: CallOptions = {},
    /** When set, every call made through these facades ends when this does. */
    private readonly lifetime?: Subscription,
  ) {}

  /** Every answer with all its values (a Lua handler's `cb(a, b)` gives `[a, b]`). */
  values$(peer: P, name: string, args: unknown[]): Observable<AnswerValues> {
    return this.bounded(this.endpoint.call$(peer, name, args, this.options));
  }

  /**
   * The last answer with all its values, once the call ended: a one-shot call, so its timeout is one overall
   * deadline that answers in between do not extend. The Promise, node-style and Lua facades are built on it.
   */
  lastValues$(peer: P, name: string, args: unknown[]): Observable<AnswerValues> {
    return this.bounded(this.endpoint.call$(peer, name, args, this.options, true)).pipe(takeLast(1));
  }

  private bounded(call$: Observable<AnswerValues>): Observable<AnswerValues> {
    return this.lifetime ? endingWith(this.lifetime, call$) : call$;
  }

  call$<R>(peer: P, name: string, args: unknown[]): Observable<R> {
    return firstValues<R>(this.values$(peer, name, args));
  }

  call<R>(peer: P, name: string, args: unknown[]): Promise<R> {
    // The first value of the last answer, taken once at the end rather than mapped for every answer.
    return toPromise(this.lastValues$(peer, name, args)).then((values) => values?.[0] as R);
  }

  callback<R>(peer: P, name: string, args: unknown[], callback: NodeCallback<R>): Subscription {
    return toNodeCallback(firstValues<R>(this.lastValues$(peer, name, args)), callback);
  }

  /** The same calls with more options bound; bad options fail here, not at the first call. */
  with(options: CallOptions): Calls<P> {
    const merged = { ...this.options, ...options };
    resolveCallOptions(merged, this.endpoint.defaultTimeout);
    return new Calls(this.endpoint, merged, this.lifetime);
  }

  /** The same calls, each ending (cancelled over there) when `lifetime` ends. */
  within(lifetime: Subscription): Calls<P> {
    return new Calls(this.endpoint, this.options, lifetime);
  }
}

/** A call that is unsubscribed when `lifetime` ends (and is never started once it has ended). */
function endingWith<T>(lifetime: Subscription, call$: Observable<T>): Observable<T> {
  return new Observable<T>((subscriber) => {
    if (lifetime.closed) return;
    const call = call$.subscribe(subscriber);
    lifetime.add(call);
    return () => {
      lifetime.remove(call);
      call.unsubscribe();
    };
  });
}
