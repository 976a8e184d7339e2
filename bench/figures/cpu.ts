/**
 * CPU per call on each side: the CPU time the server machine and the client machine spent in their scripts
 * (event dispatch, frames, timers, tick handlers, export calls and the microtasks these left; the world's
 * `machine.cpu`) per answered call, for N small client -> server calls made by `callers` concurrent callers of
 * one player, in a world with FXServer's 20 Hz server frames and latency 0. What simulating the world costs
 * (its virtual clock, the turn of Node's event loop after each call into a runtime) is not in it; the real
 * time of the whole run is kept too, as the secondary throughput figure.
 *
 * Each round builds a fresh world per variant, in a process of its own (untimed), warms it up with untimed calls, lets 301 s of virtual
 * time pass (ox_lib's 300 s timer per call runs out), measures 10 s of idle frames (FXServer ticks every resource
 * every frame), then the calls. The server's figure per call is marginal: the idle frames the calls spanned are
 * taken out. The game time per call is the virtual time the calls took over their number (with 1 caller, the
 * round trip). Rounds rotate the order of the variants; a figure is the median over the rounds.
 */
import { loadLua, type Machine, type World } from '../../src/testing';
import { createLuaRig, type LuaLayer } from '../support/lua-rigs';
import { createRig, drive, type Layer, type RigOptions } from '../support/rigs';
import { runChild } from '../support/child';
import { log, median } from '../support/results';

export interface CpuVariant {
  key: string;
  label: string;
  layer: Layer | LuaLayer;
  options?: RigOptions;
}

export interface CpuResult {
  key: string;
  label: string;
  /** Median microseconds per call, the idle frames of the run taken out (see `idleServerUs`). */
  serverUs: number;
  clientUs: number;
  /** Median real microseconds per call of the whole run: the world's own work included. */
  wallUs: number;
  /** Median game time per call, in virtual ms: with 1 caller, the round trip's frames. */
  gameMs: number;
  /** Median server CPU of one idle frame (every resource's tick), in microseconds. */
  idleServerUs: number;
  samples: Sample[];
}

export interface Sample {
  serverUs: number;
  clientUs: number;
  wallUs: number;
  gameMs: number;
  idleServerUs: number;
}

/** Idle time measured per sample, after the warm-up and ox_lib's timers ran out. */
const IDLE_MS = 10_000;

export interface CpuRun {
  callers: number;
  calls: number;
  /** Calls per round of the Lua variants, if fewer (default `calls`). */
  luaCalls?: number;
  /** Concurrent threads of the Lua variants, if other (default `callers`). */
  luaCallers?: number;
  warmup: number;
  rounds: number;
}

/** A world with one layer's resources and one player making calls, JavaScript or Lua alike. */
export interface Subject {
  world: World;
  client: Machine;
  drive(total: number, concurrency: number): Promise<number>;
  dispose(): void;
}

/** The subject for a variant; Lua layers need `await loadLua()` first. */
export function subjectOf(variant: Pick<CpuVariant, 'layer' | 'options'>): Subject {
  if (variant.layer.endsWith('-lua')) return createLuaRig(variant.layer as LuaLayer);
  const rig = createRig(variant.layer as Layer, variant.options);
  return {
    world: rig.world,
    client: rig.world.client(rig.players[0]!),
    drive: (total, concurrency) => drive(rig, total, concurrency),
    dispose: () => rig.dispose(),
  };
}

/**
 * One round of one variant, in this process (bench/child.ts runs it in a process of its own: the CPU meter counts
 * the whole process, V8's helper threads included, so another variant's garbage collection or compilation would
 * land in this one's figure).
 */
export async function sampleCpu(variant: CpuVariant, run: CpuRun): Promise<Sample> {
  // The hub resource has Lua scripts (its Lua exports) too.
  if (variant.layer.endsWith('-lua') || variant.options?.hub) await loadLua();
  const subject = subjectOf(variant);
  const lua = variant.layer.endsWith('-lua');
  const calls = lua ? (run.luaCalls ?? run.calls) : run.calls;
  const callers = lua ? (run.luaCallers ?? run.callers) : run.callers;
  try {
    await subject.drive(Math.min(run.warmup, calls), callers);
    await subject.world.advance(301_000);
    const { server } = subject.world;
    const frameMs = subject.world.options.serverFrameMs;
    // FXServer ticks every resource every frame, calls or not: what an idle frame costs this variant's resources.
    server.cpu.reset();
    await subject.world.advance(IDLE_MS);
    const idleServerUs = (server.cpu.ms * 1000) / (IDLE_MS / frameMs);
    server.cpu.reset();
    subject.client.cpu.reset();
    const startedAt = subject.world.now;
    const ms = await subject.drive(calls, callers);
    const gameMs = subject.world.now - startedAt;
    const problems = subject.world.logs.errors();
    if (problems.length > 0) throw new Error(`${variant.key}: ${problems.map((e) => e.text).join('\n')}`);
    const perCall = (total: number) => (total * 1000) / calls;
    const idleFramesUs = (idleServerUs * gameMs) / frameMs / 1000;
    return {
      serverUs: perCall(Math.max(0, server.cpu.ms - idleFramesUs)),
      clientUs: perCall(subject.client.cpu.ms),
      wallUs: perCall(ms),
      gameMs: gameMs / calls,
      idleServerUs,
    };
  } finally {
    subject.dispose();
  }
}

/** Every round of every variant in a fresh process (`sampleCpu`), the variants' order rotated each round. */
export async function measureCpu(variants: readonly CpuVariant[], run: CpuRun): Promise<Map<string, CpuResult>> {
  const samples = new Map(variants.map((v) => [v.key, [] as Sample[]]));
  for (let round = 0; round < run.rounds; round++) {
    for (let i = 0; i < variants.length; i++) {
      const variant = variants[(i + round) % variants.length]!;
      samples.get(variant.key)!.push(runChild<Sample>('cpu', { variant, run }));
    }
    const line = variants.map((v) => `${v.key} ${median(samples.get(v.key)!.map((s) => s.serverUs)).toFixed(1)}`).join(', ');
    log(`  round ${round + 1}/${run.rounds} (${run.callers} caller${run.callers > 1 ? 's' : ''}), server us/call: ${line}`);
  }
  return new Map(
    variants.map((v) => {
      const list = samples.get(v.key)!;
      const m = (pick: (s: Sample) => number) => median(list.map(pick));
      const result: CpuResult = {
        key: v.key,
        label: v.label,
        serverUs: m((s) => s.serverUs),
        clientUs: m((s) => s.clientUs),
        wallUs: m((s) => s.wallUs),
        gameMs: m((s) => s.gameMs),
        idleServerUs: m((s) => s.idleServerUs),
        samples: list,
      };
      return [v.key, result];
    }),
  );
}
