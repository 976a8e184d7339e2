/**
 * What crosses between Lua and JS: CfxLua's msgpack rules (arrays only without holes, arguments packed one by
 * one, return values packed as ONE table, msgpack.null), and Lua functions as function references.
 */
import { js, newWorld, plain } from './helpers';
import { lua, scriptErrors, state, useLua } from '../lua/support';

useLua();

/** A JS resource `jsr` that records what it receives, and a Lua resource `luar` that sends. */
function pair(luaCode: string, jsCode = '') {
  const world = newWorld({ serverFrameMs: 1 });
  world.startResource({
    name: 'jsr',
    server: js(`
      globalThis.got = [];
      on('take', (...args) => got.push(args));
      exports('call', (fn, ...args) => fn(...args));
      exports('keep', (fn) => { globalThis.kept = fn; });
      ${jsCode}`),
  });
  world.startResource({ name: 'luar', server: lua(luaCode) });
  return { world, jsr: world.server.resource('jsr'), luar: state(world, 'luar') };
}

describe('Lua tables to JS', () => {
  test('an array only when the keys are exactly 1..n; a hole or another key makes a map; {} is an array', () => {
    const { jsr } = pair(`
      TriggerEvent('take', { 1, 2, 3 }, { 1, nil, 3 }, {}, { a = 1 }, { [1] = 'x', [2] = 'y', k = true }, { [2] = 'only' })`);
    expect(plain(jsr.globals.got[0])).toEqual([[1, 2, 3], { 1: 1, 3: 3 }, [], { a: 1 }, { 1: 'x', 2: 'y', k: true }, { 2: 'only' }]);
  });

  test('integers and floats, nested tables, booleans; msgpack.null as nil', () => {
    const { jsr } = pair(`TriggerEvent('take', 1, 1.5, 2^53, -7, { t = { true, false } }, msgpack.null, 'é')`);
    expect(plain(jsr.globals.got[0])).toEqual([1, 1.5, 2 ** 53, -7, { t: [true, false] }, null, 'é']);
  });

  test('arguments keep their positions, trailing nils included', () => {
    const { jsr } = pair(`TriggerEvent('take', nil, 'x', nil)`);
    expect(Array.from(jsr.globals.got[0])).toEqual([null, 'x', null]);
  });
});

describe('Lua functions called from JS', () => {
  test('no value -> undefined, one -> the value, several -> an array', () => {
    const { jsr } = pair(
      `
      exports.jsr:keep(function(kind)
        if kind == 'none' then return end
        if kind == 'one' then return 42 end
        return 1, 'two', { 3 }
      end)`,
    );
    expect(jsr.run(`kept('none')`)).toBeUndefined();
    expect(jsr.run(`kept('one')`)).toBe(42);
    expect(plain(jsr.run(`kept('many')`))).toEqual([1, 'two', [3]]);
  });

  test('return nil, "err" is packed as the map { [2] = "err" }: the caller gets nothing; msgpack.null keeps the positions', () => {
    const { jsr } = pair(`
      exports.jsr:keep(function(useNull)
        if useNull then return msgpack.null, 'err' end
        return nil, 'err'
      end)`);
    expect(jsr.run(`kept(false)`)).toBeUndefined();
    expect(plain(jsr.run(`kept(true)`))).toEqual([null, 'err']);
  });

  test('JS calling a Lua function with (null, "msg") gives Lua nil, "msg"', () => {
    const { jsr, luar } = pair(`exports.jsr:keep(function(...) args = table.pack(...) end)`);
    jsr.run(`kept(null, 'msg', undefined, true)`);
    expect(luar.runAll('return args.n, args[1], args[2], args[3], args[4]')).toEqual([4, null, 'msg', null, true]);
  });

  test('a Lua function that yields gives JS a Promise of its values', async () => {
    const { world, jsr } = pair(`
      exports.jsr:keep(function(ms)
        Wait(ms)
        return 'waited', GetGameTimer()
      end)`);
    const p = jsr.run(`kept(30)`);
    expect(p).toBeInstanceOf(jsr.run('Promise'));
    expect(plain(await world.settle(p))).toEqual(['waited', 30]);
  });

  test('a yielding Lua function hands its values to the async-return callback as ONE table too', async () => {
    const { world, jsr } = pair(`
      exports.jsr:keep(function(useNull)
        Wait(5)
        if useNull then return msgpack.null, 'err' end
        return nil, 'err'
      end)`);
    // main.js resolves with v[0] for one value and with v itself otherwise: the map { [2] = "err" } arrives whole
    expect(plain(await world.settle(jsr.run(`kept(false)`)))).toEqual({ 2: 'err' });
    expect(plain(await world.settle(jsr.run(`kept(true)`)))).toEqual([null, 'err']);
  });

  test('a Lua function that raises: the JS caller gets an exception, the error is printed', () => {
    const { world, jsr } = pair(`exports.jsr:keep(function() error('lua says no') end)`);
    const message = jsr.run(`try { kept(); 'no error' } catch (e) { e.message }`);
    expect(message).toContain('Error in nested ref call for jsr'); // the Lua error's text does not cross
    expect(message).not.toContain('lua says no');
    expect(scriptErrors(world).join('\n')).toContain('lua says no');
  });

  test('a Lua function that raises after yielding rejects the JS Promise', async () => {
    const { world, jsr } = pair(`exports.jsr:keep(function() Wait(5); error('later no') end)`);
    const p = jsr.run(`kept()`);
    await expect(world.settle(p)).rejects.toContain('later no');
  });

  test('after the Lua resource stops, calling its function throws', () => {
    const { world, jsr } = pair(`exports.jsr:keep(function() return 1 end)`);
    expect(jsr.run(`kept()`)).toBe(1);
    world.stopResource('luar');
    expect(jsr.run(`try { kept(); 'no error' } catch (e) { e.message }`)).toContain('Error in nested ref call');
  });
});

describe('JS functions called from Lua', () => {
  test('a JS function returns exactly one value; an array arrives as one table', () => {
    const { luar } = pair(
      `
      function go()
        local f = exports.jsr:make()
        local a, b = f('array')
        local c = f('one')
        return a, b, c
      end`,
      `exports('make', () => (kind) => (kind === 'array' ? [1, 2] : 'single'));`,
    );
    expect(luar.runAll('return go()')).toEqual([[1, 2], null, 'single']);
  });

  test('a function reference cannot be indexed', () => {
    const { luar } = pair(``, `exports('make', () => () => 1);`);
    const [ok, err] = luar.runAll(`local f = exports.jsr:make(); return pcall(function() return f.x end)`) as [boolean, string];
    expect(ok).toBe(false);
    expect(err).toContain('Cannot index a funcref');
  });
});

describe("lua-cmsgpack's limits", () => {
  test('a table nested 16 levels deep is packed as nil', () => {
    const { jsr } = pair(`
      local function nest(depth) local t = { leaf = true }; for _ = 1, depth do t = { t } end; return t end
      TriggerEvent('take', nest(15), nest(16))`);
    const [fits, cut] = jsr.globals.got[0];
    // 16 tables (levels 0..15) fit; in 17 the innermost one is at level 16 and arrives as nil
    expect(JSON.stringify(fits)).toBe('['.repeat(15) + '{"leaf":true}' + ']'.repeat(15));
    expect(JSON.stringify(cut)).toBe('['.repeat(16) + 'null' + ']'.repeat(16));
  });
});
