/**
 * compat/qbcore.lua: QBCore's callbacks backed by fxcallbacks. The documented examples of
 * https://docs.qbcore.org/qbcore-documentation/qb-core (getting the core object) and
 * https://docs.qbcore.org/qbcore-documentation/qb-core/client-function-reference (QBCore.Functions.HasItem, built on
 * TriggerCallback) run unchanged (marked "verbatim"); the server sides they talk to use QBCore's signatures.
 */
import { expectForgedReplyRefused, printed, scriptErrors, startShims, useLua } from './support';

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

describe('failures: a call always ends', () => {
  test('a handler that raises: the callback is called back with nothing and the reason printed; the awaiting form raises it', async () => {
    const server = `QBCore.Functions.CreateCallback('explode', function(source, cb) error('the vault is locked') end)`;
    const client = `
QBCore.Functions.TriggerCallback('explode', function(...) calledBack = select('#', ...) end)
CreateThread(function() awaited = { pcall(QBCore.Functions.TriggerCallback, 'explode') } end)`;
    const { world, client: c } = startShims([{ name: 'bank', shim: 'qbcore', server }, { name: 'atm', shim: 'qbcore', client }], { latency: 20 });
    await world.advance(200);
    expect(c(0, 'atm').get('calledBack')).toBe(0);
    expect(printed(world, 'atm')).toEqual([expect.stringContaining("QBCore callback 'explode' failed: the vault is locked")]);
    // The shim catches the raise in the handler's own state (FiveM would hand over only a generic error): the whole
    // error is printed there, and the caller gets its message without the server's script location.
    const raised = expect.stringContaining("QBCore callback 'explode' raised: @bank/server.lua:1: the vault is locked");
    expect(printed(world, 'bank', 'server')).toEqual([raised, raised]); // the callback form's call and the awaiting one
    expect(printed(world, 'atm').join('\n')).not.toContain('server.lua');
    expect(c(0, 'atm').get('awaited')).toEqual([false, expect.stringContaining("QBCore callback 'explode' failed: the vault is locked")]);
  });

  test('a server callback that never answers: the client\'s callback gets nothing at the timeout', async () => {
    const server = `QBCore.Functions.CreateCallback('stall', function(source, cb) end)`;
    const client = `QBCore.Functions.TriggerCallback('stall', function(...) calledBack = select('#', ...) end)`;
    const { world, client: c } = startShims([{ name: 'bank', shim: 'qbcore', server }, { name: 'atm', shim: 'qbcore', client }], { latency: 20 });
    await world.advance(9_000);
    expect(c(0, 'atm').get('calledBack')).toBeNull();
    await world.advance(2_000);
    expect(c(0, 'atm').get('calledBack')).toBe(0);
    expect(printed(world, 'atm')).toEqual([expect.stringContaining(`QBCore callback 'stall' failed: Callback "stall" timed out after 10000 ms`)]);
  });
});

test('a reply forged by another player is refused; the asked player\'s answer arrives', async () => {
  const client = `QBCore.Functions.CreateClientCallback('whoami', function(cb) SetTimeout(500, function() cb(GetPlayerServerId(PlayerId())) end) end)`;
  const admin = `function ask(source) CreateThread(function() answer = QBCore.Functions.TriggerClientCallback('whoami', source) end) end`;
  const shims = startShims([{ name: 'game', shim: 'qbcore', client }, { name: 'admin', shim: 'qbcore', server: admin }], { players: 2, latency: 20 });
  await expectForgedReplyRefused(shims, 'admin');
});
