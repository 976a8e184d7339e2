/**
 * CfxLua's vectors and quaternions (`lglm.cpp` in citizenfx/lua): construction, float components, arithmetic,
 * length, swizzles, equality, tostring, type(), json, and msgpack as lua-cmsgpack packs them (ext 20-23,
 * big-endian float32 components) between Lua resources, to JS (an opaque ext value FiveM's JS codec leaves
 * alone) and back.
 */
import { js, newWorld } from './helpers';
import { lua, scriptErrors, state, useLua } from '../lua/support';

useLua();

function run(code: string) {
  const world = newWorld({ serverFrameMs: 1 });
  world.startResource({ name: 'vec', server: lua(code) });
  return { world, l: state(world, 'vec') };
}

describe('construction and fields', () => {
  test('vector2/3/4, vec and their aliases; components are 32-bit floats', () => {
    const { l } = run(`
      local v = vector3(1, 2, 3)
      results = {
        v.x, v.y, v.z, v[1], v[3], math.type(v.x), vector3(1.1, 0, 0).x,
        type(vector2(1, 2)), type(vec3(1, 2, 3)), type(vector4(1, 2, 3, 4)), type(vec(1, 2)), type(vec(1, 2, 3, 4)),
        type(quat(1, 0, 0, 0)), type({}), type(1),
        tostring(vector3(0)), tostring(vector3(vector2(1, 2), 3)), tostring(vec3({ 4, 5, 6 })), vec(7), v.w == nil, v.dim,
      }`);
    expect(l.get('results')).toEqual([
      1, 2, 3, 1, 3, 'float', 1.100000023841858, 'vector2', 'vector3', 'vector4', 'vector2', 'vector4', 'quat', 'table', 'number',
      'vec3(0.000000, 0.000000, 0.000000)', 'vec3(1.000000, 2.000000, 3.000000)', 'vec3(4.000000, 5.000000, 6.000000)', 7, true, 3,
    ]);
  });

  test('wrong arity or component types fail like CfxLua; vectors are read-only', () => {
    const { l } = run(`
      local function err(f) local ok, e = pcall(f); return (tostring(e):gsub('^.-:%d+: ', '')) end
      results = {
        err(function() return vector3(1, 2) end),
        err(function() return vector3(1, 'a', 3) end),
        err(function() return vector2(1, 2, 3) end),
        err(function() local v = vector3(1, 2, 3); v.x = 5 end),
        err(function() return vector3(1, 2, 3) + vector2(1, 2) end),
      }`);
    expect(l.get('results')).toEqual([
      'vector3 requires exactly 3 number(s)',
      "bad argument #2 to 'vector3' (invalid vector type)",
      "bad argument #3 to 'vector2' (invalid vector dimension)",
      'attempt to index a vector3 value',
      'attempt to perform arithmetic on a vector3 value',
    ]);
  });

  test('swizzles give vectors (or a number for one component)', () => {
    const { l } = run(`
      local v = vector4(1, 2, 3, 4)
      results = { tostring(v.xy), tostring(v.zyx), tostring(v.wzyx), v.z, v.xq == nil, tostring(vector2(1, 2).yx) }`);
    expect(l.get('results')).toEqual(['vec2(1.000000, 2.000000)', 'vec3(3.000000, 2.000000, 1.000000)', 'vec4(4.000000, 3.000000, 2.000000, 1.000000)', 3, true, 'vec2(2.000000, 1.000000)']);
  });
});

describe('arithmetic, length, equality, strings', () => {
  test('componentwise with vectors and numbers on either side; unary minus; # is the length', () => {
    const { l } = run(`
      local a, b = vector3(1, 2, 3), vector3(4, 5, 6)
      results = {
        tostring(a + b), tostring(b - a), tostring(a * 2), tostring(2 * a), tostring(a * b), tostring(b / 2),
        tostring(-a), #vector2(3, 4), #vector3(1, 2, 2), tostring(a + 1),
      }`);
    expect(l.get('results')).toEqual([
      'vec3(5.000000, 7.000000, 9.000000)', 'vec3(3.000000, 3.000000, 3.000000)', 'vec3(2.000000, 4.000000, 6.000000)',
      'vec3(2.000000, 4.000000, 6.000000)', 'vec3(4.000000, 10.000000, 18.000000)', 'vec3(2.000000, 2.500000, 3.000000)',
      'vec3(-1.000000, -2.000000, -3.000000)', 5, 3, 'vec3(2.000000, 3.000000, 4.000000)',
    ]);
  });

  test('== compares values; .. and string.format use tostring; quaternions rotate vectors', () => {
    const { l } = run(`
      local q = quat(90, vector3(0, 0, 1))
      local r = q * vector3(1, 0, 0)
      results = {
        vector3(1, 2, 3) == vector3(1, 2, 3), vector3(1, 2, 3) ~= vector3(1, 2, 4), vector2(1, 2) == vector3(1, 2, 0),
        'at ' .. vector2(1, 2), ('%s'):format(vector2(1, 2)), tostring(quat(1, 0, 0, 0)),
        math.abs(r.x) < 1e-6, math.abs(r.y - 1) < 1e-6, tostring(quat() * quat()),
      }`);
    expect(l.get('results')).toEqual([
      true, true, false, 'at vec2(1.000000, 2.000000)', 'vec2(1.000000, 2.000000)', 'quat(1.000000, {0.000000, 0.000000, 0.000000})',
      true, true, 'quat(1.000000, {0.000000, 0.000000, 0.000000})',
    ]);
  });

  test('json.encode writes vectors as { x, y, z } objects', () => {
    const { l } = run(`results = { json.encode({ pos = vector3(1, 2, 3.5), list = { vector2(0, 1) } }) }`);
    expect(l.get('results')).toEqual(['{"list":[{"x":0.0,"y":1.0}],"pos":{"x":1.0,"y":2.0,"z":3.5}}']);
  });
});

