import { asyncScheduler, Subject, type Observable, type SchedulerLike } from 'rxjs';
import { ErrorCode, toCallbackError } from './errors';
import { LATENCY_BUCKETS_MS, OTHER_NAME, type CallbackMetrics, type Direction, type EventBase, type MetricEvent, type MetricsOptions, type MetricsSnapshot } from './metricTypes';
import { checkName, checkNumber } from './checks';

/** One call being measured: counted when started, its latency at the first answer, its outcome at its end. */
export interface Measurement {
  /** The first value or the completion arrived (counted once). */
  answer(): void;
  /** The call completed. */
  succeed(): void;
  /** The call failed. */
  fail(error: unknown): void;
  /** The call is over (always called last): left before it succeeded or failed, it counts as cancelled, answers
   * or not (a stream the caller unsubscribed from). */
  end(): void;
}

/** The counters behind the metrics: plain records, no operator; `measure` and the core's plain calls both use them. */
export interface MetricsRegistry {
  /** Starts measuring one call of `name`. */
  start(name: string, direction: Direction): Measurement;
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
export function createMetricsRegistry(options: MetricsOptions = {}): MetricsRegistry {
  const windowSize = checkNumber('createMetrics', 'windowSize', options.windowSize ?? 256, { min: 1, integer: true });
  const maxCallbacks = checkNumber('createMetrics', 'maxCallbacks', options.maxCallbacks ?? 512, { min: 1, integer: true });
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

  const about = (target: Series): EventBase => ({ name: target.name, direction: target.direction, at: scheduler.now() });

  return {
    start: (name, direction) => new CallMeasurement(seriesOf(name, direction), scheduler, emit),
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
      callbacks: [...series.values()].sort((a, b) => compare(a.name, b.name) || compare(a.direction, b.direction)).map((entry) => entry.toPlain()),
    }),
    events$: events$.asObservable(),
  };
}

/** One call's measurement: a plain record (a pending call holds one), not closures. */
class CallMeasurement implements Measurement {
  private readonly startedAt: number;
  private answered = false;
  private ended = false;

  constructor(
    private readonly target: Series,
    private readonly clock: SchedulerLike,
    private readonly emit: (event: () => MetricEvent) => void,
  ) {
    this.startedAt = clock.now();
    target.calls++;
    target.inFlight++;
    emit(() => ({ type: 'call', ...this.about() }));
  }

  answer(): void {
    if (this.answered) return;
    this.answered = true;
    const latency = this.clock.now() - this.startedAt;
    this.target.addLatency(latency);
    this.emit(() => ({ type: 'answer', latency, ...this.about() }));
  }

  succeed(): void {
    if (this.ended) return;
    this.ended = true;
    this.answer();
    this.countSuccess();
  }

  fail(error: unknown): void {
    this.ended = true;
    const { code } = toCallbackError(error);
    const target = this.target;
    target.failures++;
    target.errors[code] = (target.errors[code] ?? 0) + 1;
    if (code === ErrorCode.TIMEOUT) target.timeouts++;
    this.emit(() => ({ type: 'failure', code, ...this.about() }));
  }

  end(): void {
    if (!this.ended) {
      this.ended = true;
      this.target.cancelled++;
      this.emit(() => ({ type: 'cancel', ...this.about() }));
    }
    this.target.inFlight--;
  }

  private countSuccess(): void {
    this.target.successes++;
    this.emit(() => ({ type: 'success', ...this.about() }));
  }

  private about(): EventBase {
    return { name: this.target.name, direction: this.target.direction, at: this.clock.now() };
  }
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
  private readonly buckets = new Array<number>(LATENCY_BUCKETS_MS.length + 1).fill(0);
  private latencySum = 0;

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
    let bucket = 0;
    while (bucket < LATENCY_BUCKETS_MS.length && ms > LATENCY_BUCKETS_MS[bucket]!) bucket++;
    this.buckets[bucket]!++;
    this.latencySum += ms;
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
      histogram: { counts: this.buckets.slice(), sum: this.latencySum },
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
