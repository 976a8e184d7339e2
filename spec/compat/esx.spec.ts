/**
 * compat/esx.lua: ESX's callbacks backed by fxcallbacks. The client examples of
 * https://docs.esx-framework.org/en/esx_core/es_extended/client/modules/callback and the TriggerServerCallback
 * example of https://esx-brasil.github.io/es_extended/client/functions/triggerservercallback/ run unchanged
 * (marked "verbatim"); the server sides they talk to are written here with ESX's documented signatures.
 */
import { expectForgedReplyRefused, onFlavour, printed, scriptErrors, startShims, useLua, type Flavour } from './support';

useLua();

const MEME_SERVER = {
  name: 'memes',
  shim: 'esx' as const,
  server: `
ESX.RegisterServerCallback('myScript:getMeme', function(source, cb)
  cb('Meme data string')
end)
ESX.RegisterServerCallback('esx_example:test', function(source, cb, argument)
  cb(argument == 'hello', source * 10)
end)
`,
};

describe('the documented examples, without es_extended', () => {
  test('client → server: TriggerServerCallback and AwaitServerCallback reach callbacks another resource registered', async () => {
    const client = `
-- verbatim
ESX.TriggerServerCallback('myScript:getMeme', function(cb)
  print(cb) --output: "Meme data string"
end)

CreateThread(function()
-- verbatim
local returnValue = ESX.AwaitServerCallback('myScript:getMeme')
print(returnValue) --output: "Meme data string"
end)

-- verbatim
local myAgument = 'hello' ESX.TriggerServerCallback('esx_example:test', function(isBusy, numKills) print(isBusy, numKills) print('this code is an asynchronous task') end, myAgument) print('this code is running in sync')
`;
    const { world } = startShims([MEME_SERVER, { name: 'phone', shim: 'esx', client }], { latency: 20 });
    await world.advance(300);
    expect(printed(world, 'phone', 'client:1')).toEqual([
      'this code is running in sync',
      'Meme data string',
      'true\t10',
      'this code is an asynchronous task',
      'Meme data string',
    ]);
    expect(scriptErrors(world)).toEqual([]);
  });

  test('server → client: TriggerClientCallback(player, name, cb, ...) and AwaitClientCallback', async () => {
    const client = `
-- verbatim
ESX.RegisterClientCallback('myScript:getMeme', function(cb)
  cb('Meme data string')
end)
ESX.RegisterClientCallback('myScript:add', function(cb, a, b) cb(a + b, GetPlayerServerId(PlayerId())) end)
`;
    const server = `
answers = {}
function ask(player)
  ESX.TriggerClientCallback(player, 'myScript:add', function(sum, from) answers[#answers + 1] = { sum = sum, from = from } end, 2, 3)
  CreateThread(function()
    local meme = ESX.AwaitClientCallback(player, 'myScript:getMeme')
    answers[#answers + 1] = { meme = meme }
  end)
end`;
    const { world, server: s } = startShims([{ name: 'phone', shim: 'esx', client }, { name: 'admin', shim: 'esx', server }], { players: 2, latency: 20 });
    s('admin').run('ask(2)');
    await world.advance(200);
    expect(s('admin').get('answers')).toEqual([{ sum: 5, from: 2 }, { meme: 'Meme data string' }]);
    expect(scriptErrors(world)).toEqual([]);
  });
});

test('with es_extended loaded first, only the callback functions of its ESX are replaced, in every way code gets ESX', async () => {
  const esExtended = {
    name: 'es_extended',
    server: `
exports('getSharedObject', function()
  return { GetConfig = function() return { Locale = 'en' } end, TriggerServerCallback = function() return 'es_extended' end }
end)`,
    client: `
exports('getSharedObject', function()
  return { GetConfig = function() return { Locale = 'en' } end, TriggerServerCallback = function() return 'es_extended' end }
end)`,
    files: { 'imports.lua': `ESX = exports["es_extended"]:getSharedObject()` },
  };
  const client = `
local own = exports['es_extended']:getSharedObject()
ESX.TriggerServerCallback('myScript:getMeme', function(meme) viaTrigger = meme end)
CreateThread(function()
  result = { locale = ESX.GetConfig().Locale, meme = ESX.AwaitServerCallback('myScript:getMeme'), ownLocale = own.GetConfig().Locale, ownMeme = own.AwaitServerCallback('myScript:getMeme') }
end)`;
  const { world, client: c } = startShims([esExtended, MEME_SERVER, { name: 'phone', before: ['@es_extended/imports.lua'], shim: 'esx', client }], { latency: 20 });
  await world.advance(300);
  expect(c(0, 'phone').get('result')).toEqual({ locale: 'en', meme: 'Meme data string', ownLocale: 'en', ownMeme: 'Meme data string' });
  expect(c(0, 'phone').get('viaTrigger')).toBe('Meme data string');
  expect(scriptErrors(world)).toEqual([]);
});

