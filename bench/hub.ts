/**
 * What joining the hub costs: process CPU time per client -> server -> client call, through the hub (the call
 * crosses two export boundaries on each machine: resource -> hub -> network -> hub -> resource) and standalone
 * (the resource's own endpoint on its own net event). Pacing is off and FiveM's limits lifted in both, so only
 * the work per call is compared. Run with `npx tsx bench/hub.ts` after `npm run build`; prints a table and writes
 * bench/hub-results.md. Kept apart from bench/run.ts on purpose (a separate figure, see the issue 15 report).
 */
import * as fs from 'fs';
import * as path from 'path';
import type { ClientCallbacks } from '../src/client';
import type { ServerCallbacks } from '../src/server';
import { bundleScript, loadLua, resourceFromManifest, World } from '../src/testing';

const ROOT = path.join(__dirname, '..');
const LIFTED = { netEvent: { rate: 1e12, burst: 1e12 }, netEventFlood: { rate: 1e12, burst: 1e12 }, netEventSize: { rate: 1e15, burst: 1e15 } };
const CALLS = 2000;
const CONCURRENT = 50;
const RUNS = 7;

type Variant = 'hub' | 'standalone';

function setUp(variant: Variant): { world: World; client: ClientCallbacks } {
  const world = new World({ latency: 0, limits: LIFTED });
  if (variant === 'hub') world.startResource(resourceFromManifest(ROOT, 'fxcallbacks'));
  world.startResource({
    name: 'bench_fx',
    server: [bundleScript(path.join(ROOT, 'bench/resources/fx-server.ts'), 'server')],
    client: [bundleScript(path.join(ROOT, 'bench/resources/fx-client.ts'), 'client')],
  });
  const options = { standalone: variant === 'standalone', pace: false as const };
  const server = world.server.resource('bench_fx').globals.fx.createServerCallbacks(options) as ServerCallbacks;
  server.register('echo', (_player: number, payload: unknown) => payload);
  const machine = world.connect();
  const client = machine.resource('bench_fx').globals.fx.createClientCallbacks(options) as ClientCallbacks;
  return { world, client };
}

/** Microseconds of process CPU per call, for `CALLS` calls made `CONCURRENT` at a time. */
async function cpuPerCall(variant: Variant): Promise<number> {
  const { world, client } = setUp(variant);
  const payload = { item: 'bread', amount: 2 };
  const batch = () => world.settle(Promise.all(Array.from({ length: CONCURRENT }, () => client.call('echo', payload))));
  for (let i = 0; i < 10; i++) await batch();
  const before = process.cpuUsage();
  for (let done = 0; done < CALLS; done += CONCURRENT) await batch();
  const used = process.cpuUsage(before);
  world.dispose();
  return (used.user + used.system) / CALLS;
}

async function main(): Promise<void> {
  await loadLua();
  const samples: Record<Variant, number[]> = { hub: [], standalone: [] };
  for (let run = 0; run < RUNS; run++) {
    for (const variant of (run % 2 ? ['standalone', 'hub'] : ['hub', 'standalone']) as Variant[]) samples[variant].push(await cpuPerCall(variant));
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const hub = median(samples.hub);
  const standalone = median(samples.standalone);
  const table = [
    '| endpoint | CPU per call (µs, median of ' + RUNS + ' runs of ' + CALLS + ' calls) |',
    '|---|---|',
    `| standalone | ${standalone.toFixed(1)} |`,
    `| through the hub | ${hub.toFixed(1)} (${((hub / standalone - 1) * 100).toFixed(0)}% more) |`,
  ].join('\n');
  console.log(table);
  fs.writeFileSync(path.join(__dirname, 'hub-results.md'), `# Joining the hub: CPU per call\n\nWritten by \`npx tsx bench/hub.ts\`: the whole simulated world's CPU (both machines, both sides of each call), ${CONCURRENT} calls in flight.\n\n${table}\n`);
}

void main();
