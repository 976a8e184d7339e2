/**
 * `GET /fxcallbacks/metrics`: the Prometheus text exposition of every resource's callbacks and of the hub's
 * traffic, behind a bearer token, its labels bounded to the names resources registered.
 */
import { FrameType, PROTOCOL_VERSION } from '../../src/core/wire/protocol';
import { LATENCY_BUCKETS_MS } from '../../src/ground/metricTypes';
import { rejectionOf } from '../support/harness';
import { get, histogramOf, scrape, TOKEN, valueOf } from './live';
import { HTTP_BANNER } from '../lua/support';
import { HUB, startHubWorld, ts, useLua, type HubWorld } from './support';
import type { World } from '../../src/testing';

useLua();

const EVENT = `fxcb:${HUB}`;

/** The hub's console line at start about its HTTP endpoints. */
function banner(world: World): string[] {
  return world.logs.entries.filter((entry) => entry.resource === HUB && entry.text.startsWith(HTTP_BANNER)).map((entry) => entry.text);
}

/** shop answers shop:price (and fails for 'stone'); hud asks it from the client; shop asks hud:confirm of the player. */
async function shopWorld(convars: Record<string, string> = { 'fxcallbacks:metricsToken': TOKEN }): Promise<HubWorld> {
  const hub = startHubWorld([ts('shop'), ts('hud')], { latency: 20, convars });
  hub.server('shop').register('shop:price', (_player, item: string) => {
    if (item === 'stone') throw new Error('no price for stones');
    return item.length;
  });
  hub.client(0, 'hud').register('hud:confirm', () => true);
  for (const item of ['bread', 'milk', 'tea']) expect(await hub.world.settle(hub.client(0, 'hud').call('shop:price', item))).toBe(item.length);
  expect(await hub.world.settle(rejectionOf(hub.client(0, 'hud').call('shop:price', 'stone')))).toMatchObject({ code: 'HANDLER_ERROR' });
  expect(await hub.world.settle(hub.server('shop').call(hub.clients[0]!.playerId, 'hud:confirm'))).toBe(true);
  await hub.world.advance(200);
  return hub;
}

test('the exposition parses, every family has HELP and TYPE, and the figures are the calls made in the world', async () => {
  const { world } = await shopWorld();
  const families = await scrape(world);
  for (const family of families.values()) {
    expect(family.name).toMatch(/^fxcallbacks_[a-z_]+$/);
    expect(family.help).not.toBe('');
    if (family.type === 'COUNTER') expect(family.name).toMatch(/_total$/);
  }
  const price = { callback: 'shop:price', resource: 'shop', direction: 'incoming' };
  expect(families.get('fxcallbacks_calls_total')!.type).toBe('COUNTER');
  expect(valueOf(families, 'fxcallbacks_calls_total', price)).toBe(4);
  expect(valueOf(families, 'fxcallbacks_errors_total', { ...price, code: 'HANDLER_ERROR' })).toBe(1);
  expect(valueOf(families, 'fxcallbacks_in_flight', price)).toBe(0);
  // The player's side is not the server's business: the client's calls are counted on the client.
  expect(valueOf(families, 'fxcallbacks_calls_total', { callback: 'shop:price', resource: 'hud' })).toBeUndefined();
  expect(valueOf(families, 'fxcallbacks_calls_total', { callback: 'hud:confirm', resource: 'shop', direction: 'outgoing' })).toBe(1);

  // The latency histogram: three answers (the failure has no answer), cumulative buckets in seconds.
  expect(families.get('fxcallbacks_latency_seconds')!.type).toBe('HISTOGRAM');
  const histogram = histogramOf((await get(world, 'metrics')).body, 'fxcallbacks_latency_seconds', price);
  const bounds = [...LATENCY_BUCKETS_MS.map((ms) => String(ms / 1000)), '+Inf'];
  expect(Object.keys(histogram.buckets!).sort()).toEqual([...bounds].sort());
  const counts = bounds.map((bound) => Number(histogram.buckets![bound]));
  expect(counts).toEqual([...counts].sort((a, b) => a - b));
  expect(Number(histogram.count)).toBe(3);
  expect(counts.at(-1)).toBe(3);
  // Each answer took at most a server frame after the request arrived.
  expect(Number(histogram.sum)).toBeLessThanOrEqual(3 * 0.05);

  // The hub's events: exactly what crossed the network on its family of events (its own, and those on which the
  // resources that joined it hear requests for their callbacks and answer them themselves).
  const family = Object.entries(world.network.stats.byName).filter(([name]) => name === EVENT || name.startsWith(`${EVENT}:`));
  const wire = {
    toServer: { events: family.reduce((sum, [, counter]) => sum + counter.toServer.events, 0) },
    toClients: { events: family.reduce((sum, [, counter]) => sum + counter.toClients.events, 0) },
  };
  // (hud's on the client: the server answers the requests of the player's hud there.)
  expect(family.map(([name]) => name).sort()).toEqual([EVENT, `${EVENT}:hud`, `${EVENT}:shop`]);
  expect(world.network.stats.dropped.rateLimited).toBe(0);
  expect(valueOf(families, 'fxcallbacks_hub_events_total', { direction: 'received' })).toBe(wire.toServer.events);
  expect(valueOf(families, 'fxcallbacks_hub_events_total', { direction: 'sent' })).toBe(wire.toClients.events);
  // 4 requests, the answer to hud:confirm and its ROUTE (hud answers it itself) came in; 4 answers, 1 request and
  // the ROUTE of shop:price (with the answer to its first call, which the hub handed to shop) went out.
  expect(valueOf(families, 'fxcallbacks_hub_frames_total', { direction: 'received' })).toBe(6);
  expect(valueOf(families, 'fxcallbacks_hub_frames_total', { direction: 'sent' })).toBe(6);
  expect(valueOf(families, 'fxcallbacks_hub_bytes_total', { direction: 'received' })).toBeGreaterThan(0);
  expect(valueOf(families, 'fxcallbacks_hub_frames_per_event', { direction: 'sent' })).toBe(6 / wire.toClients.events);
  expect(valueOf(families, 'fxcallbacks_hub_players_near_limiter')).toBe(0);
  expect(valueOf(families, 'fxcallbacks_hub_refused_frames_total', { reason: 'unknown_callback' })).toBe(0);
});

