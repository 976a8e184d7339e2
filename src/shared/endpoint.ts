import {
  defer,
  finalize,
  identity,
  Observable,
  of,
  Subscription,
  switchMap,
  tap,
  throttleTime,
  throwError,
  type MonoTypeOperatorFunction,
  type Subscriber,
} from 'rxjs';
import {
  createAnswerCache,
  createMetrics,
  createRequestQueue,
  checkPaceOptions,
  deadlineAfter,
  isTimeout,
  limitPayload,
  queued,
  rememberAnswers,
  retryWithBackoff,
  timeoutAfter,
  type AnswerCache,
  type Metrics,
  type MetricsOptions,
  type PaceOptions,
  type RequestQueue,
  type RequestQueueOptions,
} from '../operators';
import { gate } from '../operators/gate';
import { runHandler, type AnswerValues } from './answer';
import { refuseReply, type AnswerLimits } from './answerCheck';
import { CallbackError, ErrorCode, toCallbackError } from './errors';
import { fromEvent } from './fromEvent';
import type { SideNatives } from './natives';
import { checkCallbackName, invalid, resolveCallOptions, type CallOptions, type ResolvedCallOptions } from './options';
import { Outbox } from './outbox';
import { HandlerSlots } from './handlerSlots';
import { PeerTable } from './peerTable';
import { ThrottledLog } from './throttledLog';
import {
  eventNameFor,
  FLAG_RETRYABLE,
  FrameType,
  parseEnvelope,
  WIRE_LIMITS,
  type Frame,
  type ReplyFrame,
  type RequestFrame,
} from './protocol';
import { inspectValues } from './sendable';

/** How a side names its peers: a player id on the server, a constant on a client. */
export type PeerId = string | number;

/** An incoming request as the answering side's gates see it. */
export interface IncomingRequest<P> {
  readonly peer: P;
  readonly id: number;
  readonly name: string;
  args: unknown[];
  /** Ends with this request's answer (sent, failed, cancelled by its caller, or its player gone): the calls a
   * handler makes within it end too, so a nested call cannot outlive the call it serves. */
  readonly lifetime: Subscription;
}

/** A registered callback: the gates a request passes (in order), then the handler. */
export interface Registration<P> {
  gates: MonoTypeOperatorFunction<IncomingRequest<P>>[];
  handler: (request: IncomingRequest<P>) => unknown;
  /** Applied to the handler's answers (result validation, a handler time limit). */
  answerOperators: MonoTypeOperatorFunction<AnswerValues>[];
  /** Order in the per-player queue of incoming requests, when the endpoint has one. */
  priority: number;
  /** Forget per-player state (rate-limit buckets) when a player leaves. */
  forgetPeer?: (peer: P) => void;
}

/** Options of a side's callbacks (`createClientCallbacks`, `createServerCallbacks`); all optional. */
export interface EndpointOptions {
  /** Default time allowed for an answer, in ms, or false. Default: convar `fxcallbacks:timeout`, else 10000. */
  defaultTimeout?: number | false;
  /** Frames per envelope before a batch is sent early. Default 64. */
  maxFramesPerEnvelope?: number;
  /** Large payloads; see {@link DEFAULT_LARGE_PAYLOADS}. */
  largePayloads?: Partial<LargePayloads>;
  /** A stream answering faster than this (ms between answers) is coalesced: the latest answer of each interval
   * is sent, the ones in between are dropped. Default on a client 50 ms, on the server 0 (off). */
  minStreamInterval?: number;
  /** Outgoing calls wait in one priority queue with at most `concurrency` in flight. Default: no queue. */
  queue?: RequestQueueOptions;
  /** Incoming requests wait in a priority queue per player, `concurrency` handlers at a time. Default: none. */
  incomingQueue?: RequestQueueOptions;
  /** Spreads outgoing net events over time (never drops them). Default on a client: 45/s, burst 180, under
   * FiveM's limit of 50/s, burst 200; default on the server: off. `false` turns it off. */
  pace?: PaceOptions | false;
  /** How many answers to retryable requests are remembered per player, in count and bytes, and for how long.
   * Default 50 answers and 256 KiB per player, for 60 s. Players never share a quota. */
  rememberAnswers?: {
    /** Most answers remembered for one player; their oldest goes first. */
    maxEntriesPerPeer: number;
    /** Most bytes of answers remembered for one player (roughly counted). Default 256 KiB. */
    maxBytesPerPeer?: number;
    /** How long an answer is remembered, in ms. */
    ttl: number;
  };
  /** Options of the per-callback metrics (`metrics` on the callbacks API). */
  metrics?: MetricsOptions;
  /** Caps on what the other side may ask of this one; see {@link DEFAULT_LIMITS}. */
  limits?: Partial<EndpointLimits>;
}

