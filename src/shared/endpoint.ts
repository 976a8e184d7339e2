import {
  defer,
  finalize,
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
import { CallbackError, ErrorCode, toCallbackError } from './errors';
import { fromEvent } from './fromEvent';
import type { SideNatives } from './natives';
import { checkCallbackName, invalid, resolveCallOptions, type CallOptions, type ResolvedCallOptions } from './options';
import { Outbox } from './outbox';
import { PeerTable } from './peerTable';
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
  /** How many answers to retryable requests are remembered (in all, and per player), and for how long.
   * Default 1000, 50 per player, for 60 s. */
  rememberAnswers?: {
    /** Most answers remembered in all; the oldest goes first. */
    maxEntries: number;
    /** Most answers remembered for one player. Default `maxEntries`. */
    maxEntriesPerPeer?: number;
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
  /** Requests one peer may have running (or queued) at once: else LIMIT_EXCEEDED. */
  maxRunningPerPeer: number;
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

const REJECTION_LOG_INTERVAL = 10_000;
const NO_OPTIONS: CallOptions = {};

function paceOf(options: PaceOptions | false | undefined): Required<PaceOptions> | false {
  return options ? checkPaceOptions(options) : false;
}

/** Generous for honest scripts, small enough that one client cannot make the server hold much for it. */
export const DEFAULT_LIMITS: EndpointLimits = { maxArgumentBytes: 64 * 1024, maxDepth: 16, maxRunningPerPeer: 100 };

/** The outgoing side of one call: where its replies go while it waits. */
interface PendingCall<P> {
  peer: P;
  id: number;
  name: string;
  subscriber: Subscriber<AnswerValues>;
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
  /** When refused frames were last logged, per peer. */
  private readonly rejectionLog = new Map<P | 'unknown source', { loggedAt: number; since: number }>();
  /** Applied to every handler's answers: coalescing of fast streams. */
  private readonly coalesce: MonoTypeOperatorFunction<AnswerValues>[];
  private nextRequestId = Math.floor(Math.random() * 2 ** 31);
  private rejectedFrames = 0;
  private stopped = false;

  constructor(
    private readonly natives: SideNatives<P>,
    private readonly options: EndpointOptions = {},
    sideDefaults: { pace?: PaceOptions; minStreamInterval?: number; trustedPeer?: boolean } = {},
  ) {
    this.eventName = eventNameFor(natives.resourceName);
    this.defaultTimeout = options.defaultTimeout ?? natives.convarInt('fxcallbacks:timeout', 10_000);
    this.metrics = createMetrics(options.metrics);
    this.answers = createAnswerCache(options.rememberAnswers ?? { maxEntries: 1000, maxEntriesPerPeer: 50, ttl: 60_000 });
    this.outgoingQueue = options.queue && createRequestQueue(options.queue);
    const limits = (this.limits = { ...DEFAULT_LIMITS, ...options.limits });
    this.admission = [
      limitPayload({ maxBytes: limits.maxArgumentBytes, maxDepth: limits.maxDepth }),
      gate<IncomingRequest<P>>(({ peer }) => {
        if (this.running.countFor(peer) >= limits.maxRunningPerPeer) {
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
   * the other side can answer a retry from memory instead of running the handler twice.
   */
  call$(peer: P, name: unknown, args: unknown[], options?: CallOptions): Observable<AnswerValues> {
    let callbackName: string;
    let request$: Observable<AnswerValues>;
    let priority: number;
    try {
      callbackName = checkCallbackName(name, WIRE_LIMITS.maxNameLength);
      const resolved = this.resolve(options);
      const shape = inspectValues(args);
      if (shape.problem) throw invalid(`argument ${shape.problem} of "${callbackName}"`);
      this.checkSize(shape.size, `the arguments of "${callbackName}"`);
      request$ = this.request$(peer, callbackName, args, shape.size, resolved);
      priority = resolved.priority;
    } catch (error) {
      return throwError(() => toCallbackError(error));
    }
    const waiting$ = this.outgoingQueue ? request$.pipe(queued(this.outgoingQueue, priority)) : request$;
    return waiting$.pipe(this.metrics.measure(callbackName, 'outgoing'));
  }

  private request$(peer: P, name: string, args: unknown[], size: number, options: ResolvedCallOptions): Observable<AnswerValues> {
    if (options.retries === 0) return this.attempt$(peer, undefined, name, args, size).pipe(timeoutAfter(options.timeout, name));
    // Retries resend the same id, so the id belongs to the whole call, and so does the CANCEL if it is given up.
    return defer(() => {
      const call: RetryableCall = { id: this.allocateId(), answered: false };
      const attempts$ = this.attempt$(peer, call, name, args, size).pipe(timeoutAfter(options.timeout, name));
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
  private attempt$(peer: P, retryable: RetryableCall | undefined, name: string, args: unknown[], size: number): Observable<AnswerValues> {
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
      this.pending.set(peer, call.id, { peer, id: call.id, name, subscriber, onFinal: () => (call.answered = true) });
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

  /**
   * Counts a refused frame and logs it, at most once per 10 s per peer (with how many were refused since), so
   * that a client sending garbage cannot flood the server console.
   */
  private reject(peer: P | 'unknown source', reason: string): void {
    this.rejectedFrames++;
    const now = this.natives.now();
    const log = this.rejectionLog.get(peer) ?? { loggedAt: -Infinity, since: 0 };
    log.since++;
    if (now - log.loggedAt >= REJECTION_LOG_INTERVAL) {
      this.natives.log(`fxcallbacks: dropped ${reason}${log.since > 1 ? ` (${log.since} refused in the last 10 s)` : ''}`);
      log.loggedAt = now;
      log.since = 0;
    }
    this.rejectionLog.set(peer, log);
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
    if (frame[0] === FrameType.NEXT || frame[0] === FrameType.RESULT) {
      // The other side is not trusted either: an answer holding, e.g., a function reference is refused.
      const problem = this.checkAnswers ? inspectValues(frame[2], this.limits.maxDepth).problem : undefined;
      if (problem) {
        this.pending.take(peer, id);
        call.onFinal();
        this.outbox.push(peer, [FrameType.CANCEL, id]);
        call.subscriber.error(new CallbackError(ErrorCode.HANDLER_ERROR, `the answer of "${call.name}" was refused: value ${problem}`));
        return;
      }
      if (frame[0] === FrameType.NEXT) return call.subscriber.next(frame[2]);
    }
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
    const handle = (request: IncomingRequest<P>) => {
      const answers$ = runHandler(() => registration.handler(request)).pipe(
        ...(registration.answerOperators as []),
        ...(this.coalesce as []),
      );
      return this.options.incomingQueue ? this.incomingQueueOf(peer).enqueue(answers$, registration.priority) : answers$;
    };
    const request: IncomingRequest<P> = { peer, id, name, args, lifetime: new Subscription() };
    const handled$ = of(request).pipe(...(this.admission as []), ...(registration.gates as []), switchMap(handle));
    // Last in the pipe, so that a retry answered from memory does not pass the gates (the rate limit) again.
    const answered$ = (flags ?? 0) & FLAG_RETRYABLE ? handled$.pipe(rememberAnswers<AnswerValues>(this.answers, { peer, id })) : handled$;
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
    this.rejectionLog.delete(peer);
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
