/**
 * Round-trip throughput: real CPU time to complete N small client -> server -> client calls in a world with
 * latency 0, for the raw transport, the library's Promise and Observable facades and ox_lib (and, for the
 * operators figure, the library with and without its per-call operators).
 *
 * Each variant is a tinybench task. Each round gives every task a fresh world (built untimed in `beforeAll`, then
 * warmed up with untimed calls so that the JIT has settled); the timed part of an iteration is only the driving
 * loop: N calls by `callers` concurrent callers, each waiting for its answer before its next call, while the
 * world's virtual time is moved until all are answered.
 * The rounds run the variants in rotating order, so a noisy moment of a shared machine does not fall on one
 * variant only; the figure is the median over every iteration of every round.
 */
import { Bench } from 'tinybench';
import { createRig, drive, type Rig, type RigOptions, type Layer } from '../support/rigs';
import { log, median } from '../support/results';

export interface Variant {
  key: string;
  label: string;
  layer: Layer;
  options?: RigOptions;
}

export interface RateResult {
  key: string;
  label: string;
  callers: number;
  calls: number;
  /** Median calls per second. */
  rate: number;
  /** Every sample, in calls per second. */
  samples: number[];
}

export interface RateRun {
  callers: number;
  calls: number;
  warmup: number;
  iterations: number;
  rounds: number;
}

export async function measureRates(variants: readonly Variant[], run: RateRun): Promise<Map<string, RateResult>> {
  const samples = new Map<string, number[]>(variants.map((v) => [v.key, []]));
  for (let round = 0; round < run.rounds; round++) {
    const order = variants.map((_, i) => variants[(i + round) % variants.length]!);
    const bench = new Bench({ iterations: run.iterations, time: 0, warmup: false, throws: true, retainSamples: true });
    for (const variant of order) {
      let rig: Rig | undefined;
      bench.add(
        variant.key,
        async () => {
          const ms = await drive(rig!, run.calls, run.callers);
          return { overriddenDuration: ms };
        },
        {
          async: true,
          beforeAll: async () => {
            rig = createRig(variant.layer, variant.options);
            await drive(rig, run.warmup, run.callers);
          },
          // ox_lib arms a 300 s timer per call and never clears it; FiveM's timer.js (and the world) visits every
          // live timer on every frame. Letting 301 s of virtual time pass before each timed iteration means each
          // iteration starts without the timers of the previous ones (harmless for the other variants).
          beforeEach: async () => {
            await rig!.world.advance(301_000);
          },
          afterAll: () => {
            if (!rig) return;
            const problems = rig.world.logs.errors();
            rig.dispose();
            rig = undefined;
            if (problems.length > 0) throw new Error(`${variant.key}: ${problems.map((e) => e.text).join('\n')}`);
          },
        },
      );
    }
    await bench.run();
    for (const task of bench.tasks) {
      const result = task.result;
      if (result.state !== 'completed') throw new Error(`task ${task.name} ${result.state}: ${'error' in result ? String(result.error) : ''}`);
      const list = result.latency.samples ?? [];
      // tinybench drops the samples unless asked; the period (mean) is always there.
      const perIteration = list.length > 0 ? [...list] : [result.period];
      samples.get(task.name)!.push(...perIteration.map((ms) => (run.calls / ms) * 1000));
    }
    log(`  round ${round + 1}/${run.rounds} (${run.callers} caller${run.callers > 1 ? 's' : ''}): ${variants.map((v) => `${v.key} ${median(samples.get(v.key)!).toFixed(0)}/s`).join(', ')}`);
  }
  return new Map(
    variants.map((v) => [
      v.key,
      { key: v.key, label: v.label, callers: run.callers, calls: run.calls, rate: median(samples.get(v.key)!), samples: samples.get(v.key)! },
    ]),
  );
}
