/**
 * The shims share fxcallbacks' one namespace: code written for one framework calls callbacks registered through
 * another shim or the library's own Lua exports, in other resources.
 */
import { FRAMEWORKS, scriptErrors, startShims, useLua } from './support';

useLua();

test('ESX, QBCore and the library\'s exports call a callback registered through the ox_lib shim, and back', async () => {
  const oxServer = `lib.callback.register('shop:price', function(source, item) return item == 'bread' and 5 or nil end)`;
  const esxClient = `CreateThread(function() local price = ESX.AwaitServerCallback('shop:price', 'bread'); esxPrice = price end)`;
  const qbClient = `QBCore.Functions.TriggerCallback('shop:price', function(price) qbPrice = price end, 'bread')`;
  const plainClient = `exports.fxcallbacks:TriggerServerCallback('shop:price', function(price) plainPrice = price end, 'bread')`;
  const qbServerAsksEsxClient = `
function ask(source) CreateThread(function() local answer = QBCore.Functions.TriggerClientCallback('esx:hello', source, 'qb'); fromEsx = answer end) end`;
  const esxClientCallback = `ESX.RegisterClientCallback('esx:hello', function(cb, who) cb('hello ' .. who) end)`;
  const { world, server: s, client: c } = startShims(
    [
      { name: 'shop', shim: 'ox_lib', server: oxServer },
      { name: 'esx_hud', shim: 'esx', client: `${esxClient}\n${esxClientCallback}` },
      { name: 'qb_hud', shim: 'qbcore', client: qbClient, server: qbServerAsksEsxClient },
      { name: 'plain', client: plainClient },
    ],
    { latency: 20 },
  );
  s('qb_hud').run('ask(1)');
  await world.advance(300);
  expect(c(0, 'esx_hud').get('esxPrice')).toBe(5);
  expect(c(0, 'qb_hud').get('qbPrice')).toBe(5);
  expect(c(0, 'plain').get('plainPrice')).toBe(5);
  expect(s('qb_hud').get('fromEsx')).toBe('hello qb');
  expect(scriptErrors(world)).toEqual([]);
});

/**
 * A server migrating one resource at a time: beside the framework's own callback code (fixtures/), a shimmed
 * resource and an unshimmed one call each other's callbacks, client → server and server → client, both forms.
 */