/** Caps on what the other side may ask of this one: a request over a cap fails before its handler runs. */
export interface EndpointLimits {
  /** Largest argument payload accepted in one request, in bytes (roughly counted): else PAYLOAD_TOO_LARGE. */
  maxArgumentBytes: number;
  /** Deepest nesting of arrays and tables accepted in arguments: else LIMIT_EXCEEDED. */
  maxDepth: number;
  /** Requests one peer may have running (or queued) at once: else LIMIT_EXCEEDED. A request's slot is held until
   * its handler really ends (its `cb` called, its promise settled, its Observable torn down), not at CANCEL. */
  maxRunningPerPeer: number;
  /** Most arguments in one request, and most values in one answer: else LIMIT_EXCEEDED. */
  maxValues: number;
  /** Largest answer accepted from the other side, in bytes (roughly counted), reliable or latent: else
   * PAYLOAD_TOO_LARGE. A call may set its own (`maxAnswerBytes`). */
  maxAnswerBytes: number;
}

/** How requests and answers of several KiB travel: as latent events, within a size this side will send. */
export interface LargePayloads {
  /** From this size (roughly counted bytes), a request or answer goes alone as a latent event. */
  latentThreshold: number;
  /** Rate of latent events. */
  bytesPerSecond: number;
  /** Largest payload this side sends at all: PAYLOAD_TOO_LARGE before sending. */
  maxBytes: number;
}

/**
 * Latent from 8 KiB at 64 KiB/s (half of what FiveM lets a client send per second); nothing above 384 KiB,
 * the most FiveM lets a client send in one event.
 */
export const DEFAULT_LARGE_PAYLOADS: LargePayloads = { latentThreshold: 8 * 1024, bytesPerSecond: 64 * 1024, maxBytes: 384 * 1024 };

const NO_OPTIONS: CallOptions = {};

function sizeOfAnswer(values: AnswerValues): number {
  return inspectValues(values).size;
}

function paceOf(options: PaceOptions | false | undefined): Required<PaceOptions> | false {
  return options ? checkPaceOptions(options) : false;
}

/** Per player: 50 answers, 256 KiB, for 60 s. So at most players × 256 KiB in all. */
export const DEFAULT_REMEMBER_ANSWERS = { maxEntriesPerPeer: 50, maxBytesPerPeer: 256 * 1024, ttl: 60_000 };

/** Generous for honest scripts, small enough that one client cannot make the server hold much for it. */
export const DEFAULT_LIMITS: EndpointLimits = {
  maxArgumentBytes: 64 * 1024,
  maxDepth: 16,
  maxRunningPerPeer: 100,
  maxValues: 256,
  maxAnswerBytes: DEFAULT_LARGE_PAYLOADS.maxBytes,
};

/** The outgoing side of one call: where its replies go while it waits. */
interface PendingCall<P> {
  peer: P;
  id: number;
  name: string;
  subscriber: Subscriber<AnswerValues>;
  /** What the peer may answer. */
  answerLimits: AnswerLimits;
  /** Called when the peer sent a final frame, so the caller owes it no CANCEL. */
  onFinal(): void;
}

/** A call that may be retried: its id, kept across attempts, and whether the other side gave a final answer. */
interface RetryableCall {
  id: number;
  answered: boolean;
}

/** The answering side of one call: the handler's work, torn down on CANCEL, drop or stop. */
interface RunningHandler<P> {
  peer: P;
  id: number;
  subscription: Subscription;
}

