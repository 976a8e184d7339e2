/**
 * NUI on clients as a recorder: `SendNUIMessage`/`SendNuiMessage` messages, `SetNuiFocus` focus and the
 * callback types `RegisterNUICallback` registers are on `client.nui`; `client.nui.post` is the page's fetch to
 * `https://<resource>/<type>`, answered by what the handler passes to its callback (through JSON).
 */
import { lua, scriptErrors, state, useLua } from '../lua/support';
import { js, newWorld } from './helpers';

useLua();

const UI = `
  RegisterNUICallback('buy', function(data, cb)
    bought = data
    if data.item == 'slow' then Wait(100) end
    cb({ ok = true, item = data.item, count = data.count + 1 })
  end)
  RegisterNUICallback('close', function(_, cb)
    SetNuiFocus(false, false)
    cb('ok')
  end)
  RegisterNUICallback('silent', function() end)
  RegisterNUICallback('broken', function() error('bad ui') end)
  RegisterCommand('shop', function()
    SetNuiFocus(true, true)
    SetNuiFocusKeepInput(true)
    SendNUIMessage({ action = 'open', items = { 'bread', 'water' }, at = vector3(1, 2, 3) })
  end, false)`;

function shop() {
  const world = newWorld();
  world.startResource({ name: 'shop', client: lua(UI) });
  const client = world.connect();
  return { world, client };
}

test('messages and focus are recorded per resource', () => {
  const { client } = shop();
  expect(client.nui.focused).toBe(false);
  client.executeCommand('shop');
  expect(client.nui.messagesOf('shop')).toEqual([{ action: 'open', items: ['bread', 'water'], at: { x: 1, y: 2, z: 3 } }]);
  expect(client.nui.messages[0]!.json).toBe('{"action":"open","at":{"x":1.0,"y":2.0,"z":3.0},"items":["bread","water"]}');
  expect(client.nui.focusOf('shop')).toEqual({ hasFocus: true, hasCursor: true, keepInput: true });
  expect(client.nui.focused).toBe(true);
  expect(client.nui.callbackTypes('shop')).toEqual(['buy', 'close', 'silent', 'broken']);
});

test('the page posts to a callback and gets its answer, even after a Wait; the body arrives as a table', async () => {
  const { world, client } = shop();
  await expect(world.settle(client.nui.post('shop', 'buy', { item: 'bread', count: 1 }))).resolves.toEqual({ ok: true, item: 'bread', count: 2 });
  expect(state(world, 'shop', client).get('bought')).toEqual({ item: 'bread', count: 1 });
  await expect(world.settle(client.nui.post('shop', 'buy', { item: 'slow', count: 4 }))).resolves.toEqual({ ok: true, item: 'slow', count: 5 });
  client.executeCommand('shop');
  await expect(world.settle(client.nui.post('shop', 'close'))).resolves.toBe('ok');
  expect(client.nui.focusOf('shop').hasFocus).toBe(false);
});

test('a handler that never answers leaves the request pending; one that fails is traced; unknown types are refused', async () => {
  const { world, client } = shop();
  let settled = false;
  void client.nui.post('shop', 'silent').finally(() => (settled = true));
  void client.nui.post('shop', 'broken').finally(() => (settled = true));
  await world.advance(1000);
  expect(settled).toBe(false);
  expect(world.logs.entries.map((e) => e.text)).toEqual(expect.arrayContaining([expect.stringMatching(/^error during NUI callback broken: .*bad ui/)]));
  await expect(client.nui.post('shop', 'nothing')).rejects.toThrow("resource shop registered no NUI callback 'nothing' on client:1");
  await expect(client.nui.post('other', 'buy')).rejects.toThrow('registered no NUI callback');
  expect(scriptErrors(world)).toEqual([]);
});

test('a stopped resource\'s callbacks and focus are gone', async () => {
  const { world, client } = shop();
  client.executeCommand('shop');
  world.stopResource('shop');
  await world.advance(10);
  expect(client.nui.callbackTypes('shop')).toEqual([]);
  expect(client.nui.focused).toBe(false);
  await expect(client.nui.post('shop', 'buy', { item: 'x', count: 0 })).rejects.toThrow('registered no NUI callback');
});

test('a JS resource answers the page the FiveM JS way (RegisterNuiCallbackType + on("__cfx_nui:<type>"))', async () => {
  const world = newWorld();
  world.startResource({
    name: 'jsui',
    client: js(`
      RegisterNuiCallbackType('ping');
      on('__cfx_nui:ping', (data, cb) => cb({ pong: data.n * 2 }));
      SendNuiMessage(JSON.stringify({ ready: true }));`),
  });
  const client = world.connect();
  expect(client.nui.messagesOf('jsui')).toEqual([{ ready: true }]);
  await expect(world.settle(client.nui.post('jsui', 'ping', { n: 21 }))).resolves.toEqual({ pong: 42 });
});
