import { firstValueFrom, toArray } from 'rxjs';
import { startHarness } from '../support/harness';

describe('streaming callbacks', () => {
  it('a client-side stream reaches the server in order, then completes; an error ends it', async () => {
    const { world, server, client, clientKit } = startHarness();
    const { interval, take, map, concat, throwError } = clientKit(1).rx;
    client(1).register('position', () => interval(200).pipe(take(3), map((i) => ({ x: i }))));
    client(1).register('broken', () => concat(interval(200).pipe(take(2)), throwError(() => new Error('lost signal'))));
    await expect(world.settle(firstValueFrom(server.call$(1, 'position').pipe(toArray())))).resolves.toEqual([{ x: 0 }, { x: 1 }, { x: 2 }]);

    const seen: unknown[] = [];
    const failure = new Promise((resolve) => server.call$(1, 'broken').subscribe({ next: (v) => seen.push(v), error: resolve }));
    await expect(world.settle(failure)).resolves.toMatchObject({ code: 'HANDLER_ERROR', message: 'lost signal' });
    expect(seen).toEqual([0, 1]);
  });

  it('a live feed pushes each change until the caller unsubscribes; the feed is torn down over there', async () => {
    const { world, server, client, serverKit } = startHarness();
    const money = new serverKit.rx.BehaviorSubject(100);
    let watchers = 0;
    server.register('watchMoney', () => {
      watchers++;
      return money.pipe(serverKit.rx.finalize(() => watchers--));
    });
    const seen: number[] = [];
    const subscription = client(1).with({ timeout: false }).call$<number>('watchMoney').subscribe((value) => seen.push(value));
    await world.advance(100);
    money.next(150);
    await world.advance(100);
    money.next(90);
    await world.advance(100);
    expect(seen).toEqual([100, 150, 90]);
    expect(watchers).toBe(1);
    subscription.unsubscribe();
    await world.advance(100);
    expect(watchers).toBe(0);
    money.next(1);
    await world.advance(100);
    expect(seen).toEqual([100, 150, 90]);
  });

  it("a chatty client stream is coalesced: at most one answer per 50 ms, the latest, and the last one always arrives", async () => {
    const { world, server, client, clientKit } = startHarness();
    const { interval, take } = clientKit(1).rx;
    // 1,000 answers, one per client frame (16 ms): far more than a client may send
    client(1).register('telemetry', () => interval(1).pipe(take(1000)));
    world.network.resetStats();
    const seen = await world.settle(firstValueFrom(server.with({ timeout: false }).call$<number>(1, 'telemetry').pipe(toArray())));
    expect(seen[seen.length - 1]).toBe(999);
    expect(seen.length).toBeLessThan(1000 / 2);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    expect(world.network.stats.dropped.rateLimited).toBe(0);
  });

  it('the Promise facade of a stream resolves with the last value; an empty stream with undefined', async () => {
    const { world, server, client, serverKit } = startHarness();
    server.register('countdown', () => serverKit.rx.of(3, 2, 1));
    server.register('nothing', () => serverKit.rx.EMPTY);
    await expect(world.settle(client(1).call('countdown'))).resolves.toBe(1);
    await expect(world.settle(client(1).call('nothing'))).resolves.toBeUndefined();
    const viaCallback = new Promise((resolve) => client(1).callback('countdown', (error, last) => resolve([error, last])));
    await expect(world.settle(viaCallback)).resolves.toEqual([null, 1]);
  });

  it('a stream that stays silent longer than the timeout fails with TIMEOUT; each answer resets the clock', async () => {
    const { world, server, client, serverKit } = startHarness();
    const { concat, timer, NEVER, map } = serverKit.rx;
    server.register('stalls', () => concat(timer(400).pipe(map(() => 'a')), timer(400).pipe(map(() => 'b')), NEVER));
    const seen: unknown[] = [];
    const failure = new Promise((resolve) => client(1).with({ timeout: 500 }).call$('stalls').subscribe({ next: (v) => seen.push(v), error: resolve }));
    await expect(world.settle(failure)).resolves.toMatchObject({ code: 'TIMEOUT' });
    expect(seen).toEqual(['a', 'b']);
  });
});
