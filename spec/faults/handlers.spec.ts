/**
 * Handlers that misbehave, on either side: throw, reject, never answer, answer twice, answer after the caller
 * gave up. Each case: one clear outcome for the caller, and nothing left behind on either side.
 */
import { encode, Ext } from '../fuzz/msgpack';
import { rejectionOf } from '../support/harness';
import { EVENT, expectNothingLeft, Lifecycle, listeners, sendRaw, startHarness, until, watchFrames } from './support';
import { PROTOCOL_VERSION } from '../../src/core/wire/protocol';

describe('handlers that throw or reject', () => {
  it('a throw, a rejection, a rejection with nothing: HANDLER_ERROR with the message; a CallbackError keeps its code', async () => {
    const h = startHarness();
    const { world, server, client } = h;
    const baseline = listeners(h);
    server.register('throws', () => {
      throw new TypeError('bad input');
    });
    server.register('rejects', () => Promise.reject(new Error('async failure')));
    server.register('rejectsNothing', () => Promise.reject(undefined));
    server.register('rejectsObject', () => Promise.reject({ reason: 'no money' }));
    server.register('refuses', () => {
      throw new h.serverKit.fx.CallbackError('FORBIDDEN', 'not yours');
    });
    const outcomes = await world.settle(
      Promise.all(['throws', 'rejects', 'rejectsNothing', 'rejectsObject', 'refuses'].map((name) => rejectionOf(client(1).call(name)))),
    );
    expect(outcomes.map(({ code, message }) => ({ code, message }))).toEqual([
      { code: 'HANDLER_ERROR', message: 'bad input' },
      { code: 'HANDLER_ERROR', message: 'async failure' },
      { code: 'HANDLER_ERROR', message: 'undefined' },
      { code: 'HANDLER_ERROR', message: '{"reason":"no money"}' },
      { code: 'FORBIDDEN', message: 'not yours' },
    ]);
    expectNothingLeft(h, baseline);
  });

  it('a client handler that throws answers the server with HANDLER_ERROR; the client logs no error', async () => {
    const h = startHarness();
    h.client(1).register('confirm', () => {
      throw new Error('dialog closed');
    });
    await expect(h.world.settle(rejectionOf(h.server.call(1, 'confirm')))).resolves.toMatchObject({ code: 'HANDLER_ERROR', message: 'dialog closed' });
    expectNothingLeft(h);
  });

  it('a stream that fails midway: the answers so far, then the error; the handler is torn down', async () => {
    const h = startHarness();
    const { rx } = h.serverKit;
    const life = new Lifecycle();
    h.server.register('feed', life.track(rx, () => rx.concat(rx.of(1, 2), rx.throwError(() => new Error('feed broke')))));
    const seen: unknown[] = [];
    const error = await h.world.settle(
      new Promise((resolve) => h.client(1).call$('feed').subscribe({ next: (v) => seen.push(v), error: resolve })),
    );
    expect(seen).toEqual([1, 2]);
    expect(error).toMatchObject({ code: 'HANDLER_ERROR', message: 'feed broke' });
    expect(life.live).toBe(0);
    expectNothingLeft(h);
  });
});

describe('handlers that never answer', () => {
  it('the caller gets TIMEOUT; its CANCEL tears the handler down on the other side', async () => {
    const h = startHarness({ latency: 25 });
    const life = new Lifecycle();
    h.server.register('stuck', life.track(h.serverKit.rx, () => h.serverKit.rx.NEVER));
    const error = await h.world.settle(rejectionOf(h.client(1).with({ timeout: 500 }).call('stuck')));
    expect(error).toMatchObject({ code: 'TIMEOUT' });
    expect(life.live).toBe(1);
    await h.world.advance(100);
    expect(life.live).toBe(0);
    expectNothingLeft(h);
  });

  it('a handler whose Promise never settles: TIMEOUT for the caller, nothing kept once the CANCEL arrived', async () => {
    const h = startHarness({ latency: 25 });
    h.client(1).register('ponder', () => new Promise(() => undefined));
    await expect(h.world.settle(rejectionOf(h.server.with({ timeout: 300 }).call(1, 'ponder')))).resolves.toMatchObject({ code: 'TIMEOUT' });
    await h.world.advance(100);
    expectNothingLeft(h);
  });

  it('timeout: false and the handler never answers: the call waits, and its unsubscription cancels it', async () => {
    const h = startHarness();
    const life = new Lifecycle();
    h.server.register('stuck', life.track(h.serverKit.rx, () => h.serverKit.rx.NEVER));
    const subscription = h.client(1).with({ timeout: false }).call$('stuck').subscribe();
    await h.world.advance(60_000);
    expect(h.client(1).stats.pendingCalls).toBe(1);
    expect(h.server.stats.runningHandlers).toBe(1);
    subscription.unsubscribe();
    await h.world.advance(50);
    expect(life.live).toBe(0);
    expectNothingLeft(h);
  });
});

