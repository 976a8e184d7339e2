/**
 * Where a resource's promise callbacks run: FXServer's Node runtime drains each resource's queue at the end of its
 * own tick (`citizen-scripting-node`, the world's default), older server builds and clients when each call into the
 * resource ends (`citizen-scripting-v8`). These round trips run in both modes, so nothing in the library depends on
 * which one the server does.
 */
import { firstValueFrom, toArray } from 'rxjs';
import type { MicrotaskDrain } from '../../src/testing';
import { rejectionOf, startHarness } from '../support/harness';

describe.each<MicrotaskDrain>(['perCall', 'perTick'])('the server draining microtasks %s', (serverMicrotasks) => {
  it('many calls in one frame, both ways, answered in a few events', async () => {
    const { world, server, client } = startHarness({ players: 2, serverMicrotasks, latency: 10 });
    server.register('double', (_player: number, n: number) => 2 * n);
    client(1).register('triple', (n: number) => 3 * n);
    world.network.resetStats();
    const fromClient = Promise.all(Array.from({ length: 50 }, (_, i) => client(1).call('double', i)));
    const fromServer = Promise.all(Array.from({ length: 50 }, (_, i) => server.call(1, 'triple', i)));
    const [doubled, tripled] = await world.settle(Promise.all([fromClient, fromServer]));
    expect(doubled).toEqual(Array.from({ length: 50 }, (_, i) => 2 * i));
    expect(tripled).toEqual(Array.from({ length: 50 }, (_, i) => 3 * i));
    expect(world.network.stats.toServer.events + world.network.stats.toClients.events).toBeLessThanOrEqual(8);
  });

  it('a stream ends on both sides', async () => {
    const { world, server, client, serverKit } = startHarness({ serverMicrotasks, latency: 10 });
    let tornDown = 0;
    server.register('feed', () => serverKit.rx.interval(100).pipe(serverKit.rx.take(3), serverKit.rx.finalize(() => tornDown++)));
    await expect(world.settle(firstValueFrom(client(1).call$<number>('feed').pipe(toArray())))).resolves.toEqual([0, 1, 2]);
    expect(tornDown).toBe(1);
    expect(server.stats).toMatchObject({ pendingCalls: 0, runningHandlers: 0 });
    expect(client(1).stats).toMatchObject({ pendingCalls: 0, runningHandlers: 0 });
  });

  it('a timeout, a handler error and a player dropping mid-call give their typed errors', async () => {
    const { world, server, client, clientKit } = startHarness({ players: 2, serverMicrotasks, latency: 10 });
    client(1).register('never', () => clientKit(1).rx.NEVER);
    server.register('fails', async () => {
      throw new Error('nope');
    });
    await expect(world.settle(rejectionOf(server.with({ timeout: 500 }).call(1, 'never')))).resolves.toMatchObject({ code: 'TIMEOUT' });
    await expect(world.settle(rejectionOf(client(2).call('fails')))).resolves.toMatchObject({ code: 'HANDLER_ERROR', message: 'nope' });
    const dropped = rejectionOf(server.call(1, 'never'));
    await world.advance(100);
    world.drop(1);
    await expect(world.settle(dropped)).resolves.toMatchObject({ code: 'PLAYER_DROPPED' });
    expect(server.stats).toMatchObject({ pendingCalls: 0, runningHandlers: 0 });
    expect(world.logs.errors()).toEqual([]);
  });
});
