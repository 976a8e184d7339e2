/**
 * Resources stopping mid-call: the library's resource on one side or both, and a foreign resource that registered
 * callbacks through the fxcallbacks resource's exports (the built `dist/` bundles, as FiveM loads them).
 */
import * as fs from 'fs';
import * as path from 'path';
import { resourceFromManifest, World, type ResourceDefinition } from '../../src/testing';
import { useLua } from '../lua/support';
import { rejectionOf } from '../support/harness';
import { Lifecycle, listeners, RESOURCE, startHarness, until } from './support';

describe('the library\'s resource stops mid-call', () => {
  it('on the server only, while a player\'s call runs there: the player gets RESOURCE_STOPPED, the handler is torn down, the listeners go', async () => {
    const h = startHarness({ latency: 20 });
    const { rx } = h.serverKit;
    const life = new Lifecycle();
    h.server.register('slow', life.track(rx, () => rx.timer(1000)));
    const call = rejectionOf(h.client(1).call('slow'));
    await until(h.world, () => life.live === 1);
    h.world.server.stopResource(RESOURCE);
    expect(life.live).toBe(0);
    expect(h.world.server.resource(RESOURCE).listenerCounts).toEqual({});
    await expect(h.world.settle(call)).resolves.toMatchObject({ code: 'RESOURCE_STOPPED' });
    expect(h.client(1).stats).toMatchObject({ pendingCalls: 0, runningHandlers: 0 });
    // Nobody listens on the server any more: a later call times out, it does not hang forever.
    await expect(h.world.settle(rejectionOf(h.client(1).with({ timeout: 500 }).call('slow')))).resolves.toMatchObject({ code: 'TIMEOUT' });
    expect(h.world.logs.errors()).toEqual([]);
  });

  it('on a client only, while the server\'s call runs there: the server gets RESOURCE_STOPPED', async () => {
    const h = startHarness({ players: 2, latency: 20 });
    const life = new Lifecycle();
    h.client(1).register('confirm', life.track(h.clientKit(1).rx, () => h.clientKit(1).rx.NEVER));
    const call = rejectionOf(h.server.call(1, 'confirm'));
    await until(h.world, () => life.live === 1);
    h.world.client(1).stopResource(RESOURCE);
    expect(life.live).toBe(0);
    await expect(h.world.settle(call)).resolves.toMatchObject({ code: 'RESOURCE_STOPPED' });
    expect(h.server.stats).toMatchObject({ pendingCalls: 0, runningHandlers: 0 });
    expect(h.world.logs.errors()).toEqual([]);
  });

  // Regression: a stopping endpoint now cancels its own pending calls on the other side, so a stream running
  // there for a resource that is gone stops too.
  it('on a client, while its own streaming call runs on the server: the server\'s handler stops too', async () => {
    const h = startHarness({ latency: 20 });
    const { rx } = h.serverKit;
    const life = new Lifecycle();
    h.server.register('feed', life.track(rx, () => rx.interval(100)));
    const outcome = new Promise((resolve) => h.client(1).with({ timeout: false }).call$('feed').subscribe({ error: resolve }));
    await h.world.advance(300);
    expect(life.live).toBe(1);
    h.world.client(1).stopResource(RESOURCE);
    await expect(h.world.settle(outcome)).resolves.toMatchObject({ code: 'RESOURCE_STOPPED' });
    await h.world.advance(200);
    expect(h.server.stats.runningHandlers).toBe(0);
    expect(life.live).toBe(0);
  });

  it('on the server, while its own streaming call runs on a client: the client\'s handler stops too', async () => {
    const h = startHarness({ latency: 20 });
    const { rx } = h.clientKit(1);
    const life = new Lifecycle();
    h.client(1).register('position', life.track(rx, () => rx.interval(100)));
    const outcome = new Promise((resolve) => h.server.with({ timeout: false }).call$(1, 'position').subscribe({ error: resolve }));
    await h.world.advance(300);
    expect(life.live).toBe(1);
    h.world.server.stopResource(RESOURCE);
    await expect(h.world.settle(outcome)).resolves.toMatchObject({ code: 'RESOURCE_STOPPED' });
    await h.world.advance(200);
    expect(h.client(1).stats.runningHandlers).toBe(0);
    expect(life.live).toBe(0);
  });

  it('restarted everywhere mid-call: both callers get RESOURCE_STOPPED; the new instance answers and holds no extra listener', async () => {
    const h = startHarness({ latency: 20 });
    const baseline = listeners(h);
    h.server.register('slow', () => h.serverKit.rx.timer(1000));
    h.client(1).register('slow', () => h.clientKit(1).rx.timer(1000));
    const calls = [rejectionOf(h.client(1).call('slow')), rejectionOf(h.server.call(1, 'slow'))];
    await h.world.advance(100);
    h.world.restartResource(RESOURCE);
    for (const error of await h.world.settle(Promise.all(calls))) expect(error).toMatchObject({ code: 'RESOURCE_STOPPED' });
    await h.world.advance(20); // the restart reaches the client over the network
    // The restarted resource has new contexts and a new API.
    const server = h.world.server.resource(RESOURCE).globals.callbacks as typeof h.server;
    const client = h.world.client(1).resource(RESOURCE).globals.callbacks as ReturnType<typeof h.client>;
    server.register('ping', () => 'pong');
    await expect(h.world.settle(client.call('ping'))).resolves.toBe('pong');
    expect(listeners(h)).toEqual(baseline);
    await h.world.advance(2000);
    expect(server.stats).toMatchObject({ pendingCalls: 0, runningHandlers: 0 });
    expect(h.world.logs.errors()).toEqual([]);
  });
});