describe('answering twice', () => {
  /** The server calls player 1, whose client answers by hand (raw frames) instead of through the library. */
  async function rawAnswer(latency = 10) {
    const h = startHarness({ latency });
    h.client(1).register('ask', () => h.clientKit(1).rx.NEVER);
    const requests = watchFrames(h.world, 'server', 1);
    const seen: unknown[] = [];
    const settled = new Promise<{ outcome: string; error?: unknown }>((resolve) =>
      h.server.call$(1, 'ask').subscribe({
        next: (value) => seen.push(value),
        error: (error) => resolve({ outcome: 'error', error }),
        complete: () => resolve({ outcome: 'complete' }),
      }),
    );
    await until(h.world, () => requests.requestIds.length === 1);
    return { h, id: requests.requestIds[0]!, seen, settled };
  }

  it('two complete answers in one envelope: the first counts, the second is ignored', async () => {
    const { h, id, seen, settled } = await rawAnswer();
    sendRaw(h.world, 1, 'server', [PROTOCOL_VERSION, [1, id, ['first']], [3, id], [1, id, ['second']], [3, id]]);
    await expect(h.world.settle(settled)).resolves.toEqual({ outcome: 'complete' });
    expect(seen).toEqual(['first']);
    await h.world.advance(100);
    expect(seen).toEqual(['first']);
    expect(h.server.stats.pendingCalls).toBe(0);
  });

  it('an answer, then an error, then another answer in later events: only the first answer counts', async () => {
    const { h, id, seen, settled } = await rawAnswer();
    sendRaw(h.world, 1, 'server', [PROTOCOL_VERSION, [1, id, ['first']], [3, id]]);
    await h.world.advance(30);
    sendRaw(h.world, 1, 'server', [PROTOCOL_VERSION, [2, id, 'HANDLER_ERROR', 'late error']], [PROTOCOL_VERSION, [1, id, ['late']], [3, id]]);
    await h.world.advance(100);
    await expect(h.world.settle(settled)).resolves.toEqual({ outcome: 'complete' });
    expect(seen).toEqual(['first']);
    expect(h.world.logs.errors()).toEqual([]);
  });

  it('an error first: the error counts, a later answer is ignored', async () => {
    const { h, id, seen, settled } = await rawAnswer();
    sendRaw(h.world, 1, 'server', [PROTOCOL_VERSION, [2, id, 'VALIDATION_FAILED', 'no'], [1, id, ['after']], [3, id]]);
    const result = await h.world.settle(settled);
    expect(result).toMatchObject({ outcome: 'error', error: { code: 'VALIDATION_FAILED', message: 'no' } });
    expect(seen).toEqual([]);
    expect(h.server.stats.pendingCalls).toBe(0);
  });

  it('a library handler answering several values then completing: call() gets the last, call$ every one', async () => {
    // Server side: a client's handler would have its fast stream coalesced (minStreamInterval, 50 ms by default).
    const h = startHarness();
    h.server.register('count', () => h.serverKit.rx.of(1, 2, 3));
    await expect(h.world.settle(h.client(1).call('count'))).resolves.toBe(3);
    const all: unknown[] = [];
    await h.world.settle(new Promise((resolve) => h.client(1).call$('count').subscribe({ next: (v) => all.push(v), complete: () => resolve(undefined) })));
    expect(all).toEqual([1, 2, 3]);
    expectNothingLeft(h);
  });
});

