/**
 * A cheating client answering the server's calls: with a huge number of values, with keep-alive NEXT frames that
 * never end, with answers or error details over the caps or holding what is not data. Each server caller gets one
 * clear outcome, in bounded time, and holds nothing afterwards.
 */
import { Ext } from '../fuzz/msgpack';
import { rejectionOf } from '../support/harness';
import { PROTOCOL_VERSION } from '../../src/core/wire/protocol';
import { EVENT, expectNothingLeft, sendRaw, startHarness, until, watchFrames } from './support';

/**
 * The server calls player 1's 'ask'; player 1 answers by hand (raw frames). Returns the request's id. With
 * `onlyByHand`, the request never reaches player 1's library (the cheater reads it off the wire), so no handler of
 * its own runs there: for a final answer sent by hand, after which the server owes no CANCEL.
 */
async function askedBy(h: ReturnType<typeof startHarness>, call: () => void, onlyByHand = false): Promise<number> {
  h.client(1).register('ask', () => h.clientKit(1).rx.NEVER);
  const requests = watchFrames(h.world, 'server', 1);
  if (onlyByHand) h.world.network.intercept((packet) => (packet.name === EVENT && packet.to === 1 ? 'drop' : undefined));
  call();
  await until(h.world, () => requests.requestIds.length === 1);
  return requests.requestIds[0]!;
}

describe('an answer with a huge number of values', () => {
  it('250,000 values in one RESULT: the Promise caller gets LIMIT_EXCEEDED, once', async () => {
    const h = startHarness({ latency: 10 });
    let outcome!: Promise<{ code: string }>;
    const id = await askedBy(h, () => (outcome = rejectionOf(h.server.call(1, 'ask'))));
    sendRaw(h.world, 1, 'server', [PROTOCOL_VERSION, [5, id, new Array(250_000).fill(1)]]);
    await expect(h.world.settle(outcome)).resolves.toMatchObject({ code: 'LIMIT_EXCEEDED', details: { maxValues: 256 } });
    await h.world.advance(100);
    expectNothingLeft(h);
  });

  it('a NEXT over the value cap fails a stream caller too; a later COMPLETE changes nothing', async () => {
    const h = startHarness({ latency: 10, serverOptions: { limits: { maxValues: 3 } } });
    const seen: unknown[] = [];
    let settled!: Promise<unknown>;
    const id = await askedBy(h, () => {
      settled = new Promise((resolve) => h.server.values$(1, 'ask').subscribe({ next: (v) => seen.push(v), error: resolve, complete: () => resolve('complete') }));
    });
    sendRaw(h.world, 1, 'server', [PROTOCOL_VERSION, [1, id, [1, 2, 3]], [1, id, [1, 2, 3, 4]], [3, id]]);
    await expect(h.world.settle(settled)).resolves.toMatchObject({ code: 'LIMIT_EXCEEDED' });
    expect(seen).toEqual([[1, 2, 3]]);
    await h.world.advance(100);
    expectNothingLeft(h);
  });

  it('a request with more arguments than the cap is refused with LIMIT_EXCEEDED before the handler', async () => {
    const h = startHarness({ latency: 10 });
    let runs = 0;
    h.server.register('sum', (_player: number, ...numbers: number[]) => (runs++, numbers.length));
    const replies = watchFrames(h.world, 'server', 1);
    sendRaw(h.world, 1, 'server', [PROTOCOL_VERSION, [0, 7, 'sum', new Array(250_000).fill(1)], [0, 8, 'sum', new Array(256).fill(1)]]);
    await until(h.world, () => replies.frames.length >= 2);
    expect(replies.frames.find((f) => f[1] === 7)).toEqual([2, 7, 'LIMIT_EXCEEDED', 'callback "sum" takes at most 256 arguments', { maxValues: 256 }]);
    expect(replies.frames.find((f) => f[1] === 8)).toEqual([5, 8, [256]]);
    expect(runs).toBe(1);
  });
});

describe('keep-alive NEXT frames', () => {
  /** The client sends one tiny NEXT every 100 ms until the call settles; how long that took. */
  async function withKeepAlive(h: ReturnType<typeof startHarness>, id: number, settled: Promise<unknown>, maxMs: number): Promise<number> {
    const started = h.world.now;
    let done = false;
    void settled.then(() => (done = true));
    while (!done) {
      if (h.world.now - started > maxMs) throw new Error(`not settled within ${maxMs} ms`);
      sendRaw(h.world, 1, 'server', [PROTOCOL_VERSION, [1, id, [0]]]);
      await h.world.advance(100);
    }
    return h.world.now - started;
  }

  it('cannot stretch a Promise call past its timeout', async () => {
    const h = startHarness({ latency: 10 });
    let outcome!: Promise<{ code: string }>;
    const id = await askedBy(h, () => (outcome = rejectionOf(h.server.with({ timeout: 500 }).call(1, 'ask'))));
    const took = await withKeepAlive(h, id, outcome, 5000);
    await expect(outcome).resolves.toMatchObject({ code: 'TIMEOUT' });
    expect(took).toBeLessThanOrEqual(600);
    await h.world.advance(100);
    expectNothingLeft(h);
  });

  it('cannot stretch a node-style call past its timeout', async () => {
    const h = startHarness({ latency: 10 });
    let outcome!: Promise<{ code: string } | null>;
    const id = await askedBy(h, () => {
      outcome = new Promise((resolve) => h.server.with({ timeout: 500 }).callback(1, 'ask', (error) => resolve(error)));
    });
    await withKeepAlive(h, id, outcome, 5000);
    await expect(outcome).resolves.toMatchObject({ code: 'TIMEOUT' });
  });

  it('keeps a subscribed stream alive, but only up to its maxDuration', async () => {
    const h = startHarness({ latency: 10 });
    let seen = 0;
    let settled!: Promise<unknown>;
    const id = await askedBy(h, () => {
      settled = new Promise((resolve) => h.server.with({ timeout: 500, maxDuration: 3000 }).call$(1, 'ask').subscribe({ next: () => seen++, error: resolve }));
    });
    const took = await withKeepAlive(h, id, settled, 20_000);
    await expect(settled).resolves.toMatchObject({ code: 'TIMEOUT', details: { maxDuration: 3000 } });
    expect(took).toBeGreaterThan(2000);
    expect(took).toBeLessThanOrEqual(3100);
    expect(seen).toBeGreaterThan(20);
    await h.world.advance(100);
    expectNothingLeft(h);
  });
});

