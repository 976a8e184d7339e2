/**
 * The runtime facts revised from the CitizenFX sources (fivem-runtime.md, 2026-11-26), one test each: every one
 * of them fails on the world as it was before (1 ms server frames, callee messages crossing function references,
 * one event limiter for reliable and latent events, side stop events fired at once, microtasks after every call).
 */
import { useLua, lua, state } from '../lua/support';
import { newWorld, js, plain } from './helpers';

useLua();

describe('server frames', () => {
  test('run at 20 Hz by default: a timer fires on the first 50 ms frame after its interval', async () => {
    const world = newWorld();
    world.startResource({ name: 'a', server: js(`globalThis.at = []; setTimeout(() => at.push(GetGameTimer()), 120);`) });
    await world.advance(1000);
    expect(Array.from(world.server.resource('a').globals.at)).toEqual([150]);
  });

  test('a client event is queued on arrival and dispatched on the next server frame, with that frame\'s timers', async () => {
    const world = newWorld({ latency: 10 });
    world.startResource({
      name: 'a',
      server: js(`globalThis.seen = []; onNet('n', () => seen.push('event@' + GetGameTimer())); setTimeout(() => seen.push('timer@' + GetGameTimer()), 40);`),
      client: js(''),
    });
    const client = world.connect();
    await world.advance(1);
    client.resource('a').run(`emitNet('n')`);
    await world.advance(40);
    expect(Array.from(world.server.resource('a').globals.seen)).toEqual([]);
    await world.advance(10);
    expect(Array.from(world.server.resource('a').globals.seen)).toEqual(['event@50', 'timer@50']);
  });
});

describe('events after a drop', () => {
  test('a player\'s queued events are dispatched after playerDropped, with the departed player as source', async () => {
    const world = newWorld();
    world.startResource({
      name: 'a',
      server: js(`globalThis.seen = []; onNet('n', (i) => seen.push(['n', source, i, DoesPlayerExist(source)])); on('playerDropped', () => seen.push(['dropped', source]));`),
      client: js(''),
    });
    const client = world.connect();
    await world.advance(1);
    client.resource('a').run(`emitNet('n', 1)`);
    await world.advance(10); // arrived, queued for the frame at 50
    world.drop(client.playerId);
    await world.advance(50);
    expect(plain(world.server.resource('a').globals.seen)).toEqual([
      ['dropped', 1],
      ['n', 1, 1, false],
    ]);
  });
});

describe('function-reference errors lose the callee\'s text', () => {
  test('a JS function called through a reference: the JS caller gets "Error in nested ref call", the callee prints', () => {
    const world = newWorld();
    world.startResource({ name: 'lib', server: js(`exports('boom', () => { throw new Error('secret detail'); });`) });
    world.startResource({ name: 'app', server: js(`globalThis.message = (() => { try { exports.lib.boom(); } catch (e) { return e.message; } })();`) });
    const message = world.server.resource('app').globals.message as string;
    expect(message).toContain('An error occurred while calling export boom of resource lib');
    expect(world.logs.find('Error in nested ref call for app').length).toBe(1);
    expect(world.logs.entries.filter((e) => e.resource === 'lib' && e.text.includes('secret detail')).length).toBe(1);
    expect(world.logs.entries.filter((e) => e.resource === 'app' && e.text.includes('secret detail')).length).toBe(0);
  });

  test('a JS function passed to Lua: the Lua caller gets error() without a message (scheduler.lua: `if not rvs then error() end`)', () => {
    const world = newWorld();
    world.startResource({ name: 'lib', server: lua(`exports('take', function(fn) local ok, err = pcall(fn) return { ok, type(err) } end)`) });
    world.startResource({ name: 'app', server: js(`globalThis.result = exports.lib.take(() => { throw new Error('secret detail'); });`) });
    expect(plain(world.server.resource('app').globals.result)).toEqual([false, 'nil']);
  });

  test('a Lua function passed to JS: the JS caller gets the generic error', () => {
    const world = newWorld();
    world.startResource({ name: 'lib', server: js(`exports('take', (fn) => { try { fn(); return 'no error'; } catch (e) { return e.message; } });`) });
    world.startResource({ name: 'app', server: lua(`message = exports.lib:take(function() error('secret detail') end)`) });
    const message = state(world, 'app').get('message') as string;
    expect(message).toContain('Error in nested ref call for lib');
    expect(message).not.toContain('secret detail');
  });
});

