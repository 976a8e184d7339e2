import { from, isObservable, map, type Observable, type SchedulerAction, type Subscription } from 'rxjs';
import { timedOut } from '../../ground/errors';
import type { Measurement } from '../../ground/metricsRegistry';
import type { TimerWheel } from '../../ground/timerWheel';
import { endOf, isPromiseLike, toAnswerValues, type AnswerValues } from './answer';
import type { IncomingRequest, Registration } from './registration';

/** A registration as the answering side keeps it: its checks composed into one, its caps resolved. */
export interface Registered<P> {
  readonly name: string;
  readonly registration: Registration<P>;
  /** Payload limits, requests in progress, rate limit, permission: one function, composed at registration. */
  readonly check: (request: IncomingRequest<P>) => void;
  /** Largest answer this callback sends. */
  readonly maxAnswerBytes: number;
  /** What a stream of answers passes through before it is sent: result validation, handler timeout, coalescing. */
  readonly pipeAnswers: (answers$: Observable<AnswerValues>) => Observable<AnswerValues>;
}

/** What an answer needs of the answering side. */
export interface AnswerSink<P> {
  readonly wheel: TimerWheel;
  /** Sends one answer (`final`: the last), or the error instead when it cannot go; returns whether it went. */
  sendAnswer(peer: P, id: number, name: string, values: AnswerValues, maxBytes: number, final: boolean): boolean;
  sendError(peer: P, id: number, error: unknown): void;
  sendComplete(peer: P, id: number): void;
  /** The answer is over: no longer running. */
  ended(answer: PlainAnswer<P>): void;
}

/**
 * The RxJS-free twin of {@link runHandler}'s pipe: one request answered without RxJS: its checks passed, it validates
 * its arguments, runs the handler directly, and a value or a Promise is answered as it comes (one RESULT frame); only
 * a handler that returns an Observable gets one subscribed. It holds its request's slot until the answer is over and
 * the handler's work has ended; unsubscribing (the caller's CANCEL, the player leaving, the resource stopping) ends
 * it without an answer.
 */
export class PlainAnswer<P> {
  private ended = false;
  private readonly releaseRequest: () => void;
  private stream: Subscription | undefined;
  private deadline: Subscription | undefined;

  constructor(
    private readonly sink: AnswerSink<P>,
    readonly peer: P,
    readonly id: number,
    private readonly entry: Registered<P>,
    private readonly request: IncomingRequest<P>,
    private readonly measurement: Measurement,
    /** Puts a hold on the request's slot; what it returns releases that hold. */
    private readonly hold: () => () => void,
  ) {
    this.releaseRequest = hold();
  }

  /** True once the answer is over (sent, failed or given up). */
  get closed(): boolean {
    return this.ended;
  }

  start(): void {
    const validate = this.entry.registration.validate;
    let args: readonly unknown[] | PromiseLike<readonly unknown[]>;
    try {
      args = validate ? validate(this.request.args) : this.request.args;
    } catch (error) {
      return this.fail(error);
    }
    if (isPromiseLike(args)) args.then((valid) => this.run(valid), (error: unknown) => this.fail(error));
    else this.run(args);
  }

  unsubscribe(): void {
    if (!this.ended) this.close();
  }

  /** @internal The handler's time limit passed. */
  expire(): void {
    this.fail(timedOut(this.entry.name, this.entry.registration.timeout as number));
  }

  private run(args: readonly unknown[]): void {
    if (this.ended) return;
    this.request.args = args as unknown[];
    const onEnd = this.hold();
    let result: unknown;
    try {
      result = this.entry.registration.handler(this.request);
    } catch (error) {
      onEnd();
      return this.fail(error);
    }
    if (isObservable(result)) return this.subscribe(result, onEnd);
    if (!isPromiseLike(result)) {
      onEnd();
      return this.answer(toAnswerValues(result));
    }
    // Nothing can cancel a Promise: its work holds the slot until it settles, even after the answer is over.
    result.then(onEnd, onEnd);
    const timeout = this.entry.registration.timeout;
    if (timeout !== false) this.deadline = this.sink.wheel.schedule(expire, timeout, this as PlainAnswer<unknown>);
    result.then((value) => this.answer(toAnswerValues(value)), (error: unknown) => this.fail(error));
  }

  /** A handler's Observable: its answers stream through the registration's answer operators. */
  private subscribe(result: Observable<unknown>, onEnd: () => void): void {
    const { peer, id, entry, sink, measurement } = this;
    const whenEnded = endOf(result);
    if (whenEnded) whenEnded(onEnd);
    this.stream = entry.pipeAnswers(from(result).pipe(map(toAnswerValues))).subscribe({
      next: (values) => {
        measurement.answer();
        if (!sink.sendAnswer(peer, id, entry.name, values, entry.maxAnswerBytes, false)) this.unsubscribe();
      },
      error: (error: unknown) => this.fail(error),
      complete: () => {
        measurement.succeed();
        sink.sendComplete(peer, id);
        this.close();
      },
    });
    if (!whenEnded) this.stream.add(onEnd);
    if (this.ended) this.stream.unsubscribe();
  }

  private answer(values: AnswerValues): void {
    if (this.ended) return;
    const validateResult = this.entry.registration.validateResult;
    if (!validateResult) return this.send(values);
    let checked: readonly unknown[] | PromiseLike<readonly unknown[]>;
    try {
      checked = validateResult(values);
    } catch (error) {
      return this.fail(error);
    }
    if (isPromiseLike(checked)) checked.then((valid) => this.send(valid as AnswerValues), (error: unknown) => this.fail(error));
    else this.send(checked as AnswerValues);
  }

  private send(values: AnswerValues): void {
    if (this.ended) return;
    this.measurement.answer();
    if (this.sink.sendAnswer(this.peer, this.id, this.entry.name, values, this.entry.maxAnswerBytes, true)) this.measurement.succeed();
    this.close();
  }

  private fail(error: unknown): void {
    if (this.ended) return;
    this.measurement.fail(error);
    this.sink.sendError(this.peer, this.id, error);
    this.close();
  }

  private close(): void {
    this.ended = true;
    this.deadline?.unsubscribe();
    this.stream?.unsubscribe();
    this.request.lifetime.unsubscribe();
    this.releaseRequest();
    this.measurement.end();
    this.sink.ended(this);
  }
}

/** The wheel's work for a handler's time limit: one function for every answer, the answer as its state. */
function expire(this: SchedulerAction<PlainAnswer<unknown>>, answer?: PlainAnswer<unknown>): void {
  answer!.expire();
}
