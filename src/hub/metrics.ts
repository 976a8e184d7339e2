/**
 * One place for every resource's callback metrics: each member hands the hub, as it joins, a function that returns
 * its metrics snapshot; the hub merges them with its own endpoint's (the callbacks of the Lua resources) whenever
 * somebody asks (`GetCallbackMetrics()`, the `callbackmetrics` command).
 *
 * Counts add up per callback name and direction. Latency percentiles cannot be merged from percentiles, so the
 * combined figures carry the latency of the resource with the most measured calls (`latency.resource` names it),
 * and each resource's own figures stay under `resources`.
 */
import type { CallbackMetrics, Direction, LatencySnapshot, MetricsSnapshot } from '../ground/metricTypes';
import { addFigures, COUNTS, metricsByName, type NamedCallbackMetrics } from '../ground/metricsByName';

/** One resource's snapshot. */
export interface ResourceSnapshot {
  resource: string;
  snapshot: MetricsSnapshot;
}

/** The latency of one resource, in figures merged from several. */
export interface CombinedLatency extends LatencySnapshot {
  /** The resource whose window the percentiles come from. */
  resource: string;
}

const DIRECTIONS: readonly Direction[] = ['incoming', 'outgoing'];

export class HubMetrics {
  /** Resource → the function returning its snapshot; in join order, the hub's own first. */
  private readonly sources = new Map<string, () => unknown>();

  add(resource: string, snapshot: () => unknown): void {
    this.sources.set(resource, snapshot);
  }

  /** A member stopped: its figures leave the merge at once. */
  remove(resource: string): void {
    this.sources.delete(resource);
  }

  /**
   * Every resource's snapshot. A call that throws (its resource restarted before the hub heard of its stop) or
   * returns something else than a snapshot (e.g. from another version of the library) is skipped.
   */
  collect(): ResourceSnapshot[] {
    const parts: ResourceSnapshot[] = [];
    for (const [resource, snapshot] of this.sources) {
      try {
        const value = snapshot();
        if (isSnapshot(value)) parts.push({ resource, snapshot: { at: value.at, callbacks: value.callbacks.filter(isCallbackMetrics).map(withHistogram) } });
      } catch {
        // Skipped, never breaks the export: see above.
      }
    }
    return parts;
  }

  /** The merged figures per callback name and direction (what the console table prints). */
  snapshot(): MetricsSnapshot {
    return combine(this.collect());
  }

  /** The merged figures keyed by name, for Lua, each with its resources' own under `resources`. */
  byName(): Record<string, NamedCallbackMetrics> {
    const parts = this.collect();
    const table = metricsByName(combine(parts));
    for (const { resource, snapshot } of parts) {
      for (const [name, entry] of Object.entries(metricsByName(snapshot))) (table[name]!.resources ??= {})[resource] = entry;
    }
    return table;
  }
}

/** Adds up the snapshots per (name, direction); the latency is that of the resource with the most samples. */
function combine(parts: ResourceSnapshot[]): MetricsSnapshot {
  const combined = new Map<string, { figures: CallbackMetrics; latencyCalls: number }>();
  for (const { resource, snapshot } of parts) {
    for (const one of snapshot.callbacks) {
      // Sorts as the registry's snapshot does: by name, then direction.
      const key = `${one.name}\u0000${one.direction}`;
      const latency: CombinedLatency = { ...one.latency, resource };
      const known = combined.get(key);
      if (!known) {
        combined.set(key, { figures: { ...one, errors: { ...one.errors }, histogram: { counts: one.histogram.counts.slice(), sum: one.histogram.sum }, latency }, latencyCalls: one.calls });
        continue;
      }
      const { figures } = known;
      addFigures(figures, one);
      const best = figures.latency;
      if (one.latency.samples > best.samples || (one.latency.samples === best.samples && one.calls > known.latencyCalls)) {
        figures.latency = latency;
        known.latencyCalls = one.calls;
      }
    }
  }
  const callbacks = [...combined.keys()].sort().map((key) => combined.get(key)!.figures);
  return { at: Math.max(0, ...parts.map((part) => part.snapshot.at)), callbacks };
}

function isSnapshot(value: unknown): value is MetricsSnapshot {
  const snapshot = value as MetricsSnapshot | null;
  return typeof snapshot === 'object' && snapshot !== null && typeof snapshot.at === 'number' && Array.isArray(snapshot.callbacks);
}

function isCallbackMetrics(value: unknown): value is CallbackMetrics {
  const m = value as CallbackMetrics | null;
  return (
    typeof m === 'object' &&
    m !== null &&
    typeof m.name === 'string' &&
    DIRECTIONS.includes(m.direction) &&
    COUNTS.every((count) => Number.isFinite(m[count])) &&
    typeof m.errors === 'object' &&
    m.errors !== null &&
    Object.values(m.errors).every((n) => Number.isFinite(n)) &&
    typeof m.latency === 'object' &&
    m.latency !== null &&
    Number.isFinite(m.latency.samples) &&
    (m.histogram === undefined ||
      (typeof m.histogram === 'object' &&
        m.histogram !== null &&
        Array.isArray(m.histogram.counts) &&
        m.histogram.counts.every((n) => Number.isFinite(n)) &&
        Number.isFinite(m.histogram.sum)))
  );
}

/** A member bundling an older version of the library sends no histogram: its figures count, with an empty one. */
function withHistogram(m: CallbackMetrics): CallbackMetrics {
  return m.histogram === undefined ? { ...m, histogram: { counts: [], sum: 0 } } : m;
}
