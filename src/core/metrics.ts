import type { MonoTypeOperatorFunction } from 'rxjs';
import { createMetricsRegistry, type MetricsRegistry } from '../ground/metricsRegistry';
import type { Direction, MetricsOptions } from '../ground/metricTypes';
import { measure } from '../operators/measure';

/** Counters and latencies per callback and direction, from {@link createMetrics}. */
export interface Metrics extends MetricsRegistry {
  /**
   * Operator measuring every subscription as one call of `name` (see the `measure` operator). Put it last in the
   * pipe, after `timeoutAfter` and `retryWithBackoff`, so one call counts once however many attempts it took.
   */
  measure<T>(name: string, direction: Direction): MonoTypeOperatorFunction<T>;
}

/**
 * Creates performance counters per callback and direction: the specification's calls, successes, failures and
 * timing, plus failures by code, cancellations, retries, calls in flight, queue length and latency percentiles.
 * Memory is O(`windowSize`) per tracked callback, not per call.
 *
 * @throws CallbackError `INVALID_ARGUMENT` at once for invalid options.
 */
export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = createMetricsRegistry(options);
  return { ...registry, events$: registry.events$, measure: (name, direction) => measure(registry, name, direction) };
}