describe('answers over the size cap', () => {
  it('a 100 KiB answer against a 64 KiB endpoint cap: PAYLOAD_TOO_LARGE, the call is cancelled over there', async () => {
    const h = startHarness({ latency: 10, serverOptions: { limits: { maxAnswerBytes: 64 * 1024 } } });
    let outcome!: Promise<{ code: string }>;
    const id = await askedBy(h, () => (outcome = rejectionOf(h.server.call(1, 'ask'))));
    const cancels = watchFrames(h.world, 'server', 1);
    sendRaw(h.world, 1, 'server', [PROTOCOL_VERSION, [5, id, ['x'.repeat(100 * 1024)]]]);
    await expect(h.world.settle(outcome)).resolves.toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { maxBytes: 64 * 1024 } });
    await h.world.advance(50);
    expect(cancels.frames).toContainEqual([4, id]);
    expectNothingLeft(h);
  });

  it('the per-call cap applies to each answer of a stream, latent ones included', async () => {
    const h = startHarness({ latency: 10 });
    let settled!: Promise<unknown>;
    const seen: unknown[] = [];
    const id = await askedBy(h, () => {
      settled = new Promise((resolve) => h.server.with({ maxAnswerBytes: 1000 }).values$(1, 'ask').subscribe({ next: (v) => seen.push(v), error: resolve }));
    });
    sendRaw(h.world, 1, 'server', [PROTOCOL_VERSION, [1, id, ['small']]]);
    await h.world.advance(30);
    // 4 MiB as a latent event, as a cheating client would send it.
    const { encode } = await import('../fuzz/msgpack');
    h.world.network.send(1, 'server', 'fxcb:harness', encode([[PROTOCOL_VERSION, [1, id, ['y'.repeat(4 * 1024 * 1024)]]]]), 1e9);
    await expect(h.world.settle(settled)).resolves.toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { maxBytes: 1000 } });
    expect(seen).toEqual([['small']]);
  });

  it('the default cap refuses a 4 MiB answer', async () => {
    const h = startHarness({ latency: 10 });
    let outcome!: Promise<unknown>;
    const id = await askedBy(h, () => (outcome = h.server.call(1, 'ask').then(() => 'resolved', (error: { code: string }) => ({ code: error.code }))));
    const { encode } = await import('../fuzz/msgpack');
    h.world.network.send(1, 'server', 'fxcb:harness', encode([[PROTOCOL_VERSION, [5, id, ['z'.repeat(4 * 1024 * 1024)]]]]), 1e9);
    await expect(h.world.settle(outcome)).resolves.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });
});

describe('hostile ERROR details', () => {
  const cases: [string, unknown][] = [
    ['a function reference', { then: new Ext(10, Buffer.from('harness:1:0')) }],
    ['nesting past maxDepth', JSON.parse('['.repeat(40) + ']'.repeat(40))],
    ['100 KiB of text', { text: 'd'.repeat(100 * 1024) }],
  ];
  it.each(cases)('details holding %s: the caller gets HANDLER_ERROR without them', async (_what, details) => {
    const h = startHarness({ latency: 10, serverOptions: { limits: { maxAnswerBytes: 64 * 1024 } } });
    let outcome!: Promise<{ code: string; details?: unknown }>;
    const id = await askedBy(h, () => (outcome = rejectionOf(h.server.call(1, 'ask'))), true);
    sendRaw(h.world, 1, 'server', [PROTOCOL_VERSION, [2, id, 'RATE_LIMITED', 'slow down', details]]);
    const error = await h.world.settle(outcome);
    expect(error).toMatchObject({ code: 'HANDLER_ERROR' });
    expect(error.details).toBeUndefined();
    expectNothingLeft(h);
  });

  it('plain small details still reach the caller', async () => {
    const h = startHarness({ latency: 10 });
    let outcome!: Promise<{ code: string; details?: unknown }>;
    const id = await askedBy(h, () => (outcome = rejectionOf(h.server.call(1, 'ask'))));
    sendRaw(h.world, 1, 'server', [PROTOCOL_VERSION, [2, id, 'RATE_LIMITED', 'slow down', { retryAfter: 5 }]]);
    await expect(h.world.settle(outcome)).resolves.toMatchObject({ code: 'RATE_LIMITED', details: { retryAfter: 5 } });
  });
});
