/**
 * `npm run bench:profile`: a CPU profile of the library's hot path. Runs small calls through a layer in the
 * simulated world (as the CPU figure does: 20 Hz server frames, latency 0) and profiles only the measured loop
 * (V8's CPU profiler through `node:inspector`, the same profiler as `node --cpu-prof`), then prints where the
 * time went: self time by owner (the library and its rxjs, the codec, the simulated world, ...), by source
 * file and by function, bundled functions attributed to the file they came from, with the server's and the
 * client's CPU per call from `machine.cpu`. The `.cpuprofile` is kept for Chrome DevTools. Not a benchmark figure.
 *
 *   BENCH_PROFILE_LAYER=raw|fx|ox|raw-lua|fx-lua|fxi-lua|ox-lua   which layer (default fx)
 *   BENCH_PROFILE_CALLERS=N         concurrent callers (default 100)
 *   BENCH_PROFILE_CALLS=N           calls (default 100000)
 *   BENCH_PROFILE_TOP=N             rows per table (default 40)
 *   BENCH_PROFILE_OPTIONS='{...}'   rig options as JSON, e.g. '{"callOptions":{"timeout":false,"retries":2}}'
 */
import * as fs from 'fs';
import { Session } from 'inspector';
import * as os from 'os';
import * as path from 'path';
import { loadLua } from '../src/testing';
import { subjectOf, type CpuVariant } from './figures/cpu';
import { summarise, type Profile } from './support/cpuprofile';
import type { RigOptions } from './support/rigs';

function post<T>(session: Session, method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) => session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result as T))));
}

async function main(): Promise<void> {
  const layer = (process.env.BENCH_PROFILE_LAYER ?? 'fx') as CpuVariant['layer'];
  const callers = Number(process.env.BENCH_PROFILE_CALLERS ?? 100);
  const calls = Number(process.env.BENCH_PROFILE_CALLS ?? 100_000);
  const options = JSON.parse(process.env.BENCH_PROFILE_OPTIONS ?? '{}') as RigOptions;
  // The hub resource has Lua scripts (its exports).
  if (layer.endsWith('-lua') || options.hub) await loadLua();
  const subject = subjectOf({ layer, options });
  await subject.drive(10_000, callers); // warm-up, not profiled
  await subject.world.advance(301_000);
  subject.world.server.cpu.reset();
  subject.client.cpu.reset();

  const session = new Session();
  session.connect();
  await post(session, 'Profiler.enable');
  await post(session, 'Profiler.setSamplingInterval', { interval: 100 });
  await post(session, 'Profiler.start');
  const ms = await subject.drive(calls, callers);
  const { profile } = await post<{ profile: Profile }>(session, 'Profiler.stop');
  session.disconnect();
  const perCall = (machineMs: number) => ((machineMs * 1000) / calls).toFixed(2);
  const cpu = `server ${perCall(subject.world.server.cpu.ms)} us/call, client ${perCall(subject.client.cpu.ms)} us/call (machine.cpu, while profiled)`;
  subject.dispose();

  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fxcallbacks-profile-')), `${layer}-${callers}.cpuprofile`);
  fs.writeFileSync(file, JSON.stringify(profile));
  console.log(`${layer}, ${callers} caller(s): ${calls} calls in ${ms.toFixed(0)} ms = ${((calls / ms) * 1000).toFixed(0)} calls/s (while profiled); ${cpu}`);
  console.log(`profile: ${file}\n`);
  console.log(summarise(profile, Number(process.env.BENCH_PROFILE_TOP) || 40, calls));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
