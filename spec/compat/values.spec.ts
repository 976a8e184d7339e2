/**
 * Through the three shims, Lua values arrive as FiveM's own Lua-to-Lua net events carry them (issue 21 item 1):
 * integer keys, byte strings, integer/float subtypes, integers past 2^32 and 2^53, nil holes; both directions,
 * callback and waiting forms. The reference is a plain net event with the same values in the same world; each Lua
 * state writes a fingerprint of what it received (spec/lua/values.spec.ts).
 */
import { FINGERPRINT_LUA } from '../lua/support';
import { scriptErrors, startShims, useLua, type LuaResource } from './support';

useLua();

/** A shim's calls, written with the framework's own API: `register`, `call` (callback form) and `await` (waiting form) per side. */
interface ShimApi {
  shim: 'ox_lib' | 'esx' | 'qbcore';
  prelude: string;
  /** Server: register `values:echo` answering what it got; client: the same. */
  registerServer: string;
  registerClient: string;
  /** `callServer()` on the client, `callClient(player)` on the server: both forms. */
  callServer: string;
  callClient: string;
}

const echo = (register: string, player: boolean) => `${register}('values:echo', function(${player ? 'src, ' : ''}cb, ...)
  received.args = fingerprint(...)
  cb(...)
end)`;

const SHIMS: ShimApi[] = [
  {
    shim: 'ox_lib',
    prelude: '',
    registerServer: `lib.callback.register('values:echo', function(src, ...) received.args = fingerprint(...) return ... end)`,
    registerClient: `lib.callback.register('values:echo', function(...) received.args = fingerprint(...) return ... end)`,
    callServer: `lib.callback('values:echo', false, function(...) received.callback = fingerprint(...) end, VALUES())
  received.await = fingerprint(lib.callback.await('values:echo', false, VALUES()))`,
    callClient: `lib.callback('values:echo', player, function(...) received.callback = fingerprint(...) end, VALUES())
  received.await = fingerprint(lib.callback.await('values:echo', player, VALUES()))`,
  },
  {
    shim: 'esx',
    prelude: '',
    registerServer: echo('ESX.RegisterServerCallback', true),
    registerClient: echo('ESX.RegisterClientCallback', false),
    callServer: `ESX.TriggerServerCallback('values:echo', function(...) received.callback = fingerprint(...) end, VALUES())
  received.await = fingerprint(ESX.AwaitServerCallback('values:echo', VALUES()))`,
    callClient: `ESX.TriggerClientCallback(player, 'values:echo', function(...) received.callback = fingerprint(...) end, VALUES())
  received.await = fingerprint(ESX.AwaitClientCallback(player, 'values:echo', VALUES()))`,
  },
  {
    shim: 'qbcore',
    prelude: `local QBCore = exports['qb-core']:GetCoreObject()`,
    registerServer: echo('QBCore.Functions.CreateCallback', true),
    registerClient: echo('QBCore.Functions.CreateClientCallback', false),
    // Without a function before the arguments, QBCore waits and returns the first value only, as QBCore does.
    callServer: `QBCore.Functions.TriggerCallback('values:echo', function(...) received.callback = fingerprint(...) end, VALUES())
  received.await = fingerprint((QBCore.Functions.TriggerCallback('values:echo', VALUES())))`,
    callClient: `QBCore.Functions.TriggerClientCallback('values:echo', player, function(...) received.callback = fingerprint(...) end, VALUES())
  received.await = fingerprint((QBCore.Functions.TriggerClientCallback('values:echo', player, VALUES())))`,
  },
];

function resource(api: ShimApi): LuaResource {
  return {
    name: 'values',
    shim: api.shim,
    server: `${FINGERPRINT_LUA}
${api.prelude}
RegisterNetEvent('values:reference')
AddEventHandler('values:reference', function(...) received.reference = fingerprint(...) received.first = fingerprint((...)) end)
${api.registerServer}
function callClient(player)
  CreateThread(function()
  ${api.callClient}
  end)
end`,
    client: `${FINGERPRINT_LUA}
${api.prelude}
RegisterNetEvent('values:reference')
AddEventHandler('values:reference', function(...) received.reference = fingerprint(...) received.first = fingerprint((...)) end)
${api.registerClient}
function callServer()
  CreateThread(function()
  ${api.callServer}
  end)
end`,
  };
}

describe.each(SHIMS)('through the $shim shim', (api) => {
  const waited = api.shim === 'qbcore' ? 'first' : 'reference';

  test('client to server and back: the handler\'s arguments and both forms\' answers are what a net event carries', async () => {
    const shims = startShims([resource(api)], { latency: 20 });
    await shims.world.advance(100);
    shims.client(0, 'values').run(`TriggerServerEvent('values:reference', VALUES())`);
    shims.server('values').run(`TriggerClientEvent('values:reference', ${shims.clients[0]!.playerId}, VALUES())`);
    shims.client(0, 'values').run('callServer()');
    await shims.world.advance(500);
    const server = shims.server('values').get<Record<string, string>>('received');
    const client = shims.client(0, 'values').get<Record<string, string>>('received');
    expect(server.reference).toContain('integer:7=s:626f62');
    expect(server.args).toBe(server.reference);
    expect(client.callback).toBe(client.reference);
    expect(client.await).toBe(client[waited]);
    expect(scriptErrors(shims.world)).toEqual([]);
  });

  test('server to client and back: the handler\'s arguments and both forms\' answers are what a net event carries', async () => {
    const shims = startShims([resource(api)], { latency: 20 });
    await shims.world.advance(100);
    shims.client(0, 'values').run(`TriggerServerEvent('values:reference', VALUES())`);
    shims.server('values').run(`TriggerClientEvent('values:reference', ${shims.clients[0]!.playerId}, VALUES())`);
    shims.server('values').run(`callClient(${shims.clients[0]!.playerId})`);
    await shims.world.advance(500);
    const server = shims.server('values').get<Record<string, string>>('received');
    const client = shims.client(0, 'values').get<Record<string, string>>('received');
    expect(client.reference).toContain('integer:7=s:626f62');
    expect(client.args).toBe(client.reference);
    expect(server.callback).toBe(server.reference);
    expect(server.await).toBe(server[waited]);
    expect(scriptErrors(shims.world)).toEqual([]);
  });
});
