import { RESOURCE, rejectionOf, startHarness } from '../support/harness';
import { PROTOCOL_VERSION } from '../../src/core/wire/protocol';

const EVENT = `fxcb:${RESOURCE}`;

/** Sends raw envelopes on the library's net event from a player's machine, as a cheating client can. */
function sendRaw(world: ReturnType<typeof startHarness>['world'], player: number, ...envelopes: unknown[]): void {
  const context = world.client(player).resource(RESOURCE);
  context.globals.__rawEnvelopes = envelopes;
  context.run(`for (const envelope of __rawEnvelopes) emitNet(${JSON.stringify(EVENT)}, envelope)`);
}

describe('the wire', () => {
  it('a plain call is one request event and one reply event', async () => {
    const { world, server, client } = startHarness();
    server.register('ping', () => 'pong');
    world.network.resetStats();
    await world.settle(client(1).call('ping'));
    expect(world.network.stats.byName[EVENT]).toEqual({
      toServer: { events: 1, bytes: expect.any(Number) },
      toClients: { events: 1, bytes: expect.any(Number) },
    });
  });

  it('a burst of 500 calls crosses in a handful of events and every call gets its answer', async () => {
    const { world, server, client } = startHarness();
    server.register('double', (_player: number, n: number) => n * 2);
    world.network.resetStats();
    const answers = await world.settle(Promise.all(Array.from({ length: 500 }, (_, n) => client(1).call('double', n))));
    expect(answers).toEqual(Array.from({ length: 500 }, (_, n) => n * 2));
    const { toServer, toClients } = world.network.stats.byName[EVENT]!;
    expect(toServer.events).toBeLessThanOrEqual(8);
    expect(toClients.events).toBeLessThanOrEqual(16);
    expect(world.network.stats.dropped.rateLimited).toBe(0);
  });

  it('a reply forged by another player is ignored; the real answer still arrives', async () => {
    const { world, server, client, clientKit } = startHarness({ players: 2, latency: 50 });
    let requestId: number | undefined;
    world.network.intercept((packet) => {
      if (packet.to === 1 && packet.name === EVENT) requestId ??= ((packet.args[0] as unknown[])[1] as unknown[])[1] as number;
    });
    client(1).register('balance', async () => {
      await clientKit(1).delay(500);
      return 100;
    });
    const call = server.call(1, 'balance');
    await world.advance(60);
    expect(requestId).toBeDefined();
    sendRaw(world, 2, [PROTOCOL_VERSION, [1, requestId, [999999]], [3, requestId]]);
    await world.advance(100);
    expect(server.stats.pendingCalls).toBe(1);
    await expect(world.settle(call)).resolves.toBe(100);
  });

  it('a second reply to the same request is ignored', async () => {
    const { world, server, client, clientKit } = startHarness();
    let requestId: number | undefined;
    world.network.intercept((packet) => {
      if (packet.to === 1 && packet.name === EVENT) requestId ??= ((packet.args[0] as unknown[])[1] as unknown[])[1] as number;
    });
    client(1).register('never', () => clientKit(1).rx.NEVER);
    const seen: unknown[] = [];
    const settled = new Promise((resolve) =>
      server.call$(1, 'never').subscribe({ next: (v) => seen.push(v), error: resolve, complete: () => resolve('complete') }),
    );
    await world.advance(20);
    sendRaw(world, 1, [PROTOCOL_VERSION, [1, requestId, ['first']], [3, requestId]], [PROTOCOL_VERSION, [1, requestId, ['second']], [2, requestId, 'HANDLER_ERROR', 'late']]);
    await expect(world.settle(settled)).resolves.toBe('complete');
    expect(seen).toEqual(['first']);
    expect(server.stats.pendingCalls).toBe(0);
  });

  it('malformed envelopes from a client are dropped, counted and logged; the server keeps answering', async () => {
    const { world, server, client } = startHarness({ players: 2 });
    server.register('ping', () => 'pong');
    const garbage = [
      null,
      'hello',
      42,
      {},
      [],
      [PROTOCOL_VERSION, [0, 1, 'ping', [], 0]], // version 1: a peer from before packed payloads
      [1, 'not a frame'],
      [PROTOCOL_VERSION, [0, -1, 'ping', [], 0]],
      [PROTOCOL_VERSION, [0, 1, '', [], 0]],
      [PROTOCOL_VERSION, [0, 1, 'x'.repeat(500), [], 0]],
      [PROTOCOL_VERSION, [0, 1.5, 'ping', [], 0]],
      [PROTOCOL_VERSION, [0, 1, 'ping', 'not args', 0]],
      [PROTOCOL_VERSION, [2, 1, 'NOT_A_CODE', 'x']],
      [PROTOCOL_VERSION, [9, 1]],
      [PROTOCOL_VERSION, ...Array.from({ length: 600 }, () => [3, 1])],
    ];
    sendRaw(world, 2, ...garbage);
    await world.advance(100);
    expect(server.stats.rejectedFrames).toBeGreaterThanOrEqual(garbage.length - 1);
    expect(world.logs.find(/fxcallbacks: dropped/)).toBeTruthy();
    expect(world.logs.errors()).toEqual([]);
    expect(server.stats).toMatchObject({ pendingCalls: 0, runningHandlers: 0 });
    await expect(world.settle(client(1).call('ping'))).resolves.toBe('pong');
    await expect(world.settle(client(2).call('ping'))).resolves.toBe('pong');
  });

  it('a local emit of the net event name on the server is not taken for a player', async () => {
    const { world, server } = startHarness();
    let calls = 0;
    server.register('ping', () => ++calls);
    world.server.resource(RESOURCE).run(`emit(${JSON.stringify(EVENT)}, [${PROTOCOL_VERSION}, [0, 7, 'ping', [], 0]])`);
    await world.advance(50);
    expect(calls).toBe(0);
    expect(server.stats.rejectedFrames).toBe(1);
  });

  it('an id the server never issued, or issued to someone else, finds nothing', async () => {
    const { world, server } = startHarness();
    sendRaw(world, 1, [PROTOCOL_VERSION, [1, 12345, ['x']], [3, 12345], [4, 777]]);
    await world.advance(50);
    expect(server.stats).toMatchObject({ pendingCalls: 0, runningHandlers: 0 });
    expect(world.logs.errors()).toEqual([]);
    await expect(world.settle(rejectionOf(server.with({ timeout: 100 }).call(1, 'missing')))).resolves.toMatchObject({ code: 'NO_SUCH_CALLBACK' });
  });
});
