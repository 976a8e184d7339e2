/**
 * The shims across fxcallbacks restarts and start order: their registrations come back by themselves, a call waiting
 * when fxcallbacks stops ends (as its framework fails it) instead of hanging, and a shim on a server resource started
 * before fxcallbacks says so in one line and registers when fxcallbacks starts.
 */
import { printed, scriptErrors, startShims, useLua } from './support';

useLua();

const bank = {
  name: 'bank',
  shim: 'ox_lib' as const,
  server: `
lib.callback.register('bank:balance', function(source) return 100 end)
lib.callback.register('bank:stall', function(source) Citizen.Await(promise.new()) end)`,
};
const atm = {
  name: 'atm',
  shim: 'ox_lib' as const,
  client: `
got = {}
function await(key, name) CreateThread(function() got[key] = table.pack(pcall(lib.callback.await, name, false)) end) end`,
};

test('after fxcallbacks restarts, shim registrations answer again; an await waiting when it stopped raises', async () => {
  const { world, client: c } = startShims([bank, atm], { latency: 20 });
  c(0, 'atm').run(`await('stalled', 'bank:stall')`);
  await world.advance(100);
  world.restartResource('fxcallbacks');
  await world.advance(200);
  expect(c(0, 'atm').get<Record<string, unknown>>('got').stalled).toEqual({ 1: false, 2: expect.stringMatching(/^callback 'bank:stall' failed: .*fxcallbacks stopped/), n: 2 });
  c(0, 'atm').run(`await('balance', 'bank:balance')`);
  await world.advance(200);
  expect(c(0, 'atm').get<Record<string, unknown>>('got').balance).toEqual({ 1: true, 2: 100, n: 2 });
  expect(printed(world, 'bank', 'server')).toContain('bank registered 2 callback(s) again with fxcallbacks');
});

test('a shimmed server resource started before fxcallbacks: one clear line, then its callbacks register when fxcallbacks starts', async () => {
  const esxBank = { name: 'esx_bank', shim: 'esx' as const, server: `ESX.RegisterServerCallback('bank:balance', function(source, cb) cb(100) end)` };
  const { world, client: c, start } = startShims([esxBank], { latency: 20, hubStarted: false });
  expect(printed(world, 'esx_bank', 'server')).toEqual([
    "^3fxcallbacks (resource fxcallbacks) is not started: ensure fxcallbacks before esx_bank; esx_bank's callbacks are registered when it starts^0",
  ]);
  // A client has no file of a resource that is not started: there the shim stops, with the same clear reason.
  expect(scriptErrors(world)).toEqual([expect.stringContaining('client:1/esx_bank: ^1SCRIPT ERROR: fxcallbacks is missing or not started: ensure fxcallbacks before esx_bank')]);
  world.startResource('fxcallbacks');
  start(atm);
  await world.advance(300);
  c(0, 'atm').run(`await('balance', 'bank:balance')`);
  await world.advance(200);
  expect(c(0, 'atm').get<Record<string, unknown>>('got').balance).toEqual({ 1: true, 2: 100, n: 2 });
});
