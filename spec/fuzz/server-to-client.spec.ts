/**
 * Fuzzing a client's side of the wire: another server resource (`rogue`) emits random and malformed envelopes on
 * `fxcb:harness` towards the players, while the players call the server and the server calls them.
 *
 * Every server resource shares one identity towards a client (`source` is the server), so a server resource can
 * answer a client's pending call: the server side is one trust domain (SECURITY.md). The rogue therefore only
 * uses ids a client never issued, or whose call has already ended (duplicate and late replies); what is checked
 * is that garbage never breaks a client, never leaks, and never changes an honest answer.
 *
 * Same environment variables as client-to-server.spec.ts.
 */
import fc from 'fast-check';
import { DEFAULT_LIMITS } from '../../src/core/endpointOptions';
import { buildArgs, emptyPools, envelopeArbitrary, frameArbitrary, type EnvelopeSpec, type IdPools } from './arbitraries';
import { encode, Ext, Int64, RawMap } from './msgpack';
import { EVENT, framesOf, FuzzReport, fuzzSettings, outcomeOf, RESOURCE, startFuzzWorld, trackedWith, type Gauge, type KnownFailure, type Outcome } from './world';
import { PROTOCOL_VERSION } from '../../src/core/wire/protocol';

const PLAYERS = [1, 2, 3];
/** Messages the full size must send (the quick size sends about 2,000: some later runs cost tens of seconds each). */
const MIN_MESSAGES = 45_000;
/** Runs that fail when a fixed bug comes back (see client-to-server.spec.ts). */
const KNOWN_FAILURES: KnownFailure[] = [
  { bug: 'a duplicate REQUEST whose handler still runs starts it again (answerer.request), untracked by the endpoint', run: 0 },
];
const report = new FuzzReport('fuzz server → client');

const CLIENT_NAMES = ['whoami', 'never', 'slow', 'stream', 'throws', 'mirror'];

/** The rogue server resource: emits whatever the test hands it, with its own msgpack, as a script would. */
const ROGUE = {
  name: 'rogue',
  server: [{ filename: 'rogue.js', code: `globalThis.send = function (target, args) { emitNet.apply(null, ['${EVENT}', target].concat(args)); };` }],
};

interface Attack {
  envelope: EnvelopeSpec;
  /** A player, or -1 for everyone. */
  target: number;
  /** Through the rogue resource's `emitNet` (its msgpack), or as raw bytes (any msgpack at all). */
  via: 'rogue' | 'bytes';
}

interface Step {
  attack: Attack[];
  honestCalls: number;
  serverCalls: boolean;
  advance: number;
}

// Pool names are reused with this file's meaning, seen from the attacked client:
//   selfToServer   ids the rogue used for its own requests (duplicates, cancels)
//   serverToSelf   ids of requests the real server sent to the client whose call has ended (duplicate requests)
//   othersToServer ids of client requests to the server whose call has ended (duplicate and late replies)
const frame = frameArbitrary(CLIENT_NAMES, {
  request: ['selfToServer', 'serverToSelf'],
  reply: ['othersToServer'],
  cancel: ['selfToServer', 'serverToSelf'],
});

const attack: fc.Arbitrary<Attack> = fc.record({
  envelope: envelopeArbitrary(frame, 60),
  target: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...PLAYERS) }, { weight: 1, arbitrary: fc.constant(-1) }),
  via: fc.constantFrom('rogue' as const, 'bytes' as const),
});

const scenario = fc.record({
  worldSeed: fc.nat(),
  steps: fc.array(
    fc.record({
      attack: fc.array(attack, { minLength: 1, maxLength: 4 }),
      honestCalls: fc.nat({ max: 2 }),
      serverCalls: fc.boolean(),
      advance: fc.integer({ min: 1, max: 40 }),
    }),
    { minLength: 20, maxLength: 40 },
  ),
});

/** What can still go wrong if reused: ids of calls in progress, which the server side may legitimately settle. */
class IdLedger {
  /** Calls in progress, by "<player>:<id>", for each direction. */
  readonly openFromClient = new Set<string>();
  readonly openToClient = new Set<string>();
  readonly pools = new Map<number, IdPools>(PLAYERS.map((p) => [p, emptyPools()]));

  pool(player: number): IdPools {
    return this.pools.get(player)!;
  }

  /** Ids in progress for a player: never used by the rogue. */
  isOpen(player: number, id: unknown): boolean {
    return typeof id === 'number' && (this.openFromClient.has(`${player}:${id}`) || this.openToClient.has(`${player}:${id}`));
  }
}

