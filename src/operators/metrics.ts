import { asyncScheduler, Observable, Subject, type MonoTypeOperatorFunction, type SchedulerLike } from 'rxjs';
import { ErrorCode, toCallbackError } from '../shared/errors';
import { checkName, checkNumber } from './options';

/** Which side of a call is measured: handling requests from the other side, or making calls to it. */
export type Direction = 'incoming' | 'outgoing';

/** Options of {@link createMetrics}; all optional. */
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
  /** Calls left before any answer (unsubscribed). */
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
        /** A call was left before any answer. */
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

/** Counters and latencies per callback and direction, from {@link createMetrics}. */
export interface Metrics {
  /**
   * Operator measuring every subscription as one call of `name`: counts it on subscribe, its latency to the first
   * value or completion, and its outcome on completion (success), error (failure, by code) or unsubscription
   * (success if an answer had arrived, else cancelled). Put it last in the pipe, after `timeoutAfter` and
   * `retryWithBackoff`, so one call counts once however many attempts it took.
   */
  measure<T>(name: string, direction: Direction): MonoTypeOperatorFunction<T>;
  /** Counts one retry of the outgoing call `name`; pass it as `retryWithBackoff`'s `onRetry`. */
  recordRetry(name: string): void;
  /** Sets how many calls of `name` are waiting in a queue. */
  setQueueLength(name: string, direction: Direction, length: number): void;
  /** The current figures, as plain data. */
  snapshot(): MetricsSnapshot;
  /** Every event as it is recorded. */
  readonly events$: Observable<MetricEvent>;
}

/**
 * Creates performance counters per callback and direction: the specification's calls, successes, failures and
 * timing, plus failures by code, cancellations, retries, calls in flight, queue length and latency percentiles.
 * Memory is O(`windowSize`) per tracked callback, not per call.
 *
 * @throws CallbackError `INVALID_ARGUMENT` at once for invalid options.
 */
export function createMetrics(options: MetricsOptions = {}): Metrics {
  const windowSize = checkNumber('createMetrics', 'windowSize', options.windowSize ?? 256, { min: 1, integer: true });
  const maxCallbacks = checkNumber('createMetrics', 'maxCallbacks', options.maxCallbacks ?? 512, {
    min: 1,
    integer: true,
  });
  const scheduler = options.scheduler ?? asyncScheduler;
  const series = new Map<string, Series>();
  const events$ = new Subject<MetricEvent>();

  const seriesOf = (name: string, direction: Direction): Series => {
    const known = series.get(seriesKey(name, direction));
    if (known) return known;
    const tracked = series.size < maxCallbacks ? name : OTHER_NAME;
    const key = seriesKey(tracked, direction);
    const created = series.get(key) ?? new Series(tracked, direction, windowSize);
    series.set(key, created);
    return created;
  };

  /** Builds an event only when somebody listens: this runs several times for every call. */
  const emit = (event: () => MetricEvent): void => {
    if (events$.observed) events$.next(event());
  };

  const about = (target: Series): EventBase => ({
    name: target.name,
    direction: target.direction,
    at: scheduler.now(),
  });

  return {
    measure: <T>(name: string, direction: Direction): MonoTypeOperatorFunction<T> => {
      checkName('measure', 'name', name);
      // One Observable rather than defer + tap: this wraps every call.
      return (source) =>
        new Observable<T>((subscriber) => {
          const target = seriesOf(name, direction);
          const startedAt = scheduler.now();
          let answered = false;
          let ended = false;
          const answer = (): void => {
            if (answered) return;
            answered = true;
            const latency = scheduler.now() - startedAt;
            target.addLatency(latency);
            emit(() => ({ type: 'answer', latency, ...about(target) }));
          };
          const succeed = (): void => {
            target.successes++;
            emit(() => ({ type: 'success', ...about(target) }));
          };
          target.calls++;
          target.inFlight++;
          emit(() => ({ type: 'call', ...about(target) }));
          const inner = source.subscribe({
            next: (value) => {
              answer();
              subscriber.next(value);
            },
            complete: () => {
              ended = true;
              answer();
              succeed();
              subscriber.complete();
            },
            error: (error: unknown) => {
              ended = true;
              const { code } = toCallbackError(error);
              target.failures++;
              target.errors[code] = (target.errors[code] ?? 0) + 1;
              if (code === ErrorCode.TIMEOUT) target.timeouts++;
              emit(() => ({ type: 'failure', code, ...about(target) }));
              subscriber.error(error);
            },
          });
          return () => {
            inner.unsubscribe();
            if (!ended) {
              // Left before the end: after an answer (as firstValueFrom does) a success, else a cancellation.
              if (answered) succeed();
              else {
                target.cancelled++;
                emit(() => ({ type: 'cancel', ...about(target) }));
              }
            }
            target.inFlight--;
          };
        });
    },
    recordRetry: (name) => {
      const target = seriesOf(checkName('recordRetry', 'name', name), 'outgoing');
      target.retries++;
      emit(() => ({ type: 'retry', ...about(target) }));
    },
    setQueueLength: (name, direction, length) => {
      const target = seriesOf(checkName('setQueueLength', 'name', name), direction);
      target.queueLength = checkNumber('setQueueLength', 'length', length, { min: 0, integer: true });
      emit(() => ({ type: 'queue', length, ...about(target) }));
    },
    snapshot: () => ({
      at: scheduler.now(),
      callbacks: [...series.values()]
        .sort((a, b) => compare(a.name, b.name) || compare(a.direction, b.direction))
        .map((entry) => entry.toPlain()),
    }),
    events$: events$.asObservable(),
  };
}

