import type { CallbackMetrics, MetricsSnapshot } from './metricTypes';

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

function formatLatency(ms: number | null): string {
  return ms === null ? '-' : String(Math.round(ms));
}
