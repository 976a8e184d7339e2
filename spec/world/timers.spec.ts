import { newWorld, js } from './helpers';

describe('timers (FiveM timer.js on the game frame)', () => {
  test('clearTimeout needs the handle: a number clears nothing', async () => {
    const world = newWorld({ serverFrameMs: 1 });
    world.startResource({
      name: 'a',
      server: js(`
        globalThis.fired = [];
        const h1 = setTimeout(() => fired.push(1), 10);
        const h2 = setTimeout(() => fired.push(2), 10);
        globalThis.handleType = typeof h1;
        clearTimeout(Number(h1));
        clearTimeout(h2.id);
        clearTimeout(h2);`),
    });
    await world.advance(50);
    const g = world.server.resource('a').globals;
    expect(g.handleType).toBe('object');
    expect(Array.from(g.fired)).toEqual([1]);
  });

  test('server: setTimeout(fn, ms) fires on the first frame more than ms after the last frame (interval >= 1)', async () => {
    const world = newWorld({ serverFrameMs: 1 });
    world.startResource({ name: 'a', server: js(`globalThis.t = []; setTimeout(() => t.push(GetGameTimer()), 100); setTimeout(() => t.push(GetGameTimer()), 0);`) });
    await world.advance(500);
    expect(Array.from(world.server.resource('a').globals.t)).toEqual([2, 101]);
  });

  test('client: timers only fire on frames (16 ms by default)', async () => {
    const world = newWorld({ serverFrameMs: 1 });
    world.startResource({ name: 'a', client: js(`globalThis.t = []; setTimeout(() => t.push(GetGameTimer()), 0); setTimeout(() => t.push(GetGameTimer()), 20);`) });
    const client = world.connect();
    await world.advance(100);
    expect(Array.from(client.resource('a').globals.t)).toEqual([16, 32]);
  });

  test('setInterval repeats until cleared; setImmediate waits for a frame', async () => {
    const world = newWorld({ serverFrameMs: 1 });
    world.startResource({
      name: 'a',
      server: js(`
        globalThis.n = 0; globalThis.imm = false;
        const h = setInterval(() => { if (++n === 3) clearInterval(h); }, 10);
        setImmediate(() => { imm = true; });`),
    });
    const g = world.server.resource('a').globals;
    expect(g.imm).toBe(false);
    await world.advance(1);
    expect(g.imm).toBe(false);
    await world.advance(1);
    expect(g.imm).toBe(true);
    await world.advance(1000);
    expect(g.n).toBe(3);
  });

  test('setTick runs every frame until clearTick; a tick returning a pending promise is not called again until it settles', async () => {
    const world = newWorld({ serverFrameMs: 1 });
    world.startResource({
      name: 'a',
      client: js(`
        globalThis.ticks = 0; globalThis.slow = 0;
        const id = setTick(() => { if (++ticks === 5) clearTick(id); });
        setTick(() => { slow++; return new Promise((r) => setTimeout(r, 40)); });`),
    });
    const client = world.connect();
    await world.advance(160);
    const g = client.resource('a').globals;
    expect(g.ticks).toBe(5);
    expect(g.slow).toBeGreaterThanOrEqual(2);
    expect(g.slow).toBeLessThanOrEqual(4);
  });

  test('timer globals are read-only, as in FiveM', () => {
    const world = newWorld({ serverFrameMs: 1 });
    world.startResource({ name: 'a', server: js(`setTimeout = null; globalThis.t = typeof setTimeout;`) });
    expect(world.server.resource('a').globals.t).toBe('function');
  });

  test('Date.now() and GetGameTimer() follow the virtual clock', async () => {
    const world = newWorld({ serverFrameMs: 1, startEpochMs: 1_000_000 });
    world.startResource({ name: 'a', server: js(`globalThis.read = () => [Date.now(), new Date().getTime(), GetGameTimer(), typeof Date(), new Date(5).getTime()];`) });
    await world.advance(1234);
    const r = Array.from(world.server.resource('a').run('read()'));
    expect(r).toEqual([1_001_234, 1_001_234, 1234, 'string', 5]);
  });

  test('promise chains inside contexts complete between timers', async () => {
    const world = newWorld({ serverFrameMs: 1 });
    world.startResource({
      name: 'a',
      server: js(`
        globalThis.log = [];
        setTimeout(() => { Promise.resolve().then(() => 1).then(() => 2).then(() => log.push('chain done')); log.push('t1'); }, 5);
        setTimeout(() => log.push('t2'), 6);`),
    });
    await world.advance(20);
    expect(Array.from(world.server.resource('a').globals.log)).toEqual(['t1', 'chain done', 't2']);
  });

  test('a timer that throws is reported and does not stop the others', async () => {
    const world = newWorld({ serverFrameMs: 1 });
    world.startResource({ name: 'a', server: js(`globalThis.ok = false; setTimeout(() => { throw new Error('tboom'); }, 1); setTimeout(() => { ok = true; }, 1);`) });
    await world.advance(10);
    expect(world.server.resource('a').globals.ok).toBe(true);
    expect(world.logs.find('SCRIPT ERROR in timer: Error: tboom').length).toBe(1);
  });

  test('an idle client schedules no frames; the server ticks every frame while it has resources, as FXServer does', async () => {
    const world = newWorld({ serverFrameMs: 50 });
    world.startResource({ name: 'a', server: js(``), client: js(``) });
    world.connect();
    await world.flush();
    expect(world.clock.pending).toBe(1); // the server's next frame, whose ticks drain each resource's queue
    await world.advance(60_000);
    expect(world.now).toBe(60_000);
    expect(world.clock.pending).toBe(1);
  });

  test('a server without resources schedules no frames', async () => {
    const world = newWorld({ serverFrameMs: 1 });
    world.connect();
    await world.flush();
    expect(world.clock.pending).toBe(0);
  });
});
