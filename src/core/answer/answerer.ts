import { concatMap, defer, map, of, Subscription, switchMap, throttleTime, type MonoTypeOperatorFunction, type Observable } from 'rxjs';
import { createAnswerCache, type AnswerCache } from '../../ground/answerCache';
import { CallbackError, ErrorCode, toCallbackError } from '../../ground/errors';
import { HandlerSlots } from '../../ground/handlerSlots';
import { PeerTable } from '../../ground/peerTable';
import { createRequestQueue, type RequestQueue, type RequestQueueOptions } from '../../ground/requestQueue';
import { validatorOf } from '../../ground/schema';
import { inspectPayload } from '../../ground/packed';
import { inspectValues } from '../../ground/sendable';
import type { TimerWheel } from '../../ground/timerWheel';
import { payloadCheck } from '../../operators/limitPayload';
import { rememberAnswers } from '../../operators/rememberAnswers';
import { timeoutAfter } from '../../operators/timeoutAfter';
import { runHandler, type AnswerValues } from './answer';
import { PlainAnswer, type AnswerSink, type Registered } from './plainAnswer';
import type { EndpointLimits, PeerId } from '../endpointOptions';
import type { Metrics } from '../metrics';
import type { SideNatives } from '../natives';
import { checkCallbackName } from '../../ground/checks';
import { FLAG_RETRYABLE, frames, isPacked, WIRE_LIMITS, type Payload, type RequestFrame } from '../wire/protocol';
import { secondRegistrationLine, type IncomingRequest, type Registration, type RequestCheck } from './registration';
import type { Transport } from '../wire/transport';

export interface AnswererOptions {
  limits: EndpointLimits;
  rememberAnswers: { maxEntriesPerPeer: number; maxBytesPerPeer?: number; ttl: number };
  /** Incoming requests wait in a priority queue per player. */
  incomingQueue?: RequestQueueOptions;
  /** A stream answering faster than this (ms) is coalesced; 0 for no coalescing. */
  minStreamInterval: number;
}

/** A request being answered, by (peer, id): ended by a CANCEL, the player leaving or the resource stopping. */
interface Running<P> {
  readonly peer: P;
  readonly id: number;
  unsubscribe(): void;
}

/**
 * The answering role of an endpoint: registrations, their checks composed once each, handlers, replies. A request
 * that passes its checks runs its handler directly ({@link PlainAnswer}); a retryable request (whose answer is
 * remembered for its retries) and a request waiting in the incoming queue go through an RxJS pipe instead.
 */
export class Answerer<P extends PeerId> implements AnswerSink<P> {
  private readonly registrations = new Map<string, Registered<P>>();
  private readonly running = new PeerTable<P, Running<P>>();
  /** Requests in progress per peer, until their handlers really ended (`maxRunningPerPeer`). */
  private readonly slots = new HandlerSlots<P>();
  private readonly answers: AnswerCache;
  private readonly incomingQueues = new Map<P, RequestQueue>();
  private readonly runningCheck: RequestCheck<P>;
  private readonly coalesce: MonoTypeOperatorFunction<AnswerValues>[];

  constructor(
    private readonly transport: Transport<P>,
    readonly wheel: TimerWheel,
    private readonly metrics: Metrics,
    private readonly natives: Pick<SideNatives<P>, 'claimName' | 'releaseName' | 'log' | 'resourceName' | 'unpack'>,
    private readonly options: AnswererOptions,
  ) {
    this.answers = createAnswerCache({ ...options.rememberAnswers, scheduler: wheel });
    const { maxRunningPerPeer } = options.limits;
    this.runningCheck = ({ peer }) => {
      if (this.slots.countFor(peer) >= maxRunningPerPeer) {
        throw new CallbackError(ErrorCode.LIMIT_EXCEEDED, `more than ${maxRunningPerPeer} requests at once`, { maxRunningPerPeer });
      }
    };
    const interval = options.minStreamInterval;
    this.coalesce = interval > 0 ? [throttleTime(interval, wheel, { leading: true, trailing: true })] : [];
  }

  get stats(): { runningHandlers: number; registeredCallbacks: number; rememberedAnswers: number } {
    return { runningHandlers: this.running.size, registeredCallbacks: this.registrations.size, rememberedAnswers: this.answers.size };
  }

