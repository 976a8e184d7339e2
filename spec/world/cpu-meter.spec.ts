import { newWorld, js } from './helpers';

// Server contexts have Node's `process` (FiveM's server runtime is Node): `spin(ms)` burns `ms` of CPU time.
const SPIN = `globalThis.spin = (ms) => { const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; }; const t = cpu(); while (cpu() - t < ms); };`;

describe('machine.cpu: CPU time a machine spent in its scripts (for benchmarks)', () => {
  test('a net event handler and the microtasks it leaves count on the machine that ran them, not on the sender', async () => {
    const world = newWorld();
    world.startResource({
      name: 'a',
      server: js(`${SPIN} onNet('work', () => { spin(15); Promise.resolve().then(() => spin(15)); });`),
      client: js(`on('go', () => emitNet('work'));`),
    });
    const client = world.connect();
    await world.advance(100);
    world.server.cpu.reset();
    client.cpu.reset();

    client.emit('go');
    await world.advance(100);

    expect(world.server.cpu.ms).toBeGreaterThanOrEqual(30);
    expect(client.cpu.ms).toBeGreaterThan(0); // it sent the event
    expect(client.cpu.ms).toBeLessThan(15);
  });

  test('timers count; idle frames count only their ticks (each resource\'s microtask checkpoint)', async () => {
    const world = newWorld({ serverFrameMs: 50 });
    world.startResource({ name: 'a', server: js(`${SPIN} setTimeout(() => spin(20), 1000);`) });
    // The start events are dispatched on the server's next frame, where timer.js's tick also runs: the start's work.
    await world.advance(50);
    world.server.cpu.reset();

    await world.advance(450);
    const idle = world.server.cpu.ms;
    expect(idle).toBeLessThan(2);
    await world.advance(1000);
    expect(world.server.cpu.ms - idle).toBeGreaterThanOrEqual(20);
    const afterTimer = world.server.cpu.ms;
    await world.advance(60_000);
    expect((world.server.cpu.ms - afterTimer) / 1200).toBeLessThan(0.5);
  });

  test('an export called from another resource counts once, inside its caller', async () => {
    const world = newWorld();
    world.startResource({ name: 'b', server: js(`${SPIN} exports('slow', () => spin(30));`) });
    world.startResource({ name: 'a', server: js(`${SPIN} on('go', () => { spin(5); exports.b.slow(); });`) });
    world.server.cpu.reset();

    world.server.emit('go');

    // 35 ms of work; counting the export again inside its caller would make it at least 65.
    expect(world.server.cpu.ms).toBeGreaterThanOrEqual(35);
    expect(world.server.cpu.ms).toBeLessThan(65);
  });
});
