/**
 * A careless user's mistakes get clear words: a name that is not a string says its type; a value that cannot
 * cross the network is named in a sentence; a name registered twice in one resource warns; a Lua table nested
 * past what FiveM's msgpack carries fails instead of arriving cut off.
 */
import { firstValueFrom } from 'rxjs';
import { HUB, printed, startHubWorld, ts, useLua } from './support';

useLua();

describe('TypeScript callers', () => {
  test.each([
    [undefined, 'got undefined'],
    [null, 'got null'],
    [42, 'got a number'],
    [['getMoney'], 'got an object'],
    [() => 'getMoney', 'got a function'],
  ])('a name that is %p is reported with its type', async (name, shown) => {
    const { server } = startHubWorld([ts('shop')]);
    const failure = await firstValueFrom(server('shop').call$(1, name as unknown as string)).catch((error: Error) => error);
    expect(failure).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect((failure as Error).message).toBe(`callback name must be a non-empty string of at most 128 characters; ${shown}`);
  });

  test('an argument that cannot cross the network is named in a sentence', async () => {
    const { server } = startHubWorld([ts('shop')]);
    await expect(firstValueFrom(server('shop').call$(1, 'echo', { onDone: () => undefined }))).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: 'cannot call "echo": argument [0].onDone is a function; functions cannot cross the network',
    });
  });

  test('registering a name twice in one resource warns once on the console; the second handler answers', async () => {
    const { world, server, client } = startHubWorld([ts('shop')]);
    server('shop').register('price', () => 1);
    server('shop').register('price', () => 2);
    const price = firstValueFrom(client(0, 'shop').call$('price'));
    await world.advance(200);
    await expect(price).resolves.toBe(2);
    expect(printed(world, HUB, 'server')).toEqual(['fxcallbacks: shop registers callback "price" a second time; the new handler replaces the first']);
  });

  test('registering again after unregistering does not warn', async () => {
    const { world, server } = startHubWorld([ts('shop')]);
    const unregister = server('shop').register('price', () => 1);
    unregister();
    server('shop').register('price', () => 2);
    expect(printed(world, HUB, 'server')).toEqual([]);
  });
});

describe('Lua resources', () => {
  const shopServer = `
local function nest(n) local t = { leaf = true } for _ = 2, n do t = { t } end return t end
exports.fxcallbacks:RegisterServerCallback('depth', function(src, cb, t)
    local levels = 0
    while type(t) == 'table' do levels = levels + 1; t = t[1] or (t.leaf and 'leaf') end
    cb(levels)
end)
exports.fxcallbacks:RegisterServerCallback('deepAnswer', function(src, cb, n) cb(nest(n)) end)
`;
  const uiClient = `
answers = {}
function nest(n) local t = { leaf = true } for _ = 2, n do t = { t } end return t end
function call(tag, name, ...)
    exports.fxcallbacks:TriggerServerCallback(name, function(value, err) answers[tag] = { value = value, err = err } end, ...)
end
`;

  test('a table nested 15 levels crosses intact; 16 or more fails with a clear error instead of arriving cut off', async () => {
    const { world, clientLua } = startHubWorld([{ name: 'shop', server: shopServer, client: uiClient }]);
    clientLua(0, 'shop').run(`call('n15', 'depth', nest(15)); call('n16', 'depth', nest(16)); call('n40', 'depth', nest(40))`);
    await world.advance(500);
    expect(clientLua(0, 'shop').get('answers')).toEqual({
      n15: { value: 15 },
      n16: { err: 'Lua tables in the arguments of "depth" are nested 16 levels deep, where FiveM\'s msgpack cuts them off: at most 15 levels cross intact' },
      n40: { err: expect.stringContaining('are nested 16 levels deep') },
    });
  });

  test('a Lua handler answering a table nested past the limit: the caller gets an error, the handler\'s resource a console line', async () => {
    const { world, clientLua } = startHubWorld([{ name: 'shop', server: shopServer, client: uiClient }]);
    clientLua(0, 'shop').run(`call('n10', 'deepAnswer', 10); call('n20', 'deepAnswer', 20)`);
    await world.advance(500);
    const answers = clientLua(0, 'shop').get<Record<string, { value?: unknown; err?: string }>>('answers');
    expect(answers.n10!.err).toBeUndefined();
    expect(answers.n20).toEqual({ err: expect.stringContaining('Lua tables in the answer of "deepAnswer" are nested 16 levels deep') });
    expect(printed(world, HUB, 'server')).toEqual([expect.stringContaining('Lua tables in the answer of "deepAnswer" are nested 16 levels deep')]);
  });

  test('a Lua resource registering a name twice warns', async () => {
    const { world } = startHubWorld([{ name: 'shop', server: `${shopServer}\nexports.fxcallbacks:RegisterServerCallback('depth', function(src, cb) cb(0) end)` }]);
    expect(printed(world, HUB, 'server')).toEqual(['fxcallbacks: shop registers callback "depth" a second time; the new handler replaces the first']);
  });
});
