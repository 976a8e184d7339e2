import { FunctionRefPreview, type Packet } from '../../src/testing';
import { newWorld, js } from './helpers';

function echoWorld(options: Parameters<typeof newWorld>[0] = {}) {
  const world = newWorld(options);
  world.startResource({
    name: 'a',
    server: js(`globalThis.got = []; onNet('n', (i) => got.push([source, i])); globalThis.send = (t, i) => emitNet('m', t, i);`),
    client: js(`globalThis.got = []; onNet('m', (i) => got.push(i)); globalThis.burst = (n) => { for (let i = 0; i < n; i++) emitNet('n', i); };`),
  });
  return world;
}

describe('network', () => {
  test('one-way latency delays delivery', async () => {
    const world = echoWorld({ latency: 100 });
    const client = world.connect();
    client.resource('a').run('burst(1)');
    await world.advance(99);
    expect(world.server.resource('a').globals.got.length).toBe(0);
    await world.advance(2);
    expect(world.server.resource('a').globals.got.length).toBe(1);
  });

  test('random latency keeps each player\'s order (FIFO) but interleaves players', async () => {
    const world = echoWorld({ latency: { min: 0, max: 200 }, seed: 7 });
    const c1 = world.connect();
    const c2 = world.connect();
    c1.resource('a').run('burst(30)');
    c2.resource('a').run('burst(30)');
    await world.advance(1000);
    const got = (world.server.resource('a').globals.got as unknown[][]).map((e) => Array.from(e) as number[]);
    const of = (p: number) => got.filter(([s]) => s === p).map(([, i]) => i);
    expect(of(1)).toEqual([...Array(30).keys()]);
    expect(of(2)).toEqual([...Array(30).keys()]);
    const senders = got.map(([s]) => s);
    expect(senders.slice(0, 30).every((s) => s === 1)).toBe(false);
  });

  test('the same seed gives the same interleaving', async () => {
    const run = async (seed: number) => {
      const world = echoWorld({ latency: { min: 0, max: 300 }, seed });
      const c1 = world.connect();
      const c2 = world.connect();
      c1.resource('a').run('burst(10)');
      c2.resource('a').run('burst(10)');
      await world.advance(1000);
      return JSON.stringify(world.server.resource('a').globals.got);
    };
    expect(await run(3)).toBe(await run(3));
  });

  test('intercept: drop packets, add delay, inspect args; removable', async () => {
    const world = echoWorld({ latency: 10 });
    const client = world.connect();
    const seen: Packet[] = [];
    const remove = world.network.intercept((p) => {
      seen.push(p);
      if (p.args[0] === 1) return 'drop';
      if (p.args[0] === 2) return { delayMs: 500 };
      return 'deliver';
    });
    client.resource('a').run('burst(4)');
    await world.advance(100);
    const got = () => (world.server.resource('a').globals.got as unknown[][]).map((e) => e[1]);
    expect(got()).toEqual([0]); // 2 is late and holds 3 back (reliable channel)
    await world.advance(500);
    expect(got()).toEqual([0, 2, 3]);
    expect(seen.map((p) => [p.from, p.to, p.name, p.latent])).toEqual(Array(4).fill([1, 'server', 'n', false]));
    expect(world.network.stats.dropped.intercepted).toBe(1);
    remove();
    client.resource('a').run('burst(2)');
    await world.advance(100);
    expect(got()).toEqual([0, 2, 3, 0, 1]);
  });

  test('packet previews show function references', () => {
    const world = echoWorld();
    const client = world.connect();
    let preview: unknown;
    world.network.intercept((p) => {
      preview = p.args[0];
    });
    client.resource('a').run(`emitNet('n', () => 1)`);
    expect(preview).toBeInstanceOf(FunctionRefPreview);
  });

  test('stats count events and bytes per direction and per name; resettable', async () => {
    const world = echoWorld();
    world.connect();
    world.connect();
    world.server.resource('a').run(`send(-1, 'hello')`);
    world.client(1).resource('a').run('burst(3)');
    await world.advance(50);
    const stats = world.network.stats;
    expect(stats.toClients.events).toBe(2);
    expect(stats.toServer.events).toBe(3);
    expect(stats.byName.m!.toClients.events).toBe(2);
    expect(stats.byName.n!.toServer.bytes).toBe(stats.toServer.bytes);
    expect(stats.toClients.bytes).toBe(2 * 7); // [ 'hello' ] = fixarray + fixstr(5)
    world.network.resetStats();
    expect(world.network.stats.toServer.events).toBe(0);
  });
});

