/**
 * Lua handlers registered through the library's own exports may answer by returning (ox_lib's habit) instead of
 * calling `cb`. The runtime hands JavaScript several returned values as one list, so a return answers one value.
 */
import { firstValueFrom } from 'rxjs';
import { rejectionOf } from '../support/harness';
import { plain } from '../world/helpers';
import { printed, startHubWorld, ts, useLua } from './support';

useLua();

const bank = {
  name: 'bank',
  server: `
local hub = exports.fxcallbacks
hub:RegisterServerCallback('bank:balance', function(src, account) return src * 100 end)
hub:RegisterServerCallback('bank:accounts', function(src, cb) return { 'main', 'savings' } end)
hub:RegisterServerCallback('bank:slow', function(src, cb) Wait(100) return 'after a wait' end)
hub:RegisterServerCallback('bank:both', function(src, cb) cb('from cb') return 'returned' end)
hub:RegisterServerCallback('bank:silent', function(src, cb) end)`,
  client: `
exports.fxcallbacks:RegisterClientCallback('bank:pin', function(cb, digits) return string.rep('1', digits) end)
function ask() exports.fxcallbacks:TriggerServerCallback('bank:balance', function(balance) luaBalance = balance end) end`,
};

test('a handler that returns a value answers with it, on either side, after a yield too; cb comes first', async () => {
  const { world, client, server, clientLua, clients } = startHubWorld([bank, ts('shop')], { latency: 20 });
  expect(await world.settle(client(0, 'shop').call('bank:balance'))).toBe(100);
  expect(plain(await world.settle(firstValueFrom(client(0, 'shop').values$('bank:accounts'))))).toEqual([['main', 'savings']]);
  expect(await world.settle(client(0, 'shop').call('bank:slow'))).toBe('after a wait');
  expect(await world.settle(client(0, 'shop').call('bank:both'))).toBe('from cb');
  expect(await world.settle(server('shop').call(clients[0]!.playerId, 'bank:pin', 3))).toBe('111');
  clientLua(0, 'bank').run('ask()');
  await world.advance(200);
  expect(clientLua(0, 'bank').get('luaBalance')).toBe(100);
});

test('a handler that neither returns nor calls cb is reported when its call ends unanswered', async () => {
  const { world, client } = startHubWorld([bank, ts('shop')], { latency: 20 });
  const failure = await world.settle(rejectionOf(client(0, 'shop').with({ timeout: 500 }).call('bank:silent')));
  expect(failure.code).toBe('TIMEOUT');
  await world.advance(100);
  expect(printed(world, 'fxcallbacks', 'server')).toContain(
    'fxcallbacks: the handler of "bank:silent" had not answered when its call ended (timeout, cancel or drop); ' +
      'a Lua handler answers by returning one value or by calling cb(...)',
  );
});
