/**
 * The specification's Security Considerations as a Lua consumer: `secureOperation` with IsPlayerValid,
 * ValidateCallbackData and HasPermission; and the library's registration options (rateLimit, permission, schema)
 * whose RATE_LIMITED / FORBIDDEN / VALIDATION_FAILED reach Lua callers as (nil, message).
 */
import { scriptErrors, startBridge, useLua } from './support';
import { startShims, type LuaResource } from '../compat/support';

useLua();

describe('secureOperation (the spec example)', () => {
  const server = `
local function processSecureOperation(src, data)
    return { ok = true, action = data.action, by = src }
end

-- Server Side - Secure callback with validation (verbatim)
exports.community_bridge:RegisterServerCallback('secureOperation', function(src, cb, data)
    -- Validate source player
    if not exports.community_bridge:IsPlayerValid(src) then
        cb(nil, "Invalid player")
        return
    end
    
    -- Validate data structure
    local validation = exports.community_bridge:ValidateCallbackData(data, {
        required = {"action", "parameters"},
        types = {action = "string", parameters = "table"}
    })
    
    if not validation.valid then
        cb(nil, "Invalid data format")
        return
    end
    
    -- Check permissions
    if not exports.community_bridge:HasPermission(src, data.action) then
        cb(nil, "Insufficient permissions")
        return
    end
    
    -- Process secure operation
    local result = processSecureOperation(src, data)
    cb(result)
end)
`;
  const client = `
answers = {}
function secure(data)
    exports.community_bridge:TriggerServerCallback('secureOperation', function(result, error)
        answers[#answers + 1] = { result = result, error = error }
    end, data)
end
`;

  test('allowed, missing permission, bad data', async () => {
    const { world, client: c, clients } = startBridge({ server, client }, { players: 2, aces: [['teleport'], []], latency: 10 });
    c(0).run(`secure({ action = 'teleport', parameters = { x = 1 } })`);
    c(0).run(`secure({ action = 'teleport' })`);
    c(1).run(`secure({ action = 'teleport', parameters = {} })`);
    await world.advance(200);
    expect(c(0).get('answers')).toEqual([
      { result: { ok: true, action: 'teleport', by: clients[0]!.playerId } },
      { error: 'Invalid data format' },
    ]);
    expect(c(1).get('answers')).toEqual([{ error: 'Insufficient permissions' }]);
    expect(scriptErrors(world)).toEqual([]);
  });

  test('IsPlayerValid and HasPermission exports', () => {
    const { server: s, clients } = startBridge({ server, client }, { players: 1, aces: [['fx.admin']] });
    const id = clients[0]!.playerId;
    expect(s().runAll(`return exports.community_bridge:IsPlayerValid(${id}), exports.community_bridge:IsPlayerValid(99)`)).toEqual([true, false]);
    expect(s().runAll(`return exports.community_bridge:HasPermission(${id}, 'fx.admin'), exports.community_bridge:HasPermission(${id}, 'fx.other')`)).toEqual([
      true,
      false,
    ]);
  });
});

describe('registration options: rateLimit, permission, schema', () => {
  const server = `
handled = 0
exports.community_bridge:RegisterServerCallback('guarded', function(src, cb, data)
    handled = handled + 1
    cb('done: ' .. data.action)
end, {
    rateLimit = { limit = 2, window = 1000 },
    permission = 'fx.guarded',
    schema = {
        required = {"action", "parameters"},
        types = {action = "string", parameters = "table"}
    }
})
`;
  const client = `
answers = {}
function call(data)
    exports.community_bridge:TriggerServerCallback('guarded', function(...)
        answers[#answers + 1] = table.pack(...)
    end, data)
end
`;

  test('FORBIDDEN, VALIDATION_FAILED and RATE_LIMITED arrive as (nil, message); the handler never runs for them', async () => {
    const { world, server: s, client: c } = startBridge({ server, client }, { players: 2, aces: [['fx.guarded'], []], latency: 10 });
    const good = `{ action = 'open', parameters = {} }`;
    c(1).run(`call(${good})`);
    c(0).run(`call({ action = 7 })`);
    c(0).run(`call(${good})`);
    c(0).run(`call(${good})`);
    await world.advance(300);

    const [forbidden] = c(1).get<Array<Record<string, unknown>>>('answers');
    expect(forbidden).toEqual({ 2: 'Calling callback "guarded" requires permission "fx.guarded"', n: 2 });

    const [invalid, ok, limited] = c(0).get<Array<Record<string, unknown>>>('answers');
    expect(invalid).toEqual({
      2: 'Invalid arguments for callback "guarded": missing required field "parameters"; field "action" must be a string, got number',
      n: 2,
    });
    expect(ok).toEqual({ 1: 'done: open', n: 1 });
    expect(limited).toEqual({ 2: 'Too many calls to callback "guarded": at most 2 per 1000 ms', n: 2 });
    expect(s().get('handled')).toBe(1);

    // the window passes: allowed again
    await world.advance(1000);
    c(0).run(`call(${good})`);
    await world.advance(200);
    expect(c(0).get<unknown[]>('answers')[3]).toEqual({ 1: 'done: open', n: 1 });
    expect(scriptErrors(world)).toEqual([]);
  });
});