interface Column {
  heading: string;
  cell: (m: CallbackMetrics) => string;
  alignLeft?: boolean;
}

const COLUMNS: readonly Column[] = [
  { heading: 'callback', cell: (m) => m.name, alignLeft: true },
  { heading: 'dir', cell: (m) => (m.direction === 'incoming' ? 'in' : 'out'), alignLeft: true },
  { heading: 'calls', cell: (m) => String(m.calls) },
  { heading: 'ok', cell: (m) => String(m.successes) },
  { heading: 'failed', cell: (m) => String(m.failures) },
  { heading: 'cancelled', cell: (m) => String(m.cancelled) },
  { heading: 'timeouts', cell: (m) => String(m.timeouts) },
  { heading: 'retries', cell: (m) => String(m.retries) },
  { heading: 'in flight', cell: (m) => String(m.inFlight) },
  { heading: 'queued', cell: (m) => String(m.queueLength) },
  { heading: 'p50 ms', cell: (m) => formatLatency(m.latency.p50) },
  { heading: 'p95 ms', cell: (m) => formatLatency(m.latency.p95) },
  { heading: 'p99 ms', cell: (m) => formatLatency(m.latency.p99) },
  {
    heading: 'errors',
    cell: (m) => Object.entries(m.errors).map(([code, count]) => `${code}=${count}`).join(' '),
    alignLeft: true,
  },
];

/**
 * The lines a console command prints for `snapshot`: a header, then one row per callback and direction. Names and
 * the error list are left-aligned, numbers right-aligned; latencies are rounded to whole ms, `-` when there are
 * none.
 */
export function formatTable(snapshot: MetricsSnapshot): string[] {
  const rows = [
    COLUMNS.map((column) => column.heading),
    ...snapshot.callbacks.map((m) => COLUMNS.map((column) => column.cell(m))),
  ];
  const widths = COLUMNS.map((_, index) => Math.max(...rows.map((row) => row[index].length)));
  return rows.map((row) =>
    row
      .map((text, index) => (COLUMNS[index].alignLeft ? text.padEnd(widths[index]) : text.padStart(widths[index])))
      .join('  ')
      .trimEnd(),
  );
}

/** The counters and latency window of one callback in one direction. */
class Series {
  calls = 0;
  successes = 0;
  failures = 0;
  cancelled = 0;
  timeouts = 0;
  retries = 0;
  inFlight = 0;
  queueLength = 0;
  readonly errors: Partial<Record<ErrorCode, number>> = {};
  /** Ring buffer of the last latencies; `samples` of its slots are filled, `next` is written next. */
  private readonly latencies: Float64Array;
  private samples = 0;
  private next = 0;

  constructor(
    readonly name: string,
    readonly direction: Direction,
    windowSize: number,
  ) {
    this.latencies = new Float64Array(windowSize);
  }

  addLatency(ms: number): void {
    this.latencies[this.next] = ms;
    this.next = (this.next + 1) % this.latencies.length;
    this.samples = Math.min(this.samples + 1, this.latencies.length);
  }

  toPlain(): CallbackMetrics {
    const sorted = this.latencies.slice(0, this.samples).sort();
    return {
      name: this.name,
      direction: this.direction,
      calls: this.calls,
      successes: this.successes,
      failures: this.failures,
      cancelled: this.cancelled,
      timeouts: this.timeouts,
      retries: this.retries,
      inFlight: this.inFlight,
      queueLength: this.queueLength,
      errors: { ...this.errors },
      latency: {
        samples: this.samples,
        p50: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        p99: percentile(sorted, 99),
      },
    };
  }
}

/** Nearest-rank percentile of ascending `sorted`; `null` if empty. */
function percentile(sorted: Float64Array, p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.ceil((p / 100) * sorted.length) - 1];
}

function seriesKey(name: string, direction: Direction): string {
  return `${direction}:${name}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function formatLatency(ms: number | null): string {
  return ms === null ? '-' : String(Math.round(ms));
}
