/**
 * What a client's answer can put on the server console through the shims: its error text arrives on one sanitised
 * line (no line breaks, colour codes or control characters, bounded length), and no more than one line per 10 s per
 * player and callback, so a flood is counted, not printed, while a different callback's failure still shows.
 */
import { printed, startShims, useLua } from './support';

useLua();

const cheater = {
  name: 'hud',
  shim: 'esx' as const,
  client: `
-- A modified client answers whatever it likes: here a failure whose text forges console lines.
exports.fxcallbacks:RegisterClientCallback('hud:forge', function(cb)
  cb(false, 'evil\\n^1SCRIPT ERROR: forged line\\27[2J' .. string.rep('A', 1000))
end, { status = true })
ESX.RegisterClientCallback('hud:other', function(cb) error('another failure') end)`,
};
const admin = {
  name: 'admin',
  shim: 'esx' as const,
  server: `function ask(name, times) for _ = 1, times do ESX.TriggerClientCallback(1, name, function() end) end end`,
};

test("a client's error text reaches the server console on one bounded line, once per 10 s per player and callback", async () => {
  const { world, server } = startShims([cheater, admin], { latency: 20 });
  server('admin').run(`ask('hud:forge', 50)`);
  await world.advance(500);
  server('admin').run(`ask('hud:other', 1)`);
  await world.advance(500);
  const lines = printed(world, 'admin', 'server');
  expect(lines).toHaveLength(2);
  const [forged, other] = lines as [string, string];
  expect(forged).not.toMatch(/[\n\r\u001b]/);
  expect(forged).not.toContain('^1SCRIPT ERROR: forged');
  expect(forged).toContain('evil SCRIPT ERROR: forged line [2J');
  expect(Buffer.byteLength(forged)).toBeLessThan(400);
  expect(other).toContain("ESX callback 'hud:other' failed: another failure");
  await world.advance(10_000);
  server('admin').run(`ask('hud:forge', 1)`);
  await world.advance(500);
  expect(printed(world, 'admin', 'server')[2]).toMatch(/ESX callback 'hud:forge' failed: .*\(50 failures in the last 10 s\)$/);
});
