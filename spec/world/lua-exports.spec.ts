/**
 * Exports across languages: `exports.res:name(...)` from Lua (the colon's self is stripped), `exports('name', fn)`
 * in Lua, JS exports returning Promises (awaited in a thread, an opaque table outside), Lua exports returning
 * several values or yielding, errors, GetInvokingResource, and exports of stopped resources.
 */
import { js, newWorld, plain } from './helpers';
import { lua, state, useLua } from '../lua/support';

useLua();

describe('Lua calling JS exports', () => {
  test('the colon passes the proxy as self and it is stripped; one value comes back', () => {
    const world = newWorld({ serverFrameMs: 1 });
    world.startResource({ name: 'lib', server: js(`exports('args', (...args) => args.length); exports('pair', () => [1, 2]);`) });
    world.startResource({ name: 'app', server: lua(`n = exports.lib:args('a', 'b'); local a, b = exports.lib:pair(); pairA, pairB = a, b`) });
    const app = state(world, 'app');
    expect(app.get('n')).toBe(2);
    expect(app.runAll('return pairA, pairB')).toEqual([[1, 2], null]);
  });

  test('a JS export returning a Promise is awaited inside a thread; a rejection becomes a Lua error', async () => {
    const world = newWorld({ serverFrameMs: 1 });
    world.startResource({
      name: 'lib',
      server: js(`
        exports('later', (v) => new Promise((resolve) => setTimeout(() => resolve(v * 2), 100)));
        exports('fails', () => Promise.reject(new Error('nope')));`),
    });
    world.startResource({
      name: 'app',
      server: lua(`
        CreateThread(function()
          result = exports.lib:later(21)
          resultAt = GetGameTimer()
          local ok, err = pcall(function() return exports.lib:fails() end)
          failure = { ok, err }
        end)`),
    });
    await world.advance(200);
    const app = state(world, 'app');
    expect(app.get('result')).toBe(42);
    expect(app.get('resultAt')).toBeGreaterThanOrEqual(100);
    const [ok, err] = app.get<[boolean, string]>('failure');
    expect(ok).toBe(false);
    expect(err).toContain('An error occurred while calling export fails in resource lib');
    expect(err).toContain('nope');
  });

  test('outside a thread the same call gives an opaque table', () => {
    const world = newWorld({ serverFrameMs: 1 });
    world.startResource({ name: 'lib', server: js(`exports('later', () => Promise.resolve(1));`) });
    world.startResource({ name: 'app', server: lua(`local r = exports.lib:later(); kind = type(r); hasAsync = type(r) == 'table' and rawget(r, '__cfx_async_retval') ~= nil`) });
    expect(state(world, 'app').runAll('return kind, hasAsync')).toEqual(['table', true]);
  });

  test('a JS export that throws raises a Lua error naming the export and resource, without the export\'s text', () => {
    const world = newWorld({ serverFrameMs: 1 });
    world.startResource({ name: 'lib', server: js(`exports('bad', (x) => { if (typeof x !== 'string') throw new TypeError('bad: x must be a string'); });`) });
    world.startResource({ name: 'app', server: lua(`ok, err = pcall(function() exports.lib:bad(5) end)`) });
    const [ok, err] = state(world, 'app').runAll('return ok, err') as [boolean, string];
    expect(ok).toBe(false);
    expect(err).toContain('An error occurred while calling export bad in resource lib');
    expect(err).not.toContain('x must be a string'); // the callee's message does not cross; it is printed there
    expect(world.logs.find('TypeError: bad: x must be a string').length).toBe(1);
  });

  test('a missing export: "No such export X in resource Y"', () => {
    const world = newWorld({ serverFrameMs: 1 });
    world.startResource({ name: 'app', server: lua(`ok, err = pcall(function() return exports.nothere:fn() end)`) });
    const [ok, err] = state(world, 'app').runAll('return ok, err') as [boolean, string];
    expect(ok).toBe(false);
    expect(err).toContain('No such export fn in resource nothere');
  });

  test('GetInvokingResource inside a JS export names the Lua caller', () => {
    const world = newWorld({ serverFrameMs: 1 });
    world.startResource({ name: 'lib', server: js(`exports('who', () => GetInvokingResource());`) });
    world.startResource({ name: 'app', server: lua(`who = exports.lib:who()`) });
    expect(state(world, 'app').get('who')).toBe('app');
  });
});

