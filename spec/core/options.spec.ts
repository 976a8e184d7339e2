import { z } from 'zod';
import { RESOURCE, rejectionOf, startHarness } from '../support/harness';

const EVENT = `fxcb:${RESOURCE}`;

describe('operators wired in as options, end to end in the world', () => {
  it('rate limit: a flood of 1,000 calls from one player is limited exactly; another player is still answered', async () => {
    const { world, server, client } = startHarness({ players: 2 });
    let runs = 0;
    server.register('claim', () => ++runs, { rateLimit: { limit: 10, window: 60_000 } });
    const flood = Array.from({ length: 1000 }, () => client(1).call('claim').then(() => 'ok', (error) => error.code));
    const outcomes = await world.settle(Promise.all(flood));
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(10);
    expect(outcomes.filter((o) => o === 'RATE_LIMITED')).toHaveLength(990);
    expect(runs).toBe(10);
    await expect(world.settle(client(2).call('claim'))).resolves.toBe(11);
    // the bucket refills at limit/window: one more call after 6 s
    await world.advance(6000);
    await expect(world.settle(client(1).call('claim'))).resolves.toBe(12);
    await expect(world.settle(rejectionOf(client(1).call('claim')))).resolves.toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('retries with the same request id: a lost reply does not run a non-idempotent handler twice', async () => {
    const { world, server, client } = startHarness({ latency: 20 });
    let charged = 0;
    server.register('purchaseVehicle', (_player: number, price: number) => {
      charged += price;
      return { vehicleId: 7, charged };
    });
    let lost = 0;
    world.network.intercept((packet) => (packet.to === 1 && packet.name === EVENT && lost++ < 2 ? 'drop' : 'deliver'));
    const purchase = client(1).with({ timeout: 1000, retries: 3, retryDelay: 100 }).call('purchaseVehicle', 5000);
    await expect(world.settle(purchase)).resolves.toEqual({ vehicleId: 7, charged: 5000 });
    expect(charged).toBe(5000);
    expect(lost).toBe(3);
    expect(client(1).metrics.snapshot().callbacks.find((c) => c.name === 'purchaseVehicle')).toMatchObject({ retries: 2, successes: 1 });
  });

  it('retries give up after the last attempt with TIMEOUT, and never retry a handler error', async () => {
    const { world, server, client } = startHarness();
    let runs = 0;
    server.register('broken', () => {
      runs++;
      throw new Error('nope');
    });
    await expect(world.settle(rejectionOf(client(1).with({ retries: 3 }).call('broken')))).resolves.toMatchObject({ code: 'HANDLER_ERROR' });
    expect(runs).toBe(1);
    world.network.intercept((packet) => (packet.to === 1 ? 'drop' : 'deliver'));
    server.register('ok', () => 1);
    const started = world.now;
    await expect(world.settle(rejectionOf(client(1).with({ timeout: 500, retries: 2, retryDelay: 100 }).call('ok')))).resolves.toMatchObject({
      code: 'TIMEOUT',
    });
    // three attempts of 500 ms and two backoff pauses of at most 100 and 200 ms (client frames are 16 ms)
    expect(world.now - started).toBeGreaterThanOrEqual(1500);
    expect(world.now - started).toBeLessThan(1500 + 300 + 5 * 16);
  });

  it('priority queue: with a concurrency of 1, higher priority starts first, FIFO within a priority', async () => {
    const { world, server, client } = startHarness({ clientOptions: { queue: { concurrency: 1, maxQueued: 10 } } });
    const order: string[] = [];
    server.register('job', (_player: number, label: string) => {
      order.push(label);
      return label;
    });
    const api = client(1);
    const calls = [
      api.with({ priority: 0 }).call('job', 'first'),
      api.with({ priority: 1 }).call('job', 'low-a'),
      api.with({ priority: 5 }).call('job', 'high'),
      api.with({ priority: 1 }).call('job', 'low-b'),
    ];
    await world.settle(Promise.all(calls));
    expect(order).toEqual(['first', 'high', 'low-a', 'low-b']);
  });

  it('the outgoing queue is bounded: QUEUE_FULL at once', async () => {
    const { world, server, client } = startHarness({ clientOptions: { queue: { concurrency: 1, maxQueued: 2 } } });
    server.register('job', () => 1);
    const api = client(1);
    const calls = [api.call('job'), api.call('job'), api.call('job'), rejectionOf(api.call('job'))];
    const outcomes = await world.settle(Promise.all(calls));
    expect(outcomes.slice(0, 3)).toEqual([1, 1, 1]);
    expect(outcomes[3]).toMatchObject({ code: 'QUEUE_FULL' });
  });

  it('incoming queue on the server: one handler at a time per player, by the registration priority', async () => {
    const { world, server, client, serverKit } = startHarness({ players: 2, serverOptions: { incomingQueue: { concurrency: 1, maxQueued: 50 } } });
    const log: string[] = [];
    const work = (label: string) => async (player: number) => {
      log.push(`start ${player}:${label}`);
      await serverKit.delay(100);
      log.push(`end ${player}:${label}`);
      return label;
    };
    server.register('normal', work('normal'));
    server.register('urgent', work('urgent'), { priority: 10 });
    const calls = [client(1).call('normal'), client(1).call('normal'), client(1).call('urgent'), client(2).call('normal')];
    await world.settle(Promise.all(calls));
    const player1 = log.filter((line) => line.includes(' 1:'));
    expect(player1).toEqual(['start 1:normal', 'end 1:normal', 'start 1:urgent', 'end 1:urgent', 'start 1:normal', 'end 1:normal']);
    // player 2 did not wait for player 1's queue
    expect(log.indexOf('start 2:normal')).toBeLessThan(log.indexOf('end 1:normal'));
  });

  it('validation: a zod schema and a Lua-style schema both reject bad input with VALIDATION_FAILED; the handler never runs', async () => {
    const { world, server, client } = startHarness();
    let runs = 0;
    server.register('rename', (_player: number, name: string) => (runs++, name.toUpperCase()), {
      schema: z.tuple([z.string().min(3)]),
    });
    server.register('secureOperation', (_player: number, data: { action: string }) => (runs++, data.action), {
      schema: { required: ['action', 'parameters'], types: { action: 'string', parameters: 'table' } },
    });
    await expect(world.settle(client(1).call('rename', 'alice'))).resolves.toBe('ALICE');
    await expect(world.settle(client(1).call('secureOperation', { action: 'heal', parameters: {} }))).resolves.toBe('heal');
    expect(runs).toBe(2);

    const zodFailure = await world.settle(rejectionOf(client(1).call('rename', 42)));
    expect(zodFailure).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [expect.stringContaining('args[0]')] } });
    const luaFailure = await world.settle(rejectionOf(client(1).call('secureOperation', { action: 5 })));
    expect(luaFailure).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(luaFailure.message).toMatch(/parameters/);
    expect(runs).toBe(2);
  });

  it('result validation: a handler answering the wrong shape fails with VALIDATION_FAILED', async () => {
    const { world, server, client } = startHarness();
    server.register('count', () => 'not a number', { resultSchema: z.tuple([z.number()]) });
    await expect(world.settle(rejectionOf(client(1).call('count')))).resolves.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('permission: a player without the ACE gets FORBIDDEN; one with it is answered', async () => {
    const { world, server, client } = startHarness({ players: 2 });
    server.register('kick', () => 'kicked', { permission: 'command.kick' });
    world.setAce(2, 'command.kick');
    await expect(world.settle(rejectionOf(client(1).call('kick')))).resolves.toMatchObject({ code: 'FORBIDDEN' });
    await expect(world.settle(client(2).call('kick'))).resolves.toBe('kicked');
  });

  it('a handler time limit at registration: the caller gets TIMEOUT and the handler is torn down', async () => {
    const { world, server, client, serverKit } = startHarness();
    let tornDown = false;
    server.register('stuck', () => serverKit.rx.NEVER.pipe(serverKit.rx.finalize(() => (tornDown = true))), { timeout: 300 });
    await expect(world.settle(rejectionOf(client(1).call('stuck')))).resolves.toMatchObject({ code: 'TIMEOUT' });
    expect(tornDown).toBe(true);
    expect(server.stats.runningHandlers).toBe(0);
  });

  it('client pacing keeps a burst under FiveM\'s limiter: delayed, never dropped', async () => {
    // One frame per envelope, so that every call is its own net event.
    const { world, server, client } = startHarness({ clientOptions: { maxFramesPerEnvelope: 1 } });
    server.register('ping', () => 'pong');
    const started = world.now;
    const answers = await world.settle(Promise.all(Array.from({ length: 300 }, () => client(1).call('ping'))));
    expect(answers).toHaveLength(300);
    expect(world.network.stats.dropped.rateLimited).toBe(0);
    expect(world.network.stats.kicked).toBe(0);
    // 180 go at once, the other 120 at 45/s
    expect(world.now - started).toBeGreaterThanOrEqual(2600);
  });

  it('metrics count what happened, per callback and direction', async () => {
    const { world, server, client } = startHarness();
    server.register('ok', () => 1);
    server.register('fails', () => {
      throw new Error('x');
    });
    for (let i = 0; i < 4; i++) await world.settle(client(1).call('ok'));
    for (let i = 0; i < 2; i++) await world.settle(rejectionOf(client(1).call('fails')));
    await world.settle(rejectionOf(client(1).call('missing')));
    const outgoing = client(1).metrics.snapshot().callbacks;
    expect(outgoing.find((c) => c.name === 'ok')).toMatchObject({ direction: 'outgoing', calls: 4, successes: 4, failures: 0, inFlight: 0 });
    expect(outgoing.find((c) => c.name === 'fails')).toMatchObject({ calls: 2, failures: 2, errors: { HANDLER_ERROR: 2 } });
    expect(outgoing.find((c) => c.name === 'missing')).toMatchObject({ calls: 1, errors: { NO_SUCH_CALLBACK: 1 } });
    const incoming = server.metrics.snapshot().callbacks;
    expect(incoming.find((c) => c.name === 'ok')).toMatchObject({ direction: 'incoming', calls: 4, successes: 4 });
    expect(incoming.find((c) => c.name === 'ok')!.latency.samples).toBe(4);
  });

  it('the metrics console command prints a table of every callback', async () => {
    const { world, server, client } = startHarness();
    server.register('ok', () => 1);
    await world.settle(client(1).call('ok'));
    server.registerMetricsCommand('cbstats');
    world.logs.clear();
    world.server.executeCommand('cbstats');
    const printed = world.logs.entries.map((entry) => entry.text).join('\n');
    expect(printed).toMatch(/^callback\s+dir\s+calls/m);
    expect(printed).toMatch(/^ok\s+in\s+1\s+1\s/m);
  });

  it('registering a name twice in one standalone resource warns once, and the new handler answers', async () => {
    const { world, server, client } = startHarness();
    server.register('price', () => 1);
    expect(world.logs.find(/a second time/)).toHaveLength(0);
    server.register('price', () => 2);
    expect(world.logs.entries.filter((entry) => /registers callback "price" a second time/.test(entry.text))).toHaveLength(1);
    await expect(world.settle(client(1).call('price'))).resolves.toBe(2);
  });

  it('invalid registration options fail at registration with INVALID_ARGUMENT', () => {
    const { server } = startHarness();
    const handler = () => 1;
    const invalid = expect.objectContaining({ code: 'INVALID_ARGUMENT' });
    expect(() => server.register('a', handler, { rateLimit: { limit: 'ten' as never, window: 1000 } })).toThrow(invalid);
    expect(() => server.register('b', handler, { rateLimit: { limit: 10, window: -5 } })).toThrow(invalid);
    expect(() => server.register('c', handler, { timeout: -1 })).toThrow(invalid);
    expect(() => server.register('d', handler, { schema: { required: 'action' } as never })).toThrow(invalid);
    expect(() => server.register('e', handler, { permission: '' })).toThrow(invalid);
    expect(() => server.register('f', handler, { priority: Number.NaN })).toThrow(invalid);
    expect(server.stats.registeredCallbacks).toBe(0);
  });
});