describe('limits on what a client sends', () => {
  const echo = `globalThis.got = 0; onNet('n', () => got++); onNet('blob', () => got++);`;

  test('the event limiter is per player, shared by every resource', async () => {
    const world = newWorld();
    world.startResource({ name: 'a', server: js(echo), client: js(`globalThis.burst = (n) => { for (let i = 0; i < n; i++) emitNet('n'); };`) });
    world.startResource({ name: 'b', server: js(`globalThis.got = 0; onNet('m', () => got++);`), client: js(`globalThis.burst = (n) => { for (let i = 0; i < n; i++) emitNet('m'); };`) });
    const client = world.connect();
    client.resource('a').run('burst(150)');
    client.resource('b').run('burst(150)');
    await world.advance(50);
    expect(world.server.resource('a').globals.got + world.server.resource('b').globals.got).toBe(200);
    expect(world.network.stats.dropped.rateLimited).toBe(100);
  });

  test('the byte limiter counts the event name with the payload', async () => {
    const limits = { netEventSize: { rate: 1, burst: 100 } };
    const sendWithName = async (name: string) => {
      const world = newWorld({ limits });
      world.startResource({ name: 'a', server: js(`RegisterNetEvent('${name}')`), client: js(`globalThis.send = () => emitNet('${name}', 'x'.repeat(80));`) });
      const client = world.connect();
      client.resource('a').run('send()');
      await world.advance(50);
      return world.isConnected(client.playerId);
    };
    expect(await sendWithName('n')).toBe(true); // 83 payload bytes + 1
    expect(await sendWithName('a_rather_long_event_name')).toBe(false); // 83 + 24 > 100: kicked
  });

  test('latent events have their own limiter, charged when reassembled', async () => {
    const world = newWorld();
    world.startResource({
      name: 'a',
      server: js(echo),
      client: js(`globalThis.go = () => { for (let i = 0; i < 200; i++) emitNet('n'); for (let i = 0; i < 10; i++) TriggerLatentServerEvent('blob', 100000, i); };`),
    });
    const client = world.connect();
    client.resource('a').run('go()');
    await world.advance(100);
    expect(world.server.resource('a').globals.got).toBe(210); // the reliable burst of 200 left room for no other reliable event
    expect(world.network.stats.dropped.rateLimited).toBe(0);
  });

  test('a bounded number of latent events per client is reassembled at once; one more is discarded', async () => {
    const world = newWorld({ limits: { maxPendingLatent: 2 } });
    world.startResource({
      name: 'a',
      server: js(echo),
      client: js(`globalThis.go = () => { for (let i = 0; i < 3; i++) TriggerLatentServerEvent('blob', 10000, 'y'.repeat(10000)); };`),
    });
    const client = world.connect();
    client.resource('a').run('go()');
    await world.advance(5000);
    expect(world.server.resource('a').globals.got).toBe(2);
    client.resource('a').run(`TriggerLatentServerEvent('blob', 10000, 1)`);
    await world.advance(100);
    expect(world.server.resource('a').globals.got).toBe(3); // the slots are free again
  });

  test('a latent event sent with bps <= 0 travels at 25000 bytes per second', async () => {
    const world = newWorld();
    world.startResource({ name: 'a', server: js(`onNet('blob', () => { globalThis.at = GetGameTimer(); });`), client: js(`globalThis.go = () => TriggerLatentServerEvent('blob', 0, 'y'.repeat(50000));`) });
    const client = world.connect();
    client.resource('a').run('go()');
    await world.advance(1000);
    expect(world.server.resource('a').globals.at).toBeUndefined();
    await world.advance(2000);
    expect(world.server.resource('a').globals.at).toBe(2050); // 50 KB at 25000 B/s, then the next frame
  });
});

describe('resource lifecycle', () => {
  test('onServerResourceStop is queued to the next frame: the others hear it, the stopping resource never does', async () => {
    const world = newWorld();
    const probe = js(`globalThis.ev = []; on('onResourceStop', (r) => ev.push('stop:' + r)); on('onServerResourceStop', (r) => { ev.push('server:' + r); print('heard server stop of ' + r); });`);
    world.startResource({ name: 'watch', server: probe });
    world.startResource({ name: 'x', server: probe });
    const x = world.server.resource('x').globals;
    world.stopResource('x');
    expect(Array.from(x.ev)).toEqual(['stop:x']);
    expect(Array.from(world.server.resource('watch').globals.ev)).toEqual(['stop:x']);
    await world.advance(50);
    expect(Array.from(world.server.resource('watch').globals.ev)).toEqual(['stop:x', 'server:x']);
    expect(world.logs.entries.filter((e) => e.resource === 'x' && e.text.includes('heard server stop')).length).toBe(0);
  });
});

