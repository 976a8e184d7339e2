/**
 * Cheating clients calling the server: REQUEST+CANCEL churn against `maxRunningPerPeer`, and players colluding to
 * push an honest player's remembered answer out of the answer memory. The caps hold per player, whatever the
 * others do.
 */
import { PROTOCOL_VERSION } from '../../src/core/wire/protocol';
import { expectNothingLeft, purchaseAwaitingItsRetry, sendRaw, startHarness, until, watchFrames } from './support';

describe('REQUEST+CANCEL churn', () => {
  it('a Promise handler keeps its running slot until it settles, not until the CANCEL', async () => {
    const h = startHarness({ latency: 10, serverOptions: { limits: { maxRunningPerPeer: 10 } } });
    let started = 0;
    let running = 0;
    let mostRunning = 0;
    h.server.register('work', async () => {
      started++;
      mostRunning = Math.max(mostRunning, ++running);
      await h.serverKit.delay(1000);
      running--;
      return 'done';
    });
    const replies = watchFrames(h.world, 'server', 1);
    for (let batch = 0; batch < 10; batch++) {
      const frames = [];
      for (let i = 0; i < 12; i++) frames.push([0, batch * 100 + i, 'work', []], [4, batch * 100 + i]);
      sendRaw(h.world, 1, 'server', [PROTOCOL_VERSION, ...frames]);
      await h.world.advance(20);
    }
    expect(started).toBe(10);
    expect(mostRunning).toBe(10);
    expect(replies.frames.filter((f) => f[0] === 2 && f[2] === 'LIMIT_EXCEEDED').length).toBe(110);
    // Once they settled, the slots are free again.
    await h.world.advance(1000);
    expect(running).toBe(0);
    sendRaw(h.world, 1, 'server', [PROTOCOL_VERSION, [0, 5000, 'work', []]]);
    await until(h.world, () => replies.frames.some((f) => f[1] === 5000 && f[0] === 5));
    expectNothingLeft(h);
  });

  it('an Observable handler ends at its teardown: CANCEL frees its slot at once', async () => {
    const h = startHarness({ latency: 10, serverOptions: { limits: { maxRunningPerPeer: 2 } } });
    let started = 0;
    h.server.register('watch', () => (started++, h.serverKit.rx.NEVER));
    for (let i = 0; i < 50; i++) sendRaw(h.world, 1, 'server', [PROTOCOL_VERSION, [0, i, 'watch', []], [4, i]]);
    await h.world.advance(50);
    expect(started).toBe(50);
    expectNothingLeft(h);
  });

  it('one player churning does not take the slots of another', async () => {
    const h = startHarness({ players: 2, latency: 10, serverOptions: { limits: { maxRunningPerPeer: 5 } } });
    h.server.register('work', async (player: number) => {
      await h.serverKit.delay(500);
      return player;
    });
    for (let i = 0; i < 30; i++) sendRaw(h.world, 1, 'server', [PROTOCOL_VERSION, [0, i, 'work', []], [4, i]]);
    await h.world.advance(20);
    await expect(h.world.settle(Promise.all([1, 2, 3].map(() => h.client(2).call('work'))))).resolves.toEqual([2, 2, 2]);
  });
});

describe('colluding players against the answer memory', () => {
  it('21 players with 50 retryable requests each cannot evict an honest player\'s remembered answer', async () => {
    const h = startHarness({ players: 22, latency: 20 });
    const { purchase, charged } = await purchaseAwaitingItsRetry(h);
    for (let player = 2; player <= 22; player++) {
      sendRaw(h.world, player, 'server', [PROTOCOL_VERSION, ...Array.from({ length: 50 }, (_, i) => [0, i, 'ping', [], 1])]);
    }
    await h.world.advance(100);
    expect(h.server.stats.rememberedAnswers).toBe(1 + 21 * 50);
    await expect(h.world.settle(purchase)).resolves.toBe(100);
    expect(charged()).toBe(100);
  });

  it('a player over its own quota forgets only its own oldest answers; bytes count too', async () => {
    const h = startHarness({
      players: 2,
      latency: 20,
      serverOptions: { rememberAnswers: { maxEntriesPerPeer: 5, maxBytesPerPeer: 10_000, ttl: 60_000 } },
    });
    let runs = 0;
    h.server.register('blob', (_player: number, size: number) => (runs++, 'b'.repeat(size)));
    sendRaw(h.world, 2, 'server', [PROTOCOL_VERSION, [0, 1, 'blob', [10], 1]]);
    await h.world.advance(50);
    // Player 1: ten small answers (over its count quota), then three of 4 KB (over its byte quota).
    sendRaw(h.world, 1, 'server', [PROTOCOL_VERSION, ...Array.from({ length: 10 }, (_, i) => [0, i, 'blob', [10], 1])]);
    sendRaw(h.world, 1, 'server', [PROTOCOL_VERSION, ...Array.from({ length: 3 }, (_, i) => [0, 100 + i, 'blob', [4000], 1])]);
    await h.world.advance(50);
    expect(runs).toBe(14);
    expect(h.server.stats.rememberedAnswers).toBeLessThanOrEqual(1 + 5);
    // Player 2's answer is still remembered: its retry does not run the handler.
    const replies = watchFrames(h.world, 'server', 2);
    sendRaw(h.world, 2, 'server', [PROTOCOL_VERSION, [0, 1, 'blob', [10], 1]]);
    await until(h.world, () => replies.frames.some((f) => f[1] === 1 && (f[0] === 5 || f[0] === 3)));
    expect(runs).toBe(14);
  });
});
