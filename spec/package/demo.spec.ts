/**
 * `npm run demo` proves the product: every scene (the specification's scenarios, a retry under packet loss, a
 * rate-limited flood, a forged reply, a cancelled stream, TypeScript calling Lua through the hub, an ox_lib-style
 * resource on the shim, a player dropping mid-call, the metrics table) checks its outcome; here they all must hold.
 */
import { playDemo } from '../../demo/scenes';

test('every scene of the demo plays as expected', async () => {
  const lines: string[] = [];
  const results = await playDemo((line) => lines.push(line));
  expect(results.filter((r) => r.problem !== undefined)).toEqual([]);
  expect(results).toHaveLength(15);
  // Players are named in the output.
  expect(lines.some((line) => line.includes('alice/demo_shop:'))).toBe(true);
  expect(lines.some((line) => line.includes('bob/demo_garage:'))).toBe(true);
}, 60_000);