describe('answering after the caller gave up', () => {
  it('a reply that arrives after the TIMEOUT is ignored: one outcome, nothing pending', async () => {
    const h = startHarness({ latency: 10 });
    h.client(1).register('slow', async () => {
      await h.clientKit(1).delay(400);
      return 'too late';
    });
    const replies = watchFrames(h.world, 1, 'server');
    const outcomes: string[] = [];
    const call = h.server.with({ timeout: 200 }).call(1, 'slow').then(
      (value) => outcomes.push(`value ${value}`),
      (error) => outcomes.push(error.code),
    );
    await h.world.settle(call);
    await h.world.advance(500);
    expect(outcomes).toEqual(['TIMEOUT']);
    // The client's handler was a Promise: it could not be stopped, but its answer was not sent after the CANCEL.
    expect(replies.frames.filter((f) => f[0] === 1)).toEqual([]);
    expectNothingLeft(h);
  });

  it('a raw reply after the TIMEOUT, for the id of the call that timed out, changes nothing', async () => {
    const h = startHarness({ latency: 10 });
    h.client(1).register('ask', () => h.clientKit(1).rx.NEVER);
    const requests = watchFrames(h.world, 'server', 1);
    const error = await h.world.settle(rejectionOf(h.server.with({ timeout: 100 }).call(1, 'ask')));
    expect(error).toMatchObject({ code: 'TIMEOUT' });
    sendRaw(h.world, 1, 'server', [PROTOCOL_VERSION, [1, requests.requestIds[0], ['late']], [3, requests.requestIds[0]]]);
    await h.world.advance(100);
    expect(h.server.stats).toMatchObject({ pendingCalls: 0 });
    expect(h.world.logs.errors()).toEqual([]);
  });

  it('the caller unsubscribes mid-stream: the stream is torn down there and sends nothing more', async () => {
    const h = startHarness({ latency: 10 });
    const { rx } = h.serverKit;
    const life = new Lifecycle();
    h.server.register('ticks', life.track(rx, () => rx.interval(100)));
    const answers = watchFrames(h.world, 'server', 1);
    const subscription = h.client(1).with({ timeout: false }).call$('ticks').subscribe();
    await h.world.advance(350);
    subscription.unsubscribe();
    await h.world.advance(20);
    const sent = answers.frames.length;
    await h.world.advance(1000);
    expect(answers.frames.length).toBe(sent);
    expect(life.live).toBe(0);
    expectNothingLeft(h);
  });

  // Regression: a retryable request's handler is kept by the answer memory so that a retry can join it; its
  // caller's CANCEL now removes it from that memory too, so the handler is torn down instead of running unseen.
  it('a retryable call the caller gave up on: its CANCEL tears the handler down too', async () => {
    const h = startHarness({ latency: 10 });
    const { rx } = h.serverKit;
    const life = new Lifecycle();
    h.server.register('feed', life.track(rx, () => rx.interval(100)));
    const subscription = h.client(1).with({ timeout: false, retries: 2 }).call$('feed').subscribe();
    await h.world.advance(250);
    expect(life.live).toBe(1);
    subscription.unsubscribe();
    await h.world.advance(100);
    expect(h.server.stats.runningHandlers).toBe(0);
    expect(life.live).toBe(0);
  });

  it('a cheating client cannot keep handlers running past maxRunningPerPeer by cancelling retryable requests', async () => {
    const h = startHarness({ serverOptions: { limits: { maxRunningPerPeer: 5 } } });
    const { rx } = h.serverKit;
    const life = new Lifecycle();
    h.server.register('stuck', life.track(rx, () => rx.NEVER));
    for (let i = 0; i < 20; i++) sendRaw(h.world, 1, 'server', [PROTOCOL_VERSION, [0, 1000 + i, 'stuck', [], 1], [4, 1000 + i]]);
    await h.world.advance(100);
    expect(life.live).toBeLessThanOrEqual(5);
    expect(life.live).toBe(h.server.stats.runningHandlers);
  });
});

describe('what a cheating client answers', () => {
  // Regression: answers are checked like arguments. An answer `{ then: <function reference> }` would be adopted
  // by the Promise facade, calling a server-side reference; it is refused and the call fails instead.
  it('an answer holding a function reference is refused, never called, and the caller gets an error', async () => {
    const h = startHarness({ latency: 10 });
    const { world, server } = h;
    const victim = world.server.resource('harness').run(
      'globalThis.victimCalls = 0; Citizen.makeRefFunction(function () { globalThis.victimCalls++; })',
    ) as string;
    h.client(1).register('ask', () => h.clientKit(1).rx.NEVER);
    const requests = watchFrames(world, 'server', 1);
    const outcome = server.call(1, 'ask').then(
      (value) => ({ resolved: typeof value }),
      (error) => ({ code: error.code }),
    );
    await until(world, () => requests.requestIds.length === 1);
    const id = requests.requestIds[0]!;
    world.network.send(1, 'server', EVENT, encode([[PROTOCOL_VERSION, [1, id, [{ then: new Ext(10, Buffer.from(victim)) }]], [3, id]]]), null);
    await world.advance(100);
    expect(world.server.resource('harness').globals.victimCalls).toBe(0);
    await expect(world.settle(outcome, 1000)).resolves.toEqual({ code: expect.any(String) });
    expect(server.stats.pendingCalls).toBe(0);
  });
});
