/**
 * compat/esx.lua: ESX's callbacks backed by fxcallbacks. The client examples of
 * https://docs.esx-framework.org/en/esx_core/es_extended/client/modules/callback and the TriggerServerCallback
 * example of https://esx-brasil.github.io/es_extended/client/functions/triggerservercallback/ run unchanged
 * (marked "verbatim"); the server sides they talk to are written here with ESX's documented signatures.
 */
import { expectForgedReplyRefused, printed, scriptErrors, startShims, useLua } from './support';

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

describe('failures: a call always ends', () => {
  const server = `ESX.RegisterServerCallback('explode', function(source, cb) error('the vault is locked') end)`;

  test('a handler that raises: the callback is called back with nothing and the reason printed; Await raises it', async () => {
    const client = `
ESX.TriggerServerCallback('explode', function(...) calledBack = select('#', ...) end)
CreateThread(function() awaited = { pcall(ESX.AwaitServerCallback, 'explode') } end)`;
    const { world, client: c } = startShims([{ name: 'bank', shim: 'esx', server }, { name: 'atm', shim: 'esx', client }], { latency: 20 });
    await world.advance(200);
    expect(c(0, 'atm').get('calledBack')).toBe(0);
    expect(printed(world, 'atm')).toEqual([expect.stringContaining("ESX callback 'explode' failed: the vault is locked")]);
    // The shim catches the raise in the handler's own state (FiveM would hand over only a generic error): the whole
    // error is printed there, and the caller gets its message without the server's script location.
    const raised = expect.stringContaining("ESX callback 'explode' raised: @bank/server.lua:1: the vault is locked");
    expect(printed(world, 'bank', 'server')).toEqual([raised, raised]); // the callback form's call and the awaiting one
    expect(printed(world, 'atm').join('\n')).not.toContain('server.lua');
    expect(c(0, 'atm').get<[boolean, string]>('awaited')).toEqual([false, expect.stringContaining("ESX callback 'explode' failed: the vault is locked")]);
  });

  test('a client that never answers: AwaitClientCallback raises at the timeout', async () => {
    const client = `ESX.RegisterClientCallback('stall', function(cb) end)`;
    const admin = `function ask(player) CreateThread(function() awaited = { pcall(ESX.AwaitClientCallback, player, 'stall') } end) end`;
    const { world, server: s } = startShims([{ name: 'game', shim: 'esx', client }, { name: 'admin', shim: 'esx', server: admin }], { latency: 20 });
    s('admin').run('ask(1)');
    await world.advance(9_000);
    expect(s('admin').get('awaited')).toBeNull();
    await world.advance(2_000);
    expect(s('admin').get('awaited')).toEqual([false, expect.stringContaining(`ESX callback 'stall' failed: Callback "stall" timed out after 10000 ms`)]);
  });

  test('a missing callback function is a clear error at the call', () => {
    const { server: s } = startShims([{ name: 'admin', shim: 'esx', server: `ok, err = pcall(ESX.TriggerClientCallback, 1, 'x')` }]);
    expect(s('admin').runAll('return ok, err')).toEqual([false, expect.stringContaining('ESX.TriggerClientCallback: callback (argument 3) must be a function, got nil')]);
  });
});

test('a reply forged by another player is refused; the asked player\'s answer arrives', async () => {
  const client = `ESX.RegisterClientCallback('whoami', function(cb) SetTimeout(500, function() cb(GetPlayerServerId(PlayerId())) end) end)`;
  const admin = `function ask(player) ESX.TriggerClientCallback(player, 'whoami', function(id) answer = id end) end`;
  const shims = startShims([{ name: 'game', shim: 'esx', client }, { name: 'admin', shim: 'esx', server: admin }], { players: 2, latency: 20 });
  await expectForgedReplyRefused(shims, 'admin');
});
