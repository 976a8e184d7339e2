/**
 * One namespace per machine: TypeScript resources that bundle the library and Lua resources that use the hub's
 * exports call each other's callbacks, in every direction and through every facade.
 */
import { firstValueFrom } from 'rxjs';
import { plain } from '../world/helpers';
import { rejectionOf } from '../support/harness';
import { scriptErrors, startHubWorld, ts, useLua } from './support';

useLua();

const luaBank = {
  name: 'bank',
  server: `exports.fxcallbacks:RegisterServerCallback('bank:balance', function(src, cb, account) cb(src * 100, account) end)
function ask(playerId) exports.fxcallbacks:TriggerClientCallback(playerId, 'shop:confirm', function(...) asked = { ... } end, 'from lua') end`,
  client: `exports.fxcallbacks:RegisterClientCallback('bank:pin', function(cb, digits) cb(string.rep('7', digits)) end)
function buy() exports.fxcallbacks:TriggerServerCallback('shop:price', function(price, err) bought = { price, err } end, 'bread') end`,
};

test('a TypeScript client calls a Lua server callback, and a Lua client a TypeScript server callback', async () => {
  const { world, client, server, clientLua } = startHubWorld([luaBank, ts('shop')], { latency: 20 });
  server('shop').register('shop:price', (player, item: string) => (item === 'bread' ? 5 + player : 0));
  const balance = client(0, 'shop').values$('bank:balance', 'main');
  expect(plain(await world.settle(firstValueFrom(balance)))).toEqual([100, 'main']);
  clientLua(0, 'bank').run('buy()');
  await world.advance(200);
  expect(clientLua(0, 'bank').get('bought')).toEqual([6]);
  expect(scriptErrors(world)).toEqual([]);
});

test('a TypeScript server calls client callbacks of another TypeScript resource and of a Lua resource', async () => {
  const { world, client, server, serverLua, clients } = startHubWorld([luaBank, ts('shop'), ts('admin')], { latency: 20 });
  const player = clients[0]!.playerId;
  client(0, 'shop').register('shop:confirm', (question: string) => `yes to ${question}`);
  expect(await world.settle(server('admin').call(player, 'shop:confirm', 'a sale'))).toBe('yes to a sale');
  expect(await world.settle(server('admin').call(player, 'bank:pin', 4))).toBe('7777');
  serverLua('bank').run(`ask(${player})`);
  await world.advance(200);
  expect(serverLua('bank').get('asked')).toEqual(['yes to from lua']);
});

test('TypeScript to TypeScript across resources, through the Promise, Observable and node-style facades', async () => {
  const { world, client, server, clients } = startHubWorld([ts('inventory'), ts('hud')], { latency: 20 });
  const events = new Set<string>();
  world.network.intercept((packet) => void events.add(packet.name));
  server('inventory').register('inventory:count', (_player, item: string) => item.length);
  const hud = client(0, 'hud');
  expect(await world.settle(hud.call('inventory:count', 'apple'))).toBe(5);
  expect(await world.settle(firstValueFrom(hud.call$('inventory:count', 'kiwi')))).toBe(4);
  const nodeStyle = new Promise((resolve) => hud.callback('inventory:count', 'fig', (error: unknown, count: unknown) => resolve([error, count])));
  expect(await world.settle(nodeStyle)).toEqual([null, 3]);
  client(0, 'inventory').register('inventory:open', () => 'opened');
  expect(await world.settle(server('hud').call(clients[0]!.playerId, 'inventory:open'))).toBe('opened');
  // Every resource's frames travel on the hub's family of events: its own, the event on which the server resource
  // that answers inventory:count hears hud's requests once hud knows the route, and hud's, which hears the answers.
  expect([...events].filter((name) => name.startsWith('fxcb:')).sort()).toEqual(['fxcb:fxcallbacks', 'fxcb:fxcallbacks:hud', 'fxcb:fxcallbacks:inventory']);
});

