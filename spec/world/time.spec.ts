import { newWorld, js } from './helpers';

describe('virtual time', () => {
  test('advance sets the clock; flush runs what is due now without moving it', async () => {
    const world = newWorld({ serverFrameMs: 1 });
    await world.advance(250);
    expect(world.now).toBe(250);
    await world.flush();
    expect(world.now).toBe(250);
  });

  test('settle returns the value and stops the clock when the promise settles', async () => {
    const world = newWorld({ serverFrameMs: 1 });
    world.startResource({ name: 'a', server: js(`globalThis.wait = (ms, v) => new Promise((r) => setTimeout(() => r(v), ms));`) });
    const value = await world.settle(world.server.resource('a').run('wait(300, "done")'));
    expect(value).toBe('done');
    expect(world.now).toBe(301);
  });

  test('settle rethrows a rejection', async () => {
    const world = newWorld({ serverFrameMs: 1 });
    world.startResource({ name: 'a', server: js(`globalThis.fail = () => new Promise((_, j) => setTimeout(() => j(new Error('no')), 5));`) });
    await expect(world.settle(world.server.resource('a').run('fail()'))).rejects.toHaveProperty('message', 'no');
  });

  test('settle fails clearly after maxMs of virtual time', async () => {
    const world = newWorld({ serverFrameMs: 1 });
    world.startResource({ name: 'a', server: js(`globalThis.never = () => { setInterval(() => {}, 1000); return new Promise(() => {}); };`) });
    await expect(world.settle(world.server.resource('a').run('never()'), 5000)).rejects.toThrow('did not settle within 5000 ms');
    expect(world.now).toBe(5000);
  });

  test('settle fails at once when nothing is scheduled', async () => {
    const world = newWorld({ serverFrameMs: 1 });
    await expect(world.settle(new Promise(() => {}))).rejects.toThrow('nothing is scheduled');
  });

  test('advance cannot run twice at once', async () => {
    const world = newWorld({ serverFrameMs: 1 });
    const first = world.advance(10);
    await expect(world.advance(10)).rejects.toThrow('already running');
    await first;
  });

  test('a client machine can have a skewed clock', () => {
    const world = newWorld({ serverFrameMs: 1, startEpochMs: 0 });
    world.startResource({ name: 'a', client: js(`globalThis.read = () => Date.now();`) });
    const client = world.connect({ clockOffsetMs: 5000 });
    expect(client.resource('a').run('read()')).toBe(5000);
  });
});
