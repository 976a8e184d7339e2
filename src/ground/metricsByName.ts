/**
 * Every callback's metrics keyed by its name, the shape of the specification's `callbackMetrics[callbackName]`:
 * each direction's figures under `incoming` (answered here) and `outgoing` (called from here), and their sum. The hub
 * fills it with every resource's figures (src/hub/metrics.ts); `GetCallbackMetrics()` returns it to Lua.
 */
import type { CallbackMetrics, LatencySnapshot, MetricsSnapshot } from './metricTypes';

/** One direction's figures, without the name and direction its key already says. */
export type DirectionMetrics = Omit<CallbackMetrics, 'name' | 'direction'>;

/** A callback's figures: both directions added up, and each direction. */
export interface NamedCallbackMetrics extends DirectionMetrics {
  incoming?: DirectionMetrics;
  outgoing?: DirectionMetrics;
  /** In the hub's figures: each resource's own, by resource name. */
  resources?: Record<string, NamedCallbackMetrics>;
}

export const COUNTS = ['calls', 'successes', 'failures', 'cancelled', 'timeouts', 'retries', 'inFlight', 'queueLength'] as const;

/** Adds `one`'s counts, errors by code and latency histogram to `total`. */
export function addFigures(total: DirectionMetrics, one: DirectionMetrics): void {
  for (const count of COUNTS) total[count] += one[count];
  one.histogram.counts.forEach((n, bucket) => (total.histogram.counts[bucket] = (total.histogram.counts[bucket] ?? 0) + n));
  total.histogram.sum += one.histogram.sum;
  const errors = total.errors as Record<string, number>;
  for (const [code, n] of Object.entries(one.errors)) errors[code] = (errors[code] ?? 0) + (n ?? 0);
}

function emptyEntry(latency: LatencySnapshot): NamedCallbackMetrics {
  return { calls: 0, successes: 0, failures: 0, cancelled: 0, timeouts: 0, retries: 0, inFlight: 0, queueLength: 0, errors: {}, latency, histogram: { counts: [], sum: 0 } };
}

/** The snapshot keyed by name. The total's `latency` is the callers' view: outgoing when this side called it. */
export function metricsByName(snapshot: MetricsSnapshot): Record<string, NamedCallbackMetrics> {
  const table: Record<string, NamedCallbackMetrics> = {};
  for (const { name, direction, ...figures } of snapshot.callbacks) {
    const entry = (table[name] ??= emptyEntry(figures.latency));
    entry[direction] = figures;
    addFigures(entry, figures);
    if (direction === 'outgoing') entry.latency = figures.latency;
  }
  return table;
}
