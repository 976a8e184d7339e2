import { identity, Observable, Subscription, throwError, type Subscriber } from 'rxjs';
import { checkCallbackName, checkNumber, invalid } from '../../ground/checks';
import { CallbackError, ErrorCode, toCallbackError } from '../../ground/errors';
import { PeerIds } from '../../ground/peerIds';
import { PeerTable } from '../../ground/peerTable';
import { createRequestQueue, type RequestQueue, type RequestQueueOptions } from '../../ground/requestQueue';
import { inspectPayload } from '../../ground/packed';
import type { TimerWheel } from '../../ground/timerWheel';
import { deadlineAfter } from '../../operators/deadlineAfter';
import { queued } from '../../operators/queued';
import { isTimeout, retryWithBackoff } from '../../operators/retryWithBackoff';
import { timeoutAfter } from '../../operators/timeoutAfter';
import type { AnswerValues } from '../answer/answer';
import { refuseReply } from './replyCheck';
import { MAX_CALLS_PER_PEER, type EndpointLimits } from '../endpointOptions';
import type { Metrics } from '../metrics';
import { CallPolicies, type CallOptions, type CallPolicy } from './callOptions';
import { PlainCall, type PendingCall, type Settle } from './plainCall';
import { FrameType, frames, isPacked, REQUEST_ID_RANGE, WIRE_LIMITS, type Payload, type ReplyFrame } from '../wire/protocol';
import type { Transport } from '../wire/transport';

export interface CallerOptions {
  defaultTimeout: number | false;
  limits: EndpointLimits;
  /** Whether answers are walked for shape and size: a client trusts the server's answers (but for their count). */
  checkAnswers: boolean;
  /** Outgoing calls wait in one priority queue. */
  queue?: RequestQueueOptions;
}

/**
 * The calling role of an endpoint: sends REQUESTs and matches the replies, on (peer, id), to the calls waiting
 * for them. A one-shot call without retries or queue ({@link settle}: the Promise, node-style and Lua facades) is
 * a plain {@link PlainCall} record settled directly by its reply, its deadline on the endpoint's timer wheel; a
 * subscribed call (`call$`), and a call with retries or a queue, composes RxJS operators on a pending record of
 * the same table, built only then.
 */
export class Caller<P> {
  readonly lifetime = new Subscription();
  private readonly pending = new PeerTable<P, PendingCall<P>>();
  /**
   * Every call's id, from its allocation to the call's end (a retryable call's between attempts too): no other call
   * takes it meanwhile, and the calls waiting on a peer are counted here (`limits.maxCallsPerPeer`).
   */
  private readonly holding = new PeerTable<P, PendingCall<P>>();
  private readonly maxCallsPerPeer: number;
  private readonly ids = new PeerIds<P>(REQUEST_ID_RANGE);
  private readonly policies: CallPolicies;
  private readonly queue: RequestQueue | undefined;

  constructor(
    private readonly transport: Transport<P>,
    private readonly wheel: TimerWheel,
    private readonly metrics: Metrics,
    options: CallerOptions,
  ) {
    this.policies = new CallPolicies(options.defaultTimeout, options.limits, options.checkAnswers);
    this.queue = options.queue && createRequestQueue(options.queue);
    this.maxCallsPerPeer = checkNumber('limits', 'maxCallsPerPeer', options.limits.maxCallsPerPeer, { min: 1, max: MAX_CALLS_PER_PEER, integer: true });
    if (this.queue) this.lifetime.add(this.queue.counts$.subscribe(({ waiting }) => metrics.setQueueLength('*', 'outgoing', waiting)));
  }

  /** Calls waiting for their reply. */
  get size(): number {
    return this.pending.size;
  }

  /**
   * A one-shot call reported once to `done`, as a plain record: undefined when the call needs RxJS (retries, a
   * queue), then the caller subscribes `call$` instead. Unsubscribing the returned call gives it up.
   */
  settle(peer: P, name: unknown, args: Payload, options: CallOptions | undefined, done: Settle): Subscription | undefined {
    let callbackName: string;
    let policy: CallPolicy;
    let size: number;
    try {
      callbackName = checkCallbackName(name, WIRE_LIMITS.maxNameLength);
      policy = this.policies.of(options);
      if (policy.retries > 0 || this.queue) return undefined;
      size = this.sizeOfArguments(args, callbackName);
    } catch (error) {
      done(toCallbackError(error));
      return Subscription.EMPTY;
    }
    const call = new PlainCall(this, peer, callbackName, policy.answerLimits, this.metrics.start(callbackName, 'outgoing'), done, isPacked(args));
    const refusal = this.refusalToCall(peer, callbackName);
    if (refusal) {
      call.fail(refusal);
      return call;
    }
    call.id = this.allocateId(peer);
    this.holding.set(peer, call.id, call);
    this.pending.set(peer, call.id, call);
    this.transport.send(peer, frames.request(call.id, callbackName, args), size);
    if (policy.timeout !== false) call.expireAfter(this.wheel, policy.timeout);
    return call;
  }

