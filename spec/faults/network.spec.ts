/**
 * The network misbehaving between different players: latency spikes on one player's link, answers overtaking one
 * another across players, lost replies with retries while another player floods. Every caller gets its own answer
 * or one clear error; nothing is kept afterwards.
 */
import { rejectionOf } from '../support/harness';
import { EVENT, expectNothingLeft, purchaseAwaitingItsRetry, sendRaw, startHarness, watchFrames } from './support';
import { PROTOCOL_VERSION } from '../../src/core/wire/protocol';

describe('latency spikes and reordering between players', () => {
  it('a 3 s spike on one player\'s link: the others are answered at normal speed; the slow one gets its own answer late', async () => {
    const h = startHarness({ players: 3, latency: 20 });
    h.server.register('whoami', (player: number) => player);
    const spike = h.world.network.intercept((packet) => (packet.from === 2 || packet.to === 2 ? { delayMs: 3000 } : 'deliver'));
    const answeredAt: Record<number, number> = {};
    const started = h.world.now;
    const calls = [1, 2, 3].map((player) =>
      h.client(player).call('whoami').then((value) => {
        answeredAt[player] = h.world.now - started;
        return value;
      }),
    );
    await expect(h.world.settle(Promise.all(calls))).resolves.toEqual([1, 2, 3]);
    expect(answeredAt[1]).toBeLessThan(100);
    expect(answeredAt[3]).toBeLessThan(100);
    expect(answeredAt[2]).toBeGreaterThanOrEqual(6000);
    spike();
    expectNothingLeft(h);
  });

  it('a spike longer than the timeout: TIMEOUT for that caller only; the late reply is ignored when it lands', async () => {
    const h = startHarness({ players: 2, latency: 20 });
    for (const player of [1, 2]) h.client(player).register('whoami', () => player);
    h.world.network.intercept((packet) => (packet.from === 1 && packet.name === EVENT ? { delayMs: 2000 } : 'deliver'));
    const slow = rejectionOf(h.server.with({ timeout: 1000 }).call(1, 'whoami'));
    const fast = h.server.with({ timeout: 1000 }).call(2, 'whoami');
    await expect(h.world.settle(fast)).resolves.toBe(2);
    await expect(h.world.settle(slow)).resolves.toMatchObject({ code: 'TIMEOUT' });
    await h.world.advance(3000);
    expectNothingLeft(h);
  });

  it('20 players, 20 calls each, every packet delayed at random: answers overtake each other, each lands with its caller', async () => {
    const players = Array.from({ length: 20 }, (_, i) => i + 1);
    const h = startHarness({ players: players.length, latency: { min: 5, max: 80 }, seed: 7 });
    let state = 12345;
    const random = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32);
    h.world.network.intercept(() => ({ delayMs: Math.floor(random() * 300) }));
    h.server.register('echo', (player: number, n: number) => ({ player, n }));
    for (const player of players) h.client(player).register('echo', (n: number) => ({ player, n }));
    const calls: Promise<unknown>[] = [];
    const expected: unknown[] = [];
    for (let n = 0; n < 20; n++) {
      for (const player of players) {
        calls.push(h.client(player).call('echo', n), h.server.call(player, 'echo', n));
        expected.push({ player, n }, { player, n });
      }
      await h.world.advance(Math.floor(random() * 20));
    }
    const answers = JSON.parse(JSON.stringify(await h.world.settle(Promise.all(calls))));
    expect(answers).toEqual(expected);
    expectNothingLeft(h);
  });
});

describe('lost replies and retries', () => {
  it('a lost reply with retries: the handler runs once, the retry is answered from memory', async () => {
    const h = startHarness({ players: 2, latency: 20 });
    let charged = 0;
    h.server.register('purchase', (_player: number, price: number) => (charged += price));
    let lost = 0;
    h.world.network.intercept((packet) => (packet.to === 1 && packet.name === EVENT && lost++ === 0 ? 'drop' : 'deliver'));
    await expect(h.world.settle(h.client(1).with({ timeout: 500, retries: 2, retryDelay: 100 }).call('purchase', 100))).resolves.toBe(100);
    expect(charged).toBe(100);
  });

  // Regression: a retryable call keeps its pending record while it waits to retry, so a reply that comes after the
  // timeout but before the retry settles it at once, and the retry is never sent.
  it('a reply late past the timeout but before the retry settles the call; the request is sent once', async () => {
    const h = startHarness({ latency: 20 });
    let runs = 0;
    h.server.register('purchase', async () => {
      runs++;
      await h.serverKit.delay(400);
      return 'bought';
    });
    const requests = watchFrames(h.world, 1, 'server');
    const started = h.world.now;
    await expect(h.world.settle(h.client(1).with({ timeout: 250, retries: 2, retryDelay: 1000 }).call('purchase'))).resolves.toBe('bought');
    expect(h.world.now - started).toBeLessThan(750);
    await h.world.advance(2000);
    expect(requests.requestIds).toHaveLength(1);
    expect(runs).toBe(1);
    expect(h.server.stats).toMatchObject({ pendingCalls: 0, runningHandlers: 0 });
    expect(h.client(1).stats).toMatchObject({ pendingCalls: 0, runningHandlers: 0 });
  });

  // Regression: the memory of answers to retryable requests is bounded per player too (`maxEntriesPerPeer`), so
  // another player's flood of retryable requests cannot push an honest player's answer out.
  it('another player flooding retryable requests cannot evict an honest player\'s remembered answer', async () => {
    const h = startHarness({ players: 2, latency: 20 });
    const { purchase, charged } = await purchaseAwaitingItsRetry(h);
    // Player 2 floods retryable requests (what any client can send) while player 1 waits for its lost reply.
    for (let batch = 0; batch < 4; batch++) {
      sendRaw(h.world, 2, 'server', [PROTOCOL_VERSION, ...Array.from({ length: 300 }, (_, i) => [0, batch * 300 + i, 'ping', [], 1])]);
    }
    await h.world.advance(100);
    await expect(h.world.settle(purchase)).resolves.toBe(100);
    expect(charged()).toBe(100);
  });
  // Regression: request ids are short and wrap within the memory's lifetime, so the memory is keyed on the
  // callback's name too: a later retryable request that reuses an id for another callback runs its own handler.
  it('a retryable request reusing a remembered id for another callback gets its own answer, not the old one', async () => {
    const h = startHarness({ latency: 10 });
    let charged = 0;
    h.server.register('purchase', (_player: number, price: number) => (charged += price));
    h.server.register('ping', () => 'pong');
    const replies = watchFrames(h.world, 'server', 1);
    sendRaw(h.world, 1, 'server', [PROTOCOL_VERSION, [0, 7, 'purchase', [100], 1]]);
    await h.world.advance(100);
    sendRaw(h.world, 1, 'server', [PROTOCOL_VERSION, [0, 7, 'ping', [], 1]]);
    await h.world.advance(100);
    // The same request again is still answered from memory.
    sendRaw(h.world, 1, 'server', [PROTOCOL_VERSION, [0, 7, 'ping', [], 1]]);
    await h.world.advance(100);
    expect(replies.frames.filter((frame) => frame[1] === 7).map((frame) => frame[2])).toEqual([[100], ['pong'], ['pong']]);
    expect(charged).toBe(100);
  });
});
