/**
 * Hostile payloads: what msgpack lets a cheating client build, and where the runtime's decoder, not the library,
 * is the first line. Each refused request gets one clear error; no handler sees it; nothing is polluted.
 */
import { encode, Ext, Int64, protoKeyed } from '../fuzz/msgpack';
import { PROTOCOL_VERSION } from '../../src/core/wire/protocol';
import { EVENT, expectNothingLeft, RESOURCE, sendRaw, startHarness, watchFrames } from './support';

/** Sends one request from player 1 and returns the server's reply frames to it. */
async function ask(h: ReturnType<typeof startHarness>, name: string, args: unknown[]): Promise<unknown[][]> {
  const replies = watchFrames(h.world, 'server', 1);
  sendRaw(h.world, 1, 'server', [PROTOCOL_VERSION, [0, 7, name, args, 0]]);
  await h.world.advance(50);
  return replies.frames;
}

describe('packed arguments (bytes, as a Lua state packs them): checked on the bytes before anybody unpacks them', () => {
  /** A request whose arguments are one msgpack bin: what a Lua caller's REQUEST carries. */
  const packed = (...values: unknown[]) => encode(values);

  it('well-formed: a TypeScript handler gets the values as FiveM\'s JS runtime unpacks them', async () => {
    const h = startHarness();
    h.server.register('echo', (_player: number, ...args: unknown[]) => args);
    const replies = await ask(h, 'echo', packed(1, 'two', { three: [3] }, null, 2 ** 40) as unknown as unknown[]);
    expect(replies).toEqual([[5, 7, [[1, 'two', { three: [3] }, null, 2 ** 40]]]]);
    expectNothingLeft(h);
  });

  it.each([
    ['a function reference (ext 10)', packed('x', new Ext(10, Buffer.from('victim:1:1'))), 'INVALID_ARGUMENT', /extension of type 10/, undefined],
    ['cut short', packed('a long string').slice(0, 6), 'INVALID_ARGUMENT', /cut short/, undefined],
    ['a map, not a list', encode({ a: 1 }), 'INVALID_ARGUMENT', /not a packed list/, undefined],
    ['nested deeper than the cap', packed(JSON.parse('['.repeat(40) + ']'.repeat(40))), 'LIMIT_EXCEEDED', /nested deeper/, { maxDepth: 16 }],
    ['more values than the cap', packed(...new Array(300).fill(1)), 'LIMIT_EXCEEDED', /at most/, { maxValues: 256 }],
  ] as const)('%s: refused with one clear error, the handler never runs', async (_, bytes, code, message, details?: object) => {
    const h = startHarness({ serverOptions: { limits: { maxValues: 256 } } });
    let runs = 0;
    h.server.register('store', () => ++runs);
    const replies = await ask(h, 'store', bytes as unknown as unknown[]);
    expect(replies).toEqual([[2, 7, code, expect.stringMatching(message), ...(details ? [details] : [])]]);
    expect(runs).toBe(0);
    expectNothingLeft(h);
  });

  it('a vector (ext 21, FiveM\'s vector3) is a value: it passes the check', async () => {
    const h = startHarness();
    let runs = 0;
    h.server.register('aim', () => ++runs);
    await ask(h, 'aim', packed(new Ext(21, new Uint8Array(12))) as unknown as unknown[]);
    expect(runs).toBe(1);
    expectNothingLeft(h);
  });
});

describe('hostile arguments', () => {
  it('an object with a __proto__ key: INVALID_ARGUMENT, the handler never runs, no prototype is polluted', async () => {
    const h = startHarness();
    let runs = 0;
    h.server.register('store', () => ++runs);
    const replies = await ask(h, 'store', [protoKeyed({ isAdmin: true }, { name: 'x' })]);
    expect(replies).toEqual([[2, 7, 'INVALID_ARGUMENT', expect.stringContaining('argument [0]')]]);
    expect(runs).toBe(0);
    expect(h.world.server.resource(RESOURCE).run('({}).isAdmin')).toBeUndefined();
    expectNothingLeft(h);
  });

  it('a prototype whose constructor has a name that is not a string: still INVALID_ARGUMENT', async () => {
    const h = startHarness();
    let runs = 0;
    h.server.register('store', () => ++runs);
    const replies = await ask(h, 'store', [protoKeyed({ constructor: { name: { toString: 5 } } })]);
    expect(replies).toEqual([[2, 7, 'INVALID_ARGUMENT', expect.stringContaining('argument [0]')]]);
    expect(runs).toBe(0);
    expectNothingLeft(h);
  });

  // Regression: an object that only inherits ArrayBuffer's toString tag from its prototype made reading its
  // `byteLength` throw inside the admission gate; `inspectValues` now reads the length of genuine ArrayBuffers only.
  it('an object whose prototype is an ArrayBuffer (a msgpack bin under __proto__): INVALID_ARGUMENT', async () => {
    const h = startHarness();
    let runs = 0;
    h.server.register('store', () => ++runs);
    const replies = await ask(h, 'store', [protoKeyed(new Uint8Array(4))]);
    expect(replies).toEqual([[2, 7, 'INVALID_ARGUMENT', expect.stringContaining('argument [0]')]]);
    expect(runs).toBe(0);
  });

  it('function references and unknown ext types: INVALID_ARGUMENT; the reference is never called', async () => {
    const h = startHarness();
    const victim = h.world.server.resource(RESOURCE).run('globalThis.victimCalls = 0; Citizen.makeRefFunction(function () { globalThis.victimCalls++; })') as string;
    let runs = 0;
    h.server.register('store', () => ++runs);
    for (const value of [new Ext(10, Buffer.from(victim)), new Ext(11, Buffer.from(victim)), { nested: [new Ext(10, Buffer.from(victim))] }, new Ext(42, Buffer.from('x'))]) {
      const replies = await ask(h, 'store', [value]);
      expect(replies).toEqual([[2, 7, 'INVALID_ARGUMENT', expect.any(String)]]);
    }
    expect(runs).toBe(0);
    expect(h.world.server.resource(RESOURCE).globals.victimCalls).toBe(0);
    expectNothingLeft(h);
  });

  it('a thenable argument reaches the handler as plain data and is never adopted', async () => {
    const h = startHarness();
    const received: unknown[] = [];
    h.server.register('store', (_player: number, value: unknown) => (received.push(value), value));
    const replies = await ask(h, 'store', [{ then: 5 }]);
    expect(replies).toEqual([[5, 7, [{ then: 5 }]]]);
    expect(received).toHaveLength(1);
  });

  it('integers beyond 2^53 arrive as (imprecise) numbers: a handler must not trust them as exact ids or amounts', async () => {
    const h = startHarness();
    const received: unknown[] = [];
    h.server.register('store', (_player: number, value: unknown) => void received.push(value));
    await ask(h, 'store', [new Int64(2n ** 63n - 1n)]);
    expect(received).toEqual([2 ** 63]);
  });
});