  /**
   * A call as a cold Observable of answers (each a list of values): nothing is sent until it is subscribed, and
   * unsubscribing before the end tells the other side to stop. A retry resends the same request id, so the other
   * side can answer it from memory instead of running the handler twice. A `oneShot` call (its caller waits for the
   * end only) must end within its timeout, a stream show a sign of life within it; with retries the timeout is per
   * attempt, so the whole call may last up to (retries + 1) timeouts plus the backoff delays.
   */
  call$(peer: P, name: unknown, args: Payload, options?: CallOptions, oneShot = false): Observable<AnswerValues> {
    let callbackName: string;
    let request$: Observable<AnswerValues>;
    let priority: number;
    try {
      callbackName = checkCallbackName(name, WIRE_LIMITS.maxNameLength);
      const policy = this.policies.of(options);
      request$ = this.request$(peer, callbackName, args, this.sizeOfArguments(args, callbackName), policy, oneShot);
      priority = policy.priority;
    } catch (error) {
      return throwError(() => toCallbackError(error));
    }
    return (this.queue ? request$.pipe(queued(this.queue, priority)) : request$).pipe(this.metrics.measure(callbackName, 'outgoing'));
  }

  /** A reply counts only from the peer the request went to, and only while the call waits for it. */
  reply(peer: P, frame: ReplyFrame): void {
    const id = frame[1];
    const call = this.pending.get(peer, id);
    if (!call) return;
    // The other side is not trusted either: an answer too large, too many values, or holding e.g. a function
    // reference is refused, and so are such error details.
    const refusal = refuseReply(frame, call.answerLimits, call.name);
    if (refusal) {
      this.release(peer, id);
      if (frame[0] !== FrameType.ERROR) this.transport.send(peer, frames.cancel(id));
      return call.fail(refusal);
    }
    if (frame[0] === FrameType.NEXT) return call.next(this.answerFor(call, frame[2]));
    this.release(peer, id);
    if (frame[0] === FrameType.ERROR) return call.fail(new CallbackError(frame[2], frame[3], frame[4] ?? undefined));
    if (frame[0] === FrameType.RESULT) call.next(this.answerFor(call, frame[2]));
    call.complete();
  }

  /**
   * An answer as its caller takes it: a caller that packed its arguments (the Lua exports) gets the payload as it
   * came, as the answer's one value; any other gets values, packed ones unpacked as FiveM's JS runtime would.
   */
  private answerFor(call: PendingCall<P>, payload: Payload): AnswerValues {
    if (call.takesPacked) return [payload];
    return isPacked(payload) ? this.transport.unpack(payload) : payload;
  }

  /** @internal A plain call given up here (its caller left, or its deadline passed): CANCEL it over there. */
  giveUp(call: PendingCall<P>): void {
    if (this.pending.get(call.peer, call.id) !== call) return;
    this.release(call.peer, call.id);
    this.transport.cancel(call.peer, call.id);
  }

  forgetPeer(peer: P): void {
    for (const call of this.pending.takePeer(peer)) call.fail(new CallbackError(ErrorCode.PLAYER_DROPPED, `player ${String(peer)} left before answering`));
    this.holding.takePeer(peer);
    this.ids.forget(peer);
  }

  /** Takes every waiting call out, cancelling it over there; {@link failAll} then fails them here. */
  takeAll(): PendingCall<P>[] {
    const pending = this.pending.takeAll();
    this.holding.takeAll();
    for (const call of pending) this.transport.cancel(call.peer, call.id);
    return pending;
  }

  failAll(calls: PendingCall<P>[], reason: string): void {
    for (const call of calls) call.fail(new CallbackError(ErrorCode.RESOURCE_STOPPED, reason));
    this.lifetime.unsubscribe();
  }

