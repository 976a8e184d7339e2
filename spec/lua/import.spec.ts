/**
 * The optional import `@fxcallbacks/lua/import.lua`: FiveM does not carry a Lua handler's error text across the
 * function reference the hub calls (when it raises before yielding), so the import runs each handler under xpcall
 * in its own Lua state and answers its sanitised message. Lua and TypeScript callers get HANDLER_ERROR with the
 * handler's own reason; without the import, the generic message.
 */
import { rejectionOf } from '../support/harness';
import { startShims, printed, scriptErrors, useLua, type LuaResource } from '../compat/support';
import { startResource, ts } from '../hub/support';

useLua();

const IMPORT = '@fxcallbacks/lua/import.lua';

const vault = (withImport: boolean): LuaResource => ({
  name: 'vault',
  before: withImport ? [IMPORT] : [],
  server: `
exports.fxcallbacks:RegisterServerCallback('vault:open', function(source, cb, code)
  if code ~= 1234 then error('^1the vault is locked^7') end
  cb('opened')
end)
exports.fxcallbacks:RegisterServerCallback('vault:later', function(source, cb)
  Wait(100)
  error('the vault is locked later')
end)
exports.fxcallbacks:RegisterServerCallback('vault:returns', function(source, cb) return 'returned' end)
exports.fxcallbacks:RegisterServerCallback('vault:ünïcode', function(source, cb, ...) return ... end)
exports.fxcallbacks:RegisterServerCallback('vault:table', function(source, cb) error({ code = 7 }) end)`,
  client: `
exports.fxcallbacks:RegisterClientCallback('vault:pin', function(cb) error('no pin pad') end)
answers = {}
function call(name, ...)
  exports.fxcallbacks:TriggerServerCallback(name, function(...) answers[name] = table.pack(...) end, ...)
end`,
});

async function startVault(withImport: boolean) {
  const shims = startShims([vault(withImport)], { latency: 20 });
  startResource(shims.world, ts('shop'));
  await shims.world.advance(100);
  const globals = (machine: { resource(name: string): { globals: Record<string, any> } }) => machine.resource('shop').globals.callbacks;
  return { ...shims, shopServer: globals(shims.world.server), shopClient: globals(shims.clients[0]!) };
}

describe('with the import', () => {
  test('a Lua caller gets (nil, the handler\'s own message), before and after a yield; the full error is printed where it ran', async () => {
    const { world, client } = await startVault(true);
    client(0, 'vault').run(`call('vault:open', 1) call('vault:later') call('vault:returns')`);
    await world.advance(400);
    const answers = client(0, 'vault').get<Record<string, Record<string, unknown>>>('answers');
    expect(answers['vault:open']).toEqual({ n: 2, 2: 'the vault is locked' });
    expect(answers['vault:later']).toEqual({ n: 2, 2: 'the vault is locked later' });
    expect(answers['vault:returns']).toEqual({ n: 1, 1: 'returned' });
    const serverLines = printed(world, 'vault', 'server').join('\n');
    // One console line, colour codes out (the error's text is the handler's, its arguments a client's).
    expect(serverLines).toContain("callback 'vault:open' raised: @vault/server.lua:3: the vault is locked");
    expect(serverLines).toContain("callback 'vault:later' raised: @vault/server.lua:8: the vault is locked later");
  });

  test('a name that is not ASCII and large arguments (the run event written by the runtime\'s codec, then by hand) answer alike', async () => {
    const { world, client } = await startVault(true);
    client(0, 'vault').run(`call('vault:ünïcode', 'ä', 3) call('vault:returns', string.rep('x', 1000))`);
    await world.advance(2000);
    const answers = client(0, 'vault').get<Record<string, Record<string, unknown>>>('answers');
    expect(answers['vault:ünïcode']).toEqual({ n: 2, 1: 'ä', 2: 3 });
    expect(answers['vault:returns']).toEqual({ n: 1, 1: 'returned' });
    expect(scriptErrors(world)).toEqual([]);
  });

  test('a TypeScript caller gets HANDLER_ERROR with the message, without script locations or colour codes', async () => {
    const { world, shopClient, shopServer, clients } = await startVault(true);
    await expect(world.settle(rejectionOf(shopClient.call('vault:open', 1)))).resolves.toMatchObject({ code: 'HANDLER_ERROR', message: 'the vault is locked' });
    await expect(world.settle(rejectionOf(shopClient.call('vault:later')))).resolves.toMatchObject({ code: 'HANDLER_ERROR', message: 'the vault is locked later' });
    // An error that is not text says nothing of itself to the caller.
    await expect(world.settle(rejectionOf(shopClient.call('vault:table')))).resolves.toMatchObject({ code: 'HANDLER_ERROR', message: 'the handler raised an error' });
    // A client handler too: the server's caller hears the player's handler's reason.
    await expect(world.settle(rejectionOf(shopServer.call(clients[0]!.playerId, 'vault:pin')))).resolves.toMatchObject({ code: 'HANDLER_ERROR', message: 'no pin pad' });
    expect(await world.settle(shopClient.call('vault:open', 1234))).toBe('opened');
  });
});

