/**
 * compat/qbcore.lua: QBCore's callbacks backed by fxcallbacks. The documented examples of
 * https://docs.qbcore.org/qbcore-documentation/qb-core (getting the core object) and
 * https://docs.qbcore.org/qbcore-documentation/qb-core/client-function-reference (QBCore.Functions.HasItem, built on
 * TriggerCallback) run unchanged (marked "verbatim"); the server sides they talk to use QBCore's signatures.
 */
import { expectForgedReplyRefused, onFlavour, printed, scriptErrors, startShims, useLua, type Flavour } from './support';

useLua();

const ITEMS_SERVER = {
  name: 'qb-inventory',
  shim: 'qbcore' as const,
  server: `
-- verbatim
local QBCore = exports['qb-core']:GetCoreObject()

local items = { [1] = { my_cool_item = true } }
QBCore.Functions.CreateCallback('QBCore:HasItem', function(source, cb, item)
  cb(items[source] ~= nil and items[source][item] == true)
end)
QBCore.Functions.CreateCallback('qb-inventory:count', function(source, cb, item)
  cb(items[source] and items[source][item] and 1 or 0, 'second value')
end)
`,
};

describe('the documented examples, without qb-core', () => {
  test('client → server: TriggerCallback with a callback, and the documented HasItem built on it', async () => {
    const client = `
-- verbatim
local QBCore = exports['qb-core']:GetCoreObject()

-- verbatim
function QBCore.Functions.HasItem(item)
local p = promise.new()
QBCore.Functions.TriggerCallback('QBCore:HasItem', function(result)
p:resolve(result)
end, item)
return Citizen.Await(p)
end

CreateThread(function()
-- verbatim
local hasItem = QBCore.Functions.HasItem('my_cool_item')
print(hasItem)
end)

QBCore.Functions.TriggerCallback('qb-inventory:count', function(count, extra) print(count, extra) end, 'my_cool_item')
CreateThread(function() print('awaited', QBCore.Functions.TriggerCallback('qb-inventory:count', 'my_cool_item')) end)
`;
    const { world } = startShims([ITEMS_SERVER, { name: 'qb-hud', shim: 'qbcore', client }], { players: 2, latency: 20 });
    await world.advance(300);
    expect(printed(world, 'qb-hud', 'client:1').sort()).toEqual(['1\tsecond value', 'awaited\t1', 'true'].sort());
    expect(printed(world, 'qb-hud', 'client:2').sort()).toEqual(['0\tsecond value', 'awaited\t0', 'false'].sort());
    expect(scriptErrors(world)).toEqual([]);
  });

  test('server → client: CreateClientCallback, TriggerClientCallback(name, source, cb, ...) and its awaiting form', async () => {
    const client = `
local QBCore = exports['qb-core']:GetCoreObject()
QBCore.Functions.CreateClientCallback('qb-hud:add', function(cb, a, b) cb(a + b, GetPlayerServerId(PlayerId())) end)`;
    const server = `
local QBCore = exports['qb-core']:GetCoreObject()
function ask(source)
  QBCore.Functions.TriggerClientCallback('qb-hud:add', source, function(sum, from) called = { sum = sum, from = from } end, 2, 3)
  CreateThread(function() awaited = table.pack(QBCore.Functions.TriggerClientCallback('qb-hud:add', source, 10, 20)) end)
end`;
    const { world, server: s } = startShims([{ name: 'qb-hud', shim: 'qbcore', client }, { name: 'qb-admin', shim: 'qbcore', server }], { players: 2, latency: 20 });
    s('qb-admin').run('ask(2)');
    await world.advance(200);
    expect(s('qb-admin').get('called')).toEqual({ sum: 5, from: 2 });
    // As in QBCore, the awaiting form gives the answer's first value only.
    expect(s('qb-admin').get('awaited')).toEqual({ 1: 30, n: 1 });
    expect(scriptErrors(world)).toEqual([]);
  });
});

test('with qb-core started, GetCoreObject gives its object with only the callback functions replaced', async () => {
  const qbCore = {
    name: 'qb-core',
    server: `exports('GetCoreObject', function() return { Shared = { StarterItems = { 'phone' } }, Functions = { GetPlayer = function(id) return { id = id } end, CreateCallback = function() end } } end)`,
    client: `exports('GetCoreObject', function() return { Shared = {}, Functions = { GetPlayerData = function() return { job = 'police' } end, TriggerCallback = function() end } } end)`,
  };
  const client = `
local QBCore = exports['qb-core']:GetCoreObject()
CreateThread(function() result = { job = QBCore.Functions.GetPlayerData().job, has = QBCore.Functions.TriggerCallback('QBCore:HasItem', 'my_cool_item') } end)`;
  const server = `
local QBCore = exports['qb-core']:GetCoreObject()
QBCore.Functions.CreateCallback('QBCore:HasItem', function(source, cb, item) cb(QBCore.Functions.GetPlayer(source).id == 1 and QBCore.Shared.StarterItems[1] == 'phone') end)`;
  const { world, client: c } = startShims([qbCore, { name: 'qb-inventory', shim: 'qbcore', server }, { name: 'qb-hud', shim: 'qbcore', client }], { latency: 20 });
  await world.advance(300);
  expect(c(0, 'qb-hud').get('result')).toEqual({ job: 'police', has: true });
  expect(scriptErrors(world)).toEqual([]);
});

