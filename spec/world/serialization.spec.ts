import { newWorld, js } from './helpers';

/** Sends `expr` from a client to the server and returns what the server's handler got, described in-realm. */
async function roundTrip(expr: string, describe = 'JSON.stringify(v)') {
  const world = newWorld();
  world.startResource({
    name: 'a',
    server: js(`onNet('v', (...args) => { const v = args[0]; globalThis.out = { n: args.length, d: (${describe}) }; });`),
    client: js(''),
  });
  const client = world.connect();
  client.resource('a').run(`emitNet('v', ${expr})`);
  await world.advance(50);
  return world.server.resource('a').globals.out as { n: number; d: unknown };
}

describe('serialization (msgpack-lite, preset off) on every net event', () => {
  test('undefined arrives as null', async () => {
    expect((await roundTrip('undefined', 'v === null')).d).toBe(true);
    expect((await roundTrip('{ a: undefined }')).d).toBe('{"a":null}');
  });

  test('Map, Set and Date arrive as {}', async () => {
    expect((await roundTrip('new Map([[1, 2]])')).d).toBe('{}');
    expect((await roundTrip('new Set([1, 2])')).d).toBe('{}');
    expect((await roundTrip('new Date()')).d).toBe('{}');
  });

  test('class instances arrive as plain objects of their own enumerable properties', async () => {
    const out = await roundTrip(
      '(() => { class P { constructor() { this.x = 1; } get y() { return 2; } m() {} }; return new P(); })()',
      '[JSON.stringify(v), Object.getPrototypeOf(v) === Object.prototype]',
    );
    expect(Array.from(out.d as unknown[])).toEqual(['{"x":1}', true]);
  });

  test('BigInt throws in the sender', () => {
    const world = newWorld();
    world.startResource({ name: 'a', server: js(`try { emitNet('x', -1, 1n); globalThis.r = 'sent'; } catch (e) { globalThis.r = e.message; }`) });
    expect(world.server.resource('a').globals.r).toMatch(/Unsupported type "bigint"/);
  });

  test('integers above 2^53 lose precision', async () => {
    expect((await roundTrip('2 ** 53 + 1', 'v === 2 ** 53')).d).toBe(true);
  });

  test('ArrayBuffer travels as binary and arrives as an ArrayBuffer of the receiving realm', async () => {
    const out = await roundTrip('new Uint8Array([1, 2, 3]).buffer', '[v instanceof ArrayBuffer, Array.from(new Uint8Array(v)).join()]');
    expect(Array.from(out.d as unknown[])).toEqual([true, '1,2,3']);
  });

  test('Uint8Array arrives as {"0":..,"1":..}; so does a server Buffer', async () => {
    expect((await roundTrip('new Uint8Array([7, 8])')).d).toBe('{"0":7,"1":8}');
    const world = newWorld();
    world.startResource({
      name: 'a',
      server: js(`emitNet('b', -1, Buffer.from([9, 10]));`.replace('emitNet', 'globalThis.send = () => emitNet')),
      client: js(`onNet('b', (v) => { globalThis.b = JSON.stringify(v); });`),
    });
    const client = world.connect();
    world.server.resource('a').run('send()');
    await world.advance(50);
    expect(client.resource('a').globals.b).toBe('{"0":9,"1":10}');
  });

  test('decoded values are objects of the receiving realm', async () => {
    const out = await roundTrip('{ list: [1, 2] }', '[v instanceof Object, v.list instanceof Array, Object.getPrototypeOf(v) === Object.prototype]');
    expect(Array.from(out.d as unknown[])).toEqual([true, true, true]);
  });

  test('trailing undefined arguments still count', async () => {
    const out = await roundTrip('1, undefined', 'args.length');
    expect(out.n).toBe(2);
  });

  test('a function sent over the network arrives as a reference that cannot be called there', async () => {
    const world = newWorld();
    world.startResource({
      name: 'a',
      server: js(`onNet('f', (fn) => { globalThis.kind = typeof fn; try { fn(); globalThis.r = 'called'; } catch (e) { globalThis.r = e.message; } });`),
      client: js(''),
    });
    const client = world.connect();
    client.resource('a').run(`emitNet('f', () => 1)`);
    await world.advance(50);
    const g = world.server.resource('a').globals;
    expect(g.kind).toBe('function');
    expect(g.r).toMatch(/Error in nested ref call/);
  });

  test('functions passed through a local event are callable references (sync, through pack/unpack)', () => {
    const world = newWorld();
    world.startResource({ name: 'b', server: js(`on('cb', (fn) => { globalThis.result = fn({ x: undefined }, 2); });`) });
    world.startResource({ name: 'a', server: js(`emit('cb', (o, n) => [o.x, n, typeof o]);`) });
    expect(JSON.stringify(world.server.resource('b').globals.result)).toBe('[null,2,"object"]');
  });

  test('generator functions are not references: they pack as nil', () => {
    const world = newWorld();
    world.startResource({ name: 'a', server: js(`on('g', (v) => { globalThis.v = v; }); emit('g', function* () {});`) });
    expect(world.server.resource('a').globals.v).toBeNull();
  });
});