/** Counters a test or the metrics can read to prove that nothing leaks. */
export interface EndpointStats {
  /** Calls this side sent that wait for their reply. */
  pendingCalls: number;
  /** Requests from the other side not yet answered: running, or waiting in the incoming queue. */
  runningHandlers: number;
  /** Callbacks registered on this side. */
  registeredCallbacks: number;
  /** Answers kept for retries of retryable requests, expired ones not yet swept included. */
  rememberedAnswers: number;
  /** Incoming envelopes and frames refused so far: malformed, from an unexpected source, or failing when read. */
  rejectedFrames: number;
}

/**
 * The symmetric core: one per resource and side. It sends requests and matches replies (caller role) and
 * runs registered handlers for requests from the other side (answering role). The client and server
 * entries only supply {@link SideNatives}: who the peer is, where `source` comes from, when a peer leaves.
 */
export class Endpoint<P extends PeerId> {
  readonly defaultTimeout: number | false;
  readonly metrics: Metrics;
  private readonly eventName: string;
  private readonly outbox: Outbox<P>;
  private readonly registrations = new Map<string, Registration<P>>();
  /** Calls this side made, waiting for replies, by (peer, id). */
  private readonly pending = new PeerTable<P, PendingCall<P>>();
  /** Handlers running for the other side's requests, by (peer, id). */
  private readonly running = new PeerTable<P, RunningHandler<P>>();
  /** Requests in progress per peer, until their handlers really ended (`maxRunningPerPeer`). */
  private readonly slots = new HandlerSlots<P>();
  private readonly answers: AnswerCache;
  private readonly outgoingQueue: RequestQueue | undefined;
  private readonly incomingQueues = new Map<P, RequestQueue>();
  private readonly lifetime: Subscription;
  /** Checks every request passes before the callback's own gates: payload size and shape, work per peer. */
  private readonly admission: MonoTypeOperatorFunction<IncomingRequest<P>>[];
  private readonly largePayloads: LargePayloads;
  private readonly limits: EndpointLimits;
  private readonly resolvedOptions = new WeakMap<CallOptions, ResolvedCallOptions>();
  /** Answers from clients are checked like arguments; a client's only peer is the server, which it trusts. */
  private readonly checkAnswers: boolean;
  /** Refused frames are logged at most once per interval per peer. */
  private readonly rejectionLog: ThrottledLog<P | 'unknown source'>;
  /** Applied to every handler's answers: coalescing of fast streams. */
  private readonly coalesce: MonoTypeOperatorFunction<AnswerValues>[];
  private nextRequestId = Math.floor(Math.random() * 2 ** 31);
  private rejectedFrames = 0;
  private stopped = false;

  constructor(
    private readonly natives: SideNatives<P>,
    private readonly options: EndpointOptions = {},
    sideDefaults: { pace?: PaceOptions; minStreamInterval?: number; trustedPeer?: boolean; flushPerFrame?: boolean } = {},
  ) {
    this.eventName = eventNameFor(natives.resourceName);
    this.defaultTimeout = options.defaultTimeout ?? natives.convarInt('fxcallbacks:timeout', 10_000);
    this.metrics = createMetrics(options.metrics);
    this.rejectionLog = new ThrottledLog((line) => natives.log(line), () => natives.now());
    this.answers = createAnswerCache({ ...DEFAULT_REMEMBER_ANSWERS, ...options.rememberAnswers });
    this.outgoingQueue = options.queue && createRequestQueue(options.queue);
    const limits = (this.limits = { ...DEFAULT_LIMITS, ...options.limits });
    this.admission = [
      limitPayload({ maxBytes: limits.maxArgumentBytes, maxDepth: limits.maxDepth, maxValues: limits.maxValues }),
      gate<IncomingRequest<P>>(({ peer }) => {
        if (this.slots.countFor(peer) >= limits.maxRunningPerPeer) {
          throw new CallbackError(ErrorCode.LIMIT_EXCEEDED, `more than ${limits.maxRunningPerPeer} requests at once`, {
            maxRunningPerPeer: limits.maxRunningPerPeer,
          });
        }
      }),
    ];

    this.largePayloads = { ...DEFAULT_LARGE_PAYLOADS, ...options.largePayloads };
    this.checkAnswers = !sideDefaults.trustedPeer;
    const streamInterval = options.minStreamInterval ?? sideDefaults.minStreamInterval ?? 0;
    this.coalesce = streamInterval > 0 ? [throttleTime(streamInterval, undefined, { leading: true, trailing: true })] : [];

    this.outbox = new Outbox<P>(
      ({ peer, envelope, latent }) =>
        latent
          ? natives.emitNetLatent(peer, this.eventName, envelope, this.largePayloads.bytesPerSecond)
          : natives.emitNet(peer, this.eventName, envelope),
      {
        maxFrames: options.maxFramesPerEnvelope ?? 64,
        latentThreshold: this.largePayloads.latentThreshold,
        pace: paceOf(options.pace ?? sideDefaults.pace),
        flushPerFrame: sideDefaults.flushPerFrame ?? false,
      },
    );

    this.lifetime = new Subscription(() => this.outbox.close());
    this.lifetime.add(
      fromEvent(this.eventName, natives.onNet, () => natives.currentSource()).subscribe(({ source, args }) =>
        this.receive(source, args[0]),
      ),
    );
    this.lifetime.add(natives.peerLeft$.subscribe((peer) => this.forgetPeer(peer)));
    this.lifetime.add(natives.resourceStopped$.subscribe(() => this.stop()));
    if (this.outgoingQueue) {
      this.lifetime.add(this.outgoingQueue.counts$.subscribe(({ waiting }) => this.metrics.setQueueLength('*', 'outgoing', waiting)));
    }
  }

