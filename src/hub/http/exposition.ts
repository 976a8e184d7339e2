/**
 * The Prometheus text exposition format (version 0.0.4) of the hub's figures, written by hand: prom-client, the
 * usual library, needs Node's modules at run time (its registry pulls in `perf_hooks`, `cluster`, `v8`), and
 * dist/server.js runs with CitizenFX's globals only. The format is a few lines per family; a test parses the output
 * with a real parser (parse-prometheus-text-format) and checks it against the calls made.
 */
import { LATENCY_BUCKETS_MS, type CallbackMetrics } from '../../ground/metricTypes';
import { addFigures } from '../../ground/metricsByName';
import type { ResourceSnapshot } from '../metrics';
import { REFUSAL_REASONS, type TrafficSnapshot } from '../traffic';

/** What calls of a name nobody registered are counted under, so a client's made-up names never become labels. */
export const UNREGISTERED = '(unregistered)';

type Labels = Record<string, string>;

class Family {
  readonly lines: string[] = [];

  constructor(
    readonly name: string,
    type: 'counter' | 'gauge' | 'histogram',
    help: string,
  ) {
    this.lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
  }

  sample(labels: Labels, value: number, suffix = ''): void {
    const pairs = Object.entries(labels).map(([key, text]) => `${key}="${escapeLabel(text)}"`);
    this.lines.push(`${this.name}${suffix}${pairs.length ? `{${pairs.join(',')}}` : ''} ${formatValue(value)}`);
  }
}

/**
 * The exposition of every resource's callbacks and the hub's traffic. `isRegistered` says whether an incoming
 * call's name is a registered callback (outgoing names come from the server's own code, bounded per resource by
 * `fxcallbacks:metricsMaxCallbacks`).
 */
export function exposition(parts: ResourceSnapshot[], traffic: TrafficSnapshot, isRegistered: (name: string) => boolean): string {
  const calls = new Family('fxcallbacks_calls_total', 'counter', 'Calls started, per callback, resource and direction (incoming: answered here).');
  const errors = new Family('fxcallbacks_errors_total', 'counter', 'Calls that failed, by error code.');
  const cancelled = new Family('fxcallbacks_cancelled_total', 'counter', 'Calls given up before any answer.');
  const retries = new Family('fxcallbacks_retries_total', 'counter', 'Retries of outgoing calls.');
  const inFlight = new Family('fxcallbacks_in_flight', 'gauge', 'Calls started and not yet ended.');
  const latency = new Family('fxcallbacks_latency_seconds', 'histogram', 'Time from a call\'s start to its first answer.');

  for (const { resource, snapshot } of parts) {
    for (const series of foldUnregistered(snapshot.callbacks, isRegistered)) {
      const labels = { callback: series.name, resource, direction: series.direction };
      calls.sample(labels, series.calls);
      for (const [code, count] of Object.entries(series.errors)) errors.sample({ ...labels, code }, count ?? 0);
      cancelled.sample(labels, series.cancelled);
      retries.sample(labels, series.retries);
      inFlight.sample(labels, series.inFlight);
      let cumulative = 0;
      LATENCY_BUCKETS_MS.forEach((bound, bucket) => {
        cumulative += series.histogram.counts[bucket] ?? 0;
        latency.sample({ ...labels, le: String(bound / 1000) }, cumulative, '_bucket');
      });
      cumulative += series.histogram.counts[LATENCY_BUCKETS_MS.length] ?? 0;
      latency.sample({ ...labels, le: '+Inf' }, cumulative, '_bucket');
      latency.sample(labels, series.histogram.sum / 1000, '_sum');
      latency.sample(labels, cumulative, '_count');
    }
  }

  const events = new Family('fxcallbacks_hub_events_total', 'counter', 'Net events of the hub, sent to players and received from them.');
  const frames = new Family('fxcallbacks_hub_frames_total', 'counter', 'Frames (requests, answers, cancels) in those events.');
  const bytes = new Family('fxcallbacks_hub_bytes_total', 'counter', 'Payload bytes in those events, as the hub counts them (roughly msgpack\'s size).');
  const eventRate = new Family('fxcallbacks_hub_events_per_second', 'gauge', 'Net events of the hub over the last full second.');
  const byteRate = new Family('fxcallbacks_hub_bytes_per_second', 'gauge', 'Payload bytes of the hub over the last full second.');
  const batching = new Family('fxcallbacks_hub_frames_per_event', 'gauge', 'Batching ratio: frames per net event since the start.');
  for (const direction of ['sent', 'received'] as const) {
    const flow = traffic[direction];
    events.sample({ direction }, flow.events);
    frames.sample({ direction }, flow.frames);
    bytes.sample({ direction }, flow.bytes);
    eventRate.sample({ direction }, traffic.perSecond[direction].events);
    byteRate.sample({ direction }, traffic.perSecond[direction].bytes);
    batching.sample({ direction }, flow.events === 0 ? 0 : flow.frames / flow.events);
  }
  const heldBack = new Family('fxcallbacks_hub_frames_held_back_total', 'counter', 'Frames over the per-player event budget: they waited for the pace.');
  heldBack.sample({}, traffic.framesHeldBack);
  const nearLimiter = new Family('fxcallbacks_hub_players_near_limiter', 'gauge', 'Players sending the hub 80% or more of FiveM\'s net-event limit per second.');
  nearLimiter.sample({}, traffic.players.filter((player) => player.nearLimiter).length);
  const refused = new Family('fxcallbacks_hub_refused_frames_total', 'counter', 'Frames the hub refused, by reason.');
  for (const reason of REFUSAL_REASONS) refused.sample({ reason }, traffic.refused[reason]);

  const families = [calls, errors, cancelled, retries, inFlight, latency, events, frames, bytes, eventRate, byteRate, batching, heldBack, nearLimiter, refused];
  return `${families.flatMap((family) => family.lines).join('\n')}\n`;
}

/** Incoming series of names nobody registered, added up under {@link UNREGISTERED}. */
export function foldUnregistered(callbacks: CallbackMetrics[], isRegistered: (name: string) => boolean): CallbackMetrics[] {
  const kept: CallbackMetrics[] = [];
  let folded: CallbackMetrics | undefined;
  for (const series of callbacks) {
    if (series.direction === 'outgoing' || isRegistered(series.name)) {
      kept.push(series);
      continue;
    }
    if (!folded) {
      folded = { ...series, name: UNREGISTERED, errors: { ...series.errors }, histogram: { counts: series.histogram.counts.slice(), sum: series.histogram.sum } };
      kept.push(folded);
      continue;
    }
    addFigures(folded, series);
  }
  return kept;
}

function escapeLabel(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function formatValue(value: number): string {
  return Number.isFinite(value) ? String(value) : value > 0 ? '+Inf' : value < 0 ? '-Inf' : 'NaN';
}
