/**
 * The hub's settings by convars (server.cfg): read at start, replicated ones (`setr`) on clients, invalid values
 * reported on one console line with the default kept.
 */
import { hubConvarNames } from '../../src/hub/convars';
import { printed, startBridge, useLua, BRIDGE } from '../lua/support';

useLua();

const server = `
exports.community_bridge:RegisterServerCallback('echo', function(src, cb, ...) cb(...) end)
exports.community_bridge:RegisterServerCallback('slow', function(src, cb) SetTimeout(2000, function() cb('late') end) end)
`;
const client = `
answers = {}
function call(name, ...)
    local startedAt = GetGameTimer()
    exports.community_bridge:TriggerServerCallback(name, function(value, err)
        answers[#answers + 1] = { value = value, err = err, after = GetGameTimer() - startedAt }
    end, ...)
end
`;
type Answer = { value?: unknown; err?: string; after: number };

test('fxcallbacks:maxArgumentBytes caps what a client may send to the hub', async () => {
  const { world, client: c } = startBridge({ server, client }, { latency: 10, convars: { 'fxcallbacks:maxArgumentBytes': '1000' } });
  c().run(`call('echo', string.rep('a', 500)); call('echo', string.rep('a', 2000))`);
  await world.advance(300);
  const answers = c().get<Answer[]>('answers');
  expect(answers[0]!.value).toHaveLength(500);
  expect(answers[1]).toMatchObject({ err: expect.stringContaining('1000') });
  expect(printed(world, BRIDGE).filter((line) => line.includes('convar'))).toEqual([]);
});

test('fxcallbacks:timeout set with setr is the clients\' default timeout; a plain set stays on the server', async () => {
  const replicated = startBridge({ server, client }, { latency: 10, replicatedConvars: { 'fxcallbacks:timeout': '300' } });
  replicated.client().run(`call('slow')`);
  await replicated.world.advance(1000);
  expect(replicated.client().get<Answer[]>('answers')).toEqual([{ err: expect.stringMatching(/timed out|300/), after: expect.any(Number) }]);
  expect(replicated.client().get<Answer[]>('answers')[0]!.after).toBeLessThan(400);

  const serverOnly = startBridge({ server, client }, { latency: 10, convars: { 'fxcallbacks:timeout': '300' } });
  serverOnly.client().run(`call('slow')`);
  await serverOnly.world.advance(3000);
  expect(serverOnly.client().get<Answer[]>('answers')).toEqual([{ value: 'late', after: expect.any(Number) }]);
});

test.each([
  ['fxcallbacks:maxDepth', 'deep'],
  ['fxcallbacks:timeout', '-5'],
  ['fxcallbacks:maxArgumentBytes', '1.5'],
  ['fxcallbacks:paceRate', '1e9'],
])('%s = "%s" is reported at start on one line naming the convar, the value and the default kept', async (convar, value) => {
  const { world, client: c } = startBridge({ server, client }, { latency: 10, convars: { [convar]: value }, replicatedConvars: { [convar]: value } });
  const reports = world.logs.entries.filter((e) => e.resource === BRIDGE && e.text.includes(convar));
  expect(reports.map((e) => e.machine).sort()).toEqual(['client:1', 'server'].sort());
  for (const { text } of reports) expect(text).toMatch(new RegExp(`convar ${convar} is "${value.replace('.', '\\.')}", not a whole number from .* keeping the default \\d+`));
  c().run(`call('echo', 'still works')`);
  await world.advance(300);
  expect(c().get<Answer[]>('answers')).toEqual([{ value: 'still works', after: expect.any(Number) }]);
  expect(world.logs.errors()).toEqual([]);
});

test('an invalid maxArgumentBytes keeps the default: 60000 bytes pass, 70000 are refused', async () => {
  const { world, client: c } = startBridge({ server, client }, { latency: 10, convars: { 'fxcallbacks:maxArgumentBytes': '0' } });
  c().run(`call('echo', string.rep('a', 60000)); call('echo', string.rep('a', 70000))`);
  await world.advance(3000);
  const answers = c().get<Answer[]>('answers');
  // The refusal comes back before the 60000 bytes have crossed as a latent event.
  expect(answers.map((a) => a.err ?? (a.value as string).length)).toEqual([expect.stringContaining('exceed 65536 bytes'), 60000]);
});

test('every convar is named fxcallbacks:<setting> and is in the README table', () => {
  const readme = require('fs').readFileSync(require('path').join(__dirname, '..', '..', 'README.md'), 'utf8') as string;
  for (const name of hubConvarNames()) {
    expect(name).toMatch(/^fxcallbacks:[a-zA-Z]+$/);
    expect(readme).toContain(`\`${name}\``);
  }
});

test('fxcallbacks:paceRate and paceBurst (setr) pace the client hub\'s net events', async () => {
  const spread = `
function spread(count)
    for i = 1, count do SetTimeout(i * 20, function() call('echo', i) end) end
end`;
  const eventsIn500ms = async (replicatedConvars: Record<string, string>) => {
    const { world, client: c } = startBridge({ server, client: client + spread }, { latency: 10, replicatedConvars });
    await world.advance(100);
    world.network.resetStats();
    c().run(`spread(20)`);
    await world.advance(500);
    const events = world.network.stats.toServer.events;
    await world.advance(5000);
    expect(c().get<Answer[]>('answers')).toHaveLength(20);
    return events;
  };
  expect(await eventsIn500ms({})).toBeGreaterThanOrEqual(15);
  // 2 at once, then 4 a second: at most 4 events in the first half second, every call still answered later.
  expect(await eventsIn500ms({ 'fxcallbacks:paceRate': '4', 'fxcallbacks:paceBurst': '2' })).toBeLessThanOrEqual(4);
});

test('fxcallbacks:incomingConcurrency runs one player\'s requests one at a time', async () => {
  const slow = `
exports.community_bridge:RegisterServerCallback('work', function(src, cb) SetTimeout(300, function() cb(GetGameTimer()) end) end)`;
  const finishedApart = async (convars: Record<string, string>) => {
    const { world, client: c } = startBridge({ server: server + slow, client }, { latency: 10, convars });
    c().run(`call('work'); call('work')`);
    await world.advance(1500);
    const [a, b] = c().get<Answer[]>('answers').map((answer) => answer.value as number);
    return Math.abs(b! - a!);
  };
  expect(await finishedApart({})).toBeLessThan(100);
  expect(await finishedApart({ 'fxcallbacks:incomingConcurrency': '1' })).toBeGreaterThanOrEqual(300);
});
