import { firstValueFrom } from 'rxjs';
import { RESOURCE, rejectionOf, startHarness } from '../support/harness';

describe('cleanup: nothing hangs, nothing is kept', () => {
  it('a player dropping fails every call pending on that player at once, and only those', async () => {
    const { world, server, client, clientKit } = startHarness({ players: 2 });
    for (const player of [1, 2]) client(player).register('never', () => clientKit(player).rx.NEVER);
    const onPlayer1 = [rejectionOf(server.call(1, 'never')), rejectionOf(server.call(1, 'never'))];
    const onPlayer2 = server.with({ timeout: false }).call(2, 'never');
    await world.advance(100);
    expect(server.stats.pendingCalls).toBe(3);

    const droppedAt = world.now;
    world.drop(1);
    const errors = await world.settle(Promise.all(onPlayer1));
    // The rejections run when the server resource's queue drains: in its next tick, not after a timeout.
    expect(world.now).toBeLessThanOrEqual(droppedAt + world.options.serverFrameMs);
    for (const error of errors) expect(error).toMatchObject({ code: 'PLAYER_DROPPED' });
    expect(server.stats.pendingCalls).toBe(1);
    void onPlayer2.catch(() => undefined);
  });

  it('a player dropping tears down the handler work running for that player', async () => {
    const { world, server, client, serverKit } = startHarness();
    let tornDown = 0;
    server.register('feed', () => serverKit.rx.interval(100).pipe(serverKit.rx.finalize(() => tornDown++)));
    client(1).with({ timeout: false }).call$('feed').subscribe();
    await world.advance(350);
    expect(server.stats.runningHandlers).toBe(1);
    world.drop(1);
    expect(tornDown).toBe(1);
    expect(server.stats.runningHandlers).toBe(0);
    expect(server.stats.rememberedAnswers).toBe(0);
  });

  it('unsubscribing a call cancels it on the other side (its finalize runs there)', async () => {
    const { world, server, client, serverKit } = startHarness({ latency: 10 });
    let tornDown = 0;
    server.register('feed', () => serverKit.rx.interval(100).pipe(serverKit.rx.finalize(() => tornDown++)));
    const seen: number[] = [];
    const subscription = client(1).with({ timeout: false }).call$<number>('feed').subscribe((n) => seen.push(n));
    await world.advance(650);
    subscription.unsubscribe();
    const seenBefore = [...seen];
    await world.advance(500);
    // A 100 ms interval on 50 ms server frames ticks every 150 ms (timer.js: first frame more than 100 ms later).
    expect(seenBefore).toEqual([0, 1, 2, 3]);
    expect(seen).toEqual(seenBefore);
    expect(tornDown).toBe(1);
    expect(server.stats.runningHandlers).toBe(0);
    expect(client(1).stats.pendingCalls).toBe(0);
  });

  it('the resource stopping fails pending calls with RESOURCE_STOPPED and tells the callers of running handlers', async () => {
    const { world, server, client, clientKit, serverKit } = startHarness({ players: 2 });
    client(1).register('never', () => clientKit(1).rx.NEVER);
    server.register('slow', () => serverKit.rx.NEVER);
    const serverCall = rejectionOf(server.call(1, 'never'));
    const clientCall = rejectionOf(client(2).call('slow'));
    await world.advance(100);
    world.stopResource(RESOURCE);
    await expect(world.settle(serverCall)).resolves.toMatchObject({ code: 'RESOURCE_STOPPED' });
    await expect(world.settle(clientCall)).resolves.toMatchObject({ code: 'RESOURCE_STOPPED' });
  });

  it('after its resource stops, the endpoint has removed its net event listener', async () => {
    const { world, server, client } = startHarness();
    server.register('ping', () => 'pong');
    await expect(world.settle(client(1).call('ping'))).resolves.toBe('pong');
    // The server side alone hears its own resource stop; the client keeps calling.
    world.server.emit('onResourceStop', RESOURCE);
    const error = await world.settle(rejectionOf(client(1).with({ timeout: 1000 }).call('ping')));
    // No answer at all (not even NO_SUCH_CALLBACK): nobody listens any more.
    expect(error).toMatchObject({ code: 'TIMEOUT' });
    expect(server.stats).toMatchObject({ pendingCalls: 0, runningHandlers: 0, registeredCallbacks: 0 });
  });

  it('keeps nothing for settled calls: successes, errors, timeouts and cancellations', async () => {
    const { world, server, client, serverKit } = startHarness();
    server.register('ok', () => 1);
    server.register('fails', () => {
      throw new Error('no');
    });
    server.register('slow', () => serverKit.rx.timer(5000));
    const api = client(1);
    const calls: Promise<unknown>[] = [];
    for (let i = 0; i < 50; i++) {
      calls.push(api.call('ok'), rejectionOf(api.call('fails')), rejectionOf(api.with({ timeout: 100 }).call('slow')));
      void firstValueFrom(api.call$('ok'));
    }
    await world.settle(Promise.all(calls));
    await world.advance(6000);
    expect(api.stats).toMatchObject({ pendingCalls: 0, runningHandlers: 0 });
    expect(server.stats).toMatchObject({ pendingCalls: 0, runningHandlers: 0, rememberedAnswers: 0 });
  });
});