  register(name: string, registration: Registration<P>): () => void {
    checkCallbackName(name, WIRE_LIMITS.maxNameLength);
    if (this.transport.stopped) throw new CallbackError(ErrorCode.RESOURCE_STOPPED, 'the resource has stopped');
    const { maxArgumentBytes, maxValues, maxDepth } = { ...this.options.limits, ...registration.caps };
    const checks = [payloadCheck({ maxBytes: maxArgumentBytes, maxDepth, maxValues }), this.runningCheck, ...registration.checks];
    const answerOperators: MonoTypeOperatorFunction<AnswerValues>[] = [];
    if (registration.validateResult) {
      const validate = validatorOf(registration.validateResult);
      // In order: an async check delays the later answers, as `validateResult` does.
      answerOperators.push(concatMap((values) => validate(values) as Observable<AnswerValues>));
    }
    if (registration.timeout !== false) answerOperators.push(timeoutAfter(registration.timeout, name, this.wheel));
    answerOperators.push(...this.coalesce);
    const entry: Registered<P> = {
      name,
      registration,
      check: (request) => {
        for (const check of checks) check(request);
      },
      maxAnswerBytes: Math.min(registration.caps.maxAnswerBytes ?? Infinity, this.transport.largePayloads.maxBytes),
      pipeAnswers: (answers$) => answers$.pipe(...(answerOperators as [])),
    };
    this.natives.claimName?.(name);
    // A hub member's claim is reported by the hub, so only a standalone endpoint says it here.
    if (!this.natives.claimName && this.registrations.has(name)) this.natives.log(secondRegistrationLine(this.natives.resourceName, name));
    this.registrations.set(name, entry);
    return () => {
      if (this.registrations.get(name) === entry) this.unregister(name);
    };
  }

  unregister(name: string): boolean {
    if (!this.registrations.delete(name)) return false;
    this.natives.releaseName?.(name);
    return true;
  }

  request(peer: P, [, id, name, payload, flags]: RequestFrame): void {
    // A retry of a request whose handler is still running: its answer is on the way.
    if (this.running.has(peer, id)) return;
    const entry = this.registrations.get(name);
    if (!entry) return this.transport.send(peer, frames.error(id, ErrorCode.NO_SUCH_CALLBACK, `no callback named "${name}" is registered`));
    const request: IncomingRequest<P> = isPacked(payload)
      ? { peer, id, name, args: [], packed: payload, lifetime: new Subscription() }
      : { peer, id, name, args: payload, lifetime: new Subscription() };
    const retryable = ((flags ?? 0) & FLAG_RETRYABLE) !== 0;
    if (retryable || this.options.incomingQueue) return this.answerThroughRxjs(entry, request, retryable);
    const measurement = this.metrics.start(name, 'incoming');
    try {
      entry.check(request);
      this.unpackArguments(entry, request);
    } catch (error) {
      measurement.fail(error);
      measurement.end();
      request.lifetime.unsubscribe();
      return this.sendError(peer, id, error);
    }
    const answer = new PlainAnswer(this, peer, id, entry, request, measurement, this.slots.take(peer));
    this.running.set(peer, id, answer);
    answer.start();
  }

  /** The caller gave up: tear the handler down, and forget a remembered answer (it would keep running for nobody). */
  cancel(peer: P, id: number): void {
    this.running.take(peer, id)?.unsubscribe();
    this.answers.delete({ peer, id });
  }

  /**
   * Packed arguments, checked on their bytes, are unpacked once they passed every check: for a handler that takes
   * values (what FiveM's JS runtime would give it), or for the registration's `validate`. A handler that takes them
   * packed (a Lua handler, see `Registration.takesPacked`) reads `request.packed` itself.
   */
  private unpackArguments(entry: Registered<P>, request: IncomingRequest<P>): void {
    if (request.packed && (!entry.registration.takesPacked || entry.registration.validate)) request.args = this.natives.unpack(request.packed);
  }

  sendAnswer(peer: P, id: number, name: string, answer: AnswerValues, maxBytes: number, final: boolean): boolean {
    // A handler that takes packed arguments answers packed values, as the one value of its answer.
    const values: Payload = this.registrations.get(name)?.registration.takesPacked && isPacked(answer[0]) ? answer[0] : answer;
    const shape = inspectPayload(values);
    let failure: CallbackError | undefined;
    if (shape.problem) failure = new CallbackError(ErrorCode.HANDLER_ERROR, `the answer of "${name}" cannot be sent: value ${shape.problem}`);
    else {
      try {
        this.transport.checkSize(shape.size, `the answer of "${name}"`, maxBytes);
      } catch (error) {
        failure = toCallbackError(error);
      }
    }
    if (failure) {
      this.sendError(peer, id, failure);
      return false;
    }
    this.transport.send(peer, final ? frames.result(id, values) : frames.next(id, values), shape.size);
    return true;
  }