  /**
   * A call's id and pending record belong to the whole call, not to one attempt: a retry resends the same id, so
   * the other side can answer it from memory instead of running the handler twice, and a reply that comes late,
   * while the call waits to retry, still reaches it: a final one settles the call (the retry is not sent). The
   * call is cancelled over there when it ends before its answer did.
   */
  private request$(peer: P, name: string, args: Payload, size: number, policy: CallPolicy, oneShot: boolean): Observable<AnswerValues> {
    const timed = oneShot ? deadlineAfter<AnswerValues>(policy.timeout, name, 'timeout', this.wheel) : timeoutAfter<AnswerValues>(policy.timeout, name, this.wheel);
    const bounded = oneShot ? identity : deadlineAfter<AnswerValues>(policy.maxDuration, name, 'maxDuration', this.wheel);
    const retryable = policy.retries > 0;
    return new Observable<AnswerValues>((subscriber) => {
      // Nothing is allocated for a call that cannot start: a peer that is not connected leaves no trace.
      const refusal = this.refusalToCall(peer, name);
      if (refusal) return subscriber.error(refusal);
      const id = this.allocateId(peer);
      let sent = false;
      let answered = false;
      let sawAnswer = false;
      /** The attempt under way; none while the call waits to retry, then replies go straight to the caller. */
      let attempt: Subscriber<AnswerValues> | undefined;
      const record: PendingCall<P> = {
        peer,
        id,
        name,
        answerLimits: policy.answerLimits,
        takesPacked: isPacked(args),
        next: (values) => {
          sawAnswer = true;
          (attempt ?? subscriber).next(values);
        },
        fail: (error) => {
          answered = true;
          (attempt ?? subscriber).error(error);
        },
        complete: () => {
          answered = true;
          (attempt ?? subscriber).complete();
        },
      };
      this.holding.set(peer, id, record);
      const attempt$ = new Observable<AnswerValues>((current) => {
        const refusal = this.refusalToSend(peer, name);
        if (refusal) return current.error(refusal);
        attempt = current;
        this.pending.set(peer, id, record);
        // An answer came while waiting: the other side is answering this id already, asking again would repeat it.
        if (!sawAnswer) this.transport.send(peer, frames.request(id, name, args, retryable), size);
        sent = true;
        return () => (attempt = undefined);
      });
      const attempts$ = attempt$.pipe(timed, bounded);
      const attempts = (retryable ? this.retried(attempts$, name, policy, () => sawAnswer) : attempts$).subscribe(subscriber);
      return () => {
        attempts.unsubscribe();
        if (this.holding.get(peer, id) === record) this.release(peer, id);
        if (sent && !answered) this.transport.cancel(peer, id);
      };
    });
  }

  /** Resubscribes (resending the same request id) after a transient failure, but never once part of an answer came. */
  private retried(attempts$: Observable<AnswerValues>, name: string, policy: CallPolicy, sawAnswer: () => boolean): Observable<AnswerValues> {
    const retryIf = policy.retryIf ?? isTimeout;
    // Once part of an answer arrived, asking again could repeat what the handler already did.
    return attempts$.pipe(
      retryWithBackoff(
        { retries: policy.retries, baseDelay: policy.retryDelay, maxDelay: policy.maxRetryDelay, onRetry: () => this.metrics.recordRetry(name),
          shouldRetry: (error) => !sawAnswer() && retryIf(toCallbackError(error)) },
        this.wheel,
      ),
    );
  }

  /** Why a new call cannot start, if it cannot: it could not be sent, or too many calls wait on the peer. */
  private refusalToCall(peer: P, name: string): CallbackError | undefined {
    const refusal = this.refusalToSend(peer, name);
    if (refusal) return refusal;
    const maxCallsPerPeer = this.maxCallsPerPeer;
    if (this.holding.countFor(peer) < this.maxCallsPerPeer) return undefined;
    return new CallbackError(ErrorCode.LIMIT_EXCEEDED, `"${name}" not sent: ${maxCallsPerPeer} calls already wait on ${String(peer)}`, { maxCallsPerPeer });
  }

  /** Why a call (or its retry) cannot be sent now, if it cannot. */
  private refusalToSend(peer: P, name: string): CallbackError | undefined {
    if (this.transport.stopped) return new CallbackError(ErrorCode.RESOURCE_STOPPED, `the resource stopped before "${name}" was sent`);
    if (!this.transport.isConnected(peer)) return new CallbackError(ErrorCode.PLAYER_DROPPED, `player ${String(peer)} is not connected`);
    return undefined;
  }

  /** Checks the arguments can be sent at all; returns their rough size (packed ones: their byte length). */
  private sizeOfArguments(args: Payload, name: string): number {
    const shape = inspectPayload(args);
    if (shape.problem) throw invalid(`cannot call "${name}": argument ${shape.problem}`);
    this.transport.checkSize(shape.size, `the arguments of "${name}"`);
    return shape.size;
  }

  /** A fresh id, for a call that holds it until {@link release}. */
  private allocateId(peer: P): number {
    return this.ids.allocate(peer, (taken) => this.holding.has(peer, taken));
  }

  /** A call ended: its id is free again. */
  private release(peer: P, id: number): void {
    this.pending.take(peer, id);
    this.holding.take(peer, id);
  }
}