async function runScenario({ worldSeed, steps }: { worldSeed: number; steps: Step[] }): Promise<void> {
  const fw = startFuzzWorld({ players: PLAYERS.length, seed: worldSeed, latency: { min: 0, max: 30 }, resources: [ROGUE] });
  const { world, server, client } = fw;
  try {
    const gauges = new Map<number, Gauge>();
    server.register('echo', (player: number, token: unknown) => ({ player, token }));
    for (const player of PLAYERS) {
      const rx = fw.clientKit(player).rx;
      const gauge: Gauge = { started: 0, ended: 0 };
      gauges.set(player, gauge);
      const tracked = trackedWith(rx, gauge);
      const api = client(player);
      api.register('whoami', tracked((token: unknown) => rx.of({ player, token })));
      api.register('never', tracked(() => rx.NEVER));
      api.register('slow', tracked(() => rx.timer(20)));
      api.register('stream', tracked(() => rx.interval(5).pipe(rx.take(3))));
      api.register('throws', () => {
        throw new Error('boom');
      });
      api.register('mirror', (value: unknown) => value);
    }
    const listenersOf = () => PLAYERS.map((p) => world.client(p).resource(RESOURCE).listenerCounts);
    const baseline = listenersOf();

    const ledger = new IdLedger();
    let rogueSending = false;
    world.network.intercept((packet) => {
      if (packet.name !== EVENT) return;
      const player = (packet.from === 'server' ? packet.to : packet.from) as number;
      const pools = ledger.pool(player);
      // The rogue's own packets: their request ids are collected where they are built (see `requestIds`).
      // A latent packet only holds large answers to the rogue's requests: not decoded (that is slow).
      if (rogueSending || packet.latent) return;
      for (const f of framesOf(packet.args)) {
        const [type, id] = f;
        if (typeof id !== 'number') continue;
        const key = `${player}:${id}`;
        if (packet.from !== 'server') {
          // From the client: its requests open calls; its final replies and cancels end the server's calls.
          if (type === 0) ledger.openFromClient.add(key);
          else if ((type === 2 || type === 3) && ledger.openToClient.delete(key)) pools.serverToSelf.push(id);
          else if (type === 4 && ledger.openFromClient.delete(key)) pools.othersToServer.push(id);
        } else if (type === 0) ledger.openToClient.add(key);
        else if ((type === 2 || type === 3) && ledger.openFromClient.delete(key)) pools.othersToServer.push(id);
      }
    });
    const rogue = world.server.resource('rogue');

    const honest: { promise: Promise<Outcome>; expected: unknown; what: string }[] = [];
    for (const [stepIndex, step] of steps.entries()) {
      for (const player of PLAYERS) {
        for (let k = 0; k < step.honestCalls; k++) {
          const token = `${stepIndex}:${player}:${k}`;
          honest.push({ promise: outcomeOf(client(player).call('echo', token)), expected: { ok: { player, token } }, what: `player ${player} calls echo` });
        }
        if (step.serverCalls) {
          const token = `s${stepIndex}:${player}`;
          honest.push({ promise: outcomeOf(server.call(player, 'whoami', token)), expected: { ok: { player, token } }, what: `server calls whoami on ${player}` });
        }
      }
      await world.flush();
      for (const { envelope, target, via } of step.attack) {
        const player = target === -1 ? PLAYERS[0]! : target;
        const pools = ledger.pool(player);
        const { args, messages } = buildArgs(envelope, pools, () => undefined);
        // Ids of calls in progress are left alone (see the file comment); ids are rewritten to unused ones.
        const safe = rewriteOpenIds(args, (id) => PLAYERS.some((p) => ledger.isOpen(p, id)));
        // The ids the rogue's requests really go out with (after mutations), for its duplicates and cancels.
        for (const p of target === -1 ? PLAYERS : [target]) ledger.pool(p).selfToServer.push(...requestIds(safe));
        rogueSending = true;
        try {
          if (via === 'bytes') {
            for (const p of target === -1 ? PLAYERS : [target]) world.network.send('server', p, EVENT, encode(safe), null);
          } else {
            rogue.globals.__args = forScript(Array.isArray(safe) ? safe : [safe]);
            rogue.run(`send(${target}, __args)`);
          }
        } finally {
          rogueSending = false;
        }
        report.messages += messages * (target === -1 ? PLAYERS.length : 1);
        report.envelopes++;
      }
      await world.advance(step.advance);
    }
    report.honestCalls += honest.length;

    const outcomes = await world.settle(Promise.all(honest.map((h) => h.promise)), 60_000);
    await world.advance(1000);

    const problems: string[] = [];
    outcomes.forEach((outcome, i) => {
      if (JSON.stringify(outcome) !== JSON.stringify(honest[i]!.expected)) {
        problems.push(`${honest[i]!.what}: expected ${JSON.stringify(honest[i]!.expected)}, got ${JSON.stringify(outcome)}`);
      }
    });
    const errors = world.logs.errors();
    if (errors.length > 0) problems.push(`${errors.length} error(s) in the world log, first: ${errors[0]!.text.slice(0, 500)}`);
    if (server.stats.pendingCalls !== 0 || server.stats.runningHandlers !== 0) problems.push(`server: ${JSON.stringify(server.stats)}`);
    for (const player of PLAYERS) {
      const stats = client(player).stats;
      const gauge = gauges.get(player)!;
      const live = gauge.started - gauge.ended;
      if (stats.pendingCalls !== 0) problems.push(`player ${player}: ${stats.pendingCalls} pending calls left`);
      if (stats.runningHandlers !== live) problems.push(`player ${player}: ${live} handlers still running, the endpoint tracks ${stats.runningHandlers}`);
      if (live > DEFAULT_LIMITS.maxRunningPerPeer) problems.push(`player ${player}: ${live} handlers running for the server, over maxRunningPerPeer`);
      const unknown = client(player).metrics.snapshot().callbacks.filter((c) => !CLIENT_NAMES.includes(c.name) && c.name !== 'echo');
      if (unknown.length > 0) problems.push(`player ${player}: metrics track names nobody registered: ${unknown.map((c) => c.name).slice(0, 5).join(', ')}`);
    }
    if (JSON.stringify(listenersOf()) !== JSON.stringify(baseline)) problems.push(`listeners changed: ${JSON.stringify(baseline)} -> ${JSON.stringify(listenersOf())}`);

    // The rogue cancels everything it asked for: nothing of it may stay running on any client.
    for (const player of PLAYERS) {
      const ids = [...new Set(ledger.pool(player).selfToServer)].filter((id) => !ledger.isOpen(player, id));
      for (let i = 0; i < ids.length; i += 256) {
        world.network.send('server', player, EVENT, encode([[PROTOCOL_VERSION, ...ids.slice(i, i + 256).map((id) => [4, id])]]), null);
      }
    }
    await world.advance(100);
    for (const player of PLAYERS) {
      const gauge = gauges.get(player)!;
      if (client(player).stats.runningHandlers !== 0 || gauge.started !== gauge.ended) {
        problems.push(`player ${player} after the rogue cancelled everything: ${JSON.stringify(client(player).stats)}, ${gauge.started - gauge.ended} handlers still running`);
      }
    }
    report.runs++;
    if (problems.length > 0) throw new Error(problems.join('\n'));
  } finally {
    fw.dispose();
  }
}