  sendError(peer: P, id: number, error: unknown): void {
    const failure = toCallbackError(error);
    this.transport.send(peer, frames.error(id, failure.code, failure.message, failure.details));
  }

  sendComplete(peer: P, id: number): void {
    this.transport.send(peer, frames.complete(id));
  }

  ended(answer: Running<P>): void {
    if (this.running.get(answer.peer, answer.id) === answer) this.running.take(answer.peer, answer.id);
  }

  forgetPeer(peer: P): void {
    // Closed first, so that tearing down the running requests does not start the waiting ones.
    this.incomingQueues.get(peer)?.close();
    this.incomingQueues.delete(peer);
    for (const handler of this.running.takePeer(peer)) handler.unsubscribe();
    this.answers.forget(peer);
    this.slots.forget(peer);
    for (const { registration } of this.registrations.values()) registration.forgetPeer?.(peer);
  }

  /** Tears every handler down and tells its caller, if still connected, that the resource stopped. */
  stop(reason: string): void {
    for (const queue of this.incomingQueues.values()) queue.close();
    for (const handler of this.running.takeAll()) {
      handler.unsubscribe();
      if (this.transport.isConnected(handler.peer)) this.transport.send(handler.peer, frames.error(handler.id, ErrorCode.RESOURCE_STOPPED, reason));
    }
    this.registrations.clear();
  }

  /**
   * A request answered through RxJS: retryable (its answers remembered, last in the pipe, so that a retry answered
   * from memory does not pass the checks, the rate limit, again) or waiting in the per-player incoming queue.
   */
  private answerThroughRxjs(entry: Registered<P>, request: IncomingRequest<P>, retryable: boolean): void {
    const { peer, id, name } = request;
    // The request's slot, taken once it passed its checks: held by the request and by its handler's work.
    let holdSlot: (() => () => void) | undefined;
    let releaseRequest: (() => void) | undefined;
    const validate = entry.registration.validate && validatorOf(entry.registration.validate);
    const checked$ = defer(() => {
      entry.check(request);
      this.unpackArguments(entry, request);
      holdSlot = this.slots.take(peer);
      releaseRequest = holdSlot();
      return validate ? validate(request.args).pipe(map((args) => ({ ...request, args: args as unknown[] }))) : of(request);
    });
    const handle = (valid: IncomingRequest<P>) => {
      const answers$ = entry.pipeAnswers(runHandler(() => entry.registration.handler(valid), holdSlot));
      return this.options.incomingQueue ? this.incomingQueueOf(peer).enqueue(answers$, entry.registration.priority) : answers$;
    };
    const handled$ = checked$.pipe(switchMap(handle));
    const answered$ = retryable ? handled$.pipe(rememberAnswers<AnswerValues>(this.answers, { peer, id, name }, sizeOfAnswer)) : handled$;
    const subscription = answered$.pipe(this.metrics.measure(name, 'incoming')).subscribe({
      next: (values) => {
        if (!this.sendAnswer(peer, id, name, values, entry.maxAnswerBytes, false)) this.running.take(peer, id)?.unsubscribe();
      },
      error: (error: unknown) => {
        this.running.take(peer, id);
        this.sendError(peer, id, error);
      },
      complete: () => {
        this.running.take(peer, id);
        this.sendComplete(peer, id);
      },
    });
    subscription.add(request.lifetime);
    subscription.add(() => releaseRequest?.());
    if (!subscription.closed) this.running.set(peer, id, { peer, id, unsubscribe: () => subscription.unsubscribe() });
  }

  private incomingQueueOf(peer: P): RequestQueue {
    let queue = this.incomingQueues.get(peer);
    if (!queue) this.incomingQueues.set(peer, (queue = createRequestQueue(this.options.incomingQueue!)));
    return queue;
  }
}

function sizeOfAnswer(values: AnswerValues): number {
  return inspectValues(values).size;
}