describe('a server restart that clients learn of later, over the network', () => {
  // FXServer restarts the resource on the server at once; each client hears of it one link latency later. Until
  // then the old client instance talks to the new server instance, and answers to the old server instance's
  // calls reach the new one.
  it('calls of the old client instance and of the old server instance end cleanly on both sides, nothing pending', async () => {
    const h = startHarness({ latency: 20 });
    const oldClient = h.client(1);
    h.server.register('slow', () => h.serverKit.rx.timer(1000));
    oldClient.register('slow', () => h.clientKit(1).rx.timer(1000));
    const oldCalls = [oldClient.call('slow'), h.server.call(1, 'slow')].map((call) => call.then((value) => ({ value }), (error: { code: string }) => ({ code: error.code })));
    await h.world.advance(100);

    h.world.restartResource(RESOURCE);
    const newServer = h.world.server.resource(RESOURCE).globals.callbacks as typeof h.server;
    newServer.register('ping', () => 'pong');
    expect(h.world.client(1).resource(RESOURCE).state).toBe('started'); // still the old client instance
    const lateCall = oldClient.call('ping').then((value) => ({ value }), (error: { code: string }) => ({ code: error.code }));

    const outcomes = await h.world.settle(Promise.all([...oldCalls, lateCall]));
    expect(outcomes.slice(0, 2)).toEqual([{ code: 'RESOURCE_STOPPED' }, { code: 'RESOURCE_STOPPED' }]);
    expect([{ value: 'pong' }, { code: 'RESOURCE_STOPPED' }]).toContainEqual(outcomes[2]);

    await h.world.advance(2000);
    const newClient = h.world.client(1).resource(RESOURCE).globals.callbacks as ReturnType<typeof h.client>;
    expect(newClient).not.toBe(oldClient);
    expect(newServer.stats).toMatchObject({ pendingCalls: 0, runningHandlers: 0 });
    expect(newClient.stats).toMatchObject({ pendingCalls: 0, runningHandlers: 0, rememberedAnswers: 0 });
    expect(h.world.logs.errors()).toEqual([]);
    // The two new instances work together.
    await expect(h.world.settle(newClient.call('ping'))).resolves.toBe('pong');
  });
});

// ---- a foreign resource using the fxcallbacks resource's exports ----------------------------------------------

const ROOT = path.join(__dirname, '..', '..');
const DIST = path.join(ROOT, 'dist');
const hasDist = fs.existsSync(path.join(DIST, 'server.js')) && fs.existsSync(path.join(DIST, 'client.js'));
const describeWithDist = hasDist ? describe : describe.skip;
if (!hasDist) console.warn('spec/faults/stops.spec.ts: dist/ is missing; run `npm run build` to test the exports');

function js(name: string, side: 'server' | 'client', code: string): ResourceDefinition {
  return { name, [side]: [{ code, filename: `${name}.js` }] };
}

/** The fxcallbacks resource as its manifest loads it: the bundles and the Lua layer of the exports, with its files. */
function hubFromDist(): ResourceDefinition {
  return resourceFromManifest(ROOT, 'fxcallbacks');
}

/** The shop registers a server callback through the exports; `delay` ms later its handler answers. */
const SHOP = js(
  'shop',
  'server',
  `exports.fxcallbacks.RegisterServerCallback('shop:buy', (src, cb, item) => {
     setTimeout(() => cb({ item, src }), Number(GetConvar('shop:delay', '0')));
   });`,
);