describe('without the import', () => {
  test('a handler that raises before yielding: callers get the generic message (FiveM loses the text)', async () => {
    const { world, client, shopClient } = await startVault(false);
    client(0, 'vault').run(`call('vault:open', 1)`);
    await world.advance(300);
    expect(client(0, 'vault').get<Record<string, Record<string, unknown>>>('answers')['vault:open']).toEqual({ n: 2, 2: 'the handler raised an error' });
    await expect(world.settle(rejectionOf(shopClient.call('vault:open', 1)))).resolves.toMatchObject({ code: 'HANDLER_ERROR', message: 'the handler raised an error' });
    expect(scriptErrors(world).join('\n')).toContain('the vault is locked');
  });
});

describe('everything else is unchanged with the import', () => {
  test("the README's Lua examples: registration options, cb(nil, message), the Promise forms, a client callback answered later, unregistering", async () => {
    const bank: LuaResource = {
      name: 'bank',
      before: [IMPORT],
      server: `
local playerData = { [1] = { money = { bank = 2500 } } }
exports.fxcallbacks:RegisterServerCallback('getPlayerMoney', function(src, cb, accountType)
    local data = playerData[src]
    if data then cb(data.money[accountType] or 0) else cb(nil, "Player data not found") end
end, { rateLimit = { limit = 1, window = 60000 }, timeout = 5000 })
exports.fxcallbacks:RegisterServerCallback('gone', function(src, cb) cb('here') end)
exports.fxcallbacks:UnregisterServerCallback('gone')
function greet(playerId)
    Citizen.CreateThread(function()
        greeted = table.pack(exports.fxcallbacks:TriggerClientCallbackPromise(playerId, 'showNotification', "Hi", "info", 200))
    end)
end`,
      client: `
exports.fxcallbacks:RegisterClientCallback('showNotification', function(cb, message, type, duration)
    Citizen.SetTimeout(duration or 3000, function() cb(true, "Notification shown") end)
end)
Citizen.CreateThread(function()
    money = table.pack(exports.fxcallbacks:TriggerServerCallbackPromise('getPlayerMoney', 'bank'))
    limited = table.pack(exports.fxcallbacks:TriggerServerCallbackPromise('getPlayerMoney', 'bank'))
    gone = table.pack(exports.fxcallbacks:TriggerServerCallbackPromise('gone'))
end)`,
    };
    const { world, server, client, clients } = startShims([bank], { latency: 20, players: 2 });
    await world.advance(500);
    expect(client(0, 'bank').get('money')).toEqual({ n: 1, 1: 2500 });
    expect(client(1, 'bank').get('money')).toEqual({ n: 2, 2: 'Player data not found' });
    // The registration's options passed through the import: a second call within the window is rate-limited.
    expect(client(0, 'bank').get<Record<string, unknown>>('limited')).toEqual({ n: 2, 2: 'Too many calls to callback "getPlayerMoney": at most 1 per 60000 ms' });
    expect(client(0, 'bank').get('gone')).toEqual({ n: 2, 2: 'no callback named "gone" is registered' });
    server('bank').run(`greet(${clients[0]!.playerId})`);
    await world.advance(600);
    expect(server('bank').get('greeted')).toEqual({ n: 2, 1: true, 2: 'Notification shown' });
    expect(scriptErrors(world)).toEqual([]);
  });
});

