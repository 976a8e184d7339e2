/**
 * Lua values are not converted in flight: between two Lua states they arrive as FiveM's own Lua-to-Lua net events
 * carry them (integer keys, byte strings that are not UTF-8, integer/float subtypes as lua-cmsgpack keeps them,
 * integers past 2^32 and 2^53, nil holes, vectors), through the plain exports and through the import, client to server and
 * server to client, callback and Promise forms. The reference is a plain net event with the same values in the same
 * world. Each Lua state writes what it received as a fingerprint (types and bytes, computed in Lua), so that the
 * comparison never goes through JavaScript.
 */
import { startShims, scriptErrors, useLua, type LuaResource } from '../compat/support';
import { FINGERPRINT_LUA } from './support';

useLua();

const IMPORT = '@fxcallbacks/lua/import.lua';

const values = (withImport: boolean): LuaResource => ({
  name: 'values',
  before: withImport ? [IMPORT] : [],
  server: `${FINGERPRINT_LUA}
RegisterNetEvent('values:reference')
AddEventHandler('values:reference', function(...) received.reference = fingerprint(...) end)
exports.fxcallbacks:RegisterServerCallback('values:echo', function(src, cb, ...)
  received.args = fingerprint(...)
  cb(...)
end)
function callClient(player)
  TriggerClientEvent('values:reference', player, VALUES())
  exports.fxcallbacks:TriggerClientCallback(player, 'values:echo', function(...) received.callback = fingerprint(...) end, VALUES())
  CreateThread(function()
    received.promise = fingerprint(exports.fxcallbacks:TriggerClientCallbackPromise(player, 'values:echo', VALUES()))
  end)
end`,
  client: `${FINGERPRINT_LUA}
RegisterNetEvent('values:reference')
AddEventHandler('values:reference', function(...) received.reference = fingerprint(...) end)
exports.fxcallbacks:RegisterClientCallback('values:echo', function(cb, ...)
  received.args = fingerprint(...)
  cb(...)
end)
function callServer()
  TriggerServerEvent('values:reference', VALUES())
  exports.fxcallbacks:TriggerServerCallback('values:echo', function(...) received.callback = fingerprint(...) end, VALUES())
  CreateThread(function()
    received.promise = fingerprint(exports.fxcallbacks:TriggerServerCallbackPromise('values:echo', VALUES()))
  end)
end`,
});

describe.each([
  ['the plain exports', false],
  ['the import', true],
])('Lua to Lua through %s: values arrive as a net event carries them', (_, withImport) => {
  async function start() {
    const shims = startShims([values(withImport)], { latency: 20 });
    await shims.world.advance(100);
    return shims;
  }

  test('client to server: the arguments the handler gets, and the answer in the callback and Promise forms', async () => {
    const shims = await start();
    shims.client(0, 'values').run('callServer()');
    await shims.world.advance(500);
    // The handler was called twice (callback and Promise forms), with what each call carried.
    const server = shims.server('values').get<Record<string, string>>('received');
    const reference = server.reference!;
    // The reference keeps what JavaScript would change (so that this test can fail): integer keys, the bytes, the
    // integers past 2^32 and 2^53, the hole at position 2.
    expect(reference).toContain('integer:7=s:626f62');
    expect(reference).toContain('s:fffe006279746573');
    expect(reference).toContain('integer:1099511627776 integer:9007199254740993');
    expect(reference).toMatch(/^n=11 \{.*\} nil:nil /);
    expect(reference).toContain('vector3:vec3(1.000000, 2.500000, 3.250000)');
    expect(server.args).toBe(reference);
    // The answer went back the other way: it arrives as a server-to-client event carries it.
    shims.server('values').run(`TriggerClientEvent('values:reference', ${shims.clients[0]!.playerId}, VALUES())`);
    await shims.world.advance(200);
    const client = shims.client(0, 'values').get<Record<string, string>>('received');
    expect(client.callback).toBe(client.reference);
    expect(client.promise).toBe(client.reference);
    expect(scriptErrors(shims.world)).toEqual([]);
    expect(shims.inFlight()).toEqual({ calls: 0, routes: 0 });
  });

  test('server to client: the arguments the handler gets, and the answer in the callback and Promise forms', async () => {
    const shims = await start();
    shims.server('values').run(`callClient(${shims.clients[0]!.playerId})`);
    await shims.world.advance(500);
    const client = shims.client(0, 'values').get<Record<string, string>>('received');
    expect(client.reference).toContain('integer:7=s:626f62');
    expect(client.args).toBe(client.reference);
    shims.client(0, 'values').run(`TriggerServerEvent('values:reference', VALUES())`);
    await shims.world.advance(200);
    const server = shims.server('values').get<Record<string, string>>('received');
    expect(server.callback).toBe(server.reference);
    expect(server.promise).toBe(server.reference);
    expect(scriptErrors(shims.world)).toEqual([]);
    expect(shims.inFlight()).toEqual({ calls: 0, routes: 0 });
  });
});