  get stats(): EndpointStats {
    return {
      pendingCalls: this.pending.size,
      runningHandlers: this.running.size,
      registeredCallbacks: this.registrations.size,
      rememberedAnswers: this.answers.size,
      rejectedFrames: this.rejectedFrames,
    };
  }

  // ---- answering role ------------------------------------------------------------------------------------

  register(name: string, registration: Registration<P>): () => void {
    checkCallbackName(name, WIRE_LIMITS.maxNameLength);
    if (this.stopped) throw new CallbackError(ErrorCode.RESOURCE_STOPPED, 'the resource has stopped');
    this.natives.claimName?.(name);
    this.registrations.set(name, registration);
    return () => {
      if (this.registrations.get(name) === registration) this.unregister(name);
    };
  }

  unregister(name: string): boolean {
    if (!this.registrations.delete(name)) return false;
    this.natives.releaseName?.(name);
    return true;
  }

  // ---- caller role ---------------------------------------------------------------------------------------

  /**
   * A call as a cold Observable of answers (each a list of values): nothing is sent until it is subscribed,
   * and unsubscribing before the end tells the other side to stop. A retry resends the same request id, so
   * the other side can answer a retry from memory instead of running the handler twice. A `oneShot` call (its
   * caller waits for the end only) must end within its timeout; a stream must show a sign of life within it.
   */
  call$(peer: P, name: unknown, args: unknown[], options?: CallOptions, oneShot = false): Observable<AnswerValues> {
    let callbackName: string;
    let request$: Observable<AnswerValues>;
    let priority: number;
    try {
      callbackName = checkCallbackName(name, WIRE_LIMITS.maxNameLength);
      const resolved = this.resolve(options);
      const shape = inspectValues(args);
      if (shape.problem) throw invalid(`cannot call "${callbackName}": argument ${shape.problem}`);
      this.checkSize(shape.size, `the arguments of "${callbackName}"`);
      request$ = this.request$(peer, callbackName, args, shape.size, resolved, oneShot);
      priority = resolved.priority;
    } catch (error) {
      return throwError(() => toCallbackError(error));
    }
    const waiting$ = this.outgoingQueue ? request$.pipe(queued(this.outgoingQueue, priority)) : request$;
    return waiting$.pipe(this.metrics.measure(callbackName, 'outgoing'));
  }

  private request$(peer: P, name: string, args: unknown[], size: number, options: ResolvedCallOptions, oneShot: boolean): Observable<AnswerValues> {
    const answerLimits = this.answerLimits(options);
    const timed = oneShot ? deadlineAfter<AnswerValues>(options.timeout, name) : timeoutAfter<AnswerValues>(options.timeout, name);
    if (options.retries === 0) return this.attempt$(peer, undefined, name, args, size, answerLimits).pipe(timed, this.streamBound(options, name, oneShot));
    // Retries resend the same id, so the id belongs to the whole call, and so does the CANCEL if it is given up.
    return defer(() => {
      const call: RetryableCall = { id: this.allocateId(), answered: false };
      const attempts$ = this.attempt$(peer, call, name, args, size, answerLimits).pipe(timed, this.streamBound(options, name, oneShot));
      return this.retried(attempts$, name, options).pipe(
        finalize(() => {
          if (!call.answered) this.cancel(peer, call.id);
        }),
      );
    });
  }

