import { startHarness, rejectionOf } from '../support/harness';

/**
 * FiveM fires a timer on the first game frame *after* its interval has passed (timer.js: `frame - lastRun >
 * interval`), and the server runs a frame every 50 ms, so a 2000 ms timeout set at 0 fires on the frame at 2050.
 */
const SERVER_FRAME_MS = 50;
const CLIENT_FRAME_MS = 16;
const firstServerFrameAfter = (ms: number) => (Math.floor(ms / SERVER_FRAME_MS) + 1) * SERVER_FRAME_MS;

describe('typed errors', () => {
  it('TIMEOUT after exactly the time allowed, in virtual time', async () => {
    const { world, server, client, clientKit } = startHarness();
    client(1).register('never', () => clientKit(1).rx.NEVER);
    const started = world.now;
    const error = await world.settle(rejectionOf(server.with({ timeout: 2000 }).call(1, 'never')));
    expect(error).toMatchObject({ code: 'TIMEOUT', message: 'Callback "never" timed out after 2000 ms', details: { timeout: 2000 } });
    expect(started).toBe(0);
    expect(world.now - started).toBe(firstServerFrameAfter(2000));
  });

  it('the default timeout comes from the convar fxcallbacks:timeout, else 10 s', async () => {
    const configured = startHarness({ convars: { 'fxcallbacks:timeout': '1500' } });
    configured.client(1).register('never', () => configured.clientKit(1).rx.NEVER);
    let started = configured.world.now;
    await expect(configured.world.settle(rejectionOf(configured.server.call(1, 'never')))).resolves.toMatchObject({ code: 'TIMEOUT' });
    expect(configured.world.now - started).toBe(firstServerFrameAfter(1500));

    const plain = startHarness();
    plain.client(1).register('never', () => plain.clientKit(1).rx.NEVER);
    started = plain.world.now;
    await expect(plain.world.settle(rejectionOf(plain.server.call(1, 'never')))).resolves.toMatchObject({ code: 'TIMEOUT' });
    expect(plain.world.now - started).toBe(firstServerFrameAfter(10_000));
  });

  it('timeout: false waits as long as it takes', async () => {
    const { world, server, client, clientKit } = startHarness();
    client(1).register('ponder', async () => {
      await clientKit(1).delay(3_600_000);
      return 42;
    });
    await expect(world.settle(server.with({ timeout: false }).call(1, 'ponder'), 4_000_000)).resolves.toBe(42);
  });

  it('NO_SUCH_CALLBACK is answered at once, without waiting for a timeout', async () => {
    const { world, client } = startHarness({ latency: 20 });
    const started = world.now;
    const error = await world.settle(rejectionOf(client(1).call('missing')));
    expect(error).toMatchObject({ code: 'NO_SUCH_CALLBACK', message: 'no callback named "missing" is registered' });
    // One round trip, the server frame that dispatches the request and the client frame that takes the answer.
    expect(world.now - started).toBeLessThanOrEqual(2 * 20 + SERVER_FRAME_MS + CLIENT_FRAME_MS);
  });

  it('HANDLER_ERROR carries the message of a throw, a rejection or a thrown string', async () => {
    const { world, server, client } = startHarness();
    server.register('throws', () => {
      throw new Error('boom');
    });
    server.register('rejects', async () => {
      throw new Error('async boom');
    });
    server.register('throwsString', () => {
      throw 'plain string';
    });
    for (const [name, message] of [
      ['throws', 'boom'],
      ['rejects', 'async boom'],
      ['throwsString', 'plain string'],
    ]) {
      await expect(world.settle(rejectionOf(client(1).call(name!)))).resolves.toMatchObject({ code: 'HANDLER_ERROR', message });
    }
    expect(server.stats.runningHandlers).toBe(0);
  });

  it('an answer that cannot cross the network becomes HANDLER_ERROR instead of a mangled value', async () => {
    const { world, server, client } = startHarness();
    server.register('leaky', () => ({ onClick: () => 1 }));
    await expect(world.settle(rejectionOf(client(1).call('leaky')))).resolves.toMatchObject({
      code: 'HANDLER_ERROR',
      message: expect.stringContaining('[0].onClick is a function'),
    });
  });

  it('INVALID_ARGUMENT for caller mistakes, before anything is sent', async () => {
    const { world, server, client } = startHarness();
    server.register('echo', (_player: number, value: unknown) => value);
    world.network.resetStats();
    const api = client(1) as any;
    const mistakes: [Promise<unknown>, RegExp][] = [
      [api.call(123), /callback name must be a non-empty string/],
      [api.call(''), /callback name must be a non-empty string/],
      [api.call('echo', () => 1), /argument \[0\] is a function/],
      [api.call('echo', { when: world.client(1).resource('harness').run('new Map()') }), /argument \[0\]\.when is a Map/],
      [api.call('echo', world.client(1).resource('harness').run('10n')), /BigInt/],
      [api.with.call(api, {}).call('echo', world.client(1).resource('harness').run('(() => { const a = {}; a.self = a; return a; })()')), /circular/],
    ];
    for (const [call, message] of mistakes) {
      await expect(world.settle(rejectionOf(call))).resolves.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(message) });
    }
    expect(() => api.with({ timeout: -1 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => api.with({ retries: 'many' })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => server.register('x', 'not a function' as never)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(world.network.stats.toServer.events).toBe(0);
  });
});