describe('mixed servers: shimmed and unshimmed resources beside the framework answer each other', () => {
  interface Case {
    framework: keyof typeof FRAMEWORKS;
    shim: 'ox_lib' | 'esx' | 'qbcore';
    before?: string[];
    /** Lua that makes the framework's object (none for ox_lib's lib). */
    prelude: string;
    register(name: string, answer: string): string;
    registerClient(name: string, answer: string): string;
    ask(key: string, name: string): string;
    await(key: string, name: string): string;
    askClient(key: string, name: string): string;
  }
  const cases: Case[] = [
    {
      framework: 'ox_lib',
      shim: 'ox_lib',
      before: ['@ox_lib/init.lua'],
      prelude: '',
      register: (name, answer) => `lib.callback.register('${name}', function(source, item) return ${answer}, item end)`,
      registerClient: (name, answer) => `lib.callback.register('${name}', function() return ${answer} end)`,
      ask: (key, name) => `lib.callback('${name}', false, function(...) got.${key} = table.pack(...) end, 'bread')`,
      await: (key, name) => `CreateThread(function() Wait(200) got.${key} = table.pack(lib.callback.await('${name}', false, 'bread')) end)`,
      askClient: (key, name) => `lib.callback('${name}', 1, function(...) got.${key} = table.pack(...) end)`,
    },
    {
      framework: 'esx',
      shim: 'esx',
      prelude: `ESX = exports.es_extended:getSharedObject()`,
      register: (name, answer) => `ESX.RegisterServerCallback('${name}', function(source, cb, item) cb(${answer}, item) end)`,
      registerClient: (name, answer) => `ESX.RegisterClientCallback('${name}', function(cb) cb(${answer}) end)`,
      ask: (key, name) => `ESX.TriggerServerCallback('${name}', function(...) got.${key} = table.pack(...) end, 'bread')`,
      await: (key, name) => `CreateThread(function() Wait(200) got.${key} = table.pack(ESX.AwaitServerCallback('${name}', 'bread')) end)`,
      askClient: (key, name) => `ESX.TriggerClientCallback(1, '${name}', function(...) got.${key} = table.pack(...) end)`,
    },
    {
      framework: 'qbcore',
      shim: 'qbcore',
      prelude: `local QBCore = exports['qb-core']:GetCoreObject()`,
      register: (name, answer) => `QBCore.Functions.CreateCallback('${name}', function(source, cb, item) cb(${answer}, item) end)`,
      registerClient: (name, answer) => `QBCore.Functions.CreateClientCallback('${name}', function(cb) cb(${answer}) end)`,
      ask: (key, name) => `QBCore.Functions.TriggerCallback('${name}', function(...) got.${key} = table.pack(...) end, 'bread')`,
      await: (key, name) => `CreateThread(function() Wait(200) got.${key} = table.pack(QBCore.Functions.TriggerCallback('${name}', 'bread')) end)`,
      askClient: (key, name) => `QBCore.Functions.TriggerClientCallback('${name}', 1, function(...) got.${key} = table.pack(...) end)`,
    },
  ];

  test.each(cases)('$framework', async (c) => {
    const side = (migrated: boolean, own: string, other: string) => ({
      server: `${c.prelude}\ngot = {}\n${c.register(`${own}:price`, migrated ? '5' : '7')}\nfunction askClient() ${c.askClient('client', `${other}:hello`)} end`,
      client: `${c.prelude}\ngot = {}\n${c.registerClient(`${own}:hello`, `'${own}'`)}\n${c.ask('asked', `${other}:price`)}\n${c.await('awaited', `${other}:price`)}`,
    });
    const migrated = { name: 'shop', before: c.before, shim: c.shim, ...side(true, 'shop', 'legacy') };
    const legacy = { name: 'legacy', before: c.before, ...side(false, 'legacy', 'shop') };
    // The await waits 200 ms first: qb-core keeps one call per name, and both go through it on the unshimmed side.
    const { world, server: s, client: cl } = startShims([FRAMEWORKS[c.framework], legacy, migrated], { latency: 20 });
    await world.advance(500);
    s('shop').run('askClient()');
    s('legacy').run('askClient()');
    await world.advance(300);
    // The shimmed resource reaches the framework-registered callbacks, and the unshimmed one the shimmed callbacks.
    expect(cl(0, 'shop').get('got')).toEqual({ asked: { 1: 7, 2: 'bread', n: 2 }, awaited: { 1: 7, ...(c.framework === 'qbcore' ? { n: 1 } : { 2: 'bread', n: 2 }) } });
    expect(cl(0, 'legacy').get('got')).toEqual({ asked: { 1: 5, 2: 'bread', n: 2 }, awaited: { 1: 5, ...(c.framework === 'qbcore' ? { n: 1 } : { 2: 'bread', n: 2 }) } });
    expect(s('shop').get('got')).toEqual({ client: { 1: 'legacy', n: 1 } });
    expect(s('legacy').get('got')).toEqual({ client: { 1: 'shop', n: 1 } });
    expect(scriptErrors(world)).toEqual([]);
  });
});

test("a shimmed resource reaches a callback ox_lib registers in its own resource (ox_lib:checkPlayerAce), as an unshimmed one does", async () => {
  const asker = (shimmed: boolean) => ({
    name: shimmed ? 'shimmed' : 'plain',
    before: ['@ox_lib/init.lua'],
    ...(shimmed ? { shim: 'ox_lib' as const } : {}),
    client: `CreateThread(function() allowed = table.pack(lib.callback.await('ox_lib:checkPlayerAce', false, 'command.tp')) end)`,
  });
  const { world, client } = startShims([FRAMEWORKS.ox_lib, asker(true), asker(false)], { latency: 20 });
  await world.advance(300);
  expect(client(0, 'plain').get('allowed')).toEqual({ 1: false, n: 1 });
  expect(client(0, 'shimmed').get('allowed')).toEqual({ 1: false, n: 1 });
  expect(scriptErrors(world)).toEqual([]);
});