  /**
   * One attempt of a call: registers it as pending on (peer, id), sends the REQUEST, and relays the replies. A
   * plain call ended early (the caller unsubscribed, or the timeout fired) is cancelled over there at once; a
   * retryable one only when the whole call ends.
   */
  private attempt$(
    peer: P,
    retryable: RetryableCall | undefined,
    name: string,
    args: unknown[],
    size: number,
    answerLimits: AnswerLimits,
  ): Observable<AnswerValues> {
    return new Observable<AnswerValues>((subscriber) => {
      if (this.stopped) {
        subscriber.error(new CallbackError(ErrorCode.RESOURCE_STOPPED, `the resource stopped before "${name}" was sent`));
        return;
      }
      if (!this.natives.isConnected(peer)) {
        subscriber.error(new CallbackError(ErrorCode.PLAYER_DROPPED, `player ${String(peer)} is not connected`));
        return;
      }
      const call = retryable ?? { id: this.allocateId(), answered: false };
      this.pending.set(peer, call.id, { peer, id: call.id, name, subscriber, answerLimits, onFinal: () => (call.answered = true) });
      this.outbox.push(peer, retryable ? [FrameType.REQUEST, call.id, name, args, FLAG_RETRYABLE] : [FrameType.REQUEST, call.id, name, args], size);
      return () => {
        this.pending.take(peer, call.id);
        if (!retryable && !call.answered) this.cancel(peer, call.id);
      };
    });
  }

  /** Tells the other side a call was given up; a request still waiting to leave is taken back instead. */
  private cancel(peer: P, id: number): void {
    if (this.stopped || !this.natives.isConnected(peer) || this.outbox.retract(peer, id)) return;
    this.outbox.push(peer, [FrameType.CANCEL, id]);
  }

  /** Resubscribes (resending the same request id) after a transient failure, but never once part of an answer came. */
  private retried(attempts$: Observable<AnswerValues>, name: string, options: ResolvedCallOptions): Observable<AnswerValues> {
    const retryIf = options.retryIf ?? isTimeout;
    let sawAnswer = false;
    return attempts$.pipe(
      tap(() => (sawAnswer = true)),
      retryWithBackoff({
        retries: options.retries,
        baseDelay: options.retryDelay,
        maxDelay: options.maxRetryDelay,
        // Once part of an answer arrived, asking again could repeat what the handler already did.
        shouldRetry: (error) => !sawAnswer && retryIf(toCallbackError(error)),
        onRetry: () => this.metrics.recordRetry(name),
      }),
    );
  }

  /** A subscribed stream's answers keep it alive, but only up to its `maxDuration`. */
  private streamBound(options: ResolvedCallOptions, name: string, oneShot: boolean): MonoTypeOperatorFunction<AnswerValues> {
    return oneShot ? identity : deadlineAfter(options.maxDuration, name, 'maxDuration');
  }

  /** What the other side may answer a call with; a client trusts the server's answers but for their count. */
  private answerLimits(options: ResolvedCallOptions): AnswerLimits {
    const { maxValues, maxDepth, maxAnswerBytes } = this.limits;
    return { maxValues, maxDepth, maxBytes: options.maxAnswerBytes ?? maxAnswerBytes, inspect: this.checkAnswers };
  }

  /** Call options checked and completed once per options object (a `with(...)` facade reuses its own). */
  private resolve(options: CallOptions | undefined): ResolvedCallOptions {
    const key = options ?? NO_OPTIONS;
    let resolved = this.resolvedOptions.get(key);
    if (!resolved) this.resolvedOptions.set(key, (resolved = resolveCallOptions(options, this.defaultTimeout)));
    return resolved;
  }

