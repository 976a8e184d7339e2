import { newWorld, js } from './helpers';

describe('local events', () => {
  test('emit runs every listening resource synchronously, with source "" and args through msgpack', () => {
    const world = newWorld();
    world.startResource({ name: 'a', server: js(`globalThis.got = []; on('hello', (x) => got.push(['a', source, x]));`) });
    world.startResource({ name: 'b', server: js(`globalThis.got = []; on('hello', (x) => got.push(['b', source, x]));`) });
    world.server.resource('a').run(`emit('hello', { n: 1 }); globalThis.after = got.length;`);
    expect(world.server.resource('a').globals.after).toBe(1);
    expect(JSON.stringify(world.server.resource('a').globals.got)).toBe('[["a","",{"n":1}]]');
    expect(JSON.stringify(world.server.resource('b').globals.got)).toBe('[["b","",{"n":1}]]');
  });

  test('TriggerEvent / AddEventHandler are the same functions', () => {
    const world = newWorld();
    world.startResource({ name: 'a', client: js(`AddEventHandler('x', (v) => { globalThis.v = v; }); TriggerEvent('x', 5);`) });
    const client = world.connect();
    expect(client.resource('a').globals.v).toBe(5);
  });

  test('removeEventListener needs the same function object', () => {
    const world = newWorld();
    world.startResource({
      name: 'a',
      server: js(`
        globalThis.count = 0;
        const fn = () => count++;
        on('x', fn);
        removeEventListener('x', () => count++);
        emit('x');
        removeEventListener('x', fn);
        emit('x');`),
    });
    expect(world.server.resource('a').globals.count).toBe(1);
  });

  test('source is the raw string "" for a local emit, and a nested emit leaves it null for the rest of the handler', () => {
    const world = newWorld();
    world.startResource({
      name: 'a',
      server: js(`
        on('inner', () => {});
        on('outer', () => { globalThis.before = source; emit('inner'); globalThis.afterNested = source; });
        emit('outer');`),
    });
    const g = world.server.resource('a').globals;
    expect(g.before).toBe('');
    expect(g.afterNested).toBeNull();
  });

  test('a listener that throws is reported as SCRIPT ERROR and the others still run', () => {
    const world = newWorld();
    world.startResource({
      name: 'a',
      server: js(`globalThis.ran = false; on('x', () => { throw new Error('boom'); }); on('x', () => { ran = true; }); emit('x');`),
    });
    expect(world.server.resource('a').globals.ran).toBe(true);
    const error = world.logs.find("SCRIPT ERROR in event `x'")[0];
    expect(error?.text).toContain('Error: boom');
    expect(error?.resource).toBe('a');
    expect(error?.machine).toBe('server');
  });

  test('a handler returning a rejected promise is not awaited; the rejection is logged', async () => {
    const world = newWorld();
    world.startResource({ name: 'a', server: js(`on('x', async () => { throw new Error('late'); }); emit('x'); globalThis.done = true;`) });
    expect(world.server.resource('a').globals.done).toBe(true);
    await world.flush();
    expect(world.logs.find('Unhandled promise failure:').length).toBe(1);
    expect(world.logs.errors().length).toBe(1);
  });

  test('listeners are a live list: one removing itself mid-dispatch makes the next one be skipped (EventEmitter2)', () => {
    const world = newWorld();
    world.startResource({
      name: 'a',
      server: js(`
        globalThis.calls = [];
        const first = () => { calls.push(1); removeEventListener('x', first); };
        on('x', first);
        on('x', () => calls.push(2));
        on('x', () => calls.push(3));
        emit('x');
        emit('x');`),
    });
    expect(Array.from(world.server.resource('a').globals.calls)).toEqual([1, 3, 2, 3]);
  });

  test('more than 10 listeners on one name prints the EventEmitter leak warning (client)', () => {
    const world = newWorld();
    world.startResource({ name: 'a', client: js(`for (let i = 0; i < 11; i++) on('x', () => {});`) });
    world.connect();
    expect(world.logs.find('possible EventEmitter memory leak detected. 11 listeners added').length).toBe(1);
  });
});