/**
 * The same resources, unchanged, on qb-core's own callback code (fixtures/qb-core, verbatim) and on the shim: the
 * same answers and the same failures, and where the shim differs, the difference the README names.
 */
describe("point by point against qb-core's own callback code", () => {
  const bank = {
    name: 'bank',
    shim: 'qbcore' as const,
    server: `
local QBCore = exports['qb-core']:GetCoreObject()
QBCore.Functions.CreateCallback('bank:echo', function(source, cb, ...) cb(source, select('#', ...), ...) end)
QBCore.Functions.CreateCallback('bank:several', function(source, cb) cb(1, nil, 'three', nil) end)
QBCore.Functions.CreateCallback('bank:reason', function(source, cb) cb(nil, 'no stock') end)
QBCore.Functions.CreateCallback('bank:explode', function(source, cb) error('the vault is locked') end)
QBCore.Functions.CreateCallback('bank:silent', function(source, cb) end)
QBCore.Functions.CreateCallback('bank:slow', function(source, cb, ms) SetTimeout(ms, function() cb(ms) end) end)
got = {}
function ask(key, source, name, ...) QBCore.Functions.TriggerClientCallback(name, source, function(...) got[key] = table.pack(...) end, ...) end
function await(key, source, name, ...)
  local args = table.pack(...)
  CreateThread(function() got[key] = table.pack(pcall(QBCore.Functions.TriggerClientCallback, name, source, table.unpack(args, 1, args.n))) end)
end
`,
  };
  const atm = {
    name: 'atm',
    shim: 'qbcore' as const,
    client: `
local QBCore = exports['qb-core']:GetCoreObject()
QBCore.Functions.CreateClientCallback('atm:pin', function(cb, tries) cb(tries < 3, nil, 'pin') end)
QBCore.Functions.CreateClientCallback('atm:explode', function(cb) error('the card reader jammed') end)
got = {}
function ask(key, name, ...) QBCore.Functions.TriggerCallback(name, function(...) got[key] = table.pack(...) end, ...) end
function await(key, name, ...)
  local args = table.pack(...)
  CreateThread(function() got[key] = table.pack(pcall(QBCore.Functions.TriggerCallback, name, table.unpack(args, 1, args.n))) end)
end
`,
  };

  async function run(flavour: Flavour) {
    const shims = startShims(onFlavour(flavour, 'qbcore', [bank, atm]), { latency: 20 });
    const { world, server: s, client: c } = shims;
    // qb-core keeps one pending call per name: each name is asked once at a time, but for the concurrency case.
    c(0, 'atm').run(`
ask('echo', 'bank:echo', 'a', nil, 3)
ask('several', 'bank:several')
ask('reason', 'bank:reason')
ask('explode', 'bank:explode')
ask('silent', 'bank:silent')
ask('unknown', 'nobody:here')`);
    s('bank').run(`ask('pin', 1, 'atm:pin', 1); ask('pinExplode', 1, 'atm:explode')`);
    await world.advance(500);
    c(0, 'atm').run(`
await('awaitSeveral', 'bank:several')
await('awaitReason', 'bank:reason')
await('awaitExplode', 'bank:explode')
await('awaitUnknown', 'nobody:here')`);
    s('bank').run(`await('awaitPin', 1, 'atm:pin', 5)`);
    await world.advance(500);
    const early = { client: c(0, 'atm').get<Record<string, unknown>>('got'), server: s('bank').get<Record<string, unknown>>('got') };
    // Concurrent calls of one name: the first asked waits longer.
    c(0, 'atm').run(`ask('slow1', 'bank:slow', 300); ask('slow2', 'bank:slow', 100)`);
    await world.advance(500);
    const slow = c(0, 'atm').runAll('return got.slow1, got.slow2');
    return { shims, early, slow };
  }

  test('answers: arguments and source, several values with nil holes, cb(nil, reason), the awaiting form\'s first value', async () => {
    const framework = await run('framework');
    const shim = await run('shim');
    const answers = (early: { client: Record<string, unknown>; server: Record<string, unknown> }) => ({
      echo: early.client.echo,
      several: early.client.several,
      reason: early.client.reason,
      awaitSeveral: early.client.awaitSeveral,
      awaitReason: early.client.awaitReason,
      pin: early.server.pin,
      awaitPin: early.server.awaitPin,
    });
    expect(answers(shim.early)).toEqual(answers(framework.early));
    expect(answers(shim.early)).toEqual({
      echo: { 1: 1, 2: 3, 3: 'a', 5: 3, n: 5 },
      several: { 1: 1, 3: 'three', n: 3 }, // a trailing nil is dropped on the way, by either
      reason: { 2: 'no stock', n: 2 },
      awaitSeveral: { 1: true, 2: 1, n: 2 },
      awaitReason: { 1: true, n: 1 },
      pin: { 1: true, 3: 'pin', n: 3 },
      awaitPin: { 1: true, 2: false, n: 2 },
    });
  });

  test('failures: a raising handler, no answer, an unknown name never call the callback form back', async () => {
    const framework = await run('framework');
    const shim = await run('shim');
    for (const key of ['explode', 'silent', 'unknown']) {
      expect(framework.early.client[key]).toBeUndefined();
      expect(shim.early.client[key]).toBeUndefined();
    }
    expect(framework.early.server.pinExplode).toBeUndefined();
    expect(shim.early.server.pinExplode).toBeUndefined();
    // In qb-core a raise is a SCRIPT ERROR with a traceback in the handler's resource, and another in qb-core's (the
    // function reference failed), every time; the shim logs one line where the handler ran (one per 10 s per player
    // and callback: the awaiting call's raise is counted, not printed) and one where it was called.
    const explode = expect.stringMatching(/^server\/bank: .*SCRIPT ERROR: @bank\/server.lua:6: the vault is locked/);
    const explodeRef = expect.stringMatching(/^server\/qb-core: .*SCRIPT ERROR: \^7\n/);
    expect(scriptErrors(framework.shims.world)).toEqual([
      expect.stringMatching(/^client:1\/atm: .*SCRIPT ERROR: @atm\/client.lua:4: the card reader jammed/),
      expect.stringMatching(/^client:1\/qb-core: .*SCRIPT ERROR: \^7\n/),
      explode,
      explodeRef,
      explode,
      explodeRef,
    ]);
    expect(printed(shim.shims.world, 'bank', 'server')).toEqual([
      expect.stringContaining("callback 'bank:explode' raised: @bank/server.lua:6: the vault is locked"),
      expect.stringContaining("QBCore callback 'atm:explode' failed: the card reader jammed (QBCore does not call back)"),
    ]);
    expect(printed(shim.shims.world, 'atm', 'client:1')).toHaveLength(3);
    expect(printed(shim.shims.world, 'atm', 'client:1')).toEqual(expect.arrayContaining([
      expect.stringContaining("callback 'atm:explode' raised: @atm/client.lua:4: the card reader jammed"),
      expect.stringContaining("QBCore callback 'bank:explode' failed: the vault is locked (QBCore does not call back)"),
      expect.stringContaining(`QBCore callback 'nobody:here' failed: no callback named "nobody:here" is registered (QBCore does not call back)`),
    ]));
  });

  test('difference: the awaiting form raises the reason where qb-core waits forever', async () => {
    const framework = await run('framework');
    const shim = await run('shim');
    for (const key of ['awaitExplode', 'awaitUnknown']) expect(framework.early.client[key]).toBeUndefined();
    expect(shim.early.client.awaitExplode).toEqual({ 1: false, 2: expect.stringContaining("QBCore callback 'bank:explode' failed: the vault is locked"), n: 2 });
    expect(shim.early.client.awaitUnknown).toEqual({ 1: false, 2: expect.stringContaining(`no callback named "nobody:here"`), n: 2 });
  });

  test('difference: concurrent calls of one name each get their own answer; in qb-core the first is lost', async () => {
    const framework = await run('framework');
    const shim = await run('shim');
    expect(framework.slow).toEqual([null, { 1: 100, n: 1 }]);
    expect(shim.slow).toEqual([{ 1: 300, n: 1 }, { 1: 100, n: 1 }]);
  });

  test('difference: a call that is never answered ends at the timeout (600 s), logged; nothing is left pending', async () => {
    const { shims } = await run('shim');
    await shims.world.advance(600_000);
    expect(printed(shims.world, 'atm', 'client:1')).toContainEqual(expect.stringContaining(`QBCore callback 'bank:silent' failed: Callback "bank:silent" timed out after 600000 ms (QBCore does not call back)`));
    expect(shims.inFlight(0)).toEqual({ calls: 0, routes: 0 });
    expect(shims.inFlight()).toEqual({ calls: 0, routes: 0 });
  });
});

test('a reply forged by another player is refused; the asked player\'s answer arrives', async () => {
  const client = `QBCore.Functions.CreateClientCallback('whoami', function(cb) SetTimeout(500, function() cb(GetPlayerServerId(PlayerId())) end) end)`;
  const admin = `function ask(source) CreateThread(function() answer = QBCore.Functions.TriggerClientCallback('whoami', source) end) end`;
  const shims = startShims([{ name: 'game', shim: 'qbcore', client }, { name: 'admin', shim: 'qbcore', server: admin }], { players: 2, latency: 20 });
  await expectForgedReplyRefused(shims, 'admin');
});