describe('server limits on what clients send', () => {
  test('beyond the event rate (50/s, burst 200) events are dropped, the player stays', async () => {
    const world = echoWorld();
    const client = world.connect();
    client.resource('a').run('burst(250)');
    await world.advance(100);
    expect(world.server.resource('a').globals.got.length).toBe(200);
    expect(world.network.stats.dropped.rateLimited).toBe(50);
    expect(world.isConnected(client.playerId)).toBe(true);
    expect(world.logs.find('dropped by the netEvent rate limiter').length).toBe(50);
  });

  test('a sustained 50 events/s goes through', async () => {
    // An interval fires on the first frame more than `interval` ms after its last run: 19 on 1 ms frames = 20 ms.
    const world = echoWorld({ clientFrameMs: 1 });
    world.startResource({ name: 'steady', client: js(`setInterval(() => emitNet('n', 0), 19);`) });
    world.connect();
    await world.advance(20_000);
    const sent = world.network.stats.toServer.events;
    expect(sent).toBe(1000);
    await world.advance(50); // the last one is dispatched on the next server frame
    expect(world.network.stats.dropped.rateLimited).toBe(0);
    expect(world.server.resource('a').globals.got.length).toBeGreaterThanOrEqual(sent);
  });

  test('beyond the flood limit (75/s, burst 300 of dropped events) the player is kicked', async () => {
    const world = echoWorld();
    world.startResource({ name: 'w', server: js(`globalThis.drops = []; on('playerDropped', (r) => drops.push([source, r]));`) });
    world.connect();
    world.client(1).resource('a').run('burst(600)');
    await world.advance(100);
    expect(world.isConnected(1)).toBe(false);
    expect(world.network.stats.kicked).toBe(1);
    expect(JSON.stringify(world.server.resource('w').globals.drops)).toBe('[[1,"Reliable network event overflow."]]');
  });

  test('a reliable client event over 384 KiB is not sent at all (the client cannot serialize it): no kick', async () => {
    const world = echoWorld();
    world.startResource({ name: 'w', server: js(`globalThis.drops = []; on('playerDropped', (r) => drops.push(r));`) });
    world.connect();
    world.client(1).resource('a').run(`emitNet('n', 'x'.repeat(385 * 1024))`);
    await world.advance(100);
    expect(Array.from(world.server.resource('w').globals.drops)).toEqual([]);
    expect(world.network.stats.toServer.events).toBe(0);
    expect(world.server.resource('a').globals.got.length).toBe(0);
    expect(world.isConnected(1)).toBe(true);
  });

  test('the byte rate is 128 KiB/s with a 384 KiB burst', async () => {
    const world = echoWorld();
    const client = world.connect();
    const chunk = `'x'.repeat(100 * 1024)`;
    client.resource('a').run(`for (let i = 0; i < 3; i++) emitNet('n', ${chunk})`);
    await world.advance(1000); // 300 KiB used, ~128 KiB refilled: 84 + 128 = 212 KiB left
    client.resource('a').run(`for (let i = 0; i < 2; i++) emitNet('n', ${chunk})`);
    await world.advance(10);
    expect(world.isConnected(1)).toBe(true);
    client.resource('a').run(`emitNet('n', ${chunk})`);
    await world.advance(10);
    expect(world.isConnected(1)).toBe(false);
  });

  test('latent events arrive whole after bytes/bps of virtual time, and do not count against the byte limit', async () => {
    const world = echoWorld({ latency: 10 });
    world.startResource({ name: 'big', server: js(`onNet('blob', (s) => { globalThis.got = [s.length, GetGameTimer()]; });`), client: js('') });
    world.connect();
    const size = 500 * 1024;
    world.client(1).resource('big').run(`TriggerLatentServerEvent('blob', 100 * 1024, 'y'.repeat(${size}))`);
    await world.advance(4000);
    expect(world.server.resource('big').globals.got).toBeUndefined();
    await world.advance(2000);
    const [length, at] = Array.from(world.server.resource('big').globals.got as number[]);
    expect(length).toBe(size);
    const payload = world.network.stats.latent.toServer.bytes;
    const arrival = Math.ceil((payload * 1000) / (100 * 1024)) + 10;
    expect(at).toBe(Math.ceil(arrival / 50) * 50); // dispatched on the next server frame
    expect(world.isConnected(1)).toBe(true);
  });

  test('latent events count against the event-rate limiter', async () => {
    const world = echoWorld();
    world.connect();
    world.client(1).resource('a').run(`for (let i = 0; i < 210; i++) TriggerLatentServerEvent('n', 10000, i)`);
    await world.advance(1000);
    expect(world.server.resource('a').globals.got.length).toBe(200);
    expect(world.network.stats.dropped.rateLimited).toBe(10);
  });

  test('TriggerLatentClientEvent delivers to the player after bytes/bps', async () => {
    const world = echoWorld();
    world.startResource({ name: 'big', server: js(`globalThis.go = () => TriggerLatentClientEvent('blob', 1, 2048, 'z'.repeat(4096));`), client: js(`onNet('blob', (s) => { globalThis.at = GetGameTimer(); });`) });
    const client = world.connect();
    world.server.resource('big').run('go()');
    await world.advance(3000);
    expect(client.resource('big').globals.at).toBeGreaterThanOrEqual(2000);
    expect(client.resource('big').globals.at).toBeLessThan(2100);
  });
});
