/**
 * Timer work per frame while calls are pending: FiveM's timer.js visits every live timer of a runtime on every
 * frame, so a timer per pending call costs every frame. A player makes `pending` calls that nobody answers (the
 * server runs no callback layer), with a 60 s timeout; once every request went out, the figure is the live
 * timers and tick handlers the callback layer's runtime holds, and the client's CPU per frame (`machine.cpu`)
 * over 100 frames, the best of 3 such windows (a garbage collection landing in one window says nothing of the
 * timers). A stand-in resource with an empty `setTick` makes every frame run, as in the game.
 */
import { JsRuntime } from '../../src/testing';
import { createRig, RESOURCES, type Layer } from '../support/rigs';

export interface TimerWork {
  layer: Layer;
  pending: number;
  timers: number;
  tickers: number;
  /** Client CPU per frame, microseconds. */
  usPerFrame: number;
}

const FRAMES = 100;
const WINDOWS = 3;

export async function timerWork(layer: Layer, pending: number): Promise<TimerWork> {
  const rig = createRig(layer, { handler: 'absent', callOptions: { timeout: 60_000 } });
  try {
    const { world } = rig;
    world.startResource({ name: 'bench_tick', client: [{ code: 'setTick(() => {});' }] });
    await world.advance(1000);
    for (let i = 0; i < pending; i++) rig.call().catch(() => undefined);
    await world.advance(20_000); // paced sending done; the calls are still pending
    const client = world.client(rig.players[0]!);
    const runtime = client.resource(RESOURCES[layer]).runtime('js');
    if (!(runtime instanceof JsRuntime)) throw new Error(`no JS runtime for ${layer}`);
    const { timers, tickers } = runtime.timerCounts;
    let best = Infinity;
    for (let window = 0; window < WINDOWS; window++) {
      client.cpu.reset();
      await world.advance(FRAMES * client.frameMs);
      best = Math.min(best, client.cpu.ms);
    }
    return { layer, pending, timers, tickers, usPerFrame: (best * 1000) / FRAMES };
  } finally {
    rig.dispose();
  }
}
