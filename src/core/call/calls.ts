import type { Payload } from '../wire/protocol';
import { Observable, Subscription, takeLast } from 'rxjs';
import { CallbackError, ErrorCode, toCallbackError } from '../../ground/errors';
import type { AnswerValues } from '../answer/answer';
import type { Endpoint } from '../endpoint';
import type { PeerId } from '../endpointOptions';
import { firstValues, type NodeCallback } from './facades';
import { resolveCallOptions, type CallOptions } from './callOptions';
import { invalid } from '../../ground/checks';
import { report, type Settle } from './plainCall';

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
  lastValues$(peer: P, name: string, args: Payload): Observable<AnswerValues> {
    return this.bounded(this.endpoint.call$(peer, name, args, this.options, true)).pipe(takeLast(1));
  }

  private bounded(call$: Observable<AnswerValues>): Observable<AnswerValues> {
    return this.lifetime ? endingWith(this.lifetime, call$) : call$;
  }

  call$<R>(peer: P, name: string, args: unknown[]): Observable<R> {
    return firstValues<R>(this.values$(peer, name, args));
  }

  /**
   * The last answer's values or the error, reported once to `done`; unsubscribing gives the call up (then nothing is
   * reported). A plain call is a record settled by its reply, without RxJS; with retries or a queue, `lastValues$`.
   */
  lastValuesTo(peer: P, name: string, args: Payload, done: Settle): Subscription {
    const lifetime = this.lifetime;
    if (lifetime?.closed) {
      done(requestEnded());
      return Subscription.EMPTY;
    }
    const call = this.endpoint.settle(peer, name, args, this.options, done);
    if (!call) {
      let last: AnswerValues | undefined;
      return this.lastValues$(peer, name, args).subscribe({
        next: (values) => (last = values),
        error: (error: unknown) => done(toCallbackError(error)),
        complete: () => done(null, last),
      });
    }
    if (lifetime && !call.closed) {
      // Given up over there, then failed here: a handler awaiting it resumes (and gives its slot back).
      const cut = () => {
        call.unsubscribe();
        report(done, requestEnded());
      };
      lifetime.add(cut);
      call.add(() => lifetime.remove(cut));
    }
    return call;
  }

  call<R>(peer: P, name: string, args: unknown[]): Promise<R> {
    // The first value of the last answer, taken once at the end.
    return new Promise<R>((resolve, reject) => {
      let started = false;
      this.lastValuesTo(peer, name, args, (error, values) => {
        if (!error) resolve(values?.[0] as R);
        // Refused before it was sent: rejected a step later, once the caller could attach its handler (a runtime
        // reports a rejection still unhandled when the call that made it returns).
        else if (!started) void Promise.resolve().then(() => reject(error));
        else reject(error);
      });
      started = true;
    });
  }

  callback<R>(peer: P, name: string, args: unknown[], callback: NodeCallback<R>): Subscription {
    if (typeof callback !== 'function') throw invalid('the last argument must be a callback (error, result) => void');
    return this.lastValuesTo(peer, name, args, (error, values) => (error ? callback(error) : callback(null, values?.[0] as R)));
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

/**
 * A call that is given up, and fails with {@link requestEnded}, when `lifetime` ends (and is never started once it
 * has ended).
 */
function endingWith<T>(lifetime: Subscription, call$: Observable<T>): Observable<T> {
  return new Observable<T>((subscriber) => {
    if (lifetime.closed) return subscriber.error(requestEnded());
    // Its own subscriber, not `subscriber`: unsubscribing the call must leave `subscriber` open for the error.
    const call = call$.subscribe({
      next: (value) => subscriber.next(value),
      error: (error: unknown) => subscriber.error(error),
      complete: () => subscriber.complete(),
    });
    const cut = () => {
      call.unsubscribe();
      subscriber.error(requestEnded());
    };
    lifetime.add(cut);
    return () => {
      lifetime.remove(cut);
      call.unsubscribe();
    };
  });
}

/** How a call made through a handler's `this` fails once the request that handler served has ended. */
function requestEnded(): CallbackError {
  return new CallbackError(ErrorCode.RESOURCE_STOPPED, 'the request this call served has ended');
}