const NESTING_LUA = `
-- A table holding a table holding ... \`levels\` deep: the innermost, { leaf = 'x' }, is at level \`levels\` (an argument
-- is level 0). lua-cmsgpack packs a table at level 16 as nil.
function nested(levels)
  local t = { leaf = 'x' }
  for _ = 1, levels do t = { t } end
  return t
end
function depthOf(t)
  local depth = 0
  while type(t) == 'table' and t[1] ~= nil do t, depth = t[1], depth + 1 end
  return depth, type(t) == 'table' and t.leaf or nil
end`;

const nesting = (withImport: boolean): LuaResource => ({
  name: 'nesting',
  before: withImport ? [IMPORT] : [],
  server: `${NESTING_LUA}
handled = 0
exports.fxcallbacks:RegisterServerCallback('nest:depth', function(src, cb, t) handled = handled + 1; cb(depthOf(t)) end)
exports.fxcallbacks:RegisterServerCallback('nest:make', function(src, cb, levels) cb(nested(levels)) end)`,
  client: `${NESTING_LUA}
results = {}
function ask(key, name, arg)
  exports.fxcallbacks:TriggerServerCallback(name, function(first, ...)
    if type(first) == 'table' then results[key] = table.pack(depthOf(first)) else results[key] = table.pack(first, ...) end
  end, arg)
end`,
});

describe.each([
  ['the plain exports', false],
  ['the import', true],
])('Lua tables nested where lua-cmsgpack cuts them off, through %s', (_, withImport) => {
  // The plain exports get values that crossed an export or a function reference, where FiveM cut them already: a
  // 16th nested table (level 15) may have lost its deeper part, unseen, so they refuse it; with the import, the bytes
  // tell. `intact`: the level of the innermost table of the deepest nesting that crosses.
  const intact = withImport ? 15 : 14;
  const refusal = withImport ? 'nested 17 levels deep' : 'nested 16 levels deep';
  test(`${intact + 1} nested tables cross intact both ways; deeper is refused (arguments: before the handler runs; answers: HANDLER_ERROR), never delivered cut`, async () => {
    const shims = startShims([nesting(withImport)], { latency: 20 });
    await shims.world.advance(100);
    const client = shims.client(0, 'nesting');
    client.run(`ask('argsIntact', 'nest:depth', nested(${intact}))`);
    client.run(`ask('argsDeeper', 'nest:depth', nested(${intact + 1}))`);
    client.run(`ask('argsCut', 'nest:depth', nested(16))`);
    client.run(`ask('answerIntact', 'nest:make', ${intact})`);
    client.run(`ask('answerDeeper', 'nest:make', ${intact + 1})`);
    client.run(`ask('answerCut', 'nest:make', 16)`);
    await shims.world.advance(500);
    const results = client.get<Record<string, Record<string, unknown>>>('results');
    const refused = { n: 2, 2: expect.stringContaining(refusal) };
    expect(results.argsIntact).toEqual({ n: 2, 1: intact, 2: 'x' });
    expect(results.answerIntact).toEqual({ n: 2, 1: intact, 2: 'x' });
    expect(results.argsDeeper).toEqual(refused);
    expect(results.argsCut).toEqual(refused);
    expect(results.answerDeeper).toEqual(refused);
    expect(results.answerCut).toEqual(refused);
    expect(shims.server('nesting').get<number>('handled')).toBe(1);
    expect(shims.inFlight()).toEqual({ calls: 0, routes: 0 });
  });
});
