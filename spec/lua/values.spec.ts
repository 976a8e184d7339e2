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