  /** Refuses to send what FiveM could not deliver safely. */
  private checkSize(size: number, what: string): void {
    if (size > this.largePayloads.maxBytes) {
      throw new CallbackError(ErrorCode.PAYLOAD_TOO_LARGE, `${what} take about ${size} bytes; at most ${this.largePayloads.maxBytes} are sent`, {
        maxBytes: this.largePayloads.maxBytes,
      });
    }
  }

  private allocateId(): number {
    this.nextRequestId = (this.nextRequestId + 1) % 2 ** 31;
    return this.nextRequestId;
  }

  // ---- receiving -----------------------------------------------------------------------------------------

  private receive(source: unknown, raw: unknown): void {
    const peer = this.natives.peerFromSource(source);
    if (peer === undefined) {
      this.reject('unknown source', `an event from an unexpected source (${String(source)})`);
      return;
    }
    const { frames, rejected } = parseEnvelope(raw);
    for (const reason of rejected) this.reject(peer, `${reason} from ${String(peer)}`);
    for (const frame of frames) {
      try {
        this.receiveFrame(peer, frame);
      } catch (error) {
        // Whatever arrives must not break the listener (a throw here would surface as a timer SCRIPT ERROR).
        this.reject(peer, `a frame that failed: ${toCallbackError(error).message}`);
      }
    }
  }

  /** Counts a refused frame and logs it, throttled per peer so that a client sending garbage cannot flood the console. */
  private reject(peer: P | 'unknown source', reason: string): void {
    this.rejectedFrames++;
    this.rejectionLog.note(peer, `fxcallbacks: dropped ${reason}`, 'refused');
  }

  private receiveFrame(peer: P, frame: Frame): void {
    switch (frame[0]) {
      case FrameType.REQUEST:
        return this.answer(peer, frame);
      case FrameType.CANCEL:
        this.running.take(peer, frame[1])?.subscription.unsubscribe();
        // A remembered retryable handler would otherwise keep running for nobody.
        this.answers.delete({ peer, id: frame[1] });
        this.outbox.endCall(peer, frame[1]);
        return;
      default:
        return this.settle(peer, frame);
    }
  }

  /** A reply counts only from the peer the request went to, and only while the call waits for it. */
  private settle(peer: P, frame: ReplyFrame): void {
    const id = frame[1];
    const call = this.pending.get(peer, id);
    if (!call) return;
    // The other side is not trusted either: an answer too large, too many values, or holding e.g. a function
    // reference is refused, and so are such error details.
    const refusal = refuseReply(frame, call.answerLimits, call.name);
    if (refusal) {
      this.pending.take(peer, id);
      call.onFinal();
      if (frame[0] !== FrameType.ERROR) this.outbox.push(peer, [FrameType.CANCEL, id]);
      call.subscriber.error(refusal);
      return;
    }
    if (frame[0] === FrameType.NEXT) return call.subscriber.next(frame[2]);
    this.pending.take(peer, id);
    call.onFinal();
    if (frame[0] === FrameType.ERROR) return call.subscriber.error(new CallbackError(frame[2], frame[3], frame[4] ?? undefined));
    if (frame[0] === FrameType.RESULT) call.subscriber.next(frame[2]);
    call.subscriber.complete();
  }

