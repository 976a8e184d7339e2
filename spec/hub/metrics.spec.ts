/**
 * One place for every resource's metrics: `GetCallbackMetrics()` and the `callbackmetrics` command show the
 * callbacks of every resource that joined the hub, added up per name and direction, with each resource's own figures.
 */
import { rejectionOf } from '../support/harness';
import { printed, scriptErrors, startHubWorld, ts, useLua } from './support';

useLua();

/** A Lua client resource calling through the hub's exports, and a Lua server resource reading the metrics. */
const ui = {
  name: 'ui',
  client: `got = {}
function buy(item) exports.fxcallbacks:TriggerServerCallback(item, function(...) got[#got + 1] = { ... } end, 'bread') end
function metrics(name) return exports.fxcallbacks:GetCallbackMetrics(name) end`,
  server: `function metrics(name) return exports.fxcallbacks:GetCallbackMetrics(name) end`,
};

interface Figures {
  calls: number;
  successes: number;
  failures: number;
  errors: Record<string, number>;
  latency: { samples: number; p50: number | null; resource?: string };
}
interface Entry extends Figures {
  incoming?: Figures;
  outgoing?: Figures;
  resources?: Record<string, Entry>;
}

async function shopWorld() {
  const hubWorld = startHubWorld([ui, ts('shop'), ts('hud')], { latency: 20 });
  const { world, server, client, clientLua } = hubWorld;
  server('shop').register('shop:price', (player, item: string) => item.length + player);
  clientLua(0, 'ui').run(`buy('shop:price') buy('shop:price') buy('shop:missing')`);
  for (let i = 0; i < 3; i++) expect(await world.settle(client(0, 'hud').call('shop:price', 'bread'))).toBe(6);
  expect(await world.settle(rejectionOf(client(0, 'hud').call('shop:missing')))).toMatchObject({ code: 'NO_SUCH_CALLBACK' });
  await world.advance(200);
  expect(clientLua(0, 'ui').get('got')).toHaveLength(3);
  const serverMetrics = (name?: string) => hubWorld.serverLua('ui').run(`return metrics(${name ? `'${name}'` : ''})`) as Record<string, Entry> | undefined;
  const clientMetrics = (name?: string) => clientLua(0, 'ui').run(`return metrics(${name ? `'${name}'` : ''})`) as Record<string, Entry> | undefined;
  return { ...hubWorld, serverMetrics, clientMetrics };
}

test('a TypeScript resource\'s callback, called from a Lua and a TypeScript client, shows in GetCallbackMetrics() from Lua', async () => {
  const { world, serverMetrics } = await shopWorld();
  const price = serverMetrics()!['shop:price']!;
  expect(price).toMatchObject({ calls: 5, successes: 5, failures: 0, incoming: { calls: 5, successes: 5 } });
  expect(price.outgoing).toBeUndefined();
  expect(price.latency).toMatchObject({ samples: 5, resource: 'shop' });
  // Each resource's own figures: only shop answered it.
  expect(Object.keys(price.resources!)).toEqual(['shop']);
  expect(price.resources!.shop).toMatchObject({ calls: 5, incoming: { calls: 5, successes: 5 } });
  // With a name, that entry alone.
  expect(serverMetrics('shop:price')).toEqual(price);
  expect(serverMetrics('shop:never')).toBeUndefined();
  expect(scriptErrors(world)).toEqual([]);
});

test('the same name called from two resources adds up, failures by code too; the latency is the busier resource\'s', async () => {
  const { clientMetrics } = await shopWorld();
  const all = clientMetrics()!;
  // Two calls through the hub's exports (its own endpoint, for the Lua resource ui), three from the hud resource.
  expect(all['shop:price']).toMatchObject({ calls: 5, successes: 5, outgoing: { calls: 5, successes: 5 } });
  expect(all['shop:price']!.resources).toMatchObject({ fxcallbacks: { outgoing: { calls: 2 } }, hud: { outgoing: { calls: 3 } } });
  expect(all['shop:price']!.outgoing!.latency).toMatchObject({ samples: 3, resource: 'hud' });
  expect(all['shop:price']!.latency).toEqual(all['shop:price']!.outgoing!.latency);
  expect(all['shop:missing']).toMatchObject({ calls: 2, failures: 2, errors: { NO_SUCH_CALLBACK: 2 } });
  expect(all['shop:missing']!.resources).toMatchObject({ fxcallbacks: { failures: 1 }, hud: { failures: 1 } });
});

test('a member that stops leaves the figures at once; the other resources\' stay', async () => {
  const { world, serverMetrics, clientMetrics, serverLua } = await shopWorld();
  world.stopResource('hud');
  await world.advance(100);
  const price = clientMetrics('shop:price')!;
  expect(price).toMatchObject({ calls: 2, outgoing: { calls: 2, latency: { resource: 'fxcallbacks' } } });
  expect(Object.keys(price.resources!)).toEqual(['fxcallbacks']);
  world.stopResource('shop');
  expect(serverMetrics('shop:price')).toBeUndefined();
  expect(serverLua('ui').run('return next(metrics()) == nil')).toBe(true);
});

test('a member whose snapshot fails or is not one is skipped; the export still answers', async () => {
  const { world, serverMetrics, hubStats } = await shopWorld();
  const members = hubStats().members;
  // Members joined by hand through the internal export, as a restarted or foreign resource might look to the hub.
  world.startResource({ name: 'gone', server: [{ filename: 'main.lua', code: `exports.fxcallbacks:__fxcbJoin(function() end, function() error('restarted') end)` }] });
  const odd = `exports.fxcallbacks:__fxcbJoin(function() end, function()
  return { at = 1, callbacks = { { name = 'shop:price', direction = 'incoming', calls = 'many' }, { name = 'odd:one' } } }
end)`;
  world.startResource({ name: 'odd', server: [{ filename: 'main.lua', code: odd }] });
  world.startResource({ name: 'bare', server: [{ filename: 'main.lua', code: `exports.fxcallbacks:__fxcbJoin(function() end, function() return 'nothing' end)` }] });
  expect(hubStats().members).toBe(members + 3);
  const all = serverMetrics()!;
  expect(Object.keys(all)).toEqual(['shop:price']);
  expect(all['shop:price']).toMatchObject({ calls: 5 });
  expect(Object.keys(all['shop:price']!.resources!)).toEqual(['shop']);
});

test('the callbackmetrics console command prints every resource\'s callbacks, added up', async () => {
  const { world } = await shopWorld();
  world.server.executeCommand('callbackmetrics');
  const table = printed(world, 'fxcallbacks', 'server').join('\n');
  expect(table).toMatch(/^callback\s+dir\s+calls/m);
  expect(table).toMatch(/^shop:price\s+in\s+5\s+5\s/m);
});

test('registerMetricsCommand() prints only its resource\'s callbacks, under its own name beside the hub\'s command', async () => {
  const { world, server, client } = await shopWorld();
  server('hud').register('hud:ping', () => 1);
  expect(await world.settle(client(0, 'shop').call('hud:ping'))).toBe(1);
  server('shop').registerMetricsCommand();
  world.server.executeCommand('shop:callbackmetrics');
  const own = printed(world, 'shop', 'server').join('\n');
  expect(own).toMatch(/^shop:price\s+in\s+5\s+5\s/m);
  expect(own).not.toContain('hud:ping');
  world.server.executeCommand('callbackmetrics');
  const every = printed(world, 'fxcallbacks', 'server').join('\n');
  expect(every).toMatch(/^shop:price\s+in\s+5\s+5\s/m);
  expect(every).toMatch(/^hud:ping\s+in\s+1\s+1\s/m);
});
