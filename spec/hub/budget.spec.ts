/**
 * FiveM's net-event limiter is one budget per player for every resource. The hub sends every resource's frames on
 * one event and paces it, so resources that together call a lot never get their player's events dropped.
 */
import { firstValueFrom } from 'rxjs';
import { startHubWorld, ts, useLua, type HubWorld } from './support';

useLua();

const SHOPS = ['shop_a', 'shop_b', 'shop_c'];

function registerEcho(hub: HubWorld, resource: string): void {
  hub.server(resource).register(`${resource}:echo`, (_player, n: number) => n);
}

test('three resources bursting 300 calls each in one frame: every call answered, no event dropped, no kick', async () => {
  const hub = startHubWorld([...SHOPS.map((name) => ts(name)), ts('api')], { latency: 20 });
  registerEcho(hub, 'api');
  const calls = SHOPS.flatMap((shop) => Array.from({ length: 300 }, (_, i) => hub.client(0, shop).call(`api:echo`, i)));
  const answers = await hub.world.settle(Promise.all(calls));
  expect(answers).toEqual(SHOPS.flatMap(() => Array.from({ length: 300 }, (_, i) => i)));
  expect(hub.world.network.stats.dropped.rateLimited).toBe(0);
  expect(hub.world.network.stats.kicked).toBe(0);
  expect(hub.hubStats()).toMatchObject({ routes: 0, calls: 0 });
  expect(hub.hubStats(0)).toMatchObject({ routes: 0, calls: 0 });
});

/** Each shop calls the server every 20 ms for 5 s (50 calls/s each); resolves with the number answered. */
async function callSteadily(hub: HubWorld): Promise<number[]> {
  const runs = SHOPS.map((shop) => {
    const { rx } = hub.clientKit(0, shop);
    const shopApi = hub.client(0, shop);
    return firstValueFrom(
      rx.interval(20).pipe(
        rx.take(250),
        rx.mergeMap((n: number) => rx.from(shopApi.call(`${shop}:echo`, n)).pipe(rx.catchError(() => rx.EMPTY))),
        rx.count(),
      ),
    ) as Promise<number>;
  });
  return hub.world.settle(Promise.all(runs), 120_000);
}

test('three resources calling steadily share the player\'s budget through the hub: nothing dropped', async () => {
  const hub = startHubWorld(SHOPS.map((name) => ts(name)), { latency: 20 });
  for (const shop of SHOPS) registerEcho(hub, shop);
  expect(await callSteadily(hub)).toEqual([250, 250, 250]);
  expect(hub.world.network.stats.dropped.rateLimited).toBe(0);
  expect(hub.world.network.stats.kicked).toBe(0);
});

test('the same three resources standalone each pace on their own, and together overrun the player\'s budget', async () => {
  const standalone = { serverOptions: { standalone: true }, clientOptions: { standalone: true } };
  const hub = startHubWorld(SHOPS.map((name) => ts(name, standalone)), { latency: 20 });
  for (const shop of SHOPS) registerEcho(hub, shop);
  await callSteadily(hub);
  expect(hub.world.network.stats.dropped.rateLimited).toBeGreaterThan(0);
});
