/**
 * Figures that need a process of their own: memory (heap before/after, which `node --expose-gc` makes exact)
 * and the large scenarios (cleanup, scale), whose heaps would disturb the other figures. `run.ts` starts
 * `node --expose-gc --import tsx bench/child.ts <scenario> '<json args>'`; the last line printed is the result.
 */
import { measureCleanup } from './figures/cleanup';
import { sampleCpu } from './figures/cpu';
import { measureScale } from './figures/scale';
import { loadLua } from '../src/testing';
import { createRig, drive, type Layer } from './support/rigs';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

/** Used heap after full collections, with turns of the event loop between them so finalizers run. */
export async function settledHeap(): Promise<number> {
  for (let i = 0; i < 4; i++) {
    gc!();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().heapUsed;
}

/** Heap per call while `calls` calls wait for an answer that does not come. */
async function pending({ layer, calls, hub = false }: { layer: Layer; calls: number; hub?: boolean }) {
  // No callback layer answers on the server: requests arrive and are ignored, so each call stays pending on the
  // caller only. The library's calls carry a 60 s timeout (its default is 10 s) so that all of them are still
  // pending, timers armed, once its paced sending (50 events/s) has delivered every request (about 30 s).
  // The hub resource has Lua scripts (its Lua exports); the Lua states' memory is wasm memory, outside the JS heap.
  if (hub) await loadLua();
  const rig = createRig(layer, { handler: 'absent', callOptions: { timeout: 60_000 }, hub });
  await rig.world.advance(1000);
  const before = await settledHeap();
  for (let i = 0; i < calls; i++) rig.call().catch(() => undefined);
  await rig.world.advance(40_000);
  const after = await settledHeap();
  const stillPending = layer === 'fx' ? rig.fxClient(rig.players[0]!).stats.pendingCalls : undefined;
  rig.dispose();
  return { before, after, perCall: (after - before) / calls, stillPending };
}

/** Heap retained after `calls` answered calls (100 concurrent callers), after a warm-up. */
async function settled({ layer, calls }: { layer: Layer; calls: number }) {
  const rig = createRig(layer);
  await drive(rig, 20_000, 100); // warm-up: JIT, metrics windows, lazily built tables
  await rig.world.advance(301_000);
  const before = await settledHeap();
  const started = performance.now();
  await drive(rig, calls, 100);
  const ms = performance.now() - started;
  // ox_lib keeps a 300 s timer per call: let it run out so that only what outlives it is counted.
  await rig.world.advance(301_000);
  const after = await settledHeap();
  const stats = layer === 'fx' ? rig.fxClient(rig.players[0]!).stats : undefined;
  rig.dispose();
  return { before, after, growth: after - before, ms, stats };
}

const scenarios: Record<string, (args: any) => Promise<unknown>> = {
  cpu: ({ variant, run }) => sampleCpu(variant, run),
  pending,
  settled,
  cleanup: ({ configs, repeats }) => measureCleanup(configs, repeats, gc),
  scale: (args) => measureScale(args),
};

async function main(): Promise<void> {
  const [name, json] = process.argv.slice(2);
  const scenario = scenarios[name ?? ''];
  if (!scenario) throw new Error(`unknown scenario ${name}`);
  const result = await scenario(JSON.parse(json ?? '{}'));
  process.stdout.write(`\n${JSON.stringify(result)}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