describe('net events', () => {
  test('server receives with source = player id (number); client receives with source 65535', async () => {
    const world = newWorld();
    world.startResource({
      name: 'a',
      server: js(`onNet('up', (x) => { globalThis.up = [source, typeof source, x]; emitNet('down', source, x * 2); });`),
      client: js(`onNet('down', (x) => { globalThis.down = [source, x]; });`),
    });
    world.connect();
    const client = world.connect();
    client.resource('a').run(`emitNet('up', 21)`);
    await world.advance(100);
    expect(Array.from(world.server.resource('a').globals.up)).toEqual([2, 'number', 21]);
    expect(Array.from(client.resource('a').globals.down)).toEqual([65535, 42]);
  });

  test('source is null after an await in the handler (copy it first)', async () => {
    const world = newWorld();
    world.startResource({
      name: 'a',
      server: js(`onNet('up', async () => { const copy = source; await null; globalThis.seen = [copy, source]; });`),
      client: js(''),
    });
    const client = world.connect();
    client.resource('a').run(`TriggerServerEvent('up')`);
    await world.advance(50);
    expect(Array.from(world.server.resource('a').globals.seen)).toEqual([1, null]);
  });

  test('an event for a name with listeners but never marked net-safe is dropped and logged', async () => {
    const world = newWorld();
    world.startResource({ name: 'a', server: js(`globalThis.hits = 0; on('local-only', () => hits++);`), client: js('') });
    const client = world.connect();
    client.resource('a').run(`emitNet('local-only', 1)`);
    await world.advance(50);
    expect(world.server.resource('a').globals.hits).toBe(0);
    const line = world.logs.find('Event local-only was not safe for net')[0];
    expect(line).toMatchObject({ machine: 'server', resource: 'a', level: 'error' });
  });

  test('RegisterNetEvent marks a name safe without listening; removing a listener does not unmark it', async () => {
    const world = newWorld();
    world.startResource({
      name: 'a',
      server: js(`
        globalThis.hits = [];
        RegisterNetEvent('marked');
        on('marked', (x) => hits.push(x));
        const fn = () => hits.push('removed');
        onNet('unmark', fn);
        removeEventListener('unmark', fn);
        on('unmark', () => hits.push('still-safe'));`),
      client: js(''),
    });
    const client = world.connect();
    client.resource('a').run(`emitNet('marked', 'ok'); emitNet('unmark')`);
    await world.advance(50);
    expect(Array.from(world.server.resource('a').globals.hits)).toEqual(['ok', 'still-safe']);
    expect(world.logs.errors()).toEqual([]);
  });

  test('there is no removeNetEventListener', () => {
    const world = newWorld();
    world.startResource({ name: 'a', server: js(`globalThis.t = typeof removeNetEventListener;`) });
    expect(world.server.resource('a').globals.t).toBe('undefined');
  });

  test('a net event nobody listens to is silently ignored', async () => {
    const world = newWorld();
    world.startResource({ name: 'a', server: js(``), client: js(``) });
    const client = world.connect();
    client.resource('a').run(`emitNet('nobody', 1)`);
    await world.advance(50);
    expect(world.logs.errors()).toEqual([]);
    expect(world.network.stats.delivered.events).toBe(1);
  });

  test('net events are never delivered inside the sender call, even with zero latency', async () => {
    const world = newWorld({ latency: 0 });
    world.startResource({
      name: 'a',
      server: js(`globalThis.got = 0; onNet('x', () => got++);`),
      client: js(`onNet('y', () => { globalThis.gotY = true; });`),
    });
    const client = world.connect();
    client.resource('a').run(`emitNet('x')`);
    expect(world.server.resource('a').globals.got).toBe(0);
    world.server.resource('a').run(`emitNet('y', -1)`);
    expect(client.resource('a').globals.gotY).toBeUndefined();
    await world.flush();
    await world.advance(50); // the next server frame
    expect(world.server.resource('a').globals.got).toBe(1);
    expect(client.resource('a').globals.gotY).toBe(true);
  });

  test('GetInvokingResource names the resource that emitted a local event', () => {
    const world = newWorld();
    world.startResource({ name: 'listener', server: js(`on('who', () => { globalThis.inv = GetInvokingResource(); });`) });
    world.startResource({ name: 'caller', server: js(`emit('who');`) });
    expect(world.server.resource('listener').globals.inv).toBe('caller');
  });
});