test('a call every 20 ms: the per-second gauge, and the player counted near FiveM\'s limiter', async () => {
  const hub = await shopWorld();
  const { world } = hub;
  // A call every 20 ms, one event each: the limiter's 50 a second.
  const calls = [];
  for (let i = 0; i < 70; i++) {
    calls.push(hub.client(0, 'hud').call('shop:price', 'x'.repeat(i + 1)));
    await world.advance(20);
  }
  await world.settle(Promise.all(calls));
  const families = await scrape(world);
  expect(valueOf(families, 'fxcallbacks_hub_players_near_limiter')).toBe(1);
  expect(valueOf(families, 'fxcallbacks_hub_events_per_second', { direction: 'received' })).toBeGreaterThanOrEqual(40);
  expect(valueOf(families, 'fxcallbacks_calls_total', { callback: 'shop:price', direction: 'incoming' })).toBe(74);
});

test('the token: 401 without it or with a wrong one, 200 with it; the start line says so', async () => {
  const { world } = await shopWorld();
  expect(banner(world)).toEqual(['fxcallbacks: metrics and dashboard at /fxcallbacks/ need Authorization: Bearer <fxcallbacks:metricsToken>']);
  expect(await get(world, 'metrics', null)).toMatchObject({ status: 401, headers: { 'WWW-Authenticate': 'Bearer realm="fxcallbacks"' } });
  expect((await get(world, 'metrics', 'wrong')).status).toBe(401);
  expect((await get(world, 'metrics', `${TOKEN}x`)).status).toBe(401);
  expect((await get(world, 'api/figures', 'wrong')).status).toBe(401);
  expect((await get(world, 'metrics')).status).toBe(200);
  expect(JSON.parse((await get(world, 'api/figures')).body)).toMatchObject({ series: expect.any(Array), traffic: { limiterRate: 50 } });
  // The page holds no figures: it asks for them with the token.
  expect(await get(world, '', null)).toMatchObject({ status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
  expect((await get(world, 'nothing')).status).toBe(404);
});

test('without a token the figures are closed, unless the owner opens them with fxcallbacks:metricsOpen', async () => {
  const closed = await shopWorld({});
  expect(banner(closed.world)).toEqual([
    'fxcallbacks: metrics and dashboard at /fxcallbacks/ are closed (401): set fxcallbacks:metricsToken, or fxcallbacks:metricsOpen true',
  ]);
  expect((await get(closed.world, 'metrics', null)).status).toBe(401);
  expect((await get(closed.world, 'metrics', '')).status).toBe(401);
  const open = await shopWorld({ 'fxcallbacks:metricsOpen': 'true' });
  expect(banner(open.world)).toEqual([
    'fxcallbacks: metrics and dashboard at /fxcallbacks/ are OPEN to anyone who reaches this port (fxcallbacks:metricsOpen true)',
  ]);
  expect((await get(open.world, 'metrics', null)).status).toBe(200);
});

test('a flood of unknown names from a client: no new label, the refusals counted by reason', async () => {
  const hub = await shopWorld();
  const { world } = hub;
  const before = await get(world, 'metrics');
  const context = hub.clients[0]!.resource(HUB);
  for (let batch = 0; batch < 4; batch++) {
    context.globals.__raw = [PROTOCOL_VERSION, ...Array.from({ length: 250 }, (_, i) => [FrameType.REQUEST, 1000 + batch * 250 + i, `made:up:${batch}:${i}`, []])];
    context.run(`emitNet('${EVENT}', __raw)`);
    await world.advance(100);
  }
  const after = await get(world, 'metrics');
  expect(after.body).not.toContain('made:up');
  const labelLines = (text: string) => text.split('\n').filter((line) => !line.startsWith('#')).map((line) => line.replace(/ \S+$/, ''));
  expect(labelLines(after.body)).toEqual(labelLines(before.body));
  const families = await scrape(world);
  expect(valueOf(families, 'fxcallbacks_hub_refused_frames_total', { reason: 'unknown_callback' })).toBe(1000);
  const figures = JSON.parse((await get(world, 'api/figures')).body) as { traffic: { lastRefused: { reason: string; detail: string }[] } };
  expect(figures.traffic.lastRefused).toHaveLength(20);
  expect(figures.traffic.lastRefused[0]).toMatchObject({ reason: 'unknown_callback', detail: 'made:up:3:249' });
});

test('a callback unregistered since its calls is counted under (unregistered): labels follow the registered names', async () => {
  const hub = await shopWorld();
  const { world } = hub;
  const unregister = hub.server('shop').register('shop:sale', () => 'half price');
  expect(await world.settle(hub.client(0, 'hud').call('shop:sale'))).toBe('half price');
  const during = await scrape(world);
  expect(valueOf(during, 'fxcallbacks_calls_total', { callback: 'shop:sale', resource: 'shop' })).toBe(1);
  unregister();
  const after = await scrape(world);
  expect(valueOf(after, 'fxcallbacks_calls_total', { callback: 'shop:sale' })).toBeUndefined();
  expect(valueOf(after, 'fxcallbacks_calls_total', { callback: '(unregistered)', resource: 'shop', direction: 'incoming' })).toBe(1);
  const figures = JSON.parse((await get(world, 'api/figures')).body) as { series: { callback: string }[] };
  expect(figures.series.map((s) => s.callback).sort()).toEqual(['(unregistered)', 'hud:confirm', 'shop:price']);
});

test('frames over the event budget: with the server paced, the frames that waited for the pace are counted', async () => {
  const hub = startHubWorld([ts('shop'), ts('hud')], {
    latency: 20,
    convars: { 'fxcallbacks:metricsToken': TOKEN, 'fxcallbacks:paceRate': '2', 'fxcallbacks:paceBurst': '1' },
  });
  hub.client(0, 'hud').register('hud:confirm', () => true);
  await hub.world.advance(100);
  const player = hub.clients[0]!.playerId;
  const calls = [];
  for (let i = 0; i < 3; i++) {
    calls.push(hub.server('shop').call(player, 'hud:confirm'));
    await hub.world.advance(60);
  }
  expect(await hub.world.settle(Promise.all(calls))).toEqual([true, true, true]);
  const families = await scrape(hub.world);
  // The first request took the burst; the next two waited, and left together in one event.
  expect(valueOf(families, 'fxcallbacks_hub_frames_held_back_total')).toBe(2);
  expect(valueOf(families, 'fxcallbacks_hub_events_total', { direction: 'sent' })).toBe(2);
});
