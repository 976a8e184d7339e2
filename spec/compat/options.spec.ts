/**
 * The shims' settings: each default timeout set by its convar (ox_lib's own `ox:callbackTimeout`,
 * `fxcallbacks:esxTimeout`, `fxcallbacks:qbcoreTimeout`), and the stricter behaviour (`fxcallbacks:shimStrict`),
 * which calls the callback forms back with `nil, reason` where the framework would not call back.
 */
import { startShims, useLua } from './support';

useLua();

const stall = { name: 'bank', shim: 'qbcore' as const, server: `QBCore.Functions.CreateCallback('bank:stall', function(source, cb) end)` };

function caller(shim: 'ox_lib' | 'esx' | 'qbcore', call: string) {
  return { name: `atm_${shim}`, shim, client: `got = {}\n${call}` };
}
const ox = caller('ox_lib', `lib.callback('bank:stall', false, function(...) got.ox = table.pack(...) end)`);
const esx = caller('esx', `ESX.TriggerServerCallback('bank:stall', function(...) got.esx = table.pack(...) end)`);
const qb = caller('qbcore', `QBCore.Functions.TriggerCallback('bank:stall', function(...) got.qb = table.pack(...) end)`);

test('each default timeout follows its convar; with fxcallbacks:shimStrict the callback forms get nil, reason', async () => {
  const { world, client } = startShims([stall, ox, esx, qb], {
    latency: 20,
    replicatedConvars: { 'ox:callbackTimeout': '1000', 'fxcallbacks:esxTimeout': '2000', 'fxcallbacks:qbcoreTimeout': '3000', 'fxcallbacks:shimStrict': 'true' },
  });
  const got = (shim: string) => client(0, `atm_${shim}`).get<Record<string, unknown>>('got');
  await world.advance(1_200);
  expect(got('ox_lib').ox).toEqual({ 2: "callback event 'bank:stall' timed out", n: 2 });
  expect(got('esx').esx).toBeUndefined();
  await world.advance(1_000);
  expect(got('esx').esx).toEqual({ 2: 'Callback "bank:stall" timed out after 2000 ms', n: 2 });
  expect(got('qbcore').qb).toBeUndefined();
  await world.advance(1_000);
  expect(got('qbcore').qb).toEqual({ 2: 'Callback "bank:stall" timed out after 3000 ms', n: 2 });
});

test('with fxcallbacks:shimStrict, an unknown name calls back with nil, reason', async () => {
  const { world, client } = startShims([caller('esx', `ESX.TriggerServerCallback('nobody:here', function(...) got.esx = table.pack(...) end)`)], {
    latency: 20,
    replicatedConvars: { 'fxcallbacks:shimStrict': 'true' },
  });
  await world.advance(200);
  expect(client(0, 'atm_esx').get<Record<string, unknown>>('got').esx).toEqual({ 2: 'no callback named "nobody:here" is registered', n: 2 });
});
