import type { SchedulerLike } from 'rxjs';
import type { ErrorCode } from './errors';

/** Which side of a call is measured: handling requests from the other side, or making calls to it. */
export type Direction = 'incoming' | 'outgoing';

/** Options of the metrics (`createMetrics`); all optional. */
export interface MetricsOptions {
  /** Latencies kept per callback and direction for the percentiles (the most recent ones). Default 256. */
  windowSize?: number;
  /**
   * Most (name, direction) pairs tracked; calls of further names are counted together under {@link OTHER_NAME},
   * so names sent by a hostile client cannot grow memory. Default 512.
   */
  maxCallbacks?: number;
  /** The clock. Default `asyncScheduler`. */
  scheduler?: SchedulerLike;
}

/** The name calls are counted under once `maxCallbacks` names are tracked. */
export const OTHER_NAME = '(other)';

/** Latency percentiles in ms over the last `windowSize` answered calls; `null` while there are none. */
export interface LatencySnapshot {
  /** Latencies the percentiles are taken over, at most `windowSize`. */
  samples: number;
  /** Median. */
  p50: number | null;
  /** 95th percentile. */
  p95: number | null;
  /** 99th percentile. */
  p99: number | null;
}

/**
 * Upper bounds (ms) of the latency histogram's buckets, a last one without bound follows. Fit for 20 Hz frames: a
 * server frame is 50 ms, so an answer within the same or next frames lands in the first buckets.
 */
export const LATENCY_BUCKETS_MS: readonly number[] = [50, 100, 150, 250, 500, 1000, 2500, 5000, 10000];

/** Every answered call's latency since the start, counted in {@link LATENCY_BUCKETS_MS} (for Prometheus). */
export interface LatencyHistogram {
  /** Calls per bucket (not cumulative): one more entry than the bounds, the last for slower calls. */
  counts: number[];
  /** Sum of the latencies, ms. */
  sum: number;
}

/** The figures of one callback in one direction: plain data, safe to send through msgpack to Lua. */
export interface CallbackMetrics {
  /** The name the figures are counted under: the callback's, or {@link OTHER_NAME}. */
  name: string;
  /** Which side of its calls is counted. */
  direction: Direction;
  /** Calls started (subscribed). */
  calls: number;
  /** Calls that completed, or were left after an answer arrived (e.g. by `firstValueFrom`). */
  successes: number;
  /** Calls that errored; by code in `errors`. */
  failures: number;
  /** Calls their caller left before they ended: unsubscribed between answers, or given up on. */
  cancelled: number;
  /** Failures with code `TIMEOUT`. */
  timeouts: number;
  /** Retries recorded with `recordRetry`. */
  retries: number;
  /** Calls started and not yet ended. */
  inFlight: number;
  /** As last set with `setQueueLength`. */
  queueLength: number;
  /** Failures by error code, e.g. `{ TIMEOUT: 2, HANDLER_ERROR: 1 }`. */
  errors: Partial<Record<ErrorCode, number>>;
  /** Time from the start to the first answer or completion, over the most recent answered calls. */
  latency: LatencySnapshot;
  /** The same latency over every answered call, in buckets. */
  histogram: LatencyHistogram;
}

/** The figures of every callback at one time, as {@link Metrics.snapshot} returns them. */
export interface MetricsSnapshot {
  /** Scheduler time of the snapshot, ms. */
  at: number;
  /** Sorted by name, then direction. */
  callbacks: CallbackMetrics[];
}

/** What every metric event says: which callback, which way, when. */
export interface EventBase {
  /** The callback's name (or `(other)` past `maxCallbacks`). */
  name: string;
  /** Whether this side made the call or answered it. */
  direction: Direction;
  /** Scheduler time, ms. */
  at: number;
}

/** What `events$` emits as it happens, for live dashboards or logs. */
export type MetricEvent = EventBase &
  (
    | {
        /** A call started. */
        type: 'call';
      }
    | {
        /** The first value or completion arrived. */
        type: 'answer';
        /** Ms since the call started. */
        latency: number;
      }
    | {
        /** A call ended well: completed, or left after an answer. */
        type: 'success';
      }
    | {
        /** A call errored. */
        type: 'failure';
        /** Its error code. */
        code: ErrorCode;
      }
    | {
        /** A call was left by its caller before it ended. */
        type: 'cancel';
      }
    | {
        /** An outgoing call was retried. */
        type: 'retry';
      }
    | {
        /** The queue length was set. */
        type: 'queue';
        /** Calls waiting. */
        length: number;
      }
  );