describe('what the runtime refuses before the library sees it', () => {
  it('nesting too deep for the runtime\'s decoder: the runtime logs a SCRIPT ERROR and drops the event; the library is untouched', async () => {
    const h = startHarness();
    h.server.register('ping', () => 'pong');
    const before = h.server.stats.rejectedFrames;
    // [[PROTOCOL_VERSION, [0, 1, "ping", [[[[...100,000 levels...]]]], 0]]] written by hand: no encoder recurses that deep.
    const depth = 100_000;
    const bytes = Uint8Array.from([0x91, 0x92, PROTOCOL_VERSION, 0x95, 0x00, 0x01, 0xa4, ...Buffer.from('ping'), 0x91, ...new Array(depth).fill(0x91), 0xc0, 0x00]);
    h.world.network.send(1, 'server', EVENT, bytes, null);
    await h.world.advance(50);
    const errors = h.world.logs.errors();
    expect(errors).toHaveLength(1);
    expect(errors[0]!.text).toMatch(/SCRIPT ERROR in event fxcb:harness: RangeError: Maximum call stack size exceeded/);
    expect(h.server.stats.rejectedFrames).toBe(before);
    await expect(h.world.settle(h.client(1).call('ping'))).resolves.toBe('pong');
    expect(h.server.stats).toMatchObject({ pendingCalls: 0, runningHandlers: 0 });
  });

  it('a map key the decoder cannot turn into a string (its prototype is a function reference): the runtime throws, the library is untouched', async () => {
    const h = startHarness();
    h.server.register('ping', () => 'pong');
    const { RawMap } = await import('../fuzz/msgpack');
    const poisonedKey = protoKeyed(new Ext(10, Buffer.from('harness:1:0')));
    h.world.network.send(1, 'server', EVENT, encode([[PROTOCOL_VERSION, [0, 1, 'ping', [new RawMap([[poisonedKey, 1]])], 0]]]), null);
    await h.world.advance(50);
    expect(h.world.logs.errors().map((e) => e.text)).toEqual([expect.stringMatching(/^\^1SCRIPT ERROR in event fxcb:harness: TypeError/)]);
    await expect(h.world.settle(h.client(1).call('ping'))).resolves.toBe('pong');
  });
});

describe('identity comes from the runtime, never from the payload', () => {
  it('a handler sees the sending player, whatever the request claims', async () => {
    const h = startHarness({ players: 3 });
    const seen: number[] = [];
    h.server.register('whoami', (player: number) => (seen.push(player), player));
    sendRaw(h.world, 3, 'server', [PROTOCOL_VERSION, [0, 1, 'whoami', [2, { player: 2, source: 2 }], 0]], [PROTOCOL_VERSION, [0, 2, 'whoami', [], 0], 2]);
    await h.world.advance(50);
    expect(seen).toEqual([3, 3]);
  });

  it('a client cannot fake the server\'s lifecycle events: onResourceStop and playerDropped sent over the network are refused by the runtime', async () => {
    const h = startHarness({ players: 2 });
    h.server.register('ping', () => 'pong');
    const context = h.world.client(1).resource(RESOURCE);
    context.run(`emitNet('onResourceStop', '${RESOURCE}'); emitNet('playerDropped', 'bye'); emitNet('onServerResourceStop', '${RESOURCE}')`);
    await h.world.advance(50);
    expect(h.world.logs.errors().map((e) => e.text)).toEqual([
      'Event onResourceStop was not safe for net',
      'Event playerDropped was not safe for net',
      'Event onServerResourceStop was not safe for net',
    ]);
    await expect(h.world.settle(h.client(1).call('ping'))).resolves.toBe('pong');
    await expect(h.world.settle(h.client(2).call('ping'))).resolves.toBe('pong');
  });
});