test('a missing callback function is a clear error at the call', () => {
  const { server: s } = startShims([{ name: 'admin', shim: 'esx', server: `ok, err = pcall(ESX.TriggerClientCallback, 1, 'x')` }]);
  expect(s('admin').runAll('return ok, err')).toEqual([false, expect.stringContaining('ESX.TriggerClientCallback: callback (argument 3) must be a function, got nil')]);
});

/**
 * The same resources, unchanged, on es_extended's own callback code (fixtures/es_extended, verbatim) and on the
 * shim: the same answers and the same failures, and where the shim differs, the difference the README names.
 */
describe("point by point against es_extended's own callback code", () => {
  const bank = {
    name: 'bank',
    shim: 'esx' as const,
    server: `
ESX = exports['es_extended']:getSharedObject()
ESX.RegisterServerCallback('bank:echo', function(source, cb, ...) cb(source, select('#', ...), ...) end)
ESX.RegisterServerCallback('bank:several', function(source, cb) cb(1, nil, 'three', nil) end)
ESX.RegisterServerCallback('bank:reason', function(source, cb) cb(nil, 'no stock') end)
ESX.RegisterServerCallback('bank:explode', function(source, cb) error('the vault is locked') end)
ESX.RegisterServerCallback('bank:silent', function(source, cb) end)
ESX.RegisterServerCallback('bank:slow', function(source, cb, ms) SetTimeout(ms, function() cb(ms) end) end)
got = {}
function ask(key, player, name, ...) ESX.TriggerClientCallback(player, name, function(...) got[key] = table.pack(...) end, ...) end
function await(key, player, name, ...)
  local args = table.pack(...)
  CreateThread(function() got[key] = table.pack(pcall(ESX.AwaitClientCallback, player, name, table.unpack(args, 1, args.n))) end)
end
`,
  };
  const atm = {
    name: 'atm',
    shim: 'esx' as const,
    client: `
ESX = exports['es_extended']:getSharedObject()
ESX.RegisterClientCallback('atm:pin', function(cb, tries) cb(tries < 3, nil, 'pin') end)
ESX.RegisterClientCallback('atm:explode', function(cb) error('the card reader jammed') end)
got = {}
function ask(key, name, ...) ESX.TriggerServerCallback(name, function(...) got[key] = table.pack(...) end, ...) end
function await(key, name, ...)
  local args = table.pack(...)
  CreateThread(function() got[key] = table.pack(pcall(ESX.AwaitServerCallback, name, table.unpack(args, 1, args.n))) end)
end
`,
  };

  async function run(flavour: Flavour) {
    const shims = startShims(onFlavour(flavour, 'esx', [bank, atm]), { latency: 20 });
    const { world, server: s, client: c } = shims;
    c(0, 'atm').run(`
ask('echo', 'bank:echo', 'a', nil, 3)
ask('several', 'bank:several')
ask('reason', 'bank:reason')
ask('explode', 'bank:explode')
ask('silent', 'bank:silent')
ask('unknown', 'nobody:here')
ask('slow1', 'bank:slow', 300)
ask('slow2', 'bank:slow', 100)
await('awaitSeveral', 'bank:several')
await('awaitReason', 'bank:reason')
await('awaitExplode', 'bank:explode')
await('awaitSilent', 'bank:silent')`);
    s('bank').run(`ask('pin', 1, 'atm:pin', 1); ask('pinExplode', 1, 'atm:explode'); await('awaitPin', 1, 'atm:pin', 5)`);
    await world.advance(500);
    const early = { client: c(0, 'atm').get<Record<string, unknown>>('got'), server: s('bank').get<Record<string, unknown>>('got') };
    await world.advance(15_000);
    const late = { client: c(0, 'atm').get<Record<string, unknown>>('got'), server: s('bank').get<Record<string, unknown>>('got') };
    return { shims, early, late };
  }

  test('answers: arguments and source, several values with nil holes, cb(nil, reason), concurrent calls of one name', async () => {
    const framework = await run('framework');
    const shim = await run('shim');
    const keys = ['echo', 'several', 'reason', 'slow1', 'slow2'];
    const answers = (early: { client: Record<string, unknown>; server: Record<string, unknown> }) => ({
      ...Object.fromEntries(keys.map((key) => [key, early.client[key]])),
      pin: early.server.pin,
    });
    expect(answers(shim.early)).toEqual(answers(framework.early));
    expect(answers(shim.early)).toEqual({
      echo: { 1: 1, 2: 3, 3: 'a', 5: 3, n: 5 },
      several: { 1: 1, 3: 'three', n: 3 }, // a trailing nil is dropped on the way, by either
      reason: { 2: 'no stock', n: 2 },
      slow1: { 1: 300, n: 1 },
      slow2: { 1: 100, n: 1 },
      pin: { 1: true, 3: 'pin', n: 3 },
    });
  });

  test('difference: the Await forms return every value; through es_extended\'s export FiveM drops those after a nil', async () => {
    const framework = await run('framework');
    const shim = await run('shim');
    const awaited = ({ early }: { early: { client: Record<string, unknown>; server: Record<string, unknown> } }) => ({
      awaitSeveral: early.client.awaitSeveral,
      awaitReason: early.client.awaitReason,
      awaitPin: early.server.awaitPin,
    });
    expect(awaited(framework)).toEqual({ awaitSeveral: { 1: true, 2: 1, n: 2 }, awaitReason: { 1: true, n: 1 }, awaitPin: { 1: true, 2: false, n: 2 } });
    expect(awaited(shim)).toEqual({
      awaitSeveral: { 1: true, 2: 1, 4: 'three', n: 4 },
      awaitReason: { 1: true, 3: 'no stock', n: 3 },
      awaitPin: { 1: true, 2: false, 4: 'pin', n: 4 },
    });
  });

  test('failures: a raising handler, no answer, an unknown name never call the callback form back', async () => {
    const framework = await run('framework');
    const shim = await run('shim');
    for (const { late } of [framework, shim]) {
      for (const key of ['explode', 'silent', 'unknown']) expect(late.client[key]).toBeUndefined();
      expect(late.server.pinExplode).toBeUndefined();
    }
    // es_extended prints a raise where the handler ran, every time (and on the client raises again), and an unknown
    // name where it was asked; the shim logs one line per 10 s per player and callback where the handler ran, and one
    // where it was called (the awaiting call's raise is counted, not printed again).
    expect(printed(framework.shims.world, 'es_extended', 'server')).toEqual(expect.arrayContaining([expect.stringContaining('Failed to execute Callback')]));
    expect(scriptErrors(framework.shims.world)).toEqual(expect.arrayContaining([
      expect.stringContaining('the vault is locked'),
      expect.stringContaining('Server Callback with requestId ^5nobody:here^1 Was Called by ^5atm^1 but does not exist.'),
      expect.stringContaining('the card reader jammed'),
    ]));
    expect(printed(shim.shims.world, 'bank', 'server')).toEqual([
      expect.stringContaining("callback 'bank:explode' raised: @bank/server.lua:6: the vault is locked"),
      expect.stringContaining("ESX callback 'atm:explode' failed: the card reader jammed (ESX does not call back)"),
    ]);
    expect(printed(shim.shims.world, 'atm', 'client:1').sort()).toEqual([
      expect.stringContaining(`ESX callback 'bank:explode' failed: the vault is locked (ESX does not call back)`),
      expect.stringContaining(`ESX callback 'nobody:here' failed: no callback named "nobody:here" is registered (ESX does not call back)`),
      expect.stringContaining("callback 'atm:explode' raised: @atm/client.lua:4: the card reader jammed"),
    ]);
    await shim.shims.world.advance(600_000);
    expect(printed(shim.shims.world, 'atm', 'client:1')).toContainEqual(
      expect.stringContaining(`ESX callback 'bank:silent' failed: Callback "bank:silent" timed out after 600000 ms (ESX does not call back)`),
    );
    expect(shim.shims.inFlight(0)).toEqual({ calls: 0, routes: 0 });
    expect(shim.shims.inFlight()).toEqual({ calls: 0, routes: 0 });
  });

  test('difference: the Await forms raise the reason (at once, or after 15 s without an answer) where es_extended waits forever', async () => {
    // es_extended means to reject after 15 s, but tests `p.state == "pending"`, and CitizenFX's promise states are
    // numbers: its Await forms never end on a failure.
    const framework = await run('framework');
    const shim = await run('shim');
    expect(framework.late.client.awaitExplode).toBeUndefined();
    expect(framework.late.client.awaitSilent).toBeUndefined();
    expect(shim.early.client.awaitExplode).toEqual({ 1: false, 2: expect.stringContaining("ESX callback 'bank:explode' failed: the vault is locked"), n: 2 });
    expect(shim.early.client.awaitSilent).toBeUndefined();
    expect(shim.late.client.awaitSilent).toEqual({ 1: false, 2: expect.stringContaining(`ESX callback 'bank:silent' failed: Callback "bank:silent" timed out after 15000 ms`), n: 2 });
  });
});

test('a reply forged by another player is refused; the asked player\'s answer arrives', async () => {
  const client = `ESX.RegisterClientCallback('whoami', function(cb) SetTimeout(500, function() cb(GetPlayerServerId(PlayerId())) end) end)`;
  const admin = `function ask(player) ESX.TriggerClientCallback(player, 'whoami', function(id) answer = id end) end`;
  const shims = startShims([{ name: 'game', shim: 'esx', client }, { name: 'admin', shim: 'esx', server: admin }], { players: 2, latency: 20 });
  await expectForgedReplyRefused(shims, 'admin');
});
