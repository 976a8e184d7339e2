/** Helpers for the fault-injection tests: raw frames as a cheating peer sends them, and "nothing left behind". */
import type { World } from '../../src/testing';
import { encode } from '../fuzz/msgpack';
import { framesOf } from '../fuzz/world';
import { RESOURCE, startHarness, type Harness } from '../support/harness';

export { RESOURCE };
export const EVENT = `fxcb:${RESOURCE}`;

/** Sends envelopes on the library's event from a player (a cheating client) or from the server side. */
export function sendRaw(world: World, from: number | 'server', to: number | 'server', ...envelopes: unknown[]): void {
  for (const envelope of envelopes) world.network.send(from, to, EVENT, encode([envelope]), null);
}

/** Records the frames of the library's event on one link (`from` → `to`), as they are sent. */
export function watchFrames(world: World, from: number | 'server', to: number | 'server'): { frames: unknown[][]; requestIds: number[] } {
  const seen = { frames: [] as unknown[][], requestIds: [] as number[] };
  world.network.intercept((packet) => {
    if (packet.name !== EVENT || packet.from !== from || packet.to !== to) return;
    for (const frame of framesOf(packet.args)) {
      seen.frames.push(frame);
      if (frame[0] === 0 && typeof frame[1] === 'number') seen.requestIds.push(frame[1]);
    }
  });
  return seen;
}

/** Moves time in small steps until `condition` holds (at most `maxMs`). */
export async function until(world: World, condition: () => boolean, maxMs = 5000, step = 1): Promise<void> {
  const deadline = world.now + maxMs;
  while (!condition()) {
    if (world.now >= deadline) throw new Error(`condition not met within ${maxMs} ms of virtual time`);
    await world.advance(step);
  }
}

/** Listener counts of the harness resource on every machine, to compare before and after. */
export function listeners(h: Harness): Record<string, Record<string, number>> {
  const counts: Record<string, Record<string, number>> = { server: h.world.server.resource(RESOURCE).listenerCounts };
  for (const client of h.world.clients) counts[client.name] = client.resource(RESOURCE).listenerCounts;
  return counts;
}

/** Asserts that no endpoint keeps anything for calls that are over, and that nothing was logged as an error. */
export function expectNothingLeft(h: Harness, baseline?: Record<string, Record<string, number>>): void {
  expect(h.server.stats).toMatchObject({ pendingCalls: 0, runningHandlers: 0, rememberedAnswers: 0 });
  for (const client of h.world.clients) {
    if (client.resource(RESOURCE).state !== 'started') continue;
    expect({ player: client.playerId, ...h.client(client.playerId).stats }).toMatchObject({ pendingCalls: 0, runningHandlers: 0, rememberedAnswers: 0 });
  }
  if (baseline) expect(listeners(h)).toEqual(baseline);
  expect(h.world.logs.errors()).toEqual([]);
}

/** A handler's life on the answering side: started, torn down (finalize), and how many are live. */
export class Lifecycle {
  started = 0;
  ended = 0;

  get live(): number {
    return this.started - this.ended;
  }

  /** Wraps an Observable-returning handler so its start and teardown are counted. */
  track<A extends unknown[]>(rx: typeof import('rxjs'), work: (...args: A) => import('rxjs').Observable<unknown>) {
    return (...args: A) =>
      rx.defer(() => {
        this.started++;
        return work(...args).pipe(rx.finalize(() => this.ended++));
      });
  }
}

export { startHarness, type Harness };

/**
 * Player 1 buys for 100 with one retry, and the server's reply is lost: its retry must be answered from the
 * server's memory of answers, so `charged()` stays 100. Registers `purchase` and a `ping` for floods.
 */
export async function purchaseAwaitingItsRetry(h: Harness): Promise<{ purchase: Promise<unknown>; charged: () => number }> {
  let charged = 0;
  h.server.register('purchase', (_player: number, price: number) => (charged += price));
  h.server.register('ping', () => 'pong');
  let lost = 0;
  h.world.network.intercept((packet) => (packet.to === 1 && packet.name === EVENT && lost++ === 0 ? 'drop' : 'deliver'));
  const purchase = h.client(1).with({ timeout: 1000, retries: 1, retryDelay: 100 }).call('purchase', 100);
  await h.world.advance(200);
  expect(charged).toBe(100);
  return { purchase, charged: () => charged };
}
