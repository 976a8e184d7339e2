import { RESOURCE, rejectionOf, startHarness } from '../support/harness';
import { PROTOCOL_VERSION } from '../../src/core/wire/protocol';

describe('caps on what a client may ask of the server', () => {
  it('arguments nested too deeply: LIMIT_EXCEEDED before the handler, counted in the metrics', async () => {
    const { world, server, client } = startHarness({ serverOptions: { limits: { maxDepth: 4 } } });
    let runs = 0;
    server.register('store', () => ++runs);
    const deep = { a: { b: { c: { d: { e: 1 } } } } };
    await expect(world.settle(rejectionOf(client(1).call('store', deep)))).resolves.toMatchObject({ code: 'LIMIT_EXCEEDED' });
    await expect(world.settle(client(1).call('store', { a: { b: 1 } }))).resolves.toBe(1);
    expect(runs).toBe(1);
    expect(server.metrics.snapshot().callbacks.find((c) => c.name === 'store')).toMatchObject({ errors: { LIMIT_EXCEEDED: 1 } });
  });

  it('an oversized argument payload: PAYLOAD_TOO_LARGE', async () => {
    const { world, server, client } = startHarness({ serverOptions: { limits: { maxArgumentBytes: 1000 } } });
    server.register('store', (_player: number, text: string) => text.length);
    await expect(world.settle(rejectionOf(client(1).call('store', 'x'.repeat(2000))))).resolves.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    await expect(world.settle(client(1).call('store', 'x'.repeat(500)))).resolves.toBe(500);
  });

  it('too many requests running for one player: LIMIT_EXCEEDED; other players are unaffected', async () => {
    const { world, server, client, serverKit } = startHarness({ players: 2, serverOptions: { limits: { maxRunningPerPeer: 5 } } });
    server.register('slow', async () => {
      await serverKit.delay(1000);
      return 'done';
    });
    const outcomes = Promise.all(Array.from({ length: 8 }, () => client(1).call('slow').catch((error) => error.code)));
    const other = client(2).call('slow');
    await expect(world.settle(outcomes)).resolves.toEqual(['done', 'done', 'done', 'done', 'done', 'LIMIT_EXCEEDED', 'LIMIT_EXCEEDED', 'LIMIT_EXCEEDED']);
    await expect(world.settle(other)).resolves.toBe('done');
  });

  it('a function reference sent by a client never reaches a handler', async () => {
    const { world, server } = startHarness();
    let received: unknown = 'untouched';
    server.register('store', (_player: number, value: unknown) => (received = value));
    // A cheating client packs a function: it travels as a msgpack function reference.
    world.client(1).resource(RESOURCE).run(`emitNet('fxcb:${RESOURCE}', [${PROTOCOL_VERSION}, [0, 1, 'store', [function () {}], 0]])`);
    await world.advance(50);
    expect(received).toBe('untouched');
    expect(server.metrics.snapshot().callbacks.find((c) => c.name === 'store')).toMatchObject({ errors: { INVALID_ARGUMENT: 1 } });
  });

  it('a callback may set its own caps: 256 KiB of arguments (latent) for one, the 64 KiB default for the others', async () => {
    const { world, server, client } = startHarness();
    server.register('upload', (_player: number, text: string) => text.length, { maxArgumentBytes: 256 * 1024 });
    server.register('store', (_player: number, text: string) => text.length);
    const large = 'x'.repeat(200 * 1024);
    await expect(world.settle(client(1).call('upload', large))).resolves.toBe(large.length);
    await expect(world.settle(rejectionOf(client(1).call('store', large)))).resolves.toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { maxBytes: 64 * 1024 } });
    await expect(world.settle(rejectionOf(client(1).call('upload', 'x'.repeat(300 * 1024))))).resolves.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      details: { maxBytes: 256 * 1024 },
    });
    expect(world.network.stats.latent.toServer.events).toBeGreaterThan(0);
  });

  it('a callback may cap its answers and the number of its arguments', async () => {
    const { world, server, client } = startHarness();
    server.register('small', (_player: number, size: number) => 'y'.repeat(size), { maxAnswerBytes: 1000, maxValues: 2 });
    await expect(world.settle(client(1).call('small', 10))).resolves.toBe('y'.repeat(10));
    await expect(world.settle(rejectionOf(client(1).call('small', 2000)))).resolves.toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { maxBytes: 1000 } });
    await expect(world.settle(rejectionOf(client(1).call('small', 1, 2, 3)))).resolves.toMatchObject({ code: 'LIMIT_EXCEEDED', details: { maxValues: 2 } });
    expect(server.stats).toMatchObject({ runningHandlers: 0 });
  });

  it('a bad cap fails at registration', () => {
    const { server } = startHarness();
    expect(() => server.register('bad', () => 1, { maxArgumentBytes: -1 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => server.register('bad', () => 1, { maxValues: 1.5 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
