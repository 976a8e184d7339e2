/**
 * The fuzzer's world: the `harness` resource (the library bundled as a TypeScript resource would) on a server and
 * N clients, with two differences from `startHarness`:
 *
 * - every context's `Math.random` is seeded (per machine), so request ids and retry jitter are the same on every
 *   run of a seed, and a failing case replays exactly;
 * - FiveM's limits on what a client sends are raised by default: the fuzzer tests the library, not FiveM's
 *   limiter (the flood tests keep the real limits).
 */
import type { ClientCallbacks } from '../../src/client';
import type { ServerCallbacks } from '../../src/server';
import { hostUnpack, World, type ResourceDefinition, type Script, type WorldOptions } from '../../src/testing';
import { harnessScripts, RESOURCE, type HarnessOptions, type MachineKit } from '../support/harness';
import { FrameType, isPacked, PROTOCOL_VERSION } from '../../src/core/wire/protocol';

export { RESOURCE };
export const EVENT = `fxcb:${RESOURCE}`;

/** Limits high enough that no fuzz traffic is dropped or kicked by the simulated FiveM. */
export const UNLIMITED = {
  netEvent: { rate: 1e9, burst: 1e9 },
  netEventFlood: { rate: 1e9, burst: 1e9 },
  netEventSize: { rate: 1e12, burst: 1e12 },
};

/** A classic script that replaces `Math.random` with a PRNG seeded by `seed` and the machine's player id. */
export function seedScript(seed: number): Script {
  return {
    filename: 'seed.js',
    code: `(function () {
  var player = typeof GetPlayerServerId === 'function' ? GetPlayerServerId(PlayerId()) : 0;
  var s = (${seed >>> 0} ^ Math.imul(player + 1, 0x9e3779b1)) >>> 0;
  Math.random = function () {
    s = (s + 0x6d2b79f5) >>> 0;
    var t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
})();`,
  };
}

export interface FuzzWorld {
  world: World;
  server: ServerCallbacks;
  serverKit: MachineKit;
  client(playerId: number): ClientCallbacks;
  clientKit(playerId: number): MachineKit;
  dispose(): void;
}

function kitOf(globals: Record<string, any>): MachineKit {
  return { rx: globals.rxjs, delay: globals.delay, fx: globals.fx };
}

export function startFuzzWorld(
  options: WorldOptions & HarnessOptions & { players: number; seed: number; resources?: ResourceDefinition[] },
): FuzzWorld {
  const world = new World({ ...options, limits: options.limits ?? UNLIMITED });
  const scripts = harnessScripts(options);
  world.startResource({
    name: RESOURCE,
    server: [seedScript(options.seed), ...scripts.server],
    client: [seedScript(options.seed), ...scripts.client],
  });
  for (const resource of options.resources ?? []) world.startResource(resource);
  for (let i = 0; i < options.players; i++) world.connect();
  return {
    world,
    server: world.server.resource(RESOURCE).globals.callbacks as ServerCallbacks,
    serverKit: kitOf(world.server.resource(RESOURCE).globals),
    client: (playerId) => world.client(playerId).resource(RESOURCE).globals.callbacks as ClientCallbacks,
    clientKit: (playerId) => kitOf(world.client(playerId).resource(RESOURCE).globals),
    dispose: () => world.dispose(),
  };
}

/**
 * Reads the frames of an envelope packet of the library's event, or [] for anything else. A payload a Lua state
 * packed (bytes on the wire, see `Packed`) is read as the values it holds, so that tests assert what was answered.
 */
export function framesOf(args: readonly unknown[]): unknown[][] {
  const envelope = args[0];
  if (!Array.isArray(envelope) || envelope[0] !== PROTOCOL_VERSION) return [];
  return envelope
    .slice(1)
    .filter((frame): frame is unknown[] => Array.isArray(frame))
    .map((frame) => {
      const at = frame[0] === FrameType.REQUEST ? 3 : frame[0] === FrameType.NEXT || frame[0] === FrameType.RESULT ? 2 : -1;
      return at > 0 && isPacked(frame[at]) ? frame.map((field, i) => (i === at ? hostUnpack(new Uint8Array(field as ArrayBuffer)) : field)) : frame;
    });
}

/** Wall-clock timing and message counts of a fuzz file, printed once at the end. */
export class FuzzReport {
  private readonly started = Date.now();
  messages = 0;
  envelopes = 0;
  runs = 0;
  honestCalls = 0;

  constructor(readonly title: string) {}

  line(): string {
    const seconds = ((Date.now() - this.started) / 1000).toFixed(1);
    return (
      `${this.title}: ${this.runs} runs, ${this.messages.toLocaleString('en')} hostile messages in ` +
      `${this.envelopes.toLocaleString('en')} envelopes, ${this.honestCalls.toLocaleString('en')} honest calls, ${seconds} s`
    );
  }
}

/** A failure a fuzz file found or must keep finding: the run of the default seed that shows it. */
export interface KnownFailure {
  /** What went wrong, and where it is fixed or tested. */
  bug: string;
  /** The failing run's index under the default seed (fast-check's `path`). */
  run: number;
}

/**
 * The default seed. Runs come in the same order for every size, so the first `quick` runs of `npm test` are the
 * first runs of `npm run test:full`.
 */
export const FUZZ_SEED = 0x5eed;

/**
 * Settings shared by the fuzz files. `npm test` runs `quick` runs, at least enough to reach every known failure;
 * `npm run test:full` (FUZZ_FULL=1) runs `full`. The environment overrides them for long or replayed runs:
 * `FUZZ_RUNS=<n>`, `FUZZ_SEED=<n>` and `FUZZ_PATH` from a failure report.
 */
export function fuzzSettings(sizes: { quick: number; full: number }, known: KnownFailure[]): { seed: number; numRuns: number; full: boolean; path?: string } {
  const lastKnown = Math.max(-1, ...known.map((failure) => failure.run));
  if (sizes.quick <= lastKnown) throw new Error(`the quick size (${sizes.quick} runs) must reach run ${lastKnown}, a known failure`);
  const full = process.env.FUZZ_FULL === '1';
  const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : FUZZ_SEED;
  const numRuns = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : full ? sizes.full : sizes.quick;
  const path = process.env.FUZZ_PATH;
  return path ? { seed, numRuns, full, path } : { seed, numRuns, full };
}

/** One honest call's outcome, as plain data: its value, or its error code and message. */
export type Outcome = { ok: unknown } | { error: string };

/** Plain JSON view of a value from a context's realm. */
export function plain(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

/** Never rejects: the outcome of a call, for comparing with what was expected. */
export function outcomeOf(promise: Promise<unknown>): Promise<Outcome> {
  return promise.then(
    (ok) => ({ ok: plain(ok) }),
    (error: { code?: string; message?: string }) => ({ error: `${error?.code}: ${error?.message}` }),
  );
}

/** Counts handler work started and finished, to find work an endpoint no longer tracks. */
export interface Gauge {
  started: number;
  ended: number;
}

/** Wraps a handler returning an Observable so that its start and its teardown are counted. */
export function trackedWith(rx: typeof import('rxjs'), gauge: Gauge) {
  return <A extends unknown[]>(work: (...args: A) => import('rxjs').Observable<unknown>) =>
    (...args: A) =>
      rx.defer(() => {
        gauge.started++;
        return work(...args).pipe(rx.finalize(() => gauge.ended++));
      });
}