describe('return-style handlers and the Promise forms (Lua mistakes that used to fail late)', () => {
  const shop = (withImport: boolean): LuaResource => ({
    name: 'shop',
    before: withImport ? [IMPORT] : [],
    server: `
exports.fxcallbacks:RegisterServerCallback('shop:pair', function(source, cb) return 'bread', 5 end)
exports.fxcallbacks:RegisterServerCallback('shop:refuse', function(source, cb) return nil, 'out of stock' end)`,
    client: `
answers = {}
function call(name) exports.fxcallbacks:TriggerServerCallback(name, function(...) answers[name] = table.pack(...) end) end
ok, err = pcall(function() return exports.fxcallbacks:TriggerServerCallbackPromise('shop:pair') end)`,
  });

  test('with the import: `return a, b` answers both values, `return nil, "reason"` an error at once; the Promise export outside a thread says so', async () => {
    const { world, client } = startShims([shop(true)], { latency: 20 });
    client(0, 'shop').run(`call('shop:pair') call('shop:refuse')`);
    await world.advance(200);
    const answers = client(0, 'shop').get<Record<string, Record<string, unknown>>>('answers');
    expect(answers['shop:pair']).toEqual({ n: 2, 1: 'bread', 2: 5 });
    expect(answers['shop:refuse']).toEqual({ n: 2, 2: 'out of stock' });
    expect(client(0, 'shop').runAll('return ok, err')).toEqual([
      false,
      expect.stringContaining('exports.fxcallbacks:TriggerServerCallbackPromise waits for the answer, so it must run inside a thread: wrap it in CreateThread'),
    ]);
  });

  test('without the import, FiveM hands the hub one list and nothing: the README says so', async () => {
    const { world, client } = startShims([shop(false)], { latency: 20 });
    client(0, 'shop').run(`call('shop:pair') call('shop:refuse')`);
    await world.advance(200);
    expect(client(0, 'shop').get<Record<string, unknown>>('answers')['shop:pair']).toEqual({ n: 1, 1: ['bread', 5] });
    expect(client(0, 'shop').get<Record<string, unknown>>('answers')['shop:refuse']).toBeUndefined();
  });
});

describe('restarts and start order', () => {
  const bank: LuaResource = {
    name: 'bank',
    before: [IMPORT],
    server: `
exports.fxcallbacks:RegisterServerCallback('bank:balance', function(source, cb) cb(100) end)
exports.fxcallbacks:RegisterServerCallback('bank:old', function(source, cb) cb('old') end)
exports.fxcallbacks:UnregisterServerCallback('bank:old')`,
    client: `
answers = {}
function call(key, name) exports.fxcallbacks:TriggerServerCallback(name, function(...) answers[key] = table.pack(...) end) end`,
  };

  test('registrations come back when fxcallbacks restarts; an unregistered one stays gone', async () => {
    const { world, client } = startShims([bank], { latency: 20 });
    await world.advance(100);
    world.restartResource('fxcallbacks');
    await world.advance(200);
    client(0, 'bank').run(`call('balance', 'bank:balance') call('old', 'bank:old')`);
    await world.advance(200);
    const answers = client(0, 'bank').get<Record<string, Record<string, unknown>>>('answers');
    expect(answers.balance).toEqual({ n: 1, 1: 100 });
    expect(answers.old).toEqual({ n: 2, 2: 'no callback named "bank:old" is registered' });
    expect(printed(world, 'bank', 'server')).toContain('bank registered 1 callback(s) again with fxcallbacks');
  });

  test('started before fxcallbacks: one clear line, and on the server its callbacks register when fxcallbacks starts', async () => {
    const vaultServer: LuaResource = { name: 'vault', before: [IMPORT], server: `exports.fxcallbacks:RegisterServerCallback('vault:balance', function(source, cb) cb(100) end)` };
    const { world, client, start } = startShims([vaultServer], { latency: 20, hubStarted: false });
    expect(printed(world, 'vault', 'server')).toEqual([
      "^3fxcallbacks (resource fxcallbacks) is not started: ensure fxcallbacks before vault; vault's callbacks are registered when it starts^0",
    ]);
    // A client has no file of a resource that is not started: there the script stops, with the same clear reason.
    expect(scriptErrors(world)).toEqual([expect.stringContaining('client:1/vault: ^1SCRIPT ERROR: fxcallbacks is missing or not started: ensure fxcallbacks before vault')]);
    world.startResource('fxcallbacks');
    start(bank);
    await world.advance(300);
    client(0, 'bank').run(`call('balance', 'vault:balance')`);
    await world.advance(200);
    expect(client(0, 'bank').get<Record<string, Record<string, unknown>>>('answers').balance).toEqual({ n: 1, 1: 100 });
  });
});
