/**
 * Memory figures, run in a child process started with `node --expose-gc` (see figures/memory.ts), one scenario
 * per process so that no other figure's garbage is counted. Prints one JSON line.
 *
 *   pending <layer> <calls>   heap per call while `calls` calls wait for an answer that does not come
 *   settled <layer> <calls>   heap retained after `calls` answered calls (leak check)
 */
import { createRig, drive, type Layer } from './support/rigs';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

async function heap(): Promise<number> {
  // Several passes, with turns of the event loop between them, so that finalizers and weak references settle.
  for (let i = 0; i < 4; i++) {
    gc!();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().heapUsed;
}

async function pending(layer: Layer, calls: number) {
  // No callback layer answers on the server: requests arrive and are ignored, so each call stays pending on the
  // caller only. The library's calls carry a 60 s timeout (its default is 10 s) so that all of them are still
  // pending, with their timers armed, once its paced sending (50 events/s) has delivered every request.
  const rig = createRig(layer, { handler: 'absent', callOptions: { timeout: 60_000 } });
  await rig.world.advance(1000);
  const before = await heap();
  const results: Array<Promise<unknown>> = [];
  for (let i = 0; i < calls; i++) results.push(rig.call().catch(() => undefined));
  await rig.world.advance(40_000);
  const after = await heap();
  const stillPending = layer === 'fx' ? rig.fxClient(rig.players[0]!).stats.pendingCalls : undefined;
  results.length = 0;
  rig.dispose();
  return { before, after, perCall: (after - before) / calls, stillPending };
}

async function settled(layer: Layer, calls: number) {
  const rig = createRig(layer);
  await drive(rig, 20_000, 100); // warm-up: JIT, metrics windows, lazily built tables
  await rig.world.advance(301_000);
  const before = await heap();
  await drive(rig, calls, 100);
  // ox_lib keeps a 300 s timer per call: let it run out so that only what outlives it is counted.
  await rig.world.advance(301_000);
  const after = await heap();
  const stats = layer === 'fx' ? rig.fxClient(rig.players[0]!).stats : undefined;
  rig.dispose();
  return { before, after, growth: after - before, stats };
}

async function main(): Promise<void> {
  const [kind, layer, count] = process.argv.slice(2);
  const calls = Number(count);
  const result = kind === 'pending' ? await pending(layer as Layer, calls) : await settled(layer as Layer, calls);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
