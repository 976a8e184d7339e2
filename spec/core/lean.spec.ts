import { asyncScheduler, timeout, firstValueFrom, NEVER, timer } from 'rxjs';
import { TimerWheel } from '../../src/ground/timerWheel';
import { JsRuntime } from '../../src/testing';
import { RESOURCE, rejectionOf, startHarness } from '../support/harness';

const EVENT = `fxcb:${RESOURCE}`;

describe('one timer wheel per endpoint', () => {
  it('1,000 pending calls hold one runtime timer of the library, and each still times out on time', async () => {
    const { world, server, client } = startHarness({ serverOptions: { limits: { maxRunningPerPeer: 2000 } } });
    server.register('slow', () => NEVER);
    const runtime = world.client(1).resource(RESOURCE).runtime('js');
    if (!(runtime instanceof JsRuntime)) throw new Error('no JS runtime');
    await world.advance(100);
    const before = runtime.timerCounts.timers;
    const startedAt = world.clock.now;
    const failures = Array.from({ length: 1000 }, () => rejectionOf(client(1).with({ timeout: 5000 }).call('slow')));
    await world.advance(1000);
    expect(client(1).stats.pendingCalls).toBe(1000);
    // The outbox's pacing timer and the wheel's one timer, whatever the number of calls.
    expect(runtime.timerCounts.timers - before).toBeLessThanOrEqual(2);
    const ended: number[] = [];
    for (const failure of failures) void failure.then(() => ended.push(world.clock.now - startedAt));
    await world.advance(5000);
    expect(ended).toHaveLength(1000);
    for (const at of ended) expect(at).toBeGreaterThanOrEqual(5000);
    expect(Math.max(...ended)).toBeLessThanOrEqual(5000 + 2 * world.client(1).frameMs);
    await expect(failures[0]).resolves.toMatchObject({ code: 'TIMEOUT', details: { timeout: 5000 } });
    expect(client(1).stats.pendingCalls).toBe(0);
    expect(runtime.timerCounts.timers).toBeLessThanOrEqual(before + 1);
  });

  it('is an RxJS scheduler: `timeout` and `timer` run on it, in due order, and unsubscribing takes work off it', async () => {
    const wheel = new TimerWheel(asyncScheduler);
    const order: string[] = [];
    timer(30, wheel).subscribe(() => order.push('30'));
    const dropped = timer(10, wheel).subscribe(() => order.push('dropped'));
    timer(20, wheel).subscribe(() => order.push('20'));
    dropped.unsubscribe();
    expect(wheel.size).toBe(2);
    await expect(firstValueFrom(NEVER.pipe(timeout({ first: 40, scheduler: wheel })))).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(order).toEqual(['20', '30']);
    expect(wheel.size).toBe(0);
  });
});

describe('short per-peer request ids', () => {
  it('ids count up per peer from a point below 65536', async () => {
    const { world, server, client } = startHarness();
    server.register('ping', () => 'pong');
    const ids: number[] = [];
    world.network.intercept((packet) => {
      if (packet.to === 'server' && packet.name === EVENT) ids.push(((packet.args[0] as unknown[])[1] as unknown[])[1] as number);
    });
    for (let i = 0; i < 3; i++) await world.settle(client(1).call('ping'));
    expect(ids).toHaveLength(3);
    for (const id of ids) expect(id).toBeLessThan(65536);
    expect(ids[1]).toBe((ids[0]! + 1) % 65536);
    expect(ids[2]).toBe((ids[1]! + 1) % 65536);
  });
});
