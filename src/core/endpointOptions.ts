/**
 * What a side's callbacks can be told (`createClientCallbacks`, `createServerCallbacks`), the defaults, and the
 * counters they show.
 */
import type { MetricsOptions } from '../ground/metricTypes';
import type { RequestQueueOptions } from '../ground/requestQueue';
import { REQUEST_ID_RANGE } from './wire/protocol';
import type { EventPace } from './wire/sendBudget';

/** How a side names its peers: a player id on the server, a constant on a client. */
export type PeerId = string | number;

/** What differs between the client and the server unless the options say otherwise. */
export interface SideDefaults {
  pace?: EventPace;
  minStreamInterval?: number;
  /** A client trusts the server's answers (but for their count); the server trusts no client. */
  trustedPeer?: boolean;
  /** Frames leave once per game frame (a client; see the outbox). */
  flushPerFrame?: boolean;
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
  /** Spreads outgoing net events over time (never drops them), in events and in reliable bytes. Default on a
   * client: 45/s, burst 180, and 96 KiB/s, burst 288 KiB, under FiveM's 50/s, burst 200, and 128 KiB/s, burst
   * 384 KiB, which are the player's for every resource; default on the server: off. `false` turns it off. */
  pace?: EventPace | false;
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
  /** Calls this side may have waiting on one peer at once (a peer that never answers holds them until their
   * timeouts): beyond, a call fails at once with LIMIT_EXCEEDED. At most {@link MAX_CALLS_PER_PEER}. */
  maxCallsPerPeer: number;
}

/** The most calls waiting on one peer any setting allows: half of the request ids, so a free id is found at once. */
export const MAX_CALLS_PER_PEER = REQUEST_ID_RANGE / 2;

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

/** Per player: 50 answers, 256 KiB, for 60 s. So at most players × 256 KiB in all. */
export const DEFAULT_REMEMBER_ANSWERS = { maxEntriesPerPeer: 50, maxBytesPerPeer: 256 * 1024, ttl: 60_000 };

/** Generous for honest scripts, small enough that one client cannot make the server hold much for it. */
export const DEFAULT_LIMITS: EndpointLimits = {
  maxArgumentBytes: 64 * 1024,
  maxDepth: 16,
  maxRunningPerPeer: 100,
  maxValues: 256,
  maxAnswerBytes: DEFAULT_LARGE_PAYLOADS.maxBytes,
  maxCallsPerPeer: 16_384,
};

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