/** A client resource calling the shop through the exports, Lua style: `cb(...values)` or `cb(nil, message[, timedOut])`. */
const SHOP_UI = js(
  'shopui',
  'client',
  `globalThis.results = [];
   globalThis.buy = (item, timeout) => exports.fxcallbacks.TriggerServerCallbackWithOptions('shop:buy', { timeout }, (...answer) => results.push(answer), item);
   globalThis.metrics = () => exports.fxcallbacks.GetCallbackMetrics();`,
);

useLua();

describeWithDist('a foreign resource that registered callbacks through the exports restarts', () => {
  let world: World;
  afterEach(() => world.dispose());

  function start(): World {
    world = new World({ latency: 20 });
    world.startResource(hubFromDist());
    world.startResource(SHOP);
    world.startResource(SHOP_UI);
    world.connect();
    return world;
  }

  const ui = () => world.client(1).resource('shopui');
  const results = () => JSON.parse(JSON.stringify(ui().globals.results)) as unknown[][];
  const outgoing = () =>
    (JSON.parse(JSON.stringify(ui().run('metrics()')))['shop:buy'] as { outgoing: { errors: Record<string, number> } }).outgoing;
  const incoming = () =>
    (JSON.parse(JSON.stringify(world.server.resource('fxcallbacks').run('exports.fxcallbacks.GetCallbackMetrics()')))['shop:buy'] as {
      incoming: { inFlight: number };
    }).incoming;

  it('its callbacks are removed while it is stopped (NO_SUCH_CALLBACK), and work again once it registers them again', async () => {
    start();
    ui().run(`buy('apple', 2000)`);
    await world.advance(200);
    expect(results()).toEqual([[{ item: 'apple', src: 1 }]]);

    world.stopResource('shop');
    ui().run(`buy('pear', 2000)`);
    await world.advance(200);
    expect(results()[1]).toEqual([null, 'no callback named "shop:buy" is registered']);
    expect(outgoing()!.errors).toEqual({ NO_SUCH_CALLBACK: 1 });

    world.startResource(SHOP);
    ui().run(`buy('plum', 2000)`);
    await world.advance(200);
    expect(results()[2]).toEqual([{ item: 'plum', src: 1 }]);
    expect(world.logs.errors()).toEqual([]);
  });

  it('mid-call: the caller gets one clear outcome within its timeout, nothing crashes, nothing stays in flight', async () => {
    world = new World({ latency: 20, convars: { 'shop:delay': '1000' } });
    world.startResource(hubFromDist());
    world.startResource(SHOP);
    world.startResource(SHOP_UI);
    world.connect();
    ui().run(`buy('apple', 3000)`);
    await world.advance(300);
    expect(incoming()!.inFlight).toBe(1);
    world.restartResource('shop');
    // The shop's handler died with it: the call fails at once with RESOURCE_STOPPED, not after its timeout.
    await world.advance(200);
    expect(results()).toEqual([[null, 'the resource that registered this callback stopped']]);
    await world.advance(3300);
    expect(results()).toHaveLength(1);
    await world.advance(100);
    expect(incoming()!.inFlight).toBe(0);
    expect(world.logs.errors()).toEqual([]);
    // The restarted shop registered again: the next call is answered.
    ui().run(`buy('pear', 3000)`);
    await world.advance(1500);
    expect(results()[1]).toEqual([{ item: 'pear', src: 1 }]);
  });

  it('a client resource that registered a client callback stops: the server\'s call gets NO_SUCH_CALLBACK', async () => {
    start();
    world.startResource(js('hud', 'client', `exports.fxcallbacks.RegisterClientCallback('hud:confirm', (cb, question) => cb(true, question));`));
    world.startResource(
      js('admin', 'server', `globalThis.answers = []; globalThis.ask = () => exports.fxcallbacks.TriggerClientCallback(1, 'hud:confirm', (...a) => answers.push(a), 'sure?');`),
    );
    const admin = world.server.resource('admin');
    admin.run('ask()');
    await world.advance(200);
    world.stopResource('hud');
    admin.run('ask()');
    await world.advance(200);
    expect(JSON.parse(JSON.stringify(admin.globals.answers))).toEqual([
      [true, 'sure?'],
      [null, 'no callback named "hud:confirm" is registered'],
    ]);
    expect(world.logs.errors()).toEqual([]);
  });
});