  private answer(peer: P, [, id, name, args, flags]: RequestFrame): void {
    // A retry of a request whose handler is still running: its answer is on the way.
    if (this.running.has(peer, id)) return;
    const registration = this.registrations.get(name);
    if (!registration) {
      this.outbox.push(peer, [FrameType.ERROR, id, ErrorCode.NO_SUCH_CALLBACK, `no callback named "${name}" is registered`]);
      return;
    }
    // The request's slot, taken once it is admitted: held by the request and by its handler's work.
    let holdSlot: (() => () => void) | undefined;
    let releaseRequest: (() => void) | undefined;
    const takeSlot = tap<IncomingRequest<P>>(() => {
      holdSlot = this.slots.take(peer);
      releaseRequest = holdSlot();
    });
    const handle = (request: IncomingRequest<P>) => {
      const answers$ = runHandler(() => registration.handler(request), holdSlot).pipe(
        ...(registration.answerOperators as []),
        ...(this.coalesce as []),
      );
      return this.options.incomingQueue ? this.incomingQueueOf(peer).enqueue(answers$, registration.priority) : answers$;
    };
    const request: IncomingRequest<P> = { peer, id, name, args, lifetime: new Subscription() };
    const handled$ = of(request).pipe(...(this.admission as []), takeSlot, ...(registration.gates as []), switchMap(handle));
    // Last in the pipe, so that a retry answered from memory does not pass the gates (the rate limit) again.
    const answered$ = (flags ?? 0) & FLAG_RETRYABLE ? handled$.pipe(rememberAnswers<AnswerValues>(this.answers, { peer, id }, sizeOfAnswer)) : handled$;
    const subscription = answered$.pipe(this.metrics.measure(name, 'incoming')).subscribe({
      next: (values) => this.reply(peer, id, name, values),
      error: (error) => {
        this.running.take(peer, id);
        const failure = toCallbackError(error);
        this.outbox.push(peer, [FrameType.ERROR, id, failure.code, failure.message, failure.details]);
      },
      complete: () => {
        this.running.take(peer, id);
        this.outbox.push(peer, [FrameType.COMPLETE, id]);
      },
    });
    subscription.add(request.lifetime);
    subscription.add(() => releaseRequest?.());
    if (!subscription.closed) this.running.set(peer, id, { peer, id, subscription });
  }

  private incomingQueueOf(peer: P): RequestQueue {
    let queue = this.incomingQueues.get(peer);
    if (!queue) this.incomingQueues.set(peer, (queue = createRequestQueue(this.options.incomingQueue!)));
    return queue;
  }

  /** Sends one answer, or an error instead when the handler answered something that cannot or should not go. */
  private reply(peer: P, id: number, name: string, values: AnswerValues): void {
    const shape = inspectValues(values);
    let failure: CallbackError | undefined;
    if (shape.problem) failure = new CallbackError(ErrorCode.HANDLER_ERROR, `the answer of "${name}" cannot be sent: value ${shape.problem}`);
    else {
      try {
        this.checkSize(shape.size, `the answer of "${name}"`);
      } catch (error) {
        failure = toCallbackError(error);
      }
    }
    if (!failure) {
      this.outbox.push(peer, [FrameType.NEXT, id, values], shape.size);
      return;
    }
    this.running.take(peer, id)?.subscription.unsubscribe();
    this.outbox.push(peer, [FrameType.ERROR, id, failure.code, failure.message, failure.details]);
  }

  // ---- lifecycle -----------------------------------------------------------------------------------------

  private forgetPeer(peer: P): void {
    this.outbox.discard(peer);
    // Closed first, so that tearing down the running requests does not start the waiting ones.
    this.incomingQueues.get(peer)?.close();
    this.incomingQueues.delete(peer);
    for (const handler of this.running.takePeer(peer)) handler.subscription.unsubscribe();
    for (const call of this.pending.takePeer(peer)) {
      call.onFinal();
      call.subscriber.error(new CallbackError(ErrorCode.PLAYER_DROPPED, `player ${String(peer)} left before answering`));
    }
    this.answers.forget(peer);
    this.slots.forget(peer);
    this.rejectionLog.forget(peer);
    for (const registration of this.registrations.values()) registration.forgetPeer?.(peer);
  }

  /**
   * Cancels this side's calls over there and fails them here, tells the callers of running handlers, and removes
   * every listener.
   */
  private stop(): void {
    if (this.stopped) return;
    const pending = this.pending.takeAll();
    for (const call of pending) this.cancel(call.peer, call.id);
    this.stopped = true;
    const reason = `resource ${this.natives.resourceName} stopped`;
    for (const call of pending) {
      call.onFinal();
      call.subscriber.error(new CallbackError(ErrorCode.RESOURCE_STOPPED, reason));
    }
    for (const queue of this.incomingQueues.values()) queue.close();
    for (const { peer, id, subscription } of this.running.takeAll()) {
      subscription.unsubscribe();
      if (this.natives.isConnected(peer)) this.outbox.push(peer, [FrameType.ERROR, id, ErrorCode.RESOURCE_STOPPED, reason]);
    }
    this.registrations.clear();
    this.outbox.flush(true);
    this.lifetime.unsubscribe();
  }
}