describe('Lua exports', () => {
  const lib = lua(`
    exports('many', function(a, b) return a, b, a + b end)
    exports('holey', function() return nil, 'err' end)
    exports('nulled', function() return msgpack.null, 'err' end)
    exports('slow', function(ms) Wait(ms); return 'done', GetGameTimer() end)
    exports('who', function() return GetInvokingResource() end)
    exports('boom', function() error('lua export failed') end)`);

  test('a Lua caller gets all the values; return nil, "err" gives nothing; msgpack.null keeps positions', () => {
    const world = newWorld({ serverFrameMs: 1 });
    world.startResource({ name: 'lib', server: lib });
    world.startResource({
      name: 'app',
      server: lua(`
        function call(name, ...)
          return table.pack(exports.lib[name](exports.lib, ...))
        end`),
    });
    const app = state(world, 'app');
    expect(app.runAll(`local r = call('many', 1, 2); return r.n, r[1], r[2], r[3]`)).toEqual([3, 1, 2, 3]);
    expect(app.run(`return call('holey').n`)).toBe(0);
    expect(app.runAll(`local r = call('nulled'); return r.n, r[1], r[2]`)).toEqual([2, null, 'err']);
    expect(app.run(`return exports.lib:who()`)).toBe('app');
  });

  test('a Lua export that yields: a caller in a thread awaits it', async () => {
    const world = newWorld({ serverFrameMs: 1 });
    world.startResource({ name: 'lib', server: lib });
    world.startResource({ name: 'app', server: lua(`CreateThread(function() result = { exports.lib:slow(40) } end)`) });
    await world.advance(100);
    expect(state(world, 'app').get('result')).toEqual(['done', 40]);
  });

  test('a Lua export raising: the Lua caller gets "An error occurred while calling export", without the export\'s text', () => {
    const world = newWorld({ serverFrameMs: 1 });
    world.startResource({ name: 'lib', server: lib });
    world.startResource({ name: 'app', server: lua(`ok, err = pcall(function() return exports.lib:boom() end)`) });
    const [ok, err] = state(world, 'app').runAll('return ok, err') as [boolean, string];
    expect(ok).toBe(false);
    expect(err).toContain('An error occurred while calling export boom in resource lib');
    expect(err).not.toContain('lua export failed');
    expect(world.logs.find('lua export failed').length).toBeGreaterThan(0);
  });

  test('from JS: exports.lib.many(...) gives an array of the values; a yielding export gives a Promise', async () => {
    const world = newWorld({ serverFrameMs: 1 });
    world.startResource({ name: 'lib', server: lib });
    world.startResource({ name: 'app', server: js(`globalThis.many = exports.lib.many(2, 3); globalThis.slow = exports.lib.slow(10);`) });
    const app = world.server.resource('app').globals;
    expect(plain(app.many)).toEqual([2, 3, 5]);
    expect(plain(await world.settle(app.slow))).toEqual(['done', 10]);
  });

  test('after the Lua resource stops, a new lookup says "No such export" (once onServerResourceStop, queued to the next tick, cleared the cache)', async () => {
    const world = newWorld({ serverFrameMs: 1 });
    world.startResource({ name: 'lib', server: lib });
    world.startResource({ name: 'app', server: lua(`first = exports.lib:many(1, 1)`) });
    world.stopResource('lib');
    await world.advance(1);
    const app = state(world, 'app');
    expect(app.get('first')).toBe(1);
    const [ok, err] = app.runAll(`return pcall(function() return exports.lib:many(1, 1) end)`) as [boolean, string];
    expect(ok).toBe(false);
    expect(err).toContain('No such export many in resource lib');
  });
});