describe('per-registration caps from Lua', () => {
  const server = `
exports.community_bridge:RegisterServerCallback('upload', function(src, cb, text)
    cb(#text)
end, { maxArgumentBytes = 256 * 1024 })
exports.community_bridge:RegisterServerCallback('store', function(src, cb, text)
    cb(#text)
end)
`;
  const client = `
answers = {}
function call(name, size)
    exports.community_bridge:TriggerServerCallback(name, function(...)
        answers[#answers + 1] = table.pack(...)
    end, string.rep('x', size))
end
answered = {}
exports.community_bridge:RegisterClientCallback('echo', function(cb, text)
    cb(#text)
end, { maxArgumentBytes = 128 * 1024, maxAnswerBytes = 100 })
exports.community_bridge:RegisterClientCallback('big', function(cb)
    cb(string.rep('y', 1000))
end, { maxAnswerBytes = 100 })
`;

  test('RegisterServerCallback(name, fn, { maxArgumentBytes = 256 * 1024 }) accepts 200 KiB, latent; the default cap stays 64 KiB', async () => {
    const { world, client: c } = startBridge({ server, client }, { players: 1 });
    c(0).run(`call('upload', 200 * 1024)`);
    c(0).run(`call('store', 200 * 1024)`);
    await world.advance(8000);
    const [uploaded, stored] = c(0).get<Array<Record<string, unknown>>>('answers');
    expect(uploaded).toEqual({ 1: 200 * 1024, n: 1 });
    expect(stored).toEqual({ 2: expect.stringContaining('exceed 65536 bytes'), n: 2 });
    expect(world.network.stats.latent.toServer.events).toBeGreaterThan(0);
    expect(scriptErrors(world)).toEqual([]);
  });

  test('RegisterClientCallback takes the same caps', async () => {
    const { world, server: s } = startBridge({ server, client }, { players: 1 });
    s().run(`
results = {}
exports.community_bridge:TriggerClientCallback(1, 'echo', function(...) results.echo = table.pack(...) end, string.rep('z', 100 * 1024))
exports.community_bridge:TriggerClientCallback(1, 'big', function(...) results.big = table.pack(...) end)
`);
    await world.advance(8000);
    const { echo: echoed, big } = s().get<Record<string, Record<string, unknown>>>('results');
    expect(echoed).toEqual({ 1: 100 * 1024, n: 1 });
    expect(big).toEqual({ 2: expect.stringContaining('at most 100 are sent'), n: 2 });
    expect(scriptErrors(world)).toEqual([]);
  });
});

describe.each([
  ['the plain exports', false],
  ['the import', true],
])('another resource raising the Lua protocol events (%s)', (_, withImport) => {
  // The victim's call waits 300 ms for its answer; meanwhile a rogue resource on each machine raises every event of
  // the protocol with the ids a call would have: answers, replies and runs that are not theirs to raise (and a client
  // raises the server's answer event over the network).
  const vault: LuaResource = {
    name: 'vault',
    before: withImport ? ['@fxcallbacks/lua/import.lua'] : [],
    server: `
runs = 0
exports.fxcallbacks:RegisterServerCallback('vault:slow', function(src, cb)
  runs = runs + 1
  SetTimeout(300, function() cb('real') end)
end)`,
    client: `
answers = {}
function call()
  exports.fxcallbacks:TriggerServerCallback('vault:slow', function(...) answers[#answers + 1] = table.pack(...) end)
end`,
  };
  const rogue: LuaResource = {
    name: 'rogue',
    server: `
function forge()
  for id = 1, 20 do
    TriggerEvent('__fxcb_done:fxcallbacks', id, 1, 'forged')
    TriggerEvent('__fxcb_done:fxcallbacks', id, 2, 'forged failure')
    TriggerEvent('__fxcb_run:vault', id, 'vault:slow', 1, false, {}, 0)
    TriggerEvent('__fxcb_run:fxcallbacks', id, 'vault:slow', 1, false, {}, 0)
  end
end`,
    client: `
function forge()
  for id = 1, 20 do
    TriggerEvent('__fxcb_reply:vault', id, 2, { 'forged' }, 1)
    TriggerEvent('__fxcb_reply:fxcallbacks', id, 3, 'forged failure', 'TIMEOUT', true)
    TriggerEvent('__fxcb_call:fxcallbacks', id, 'TriggerServerCallback', false, 'vault:slow', false, 'vault', 'not packed')
  end
  -- The server's hub takes its answers raw, which hears net events too: an answer raised from a client is no answer.
  for id = 1, 3 do
    TriggerServerEvent('__fxcb_done:fxcallbacks', id, 1, msgpack.pack('forged'))
  end
end`,
  };

  test('are ignored: the call gets its own answer, once; the handler runs once', async () => {
    const shims = startShims([vault, rogue], { latency: 20 });
    await shims.world.advance(100);
    shims.client(0, 'vault').run('call()');
    await shims.world.advance(100);
    shims.server('rogue').run('forge()');
    shims.client(0, 'rogue').run('forge()');
    await shims.world.advance(600);
    expect(shims.client(0, 'vault').get('answers')).toEqual([{ n: 1, 1: 'real' }]);
    expect(shims.server('vault').get<number>('runs')).toBe(1);
    expect(shims.inFlight()).toEqual({ calls: 0, routes: 0 });
  });
});
