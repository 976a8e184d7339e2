/**
 * A player dropping at each step of a call, in both directions. The caller on the server learns at once
 * (PLAYER_DROPPED), the work done for the player stops, and nothing is kept for the player afterwards.
 */
import { rejectionOf } from '../support/harness';
import { expectNothingLeft, Lifecycle, listeners, startHarness, until, watchFrames } from './support';

const LATENCY = 100;

describe('the server calls a player who drops', () => {
  it('before the call: PLAYER_DROPPED at once, nothing sent', async () => {
    const h = startHarness({ players: 2, latency: LATENCY });
    h.world.drop(1);
    h.world.network.resetStats();
    const error = await h.world.settle(rejectionOf(h.server.call(1, 'anything')));
    expect(error).toMatchObject({ code: 'PLAYER_DROPPED' });
    expect(h.world.network.stats.toClients.events).toBe(0);
    expectNothingLeft(h);
  });

  for (const step of ['the request is in flight', 'the client handler runs', 'the reply is in flight'] as const) {
    it(`while ${step}: PLAYER_DROPPED at the drop (the server's next tick); the other player's call is untouched`, async () => {
      const h = startHarness({ players: 2, latency: LATENCY });
      const baseline = listeners(h);
      for (const player of [1, 2]) {
        h.client(player).register('confirm', async () => {
          await h.clientKit(player).delay(200);
          return `yes from ${player}`;
        });
      }
      const requests = watchFrames(h.world, 'server', 1);
      const replies = watchFrames(h.world, 1, 'server');
      const call = rejectionOf(h.server.call(1, 'confirm'));
      const other = h.server.call(2, 'confirm');
      if (step === 'the request is in flight') await until(h.world, () => requests.requestIds.length === 1);
      else if (step === 'the client handler runs') await until(h.world, () => h.client(1).stats.runningHandlers === 1);
      else await until(h.world, () => replies.frames.length > 0);
      expect(h.server.stats.pendingCalls).toBe(2);

      const droppedAt = h.world.now;
      h.world.drop(1);
      const error = await h.world.settle(call);
      expect(error).toMatchObject({ code: 'PLAYER_DROPPED' });
      // playerDropped fails the call at once; the caller's promise callbacks run in the resource's next tick.
      expect(h.world.now).toBeLessThanOrEqual(droppedAt + h.world.options.serverFrameMs);
      await expect(h.world.settle(other)).resolves.toBe('yes from 2');
      await h.world.advance(2 * LATENCY);
      expectNothingLeft(h, { server: baseline.server!, 'client:2': baseline['client:2']! });
    });
  }
});