describe('msgpack', () => {
  test('packs as ext 20-23 with big-endian float32 components, x y z w', () => {
    const { l } = run(`
      local function hex(s) return (s:gsub('.', function(c) return ('%02x'):format(c:byte()) end)) end
      results = { hex(msgpack.pack(vector2(1, 2))), hex(msgpack.pack(vector3(1, 2, 3))), hex(msgpack.pack(vector4(1, 2, 3, 4))), hex(msgpack.pack(quat(4, 1, 2, 3))) }`);
    expect(l.get('results')).toEqual([
      'd7143f80000040000000',
      'c70c153f8000004000000040400000',
      'd8163f800000400000004040000040800000',
      'd8173f800000400000004040000040800000',
    ]);
  });

  test('Lua to Lua through an event: the same vectors and quaternion arrive, nested too', async () => {
    const world = newWorld({ serverFrameMs: 1 });
    world.startResource({
      name: 'receiver',
      server: lua(`
        AddEventHandler('vectors', function(a, b, t)
          results = { type(a), tostring(a), type(b), tostring(b), type(t.pos), t.pos == vector2(5, 6), t.pos.y }
        end)`),
    });
    world.startResource({ name: 'sender', server: lua(`TriggerEvent('vectors', vector3(1.5, -2, 3), quat(1, 0, 0, 0), { pos = vector2(5, 6) })`) });
    expect(state(world, 'receiver').get('results')).toEqual([
      'vector3', 'vec3(1.500000, -2.000000, 3.000000)', 'quat', 'quat(1.000000, {0.000000, 0.000000, 0.000000})', 'vector2', true, 6,
    ]);
  });

  test('Lua to JS gives an opaque ext value (FiveM registers no unpacker); JS passing it on gives Lua the vector back', async () => {
    const world = newWorld({ serverFrameMs: 1 });
    world.startResource({
      name: 'jsr',
      server: js(`
        globalThis.got = [];
        on('fromLua', (v, q) => {
          got.push({ type: v.type, bytes: Array.from(v.buffer), qtype: q.type, isArray: Array.isArray(v) });
          emit('backToLua', v, q, { x: 1, y: 2, z: 3 }, [1, 2, 3]);
        });`),
    });
    world.startResource({
      name: 'luar',
      server: lua(`
        AddEventHandler('backToLua', function(v, q, obj, arr)
          results = { type(v), tostring(v), type(q), type(obj), obj.x, type(arr), arr[3] }
        end)
        TriggerEvent('fromLua', vector3(1, 2, 3), quat(1, 0, 0, 0))`),
    });
    const got = world.server.resource('jsr').globals.got;
    expect(got).toHaveLength(1);
    expect({ ...got[0], bytes: [...got[0].bytes] }).toEqual({ type: 21, bytes: [0x3f, 0x80, 0, 0, 0x40, 0, 0, 0, 0x40, 0x40, 0, 0], qtype: 23, isArray: false });
    expect(state(world, 'luar').get('results')).toEqual(['vector3', 'vec3(1.000000, 2.000000, 3.000000)', 'quat', 'table', 1, 'table', 3]);
    expect(scriptErrors(world)).toEqual([]);
  });

  test('a malformed vector ext fails to unpack with lua-cmsgpack\'s message', () => {
    const { l } = run(`
      local ok, e = pcall(msgpack.unpack, '\\xd6\\x15\\0\\0\\0\\0')
      results = { ok, tostring(e) }`);
    expect(l.get('results')).toEqual([false, 'msgpack vector: expected <12> actual <1>']);
  });
});
