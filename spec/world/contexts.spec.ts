import { newWorld, js } from './helpers';

describe('script contexts', () => {
  test('a client context has no require, process, Buffer, queueMicrotask, TextEncoder or structuredClone', () => {
    const world = newWorld();
    world.startResource({
      name: 'a',
      client: js(`globalThis.types = ['require', 'process', 'Buffer', 'queueMicrotask', 'TextEncoder', 'structuredClone', 'module', 'global'].map((n) => typeof globalThis[n]);`),
    });
    const client = world.connect();
    expect(Array.from(client.resource('a').globals.types)).toEqual(Array(8).fill('undefined'));
  });

  test('a server context has Node: require, process, Buffer, global; but no module', () => {
    const world = newWorld();
    world.startResource({
      name: 'a',
      server: js(`globalThis.types = [typeof require, typeof process, typeof Buffer, global === globalThis, typeof module, require('path').join('a', 'b')];`),
    });
    expect(Array.from(world.server.resource('a').globals.types)).toEqual(['function', 'object', 'function', true, 'undefined', 'a/b']);
  });

  test('both sides have the CitizenFX globals', () => {
    const world = newWorld();
    const names = ['on', 'onNet', 'emit', 'emitNet', 'exports', 'setTick', 'GetCurrentResourceName', 'GetGameTimer', 'msgpack_pack', 'Citizen'];
    const probe = `globalThis.types = ${JSON.stringify(names)}.map((n) => typeof globalThis[n]);`;
    world.startResource({ name: 'a', server: js(probe), client: js(probe) });
    const client = world.connect();
    for (const g of [world.server.resource('a').globals, client.resource('a').globals]) {
      expect(Array.from(g.types).every((t) => t === 'function' || t === 'object')).toBe(true);
    }
  });

  test('each resource has its own realm and globals', () => {
    const world = newWorld();
    world.startResource({ name: 'a', server: js(`var shared = 'a';`) });
    world.startResource({ name: 'b', server: js(`globalThis.seen = typeof shared;`) });
    const a = world.server.resource('a').globals;
    const b = world.server.resource('b').globals;
    expect(a.shared).toBe('a');
    expect(b.seen).toBe('undefined');
    expect(a.Object).not.toBe(b.Object);
  });

  test('console output is captured with machine, resource and level', () => {
    const world = newWorld();
    world.startResource({ name: 'a', client: js(`console.log('hi', { n: 1 }); console.warn('careful');`) });
    world.connect();
    expect(world.logs.of('client:1', 'a').map((e) => [e.level, e.text])).toEqual([
      ['log', 'hi { n: 1 }'],
      ['warn', 'careful'],
    ]);
  });

  test('GetCurrentResourceName, IsDuplicityVersion, GetResourceState', () => {
    const world = newWorld();
    const probe = `globalThis.info = [GetCurrentResourceName(), IsDuplicityVersion(), GetResourceState('a'), GetResourceState('nope')];`;
    world.startResource({ name: 'a', server: js(probe), client: js(probe) });
    const client = world.connect();
    expect(Array.from(world.server.resource('a').globals.info)).toEqual(['a', true, 'starting', 'missing']);
    expect(Array.from(client.resource('a').globals.info)).toEqual(['a', false, 'starting', 'missing']);
    expect(world.server.resource('a').run(`GetResourceState('a')`)).toBe('started');
  });

  test('a script that throws while loading is reported; the resource still starts', () => {
    const world = newWorld();
    world.startResource({ name: 'a', server: [{ code: 'throw new Error("bad load")', filename: 'bad.js' }, { code: 'globalThis.second = true', filename: 'ok.js' }] });
    expect(world.logs.find('SCRIPT ERROR in script @a/bad.js: Error: bad load').length).toBe(1);
    expect(world.server.resource('a').globals.second).toBe(true);
  });

  test('scripts have filenames in stack traces', () => {
    const world = newWorld();
    world.startResource({ name: 'a', server: [{ code: 'globalThis.stack = new Error().stack', filename: 'main.js' }] });
    expect(world.server.resource('a').globals.stack).toContain('@a/main.js');
  });

  test('convars: the server sees all, clients only replicated ones', () => {
    const world = newWorld({ convars: { secret: 's', limit: '12' }, replicatedConvars: { shared: 'r' } });
    const probe = `globalThis.c = [GetConvar('secret', 'none'), GetConvar('shared', 'none'), GetConvarInt('limit', 3), GetConvarInt('secret', 7)];`;
    world.startResource({ name: 'a', server: js(probe), client: js(probe) });
    const client = world.connect();
    expect(Array.from(world.server.resource('a').globals.c)).toEqual(['s', 'r', 12, 7]);
    expect(Array.from(client.resource('a').globals.c)).toEqual(['none', 'r', 3, 7]);
  });

  test('an unhandled rejection inside a resource is logged as a SCRIPT ERROR, not thrown at the test', async () => {
    const world = newWorld();
    world.startResource({ name: 'a', server: js(`Promise.reject(new Error('nobody cares'));`) });
    await world.flush();
    expect(world.logs.find('SCRIPT ERROR in promise (unhandled rejection): Error: nobody cares').length).toBe(1);
  });
});
