/** Reading the hub's HTTP endpoints in a world: a scrape parsed by a real Prometheus text-format parser. */
import type { HttpResponse, World } from '../../src/testing';
import { HUB } from './support';

export const TOKEN = 's3cret-token';

/** One sample as parse-prometheus-text-format gives it (histograms: buckets, count and sum). */
export interface Sample {
  value?: string;
  labels?: Record<string, string>;
  buckets?: Record<string, string>;
  count?: string;
  sum?: string;
}
export interface Family {
  name: string;
  help: string;
  type: string;
  metrics: Sample[];
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const parsePrometheus = require('parse-prometheus-text-format') as (text: string) => Family[];

/** `GET /fxcallbacks/<path>` as a scraper on 127.0.0.1 sends it; `token` null sends no Authorization. */
export function get(world: World, path: string, token: string | null = TOKEN): Promise<HttpResponse> {
  return world.settle(world.http.request({ path: `/${HUB}/${path}`, headers: token === null ? {} : { Authorization: `Bearer ${token}` } }));
}

/** The metrics, parsed; fails on anything but 200. */
export async function scrape(world: World): Promise<Map<string, Family>> {
  const response = await get(world, 'metrics');
  if (response.status !== 200) throw new Error(`scrape: ${response.status} ${response.body}`);
  return new Map(parsePrometheus(response.body).map((family) => [family.name, family]));
}

/** The value of the sample of `family` whose labels include `labels`. */
export function valueOf(families: Map<string, Family>, family: string, labels: Record<string, string> = {}): number | undefined {
  const sample = families.get(family)?.metrics.find((m) => Object.entries(labels).every(([key, value]) => m.labels?.[key] === value));
  return sample?.value === undefined ? undefined : Number(sample.value);
}

/**
 * One series of a histogram family, parsed. The parser keeps one series per histogram family (it drops their
 * labels), so it gets that family's lines for `labels` alone, those labels taken out.
 */
export function histogramOf(text: string, family: string, labels: Record<string, string>): Sample {
  const selector = Object.entries(labels).map(([key, value]) => `${key}="${value}"`).join(',');
  const lines = text.split('\n').filter((line) => line.startsWith(`# HELP ${family} `) || line.startsWith(`# TYPE ${family} `) || (line.startsWith(family) && line.includes(`{${selector}`)));
  const series = lines.map((line) => line.replace(`{${selector},`, '{').replace(`{${selector}}`, ''));
  const parsed = parsePrometheus(`${series.join('\n')}\n`);
  if (parsed.length !== 1 || parsed[0]!.metrics.length !== 1) throw new Error(`histogramOf: no single series ${family}{${selector}}`);
  return parsed[0]!.metrics[0]!;
}
