import { newWorld, js } from './helpers';

describe('resource start and stop', () => {
  test('start fires onResourceStart at once and onServerResourceStart / onClientResourceStart on the next frame', async () => {
    const world = newWorld();
    const probe = (side: string) =>
      js(`globalThis.ev = []; on('onResourceStart', (r) => ev.push('start:' + r)); on('on${side}ResourceStart', (r) => ev.push('${side}:' + r));`);
    world.startResource({ name: 'watch', server: probe('Server'), client: probe('Client') });
    const early = world.connect();
    world.startResource({ name: 'x', server: js(''), client: js('') });
    const late = world.connect();
    expect(Array.from(world.server.resource('watch').globals.ev)).toEqual(['start:watch', 'start:x']);
    await world.advance(50);
    expect(Array.from(world.server.resource('watch').globals.ev)).toEqual(['start:watch', 'start:x', 'Server:watch', 'Server:x']);
    // x reaches the early client over the network, after its queued onClientResourceStart for watch.
    expect(Array.from(early.resource('watch').globals.ev)).toEqual(['start:watch', 'Client:watch', 'start:x', 'Client:x']);
    expect(Array.from(late.resource('watch').globals.ev)).toEqual(['start:watch', 'start:x', 'Client:watch', 'Client:x']);
  });

  test('stop fires onResourceStop on every machine (the stopping resource too), then tears it down', async () => {
    const world = newWorld();
    const probe = (side: string) => js(`globalThis.ev = []; on('onResourceStop', (r) => ev.push('stop:' + r)); on('on${side}ResourceStop', (r) => ev.push('${side}:' + r));`);
    world.startResource({ name: 'watch', server: probe('Server'), client: probe('Client') });
    world.startResource({
      name: 'x',
      server: js(`globalThis.ticks = 0; setInterval(() => ticks++, 10); on('onResourceStop', (r) => { globalThis.sawOwnStop = r; }); on('ping', () => { globalThis.pinged = true; });`),
      client: js(''),
    });
    const client = world.connect();
    const x = world.server.resource('x').globals;
    await world.advance(100);
    const ticks = x.ticks;
    world.stopResource('x');
    expect(x.sawOwnStop).toBe('x');
    expect(Array.from(world.server.resource('watch').globals.ev)).toEqual(['stop:x']);
    await world.advance(100);
    expect(Array.from(world.server.resource('watch').globals.ev)).toEqual(['stop:x', 'Server:x']);
    expect(Array.from(client.resource('watch').globals.ev)).toEqual(['stop:x', 'Client:x']);
    expect(x.ticks).toBe(ticks);
    world.server.emit('ping');
    expect(x.pinged).toBeUndefined();
    expect(world.server.resourceState('x')).toBe('stopped');
    expect(world.server.resource('watch').run(`GetResourceState('x')`)).toBe('stopped');
  });

  test('a stopped resource\'s leftover async code can no longer send or schedule anything', async () => {
    const world = newWorld();
    world.startResource({ name: 'x', server: js(`globalThis.later = async () => { await new Promise((r) => setTimeout(r, 50)); emitNet('late', -1); };`), client: js('') });
    world.connect();
    world.server.resource('x').run('later()');
    world.stopResource('x');
    await world.advance(200);
    expect(world.network.stats.toClients.events).toBe(0);
  });

  test('restart runs the scripts again in a fresh context', () => {
    const world = newWorld();
    world.startResource({ name: 'x', server: js(`globalThis.n = (globalThis.n || 0) + 1;`) });
    const first = world.server.resource('x').globals;
    world.restartResource('x');
    const second = world.server.resource('x').globals;
    expect(first).not.toBe(second);
    expect(second.n).toBe(1);
  });

  test('starting a started resource or stopping an unknown one throws', () => {
    const world = newWorld();
    world.startResource({ name: 'x' });
    expect(() => world.startResource({ name: 'x' })).toThrow('already started');
    expect(() => world.stopResource('y')).toThrow('not started');
  });
});

describe('commands', () => {
  test('RegisterCommand + a server console command: handler gets (source 0, args, raw)', () => {
    const world = newWorld();
    world.startResource({ name: 'a', server: js(`RegisterCommand('greet', (src, args, raw) => { globalThis.c = [src, args, raw]; }, false);`) });
    expect(world.server.executeCommand('greet bob "the builder"')).toBe(true);
    expect(JSON.stringify(world.server.resource('a').globals.c)).toBe('[0,["bob","the builder"],"greet bob \\"the builder\\""]');
    expect(world.server.executeCommand('unknown')).toBe(false);
  });

  test('a client command the client does not handle goes to the server; restricted commands need the ace', async () => {
    const world = newWorld({ latency: 20 });
    world.startResource({
      name: 'a',
      server: js(`globalThis.runs = []; RegisterCommand('admin', (src) => runs.push(src), true); RegisterCommand('open', (src) => runs.push('open:' + src), false);`),
      client: js(`RegisterCommand('local', () => { globalThis.local = true; }, false);`),
    });
    const c1 = world.connect({ aces: ['command.admin'] });
    const c2 = world.connect();
    c1.executeCommand('local');
    expect(c1.resource('a').globals.local).toBe(true);
    c1.executeCommand('admin');
    c2.executeCommand('admin');
    c2.executeCommand('open');
    await world.advance(50);
    expect(Array.from(world.server.resource('a').globals.runs)).toEqual([1, 'open:2']);
    expect(world.logs.find('Access denied for command admin.').length).toBe(1);
  });
});
