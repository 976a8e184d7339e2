/**
 * CfxLua's syntax in the world's Lua: compound assignment, safe navigation, backtick hashes, `in` unpacking, set
 * constructors and C comments, as FiveM's Lua 5.4 compiles them (citizenfx/lua `llex.c`/`lparser.c`, power
 * patches enabled in citizenfx/fivem `code/vendor/lua.lua`); strings, comments and line numbers untouched.
 */
import { joaat, translateCfxLua } from '../../src/testing/lua/cfx-syntax';
import { lua, scriptErrors, state, useLua } from '../lua/support';
import { newWorld } from './helpers';

useLua();

/** A server resource running `code`; returns its Lua state. */
function run(code: string) {
  const world = newWorld();
  world.startResource({ name: 'syntax', server: lua(code) });
  return { world, l: state(world, 'syntax') };
}

describe('compound assignment', () => {
  test('every operator, with the right side as one expression; ^= is bitwise xor', () => {
    const { l } = run(`
      local a = 10; a += 2 * 3
      local b = 10; b -= 1 + 1
      local c = 3; c *= 2 + 3
      local d = 20; d /= 2 + 2
      local e = 1; e <<= 1 + 2
      local f = 64; f >>= 2
      local g = 12; g &= 10
      local h = 12; h |= 3
      local i = 12; i ^= 10
      results = { a, b, c, d, e, f, g, h, i }`);
    expect(l.get('results')).toEqual([16, 8, 15, 5, 8, 16, 8, 15, 6]);
  });

  test('an indexed target evaluates its table and key once, reads, then evaluates the right side', () => {
    const { l } = run(`
      log = {}
      local t = { n = 1, list = { 5, 6 } }
      local function tbl() log[#log + 1] = 'table'; return t.list end
      local function key() log[#log + 1] = 'key'; return 2 end
      local function rhs() log[#log + 1] = 'rhs'; return 10 end
      tbl()[key()] += rhs()
      t.n += 1
      t.list[1] *= t.n
      results = { t.list[1], t.list[2], t.n }`);
    expect(l.get('log')).toEqual(['table', 'key', 'rhs']);
    expect(l.get('results')).toEqual([10, 16, 2]);
  });

  test('globals, upvalues, nested tables and a function on the right side', () => {
    const { l } = run(`
      counter = 1
      local state = { deep = { value = 2 } }
      local function bump() counter += 1 end
      bump(); bump()
      state.deep.value += (function() local x = 1; x += 1; return x end)()
      results = { counter, state.deep.value }`);
    expect(l.get('results')).toEqual([3, 4]);
  });

  test('a tuple target is a syntax error, as in CfxLua', () => {
    const { world } = run(`local a, b = 1, 2\na, b += 1`);
    expect(scriptErrors(world).join('\n')).toMatch(/main\.lua:2:/);
  });
});

describe('safe navigation', () => {
  test('?. and ?[] give the falsy value itself and index a truthy one', () => {
    const { l } = run(`
      local t = { a = { b = 'deep' }, f = false, list = { 'x' } }
      local none
      results = {
        t?.a?.b, none?.a == nil, t.f?.x == false, t?.list?[1], t?['a']?.b, (none?.x?.y) == nil,
        t?.a.b:upper(), #(t?.list), tostring(none?.x),
      }`);
    expect(l.get('results')).toEqual(['deep', true, true, 'x', 'deep', true, 'DEEP', 1, 'nil']);
  });

  test('one step only: a?.b.c still fails when a is nil, naming the line', () => {
    const { world } = run(`local a\n\nlocal x = a?.b.c`);
    expect(scriptErrors(world).join('\n')).toMatch(/main\.lua:3: attempt to index a nil value/);
  });

  test('indexing a value that cannot be indexed fails at the script\'s line', () => {
    const { world } = run(`local n = 5\n\nlocal x = n?.field`);
    expect(scriptErrors(world).join('\n')).toMatch(/main\.lua:3: attempt to index a number value/);
  });

  test('works on call results and method calls', () => {
    const { l } = run(`
      local obj = { get = function(self) return { name = 'n' } end }
      local function maybe(x) return x end
      results = { obj:get()?.name, maybe(nil)?.name == nil, maybe(obj)?.get(obj).name }`);
    expect(l.get('results')).toEqual(['n', true, 'n']);
  });
});

describe('backtick hashes', () => {
  test('are joaat of the lowercased text, signed 32-bit, as literals and call arguments', () => {
    const { l } = run(`
      local function id(x) return x end
      results = { \`adder\`, \`ADDER\`, id\`adder\`, \`WEAPON_PISTOL\`, math.type(\`a\`), joaat('Adder') }`);
    const adder = joaat('adder');
    expect(adder).toBe(-1216765807); // 0xB779A091, GetHashKey('adder') in FiveM
    expect(l.get('results')).toEqual([adder, adder, adder, 453432689, 'integer', adder]);
  });
});

