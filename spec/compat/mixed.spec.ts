/**
 * The shims share fxcallbacks' one namespace: code written for one framework calls callbacks registered through
 * another shim or the library's own Lua exports, in other resources.
 */
import { scriptErrors, startShims, useLua } from './support';

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