test('a stream crosses the resource boundary, and unsubscribing tears the handler down in the other resource', async () => {
  const hubWorld = startHubWorld([ts('radio'), ts('hud')], { latency: 20 });
  const { world, client, server, serverKit } = hubWorld;
  const { rx } = serverKit('radio');
  let tornDown = false;
  server('radio').register('radio:ticks', () => rx.interval(100).pipe(rx.finalize(() => (tornDown = true))));
  const ticks: unknown[] = [];
  const subscription = client(0, 'hud').call$('radio:ticks').subscribe((tick) => ticks.push(tick));
  // The request reaches the server's frame at 50 ms; a 100 ms interval fires on the first 50 ms frame after each
  // period (200, 350, 500 ms), and each tick is 20 ms and a client frame away from the subscriber.
  await world.advance(600);
  expect(ticks.length).toBeGreaterThanOrEqual(3);
  subscription.unsubscribe();
  await world.advance(200);
  expect(tornDown).toBe(true);
  expect(server('radio').stats.runningHandlers).toBe(0);
  expect(client(0, 'hud').stats.pendingCalls).toBe(0);
  expect(hubWorld.hubStats()).toMatchObject({ routes: 0, calls: 0 });
  expect(hubWorld.hubStats(0)).toMatchObject({ routes: 0, calls: 0 });
});

test('nested calls: a server handler asks the player in another resource, whose handler asks a Lua server callback', async () => {
  const { world, client, server } = startHubWorld([luaBank, ts('shop'), ts('hud')], { latency: 20 });
  client(0, 'hud').register('hud:confirm', async function (item: string) {
    const [balance] = (await firstValueFrom(this.values$('bank:balance', 'main'))) as [number];
    return `${item} for ${balance}`;
  });
  server('shop').register('shop:buy', async function (player, item: string) {
    return `bought ${String(await this.call(player, 'hud:confirm', item))}`;
  });
  expect(await world.settle(client(0, 'shop').call('shop:buy', 'bread'))).toBe('bought bread for 100');
});

test('call options cross the boundary: a timeout, and a retry answered once by the other resource', async () => {
  const { world, client, server, serverKit } = startHubWorld([ts('slow'), ts('hud')], { latency: 20 });
  const { delay } = serverKit('slow');
  server('slow').register('slow:never', () => new Promise(() => undefined));
  const timedOut = await world.settle(rejectionOf(client(0, 'hud').with({ timeout: 300 }).call('slow:never')));
  expect(timedOut.code).toBe('TIMEOUT');
  let runs = 0;
  server('slow').register('slow:once', async () => {
    runs++;
    await delay(400);
    return runs;
  });
  const answer = client(0, 'hud').with({ timeout: 250, retries: 3, retryDelay: 10 }).call('slow:once');
  expect(await world.settle(answer)).toBe(1);
  expect(runs).toBe(1);
  await world.advance(100);
  expect(server('slow').stats.runningHandlers).toBe(0);
});

// Regression: the hub forgets a call's wire id on its final reply; a reply that came after the timeout, while the
// call waited to retry, used to be dropped by the caller, and the retry (under a fresh wire id) ran the handler again.
test('a reply late past the timeout but before the retry settles the call through the hub; the handler runs once', async () => {
  const { world, client, server, serverKit } = startHubWorld([ts('slow'), ts('hud')], { latency: 20 });
  const { delay } = serverKit('slow');
  let runs = 0;
  server('slow').register('slow:once', async () => {
    runs++;
    await delay(400);
    return runs;
  });
  const started = world.now;
  const answer = client(0, 'hud').with({ timeout: 250, retries: 2, retryDelay: 1000 }).call('slow:once');
  expect(await world.settle(answer)).toBe(1);
  expect(world.now - started).toBeLessThan(750);
  await world.advance(2000);
  expect(runs).toBe(1);
  expect(server('slow').stats.runningHandlers).toBe(0);
  expect(client(0, 'hud').stats.pendingCalls).toBe(0);
});

test('large arguments and answers cross as latent events through the hub', async () => {
  const { world, client, server } = startHubWorld([ts('garage'), ts('hud')], { latency: 20 });
  const latent = new Set<string>();
  world.network.intercept((packet) => void (packet.latent && latent.add(packet.to === 'server' ? 'to server' : 'to client')));
  server('garage').register('garage:echo', (_player, text: string) => `${text}!`);
  const big = 'x'.repeat(20_000);
  expect(await world.settle(client(0, 'hud').call('garage:echo', big), 60_000)).toBe(`${big}!`);
  expect([...latent].sort()).toEqual(['to client', 'to server']);
});
