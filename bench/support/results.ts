/** One figure of the benchmark, as `bench/results.json` holds it. */
export interface Figure {
  /** Section, e.g. 'throughput'. */
  section: string;
  name: string;
  value: number;
  unit: string;
  /** Where the figure is compared to another one measured in the same run: value / reference. */
  ratio?: number;
  /** What `ratio` is relative to. */
  ratioTo?: string;
  /** The target, in words, e.g. '>= 0.8 x raw'. */
  target?: string;
  met?: boolean;
  /** The size the figure was measured at, and anything else needed to read it. */
  note?: string;
}

/** Checks `value op bound` and returns the target fields of a figure. */
export function target(text: string, ok: boolean): Pick<Figure, 'target' | 'met'> {
  return { target: text, met: ok };
}

/** Median of numbers (not sorted in place). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Percentile (nearest rank) of numbers. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** An integer from an environment variable, or the default. */
export function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got ${raw}`);
  return Math.floor(value);
}

/** True when BENCH_FULL=1: every long variant at the full size. */
export const FULL = process.env.BENCH_FULL === '1';

export function log(message: string): void {
  process.stderr.write(`${message}\n`);
}