/** What a script can hand to its `emitNet`: the encoder's markers become what a script could build. */
function forScript(value: unknown): unknown {
  if (value instanceof Int64) return Number(value.value);
  if (value instanceof Ext) return { type: value.type, data: value.data };
  if (value instanceof RawMap) return value.entries.map(([k, v]) => [forScript(k), forScript(v)]);
  if (value instanceof Uint8Array || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(forScript);
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    Object.defineProperty(copy, key, { value: forScript((value as Record<string, unknown>)[key]), enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

/** Ids of the request frames of an argument list, as the receiving decoder will read them. */
function requestIds(args: unknown): number[] {
  if (!Array.isArray(args) || !Array.isArray(args[0])) return [];
  const ids: number[] = [];
  for (const f of (args[0] as unknown[]).slice(1)) {
    if (!Array.isArray(f) || f[0] !== 0) continue;
    const id = f[1] instanceof Int64 ? Number(f[1].value) : f[1];
    if (typeof id === 'number') ids.push(id);
  }
  return ids;
}

/** Replaces, in every frame of an argument list, an id for which `isOpen` holds by one nobody issued. */
function rewriteOpenIds(args: unknown, isOpen: (id: unknown) => boolean): unknown {
  if (!Array.isArray(args) || !Array.isArray(args[0])) return args;
  const [version, ...frames] = args[0] as unknown[];
  const rewritten = frames.map((f) => (Array.isArray(f) && isOpen(f[1]) ? [f[0], 2 ** 45 + (f[1] as number), ...f.slice(2)] : f));
  return [[version, ...rewritten], ...args.slice(1)];
}

describe('fuzz: a rogue server resource against the clients', () => {
  afterAll(() => console.log(report.line()));

  it(`survives random and malformed envelopes mixed with honest traffic (full size: ≥ ${MIN_MESSAGES.toLocaleString('en')} messages)`, async () => {
    const { seed, numRuns, full, path } = fuzzSettings({ quick: 2, full: 24 }, KNOWN_FAILURES);
    await fc.assert(fc.asyncProperty(scenario, runScenario), { seed, numRuns, endOnFailure: !process.env.FUZZ_SHRINK, ...(path ? { path } : {}) });
    expect(report.runs).toBe(path ? 1 : numRuns);
    if (full && !process.env.FUZZ_RUNS) expect(report.messages).toBeGreaterThanOrEqual(MIN_MESSAGES);
  }, 600_000);
});