describe('in unpacking, set constructors, C comments', () => {
  test('local a, b in t reads t.a and t.b; t is evaluated once, before the locals exist', () => {
    const { l } = run(`
      calls = 0
      local config = { host = 'h', port = 30120 }
      local function get() calls += 1; return config end
      local host, port in get()
      local scope = { scope = 'outer' }
      local scope in scope
      local target = {}
      target.host, port in ({ host = 'x', port = 1 })
      results = { host, port, calls, scope, target.host }
      for k, v in pairs({ only = 1 }) do results[#results + 1] = k end`);
    expect(l.get('results')).toEqual(['h', 1, 1, 'outer', 'x', 'only']);
  });

  test('{ .name = v, .flag, [k] } and /* */ comments', () => {
    const { l } = run(`
      local k = 'key'
      local t = { .name = 'v', .flag, [k], plain = 1, list = { 1, 2 } } /* a
      comment over lines */
      results = { t.name, t.flag, t.key, t.plain, #t.list }
      line = debug.getinfo(1, 'l').currentline`);
    expect(l.get('results')).toEqual(['v', true, true, 1, 2]);
    expect(l.get('line')).toBe(6);
  });
});

describe('what the translation leaves alone', () => {
  test('strings, long strings and comments keep their text; line numbers are kept', () => {
    const { l, world } = run(`
      local s = "a += 1 \`x\` t?.y /* no */"
      local long = [==[
        b -= 2 ]] \`y\`
      ]==] -- c *= 3 \`z\`
      --[[ d /= 4
      ]] local n = 1; n += 1
      results = { s, long, n }
      error('here')`);
    expect(l.get('results')).toEqual(['a += 1 `x` t?.y /* no */', '        b -= 2 ]] `y`\n      ', 2]);
    expect(scriptErrors(world).join('\n')).toMatch(/main\.lua:9: here/);
  });

  test('load() compiles CfxLua too, with its own chunk name and environment', () => {
    const { l } = run(`
      local env = { x = 1 }
      local chunk = load('x += 41; return x, \`adder\`', '@@syntax/module.lua', 't', env)
      results = { chunk() }
      local reader = { 'local y = 1 ', 'y <<= 3 ', 'return y' }
      local i = 0
      results[#results + 1] = load(function() i += 1; return reader[i] end)()`);
    expect(l.get('results')).toEqual([42, joaat('adder'), 8]);
  });

  test('plain Lua comes out byte for byte', () => {
    const code = 'local t = { a = 1, [2] = "x" }\nfor k, v in pairs(t) do print(k, v) end\nreturn t.a // 2, -t.a, "é"\n';
    expect(translateCfxLua(code)).toBe(code);
  });
});

describe('CfxLua library additions (GRIT_POWER_WOW)', () => {
  test('string.strsplit/strtrim/strjoin and table.create/wipe/clone/type', () => {
    const { l } = run(`
      local a, b, c = string.strsplit(',', 'x,y,,z', 3)
      results = {
        { string.strsplit(',;', 'a,b;c') }, { a, b, c }, { string.strsplit('', 'whole') },
        string.strtrim('  padded \\n'), string.strtrim('xxhixx', 'x'), string.strjoin(', ', 'a', 1, 'b'), string.strjoin('-'),
        table.type({}), table.type({ 1, 2 }), table.type({ a = 1 }), table.type({ 1, a = 1 }),
        next(table.wipe({ 1, a = 2 })) == nil, table.clone({ k = 'v' }).k, type(table.create(4, 0)),
      }`);
    expect(l.get('results')).toEqual([
      ['a', 'b', 'c'], ['x', 'y', ',z'], ['whole'], 'padded', 'hi', 'a, 1, b', '', 'empty', 'array', 'hash', 'mixed', true, 'v', 'table',
    ]);
  });

  test('require finds only loaded modules and dofile/loadfile are gone, as in FiveM', () => {
    const { l } = run(`
      package.loaded['my.mod'] = { v = 1 }
      results = { require('string') == string, require('my.mod').v, (select(2, pcall(require, 'resource.settings'))), dofile == nil, loadfile == nil }`);
    expect(l.get('results')).toEqual([true, 1, "module 'resource.settings' not found", true, true]);
  });

  test('a method named like an Object.prototype key (constructor) does not confuse the translation', () => {
    const { l } = run(`
      local Class = {}
      function Class:constructor(x) local total = 0; total += x; return total end
      results = { Class:constructor(5) }`);
    expect(l.get('results')).toEqual([5]);
  });
});

describe('translation, one construct at a time', () => {
  test('a construct the translator cannot read does not keep the others from being translated', () => {
    // `x += ` with no expression is a syntax error in CfxLua too: the rest of the file still translates
    expect(translateCfxLua('local a = 1; a += 1\nlocal t = nil\nlocal v = t?.x\nb += ')).toBe(
      'local a = 1; a = a + ( 1)\nlocal t = nil\nlocal v = __cfx_safenav(t,"x")\nb += ',
    );
  });
});
