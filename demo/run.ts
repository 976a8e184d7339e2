/**
 * `npm run demo`: the built resource in the simulated FiveM world, with two players, alice and bob: the
 * specification's scenarios, then a retry under packet loss, a rate-limited flood, a forged reply, a stream
 * cancelled half way, TypeScript calling Lua through the hub, an ox_lib-style resource on the shim, a player
 * dropping mid-call, and the metrics table. Every scene checks its outcome; the demo exits 1 if any is wrong.
 */
import { playDemo } from './scenes';

playDemo((line) => console.log(line)).then(
  (results) => {
    const wrong = results.filter((r) => r.problem !== undefined);
    console.log(`\n${results.length - wrong.length} of ${results.length} scenes as expected.`);
    for (const { title, problem } of wrong) console.log(`  ✗ ${title}: ${problem}`);
    process.exitCode = wrong.length === 0 ? 0 : 1;
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