describe('a player drops during its own call to the server', () => {
  for (const step of ['the request is in flight', 'the handler runs', 'the reply is in flight'] as const) {
    it(`while ${step}: the handler's work stops, nothing is sent to the gone player, nothing is kept`, async () => {
      const h = startHarness({ players: 2, latency: LATENCY, serverOptions: { incomingQueue: { concurrency: 1, maxQueued: 10 } } });
      const { rx } = h.serverKit;
      const life = new Lifecycle();
      let started = 0;
      h.server.register(
        'purchase',
        life.track(rx, () => {
          started++;
          return rx.timer(200).pipe(rx.map(() => 'bought'));
        }),
      );
      const requests = watchFrames(h.world, 1, 'server');
      const replies = watchFrames(h.world, 'server', 1);
      // Retryable, so that an answer is also remembered: dropping must forget it too.
      const api = h.client(1).with({ retries: 1 });
      void api.call('purchase').catch(() => undefined);

      if (step === 'the request is in flight') await until(h.world, () => requests.requestIds.length > 0);
      else if (step === 'the handler runs') await until(h.world, () => life.live === 1);
      else await until(h.world, () => replies.frames.length > 0);

      h.world.drop(1);
      expect(life.live).toBe(0);
      await h.world.advance(500);
      expect(started).toBe(step === 'the request is in flight' ? 0 : 1);
      expect(h.world.network.stats.dropped.disconnected).toBeGreaterThanOrEqual(step === 'the handler runs' ? 0 : 1);
      expectNothingLeft(h);
      await expect(h.world.settle(h.client(2).call('purchase'))).resolves.toBe('bought');
    });
  }

  // Regression: tearing down a dropped player's running request freed its queue slot and started the next waiting
  // one for a player who had left; the endpoint now closes the player's queue before the teardown.
  it('a request waiting in the incoming queue never starts once its player has dropped', async () => {
    const h = startHarness({ players: 2, serverOptions: { incomingQueue: { concurrency: 1, maxQueued: 10 } } });
    const { rx } = h.serverKit;
    const life = new Lifecycle();
    const started: string[] = [];
    h.server.register('purchase', life.track(rx, (_player: number, item: string) => (started.push(item), rx.timer(200))));
    void h.client(1).call('purchase', 'first').catch(() => undefined);
    void h.client(1).call('purchase', 'second').catch(() => undefined);
    await until(h.world, () => h.server.stats.runningHandlers === 2);
    expect(started).toEqual(['first']);
    h.world.drop(1);
    await h.world.advance(500);
    expect(started).toEqual(['first']);
    expect(life.live).toBe(0);
    expectNothingLeft(h);
  });

  it('a player dropping with 100 calls running and many remembered answers: all of it goes at once', async () => {
    const h = startHarness({ players: 2 });
    const { rx } = h.serverKit;
    const life = new Lifecycle();
    h.server.register('quick', () => 1);
    h.server.register('stuck', life.track(rx, () => rx.NEVER));
    const api = h.client(1).with({ retries: 1, timeout: false });
    await h.world.settle(Promise.all(Array.from({ length: 1000 }, () => api.call('quick'))));
    for (let i = 0; i < 100; i++) void api.call('stuck');
    await h.world.advance(100);
    expect(h.server.stats.runningHandlers).toBe(100);
    expect(h.server.stats.rememberedAnswers).toBeGreaterThan(0);
    h.world.drop(1);
    expect(life.live).toBe(0);
    expectNothingLeft(h);
  });
});

describe('events a player sent just before dropping (FXServer dispatches them after playerDropped)', () => {
  // FXServer queues net events for the next 50 ms frame and does not purge a player's queue on drop: the player's
  // last requests and replies reach the library after playerDropped, with the departed player as source.
  it('are refused: no handler runs, no state is created for the player, nothing is sent to them', async () => {
    const h = startHarness({ players: 2, latency: 10 });
    let runs = 0;
    h.server.register('claim', () => ++runs);
    const queuedBeforeTheFrame = async () => {
      await h.world.advance(1); // between server frames
      void h.client(1).call('claim').catch(() => undefined);
      await h.world.advance(30); // sent, arrived, waiting for the frame at 50
      expect(h.world.now % 50).not.toBe(0);
    };
    await queuedBeforeTheFrame();
    const sentToPlayer = watchFrames(h.world, 'server', 1);
    h.world.drop(1);
    await h.world.advance(100);
    expect(runs).toBe(0);
    expect(sentToPlayer.frames).toEqual([]);
    expect(h.server.stats).toMatchObject({ pendingCalls: 0, runningHandlers: 0, rememberedAnswers: 0 });
    expect(h.world.logs.find('unexpected source (1)').length).toBe(1);
    // The other player is served as before.
    await expect(h.world.settle(h.client(2).call('claim'))).resolves.toBe(1);
  });

  it('a reply from the departed player settles nothing and creates nothing', async () => {
    const h = startHarness({ players: 1, latency: 10 });
    h.client(1).register('confirm', () => 'yes');
    await h.world.advance(1);
    const call = rejectionOf(h.server.call(1, 'confirm'));
    // The reply leaves the client at its frame and waits in the server's queue when the player drops.
    const replies = watchFrames(h.world, 1, 'server');
    await until(h.world, () => replies.frames.length > 0);
    expect(h.world.now % 50).not.toBe(0);
    h.world.drop(1);
    await expect(h.world.settle(call)).resolves.toMatchObject({ code: 'PLAYER_DROPPED' });
    await h.world.advance(100);
    expect(h.server.stats).toMatchObject({ pendingCalls: 0, runningHandlers: 0, rememberedAnswers: 0 });
  });
});
