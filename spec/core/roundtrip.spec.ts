import { firstValueFrom, toArray } from 'rxjs';
import { startHarness } from '../support/harness';

describe('round trips through the public API', () => {
  it('client calls a server callback: Promise, Observable and node-style facades', async () => {
    const { world, server, client } = startHarness();
    server.register('getMoney', (player: number, account: string) => ({ player, account, amount: account === 'bank' ? 500 : 20 }));
    const api = client(1);

    await expect(world.settle(api.call('getMoney', 'bank'))).resolves.toEqual({ player: 1, account: 'bank', amount: 500 });
    await expect(world.settle(firstValueFrom(api.call$('getMoney', 'cash')))).resolves.toEqual({ player: 1, account: 'cash', amount: 20 });
    const viaCallback = new Promise((resolve) => api.callback('getMoney', 'bank', (error, result) => resolve({ error, result })));
    await expect(world.settle(viaCallback)).resolves.toEqual({ error: null, result: { player: 1, account: 'bank', amount: 500 } });
  });

  it('server calls a client callback on one player: Promise, Observable and node-style facades', async () => {
    const { world, server, client } = startHarness({ players: 2 });
    client(1).register('whoAmI', (greeting: string) => `${greeting}, I am player 1`);
    client(2).register('whoAmI', (greeting: string) => `${greeting}, I am player 2`);

    await expect(world.settle(server.call(2, 'whoAmI', 'hello'))).resolves.toBe('hello, I am player 2');
    await expect(world.settle(firstValueFrom(server.call$(1, 'whoAmI', 'hi')))).resolves.toBe('hi, I am player 1');
    const viaCallback = new Promise((resolve) => server.callback(1, 'whoAmI', 'hey', (error, result) => resolve({ error, result })));
    await expect(world.settle(viaCallback)).resolves.toEqual({ error: null, result: 'hey, I am player 1' });
  });

  it('handlers may answer with a Promise', async () => {
    const { world, server, client, serverKit } = startHarness();
    server.register('slow', async (_player: number, ms: number) => {
      await serverKit.delay(ms);
      return 'done';
    });
    const started = world.now;
    await expect(world.settle(client(1).call('slow', 300))).resolves.toBe('done');
    expect(world.now - started).toBeGreaterThanOrEqual(300);
  });

  it('a handler answering several values: the first for plain callers, all of them through values$', async () => {
    const { world, server, client, serverKit } = startHarness();
    server.register('pair', () => serverKit.fx.values(true, 'Notification shown', null));
    await expect(world.settle(client(1).call('pair'))).resolves.toBe(true);
    await expect(world.settle(firstValueFrom(client(1).values$('pair')))).resolves.toEqual([true, 'Notification shown', null]);
  });

  it('a streaming handler delivers every value in order, then completion', async () => {
    const { world, server, client, serverKit } = startHarness();
    const { interval, take, map } = serverKit.rx;
    server.register('progress', () => interval(100).pipe(take(4), map((i) => (i + 1) * 25)));
    const seen = world.settle(firstValueFrom(client(1).call$<number>('progress').pipe(toArray())));
    await expect(seen).resolves.toEqual([25, 50, 75, 100]);
    // the Promise facade takes the last value
    await expect(world.settle(client(1).call('progress'))).resolves.toBe(100);
  });

  it('hundreds of interleaved calls from several players each get their own answer', async () => {
    const { world, server, client, serverKit } = startHarness({ players: 3, latency: { min: 5, max: 40 } });
    server.register('echo', async (player: number, n: number) => {
      await serverKit.delay((n * 7) % 50);
      return { player, n };
    });
    const calls: Promise<unknown>[] = [];
    const expected: unknown[] = [];
    for (let n = 0; n < 300; n++) {
      const player = (n % 3) + 1;
      calls.push(client(player).call('echo', n));
      expected.push({ player, n });
    }
    await expect(world.settle(Promise.all(calls))).resolves.toEqual(expected);
    expect(server.stats.runningHandlers).toBe(0);
    for (const player of [1, 2, 3]) expect(client(player).stats.pendingCalls).toBe(0);
  });

  it('captures source before the handler awaits: each player is answered as itself', async () => {
    const { world, server, client, serverKit } = startHarness({ players: 2 });
    server.register('me', async (player: number) => {
      await serverKit.delay(10);
      return player;
    });
    const answers = world.settle(Promise.all([client(2).call('me'), client(1).call('me')]));
    await expect(answers).resolves.toEqual([2, 1]);
  });
});
