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

/**
 * Names es_extended and qb-core register through their own code, in their own resource (their server/main.lua and
 * server/events.lua, verbatim in the stand-ins): fxcallbacks does not know them, so the shim falls back to the
 * framework's own protocol. A shimmed resource's call gets what an unshimmed resource's gets, answers and failures.
 */
describe('callbacks the framework registers itself answer a shimmed resource as they answer an unshimmed one', () => {
  const asker = (shim: 'esx' | 'qbcore' | undefined, client: string, before?: string[]) => ({
    name: shim ? 'shimmed' : 'plain',
    ...(before ? { before } : {}),
    ...(shim ? { shim } : {}),
    client,
  });

  test("es_extended's esx:getPlayerData, esx:getOtherPlayerData and esx:getPlayerNames", async () => {
    // The player data es_extended sends; its position (a vector3) read here as its type and components.
    const client = `
local function seen(...)
  local answer = table.pack(...)
  local data = answer[1]
  if type(data) == 'table' and data.position then
    data.position = { type(data.position), data.position.x, data.position.y, data.position.z }
  end
  return answer
end
got = {}
function ask(other)
  ESX.TriggerServerCallback('esx:getPlayerData', function(...) got.mine = seen(...) end)
  ESX.TriggerServerCallback('esx:getOtherPlayerData', function(...) got.other = seen(...) end, other)
  ESX.TriggerServerCallback('esx:getPlayerNames', function(names)
    local seenNames = {}
    for id, name in pairs(names) do seenNames[#seenNames + 1] = ('%s %d %s'):format(math.type(id), id, name) end
    table.sort(seenNames)
    got.names = seenNames
  end, { [1] = true, [2] = true, [3] = true })
  CreateThread(function() got.awaited = seen(ESX.AwaitServerCallback('esx:getPlayerData')) end)
end`;
    const imports = ['@es_extended/imports.lua'];
    const { world, server, client: c, inFlight } = startShims(
      [FRAMEWORKS.esx, asker(undefined, client, imports), asker('esx', client, imports)],
      { players: 3, latency: 20 },
    );
    const player = (identifier: string, name: string, money: number, x: number) =>
      `{ identifier = '${identifier}', name = '${name}', accounts = { { name = 'bank', money = ${money * 10} } }, inventory = { { name = 'bread', count = 2 } },
         job = { name = 'police', grade = 2 }, loadout = { { name = 'WEAPON_PISTOL', ammo = 12 } }, money = ${money},
         position = { x = ${x}, y = 2.5, z = 3.25 }, metadata = { health = 200 } }`;
    // Players 1 and 2 are logged in; player 3 is not (es_extended holds no xPlayer for it).
    server('es_extended').run(`LoginPlayer(1, ${player('char1:alice', 'Alice', 120, 1.5)}) LoginPlayer(2, ${player('char1:bob', 'Bob', 80, -4)})`);
    for (const resource of ['plain', 'shimmed']) {
      c(0, resource).run('ask(2)');
      c(2, resource).run('ask(3)');
    }
    await world.advance(20_000);

    const data = (identifier: string, money: number, x: number) => ({
      identifier,
      accounts: [{ name: 'bank', money: money * 10 }],
      inventory: [{ name: 'bread', count: 2 }],
      job: { name: 'police', grade: 2 },
      loadout: [{ name: 'WEAPON_PISTOL', ammo: 12 }],
      money,
      position: ['vector3', x, 2.5, 3.25],
      metadata: { health: 200 },
    });
    // Player 1 asks for its own data and player 2's; the names of players 2 and 3 (not logged in), keyed by id.
    expect(c(0, 'plain').get('got')).toEqual({
      mine: { 1: data('char1:alice', 120, 1.5), n: 1 },
      awaited: { 1: data('char1:alice', 120, 1.5), n: 1 },
      other: { 1: data('char1:bob', 80, -4), n: 1 },
      names: ['integer 2 Bob'],
    });
    // Player 3, not logged in: es_extended never answers its own data nor that of the unknown target 3, and its
    // Await form waits on.
    expect(c(2, 'plain').get('got')).toEqual({ names: ['integer 1 Alice', 'integer 2 Bob'] });
    expect(c(0, 'shimmed').get('got')).toEqual(c(0, 'plain').get('got'));
    expect(c(2, 'shimmed').get('got')).toEqual(c(2, 'plain').get('got'));
    // Nothing waits in fxcallbacks: the shim handed the names it does not know to es_extended.
    for (const machine of [undefined, 0, 1, 2]) expect(inFlight(machine)).toEqual({ calls: 0, routes: 0 });
    expect(scriptErrors(world)).toEqual([]);
  });

  test("qb-core's QBCore:Server:SpawnVehicle, callback and awaiting forms", async () => {
    // qb-core keeps one call per name on a client, and both resources' calls go through it: one after the other,
    // each after the last has left qb-core's table (a thread awaiting the answer resumes before qb-core clears it).
    const client = `
local QBCore = exports['qb-core']:GetCoreObject()
local SPAWN = 'QBCore:Server:SpawnVehicle'
got = {}
function spawn()
  CreateThread(function()
    QBCore.Functions.TriggerCallback(SPAWN, function(...) got.spawned = table.pack(...) end, 'adder', { x = 10.0, y = 20.0, z = 30.0, w = 90.0 }, true)
    Wait(500)
    got.awaited = table.pack(QBCore.Functions.TriggerCallback(SPAWN, 't20', { x = 1.0, y = 2.0, z = 3.0 }))
    Wait(500)
    got.unknownModel = table.pack(QBCore.Functions.TriggerCallback(SPAWN, 'no_such_car', { x = 1.0, y = 2.0, z = 3.0 }))
    Wait(500)
    QBCore.Functions.TriggerCallback(SPAWN, function(...) got.raised = table.pack(...) end, 'adder', 5)
  end)
end`;
    const { world, server, client: c, inFlight } = startShims([FRAMEWORKS.qbcore, asker(undefined, client), asker('qbcore', client)], { players: 2, latency: 20 });
    c(1, 'plain').run('spawn()');
    await world.advance(2_000);
    c(1, 'shimmed').run('spawn()');
    await world.advance(2_000);

    // The net ids qb-core answers (its vehicles are numbered in spawn order); an unknown model answers nil; coordinates
    // that are not a vector raise in qb-core and never call back.
    expect(c(1, 'plain').get('got')).toEqual({ spawned: { 1: 1, n: 1 }, awaited: { 1: 2, n: 1 }, unknownModel: { n: 0 } });
    expect(c(1, 'shimmed').get('got')).toEqual({ spawned: { 1: 3, n: 1 }, awaited: { 1: 4, n: 1 }, unknownModel: { n: 0 } });
    // Each vehicle spawned for the player who asked (player 2), where it asked.
    const vehicle = (model: string, x: number, heading: number, warp?: boolean) => ({ owner: 2, model: server('qb-core').run(`return joaat('${model}')`), x, y: 2 * x, z: 3 * x, heading, ...(warp ? { warp } : {}) });
    const both = [vehicle('adder', 10, 90, true), vehicle('t20', 1, 0)];
    expect(server('qb-core').get('SpawnedVehicles')).toEqual([...both, ...both]);
    expect(scriptErrors(world)).toEqual([
      expect.stringContaining("attempt to index a number value (local 'coords')"),
      expect.stringContaining("attempt to index a number value (local 'coords')"),
    ]);
    for (const machine of [undefined, 0, 1]) expect(inFlight(machine)).toEqual({ calls: 0, routes: 0 });
  });
});
