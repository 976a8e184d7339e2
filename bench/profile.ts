/**
 * The library's hot path, for a CPU profile: `npm run bench:profile` (node --cpu-prof) runs small calls
 * through the library in the simulated world, then prints where the time went (self time per function, with
 * the source file each bundled function came from). Nothing here is a benchmark figure.
 *
 *   BENCH_PROFILE_LAYER=raw|fx|ox   which layer (default fx)
 *   BENCH_PROFILE_CALLERS=1|100     concurrent callers (default 100)
 *   BENCH_PROFILE_CALLS=N           calls (default 200000)
 */
import { createRig, drive, type Layer } from './support/rigs';

async function main(): Promise<void> {
  const layer = (process.env.BENCH_PROFILE_LAYER ?? 'fx') as Layer;
  const callers = Number(process.env.BENCH_PROFILE_CALLERS ?? 100);
  const calls = Number(process.env.BENCH_PROFILE_CALLS ?? 200_000);
  const rig = createRig(layer);
  await drive(rig, 1000, callers);
  const ms = await drive(rig, calls, callers);
  console.log(`${layer}, ${callers} caller(s): ${calls} calls in ${ms.toFixed(0)} ms = ${((calls / ms) * 1000).toFixed(0)} calls/s`);
  rig.dispose();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