describe('client resources start after the player connects', () => {
  test('an event the server sends a player at playerJoining is lost; one sent later arrives', async () => {
    const world = newWorld();
    world.startResource({
      name: 'x',
      server: js(`on('playerJoining', () => emitNet('welcome', source, 'at joining')); globalThis.greet = (id) => emitNet('welcome', id, 'later');`),
      client: js(`globalThis.got = []; onNet('welcome', (text) => got.push(text));`),
    });
    const client = world.connect();
    world.server.resource('x').run(`greet(${client.playerId})`);
    await world.advance(100);
    expect(Array.from(client.resource('x').globals.got)).toEqual(['later']);
    expect(world.network.stats.dropped.beforeResourcesStarted).toBe(1);
  });
});

describe('clients learn of a server resource stop or restart over the network', () => {
  test('until the notice arrives, the old client instance keeps running and talks to the new server instance', async () => {
    const world = newWorld({ latency: 30 });
    world.startResource({
      name: 'x',
      server: js(`globalThis.heard = []; onNet('hello', (n) => heard.push(n));`),
      client: js(`globalThis.instance = Math.random(); globalThis.hello = () => emitNet('hello', instance);`),
    });
    const client = world.connect();
    const oldInstance = client.resource('x').globals.instance as number;
    world.restartResource('x');
    expect(client.resource('x').globals.instance).toBe(oldInstance);
    client.resource('x').run('hello()');
    await world.advance(29);
    expect(client.resource('x').globals.instance).toBe(oldInstance);
    await world.advance(1);
    expect(client.resource('x').globals.instance).not.toBe(oldInstance);
    await world.advance(50);
    expect(Array.from(world.server.resource('x').globals.heard)).toEqual([oldInstance]); // the new server instance heard the old client
  });
});

describe('microtasks: every resource has its own queue', () => {
  const recorder = js(`
    globalThis.order = [];
    onNet('n', (i) => { order.push('event' + i); Promise.resolve().then(() => order.push('then' + i)); });
  `);
  const sendTwo = js(`globalThis.two = () => { emitNet('n', 1); emitNet('n', 2); };`);

  test('the server drains a resource\'s queue at the end of its own tick, not after its events (serverMicrotasks: perTick, the default)', async () => {
    const world = newWorld();
    world.startResource({ name: 'a', server: recorder, client: sendTwo });
    world.connect().resource('a').run('two()');
    await world.advance(50);
    expect(Array.from(world.server.resource('a').globals.order)).toEqual(['event1', 'event2', 'then1', 'then2']);
  });

  test('work a resource queued while another resource called it, after its own tick ran, waits a whole frame', async () => {
    const world = newWorld();
    // a ticks first; b's tick calls a's export, whose promise callback lands in a's queue after a's tick.
    world.startResource({
      name: 'a',
      server: js(`globalThis.doneAt = []; exports('later', () => void Promise.resolve().then(() => doneAt.push(GetGameTimer())));`),
    });
    world.startResource({ name: 'b', server: js(`globalThis.calledAt = []; const t = setTick(() => { calledAt.push(GetGameTimer()); exports.a.later(); clearTick(t); });`) });
    await world.advance(200);
    const calledAt = world.server.resource('b').globals.calledAt[0] as number;
    expect(Array.from(world.server.resource('a').globals.doneAt)).toEqual([calledAt + 50]);
  });

  test('or when each call into the resource ends (serverMicrotasks: perCall, older server builds)', async () => {
    const world = newWorld({ serverMicrotasks: 'perCall' });
    world.startResource({ name: 'a', server: recorder, client: sendTwo });
    world.connect().resource('a').run('two()');
    await world.advance(50);
    expect(Array.from(world.server.resource('a').globals.order)).toEqual(['event1', 'then1', 'event2', 'then2']);
  });

test('a client drains them after each event', async () => {
    const world = newWorld();
    world.startResource({
      name: 'a',
      server: js(`globalThis.two = () => { emitNet('n', -1, 1); emitNet('n', -1, 2); };`),
      client: recorder,
    });
    const client = world.connect();
    world.server.resource('a').run('two()');
    await world.advance(50);
    expect(Array.from(client.resource('a').globals.order)).toEqual(['event1', 'then1', 'event2', 'then2']);
  });
});
