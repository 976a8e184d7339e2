import type { Payload } from './wire/protocol';
import type { Observable, Subscription } from 'rxjs';
import { TimerWheel } from '../ground/timerWheel';
import type { AnswerValues } from './answer/answer';
import { Answerer } from './answer/answerer';
import { Caller } from './call/caller';
import {
  DEFAULT_LARGE_PAYLOADS,
  DEFAULT_LIMITS,
  DEFAULT_REMEMBER_ANSWERS,
  type EndpointOptions,
  type EndpointStats,
  type PeerId,
  type SideDefaults,
} from './endpointOptions';
import { createMetrics, type Metrics } from './metrics';
import type { SideNatives } from './natives';
import type { CallOptions } from './call/callOptions';
import type { Settle } from './call/plainCall';
import type { Registration } from './answer/registration';
import { Transport } from './wire/transport';

/**
 * The symmetric core: one per resource and side, the three roles of a call put together. The {@link Transport}
 * carries frames (the net event, batching, pacing, latent events, the lifecycle), the {@link Caller} sends
 * requests and settles them with their replies, the {@link Answerer} runs registered handlers for the other side's
 * requests. The client and server entries only supply {@link SideNatives}: who the peer is, where `source` comes
 * from, when a peer leaves. All deadlines and delays of the endpoint share one {@link TimerWheel}.
 */
export class Endpoint<P extends PeerId> {
  readonly defaultTimeout: number | false;
  readonly metrics: Metrics;
  private readonly transport: Transport<P>;
  private readonly caller: Caller<P>;
  private readonly answerer: Answerer<P>;
  private readonly wheel = new TimerWheel();

  constructor(
    private readonly natives: SideNatives<P>,
    options: EndpointOptions = {},
    sideDefaults: SideDefaults = {},
  ) {
    this.defaultTimeout = options.defaultTimeout ?? natives.convarInt('fxcallbacks:timeout', 10_000);
    this.metrics = createMetrics(options.metrics);
    const limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.transport = new Transport(natives, {
      maxFramesPerEnvelope: options.maxFramesPerEnvelope ?? 64,
      largePayloads: { ...DEFAULT_LARGE_PAYLOADS, ...options.largePayloads },
      pace: options.pace ?? sideDefaults.pace,
      flushPerFrame: sideDefaults.flushPerFrame ?? false,
    });
    this.caller = new Caller(this.transport, this.wheel, this.metrics, {
      defaultTimeout: this.defaultTimeout,
      limits,
      checkAnswers: !sideDefaults.trustedPeer,
      queue: options.queue,
    });
    this.answerer = new Answerer(this.transport, this.wheel, this.metrics, natives, {
      limits,
      rememberAnswers: { ...DEFAULT_REMEMBER_ANSWERS, ...options.rememberAnswers },
      incomingQueue: options.incomingQueue,
      minStreamInterval: options.minStreamInterval ?? sideDefaults.minStreamInterval ?? 0,
    });
    this.transport.listen({
      request: (peer, frame) => this.answerer.request(peer, frame),
      cancel: (peer, id) => this.answerer.cancel(peer, id),
      reply: (peer, frame) => this.caller.reply(peer, frame),
      peerLeft: (peer) => {
        this.answerer.forgetPeer(peer);
        this.caller.forgetPeer(peer);
      },
      stop: () => this.stop(),
    });
  }

  get stats(): EndpointStats {
    return { pendingCalls: this.caller.size, ...this.answerer.stats, rejectedFrames: this.transport.rejectedFrames };
  }

  register(name: string, registration: Registration<P>): () => void {
    return this.answerer.register(name, registration);
  }

  unregister(name: string): boolean {
    return this.answerer.unregister(name);
  }

  /** A call as a cold Observable of answers; see {@link Caller.call$}. */
  call$(peer: P, name: unknown, args: Payload, options?: CallOptions, oneShot = false): Observable<AnswerValues> {
    return this.caller.call$(peer, name, args, options, oneShot);
  }

  /** A one-shot call reported once to `done`, without RxJS; undefined when it needs RxJS. See {@link Caller.settle}. */
  settle(peer: P, name: unknown, args: Payload, options: CallOptions | undefined, done: Settle): Subscription | undefined {
    return this.caller.settle(peer, name, args, options, done);
  }

  /**
   * Cancels this side's calls over there and fails them here, tells the callers of running handlers, and removes
   * every listener.
   */
  private stop(): void {
    if (this.transport.stopped) return;
    const pending = this.caller.takeAll();
    this.transport.markStopping();
    const reason = `resource ${this.natives.resourceName} stopped`;
    this.caller.failAll(pending, reason);
    this.answerer.stop(reason);
    this.transport.close();
  }
}
