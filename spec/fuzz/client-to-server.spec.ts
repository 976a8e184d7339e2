/**
 * Fuzzing the server's side of the wire: a cheating client sends random and malformed envelopes on `fxcb:harness`
 * while three honest players call the server and are called by it. After each run: nothing escaped into the log,
 * nothing is kept beyond what the traffic needs, every honest call got its own answer, no forged reply counted.
 *
 * `npm test` runs the quick size, `npm run test:full` the full one (see `fuzzSettings`); `FUZZ_RUNS=200` for a long
 * run, `FUZZ_SEED=<n>` (and `FUZZ_PATH` from a failure report) to replay one, `FUZZ_SHRINK=1` to let fast-check
 * shrink a failure (slow: every attempt is a whole world).
 */
import fc from 'fast-check';
import { DEFAULT_LIMITS } from '../../src/core/endpointOptions';
import { buildArgs, churnAndKeepAlive, emptyPools, envelopeArbitrary, frameArbitrary, type EnvelopeSpec, type IdPools } from './arbitraries';
import { encode } from './msgpack';
import { EVENT, framesOf, FuzzReport, fuzzSettings, outcomeOf, RESOURCE, startFuzzWorld, trackedWith, type FuzzWorld, type Gauge, type KnownFailure, type Outcome } from './world';
import { PROTOCOL_VERSION } from '../../src/core/wire/protocol';

const ATTACKER = 1;
const HONEST = [2, 3, 4];
/** Cheats working with the attacker: each floods retryable requests to push the honest players' answers out. */
const COLLUDERS = [5, 6, 7, 8];
const PLAYERS = 1 + HONEST.length + COLLUDERS.length;
/** A small answer memory, so that the colluders together hold more answers than any one player may. */
const REMEMBER = { maxEntriesPerPeer: 20, ttl: 60_000 };
/** Messages the full size must send (the quick size sends about 26,000). */
const MIN_MESSAGES = 55_000;
/**
 * Runs that fail when a fixed bug comes back. No failing seed of the fuzzers' past was recorded, so each fix of
 * SECURITY.md's list that these runs cover was undone on the current code and the first failing run noted here.
 */
const KNOWN_FAILURES: KnownFailure[] = [
  { bug: "SECURITY.md bug 4, one answer memory for every player (colluders push an honest purchase's answer out, it runs twice)", run: 0 },
  { bug: 'SECURITY.md bug 2, answers not checked like arguments (an ERROR with function references reaches a server caller)', run: 3 },
  { bug: "SECURITY.md bug 1, a CANCEL that leaves a retryable request's remembered handler running", run: 6 },
];
const report = new FuzzReport('fuzz client → server');

/** What may cross the network: no functions, no class instances or replaced prototypes, at any depth. */
function isPlainData(value: unknown): boolean {
  if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') return false;
  if (typeof value !== 'object' || value === null) return true;
  // msgpack's bin: data that crosses intact, as the library's sendable values say.
  if (Object.prototype.toString.call(value) === '[object ArrayBuffer]') return true;
  const prototype = Object.getPrototypeOf(value);
  if (!Array.isArray(value) && prototype !== null && Object.getPrototypeOf(prototype) !== null) return false;
  return Object.values(value).every(isPlainData);
}

/** Callbacks the server registers; the attacker calls these names and others. */
const SERVER_NAMES = ['echo', 'slow', 'never', 'stream', 'throws', 'rejects', 'limited', 'admin', 'timed', 'mirror', 'promised', 'purchase'];

interface Step {
  attack: EnvelopeSpec[];
  /** Retryable requests each colluder sends this step (fresh ids). */
  collusion: number;
  /** Whether each honest player makes a purchase this step: its first attempt times out, its retry must be
   * answered from memory (the handler runs once). */
  purchase: boolean;
  /** Calls each honest player makes to the server this step. */
  honestCalls: number;
  /** Whether the server calls every player (honest ones and the attacker) this step. */
  serverCalls: boolean;
  advance: number;
}

const frame = frameArbitrary(SERVER_NAMES, {
  request: ['selfToServer', 'othersToServer'],
  reply: ['serverToOthers', 'serverToSelf', 'othersToServer'],
  cancel: ['othersToServer', 'selfToServer'],
});

const attackEnvelope = fc.oneof({ weight: 6, arbitrary: envelopeArbitrary(frame, 80) }, { weight: 1, arbitrary: churnAndKeepAlive(['promised', 'never', 'echo', 'purchase']) });

const step: fc.Arbitrary<Step> = fc.record({
  attack: fc.array(attackEnvelope, { minLength: 1, maxLength: 5 }),
  collusion: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 40 })),
  purchase: fc.boolean(),
  honestCalls: fc.nat({ max: 2 }),
  serverCalls: fc.boolean(),
  advance: fc.integer({ min: 1, max: 40 }),
});

/** The world's seed is part of the case, so that a reported case (seed and path) replays exactly. */
const scenario = fc.record({ worldSeed: fc.nat(), steps: fc.array(step, { minLength: 20, maxLength: 40 }) });

/** Work the endpoint cannot interrupt (Promise handlers): how much ran at once for the attacker. */
interface Uninterruptible {
  running: number;
  mostRunning: number;
  /** Runs of the purchase handler, by token: at most once each. */
  purchases: Map<string, number>;
}

function registerServerCallbacks(fw: FuzzWorld, gauge: Gauge, work: Uninterruptible): void {
  const { server, serverKit } = fw;
  const rx = serverKit.rx;
  const tracked = trackedWith(rx, gauge);
  server.register('echo', tracked((player: number, token: unknown) => rx.of({ player, token })));
  server.register('slow', tracked((player: number, token: unknown) => rx.timer(30).pipe(rx.map(() => ({ player, token })))));
  server.register('never', tracked(() => rx.NEVER));
  server.register('stream', tracked((player: number) => rx.interval(5).pipe(rx.take(3), rx.map((i) => [player, i]))));
  server.register('throws', () => {
    throw new Error('boom');
  });
  server.register('rejects', async () => {
    throw 'nope';
  });
  server.register('limited', () => 'ok', { rateLimit: { limit: 3, window: 1000 }, schema: { required: ['action'], types: { action: 'string' } } });
  server.register('admin', () => 'ok', { permission: 'fuzz.admin' });
  server.register('timed', tracked(() => rx.NEVER), { timeout: 20 });
  server.register('mirror', (_player: number, value: unknown) => value);
  server.register('promised', async (player: number) => {
    if (player === ATTACKER) work.mostRunning = Math.max(work.mostRunning, ++work.running);
    await serverKit.delay(150);
    if (player === ATTACKER) work.running--;
    return player;
  });
  server.register('purchase', async (player: number, token: unknown) => {
    work.purchases.set(String(token), (work.purchases.get(String(token)) ?? 0) + 1);
    await serverKit.delay(250);
    return { player, token };
  });
}

async function runScenario({ worldSeed, steps }: { worldSeed: number; steps: Step[] }, runIndex: number): Promise<void> {
  const fw = startFuzzWorld({ players: PLAYERS, seed: worldSeed, latency: { min: 0, max: 30 }, serverOptions: { rememberAnswers: REMEMBER } });
  const { world, server, client } = fw;
  try {
    const gauge: Gauge = { started: 0, ended: 0 };
    const work: Uninterruptible = { running: 0, mostRunning: 0, purchases: new Map() };
    registerServerCallbacks(fw, gauge, work);
    for (const player of [ATTACKER, ...HONEST]) {
      client(player).register('whoami', (token: unknown) => ({ player, token }));
      client(player).register('never', () => fw.clientKit(player).rx.NEVER);
    }
    const baseline = {
      server: world.server.resource(RESOURCE).listenerCounts,
      clients: HONEST.map((p) => world.client(p).resource(RESOURCE).listenerCounts),
    };

    // Ids seen on the wire, for forged replies, duplicates and cancels.
    const pools: IdPools = emptyPools();
    world.network.intercept((packet) => {
      if (packet.name !== EVENT) return;
      const peer = packet.from === 'server' ? packet.to : packet.from;
      if ((peer === ATTACKER || COLLUDERS.includes(peer as number)) && packet.from !== 'server') return; // the cheats' own garbage: not decoded
      for (const f of framesOf(packet.args)) {
        if (f[0] !== 0 || typeof f[1] !== 'number') continue;
        if (packet.from === 'server') (peer === ATTACKER ? pools.serverToSelf : pools.serverToOthers).push(f[1]);
        else pools.othersToServer.push(f[1]);
      }
    });

    const honest: { promise: Promise<Outcome>; expected: unknown; what: string }[] = [];
    const toAttacker: Promise<Outcome>[] = [];
    /** Server calls to the attacker that outlived their one-shot deadline (keep-alive frames must not stretch them). */
    const overdue: string[] = [];
    /** Error details of the attacker's answers that reached a server caller while not plain data. */
    const leakedDetails: string[] = [];
    const settle = outcomeOf;
    const callAttacker = (timeout: number, name: string, ...args: unknown[]) => {
      const startedAt = world.now;
      return settle(
        server
          .with({ timeout })
          .call(ATTACKER, name, ...args)
          .catch((error: { details?: unknown }) => {
            if (error.details !== undefined && !isPlainData(error.details)) leakedDetails.push(String(error.details).slice(0, 80));
            throw error;
          })
          .finally(() => {
            // The deadline, plus the frame the call starts in (the test calls from outside the scripts: the server
            // resource's microtasks run at its next tick) and the frame the answer or timeout lands in.
            if (world.now - startedAt > timeout + 100) overdue.push(`${name}: ${world.now - startedAt} ms against a ${timeout} ms timeout`);
          }),
      );
    };
    let colluderIds = 0;
    const honestPurchases: string[] = [];

    for (const [stepIndex, { attack, collusion, purchase, honestCalls, serverCalls, advance }] of steps.entries()) {
      for (const player of HONEST) {
        for (let k = 0; k < honestCalls; k++) {
          const token = `${runIndex}:${stepIndex}:${player}:${k}`;
          const name = k % 2 === 0 ? 'echo' : 'slow';
          honest.push({ promise: settle(client(player).call(name, token)), expected: { ok: { player, token } }, what: `player ${player} calls ${name}` });
        }
        if (serverCalls) {
          const token = `s${runIndex}:${stepIndex}:${player}`;
          honest.push({ promise: settle(server.call(player, 'whoami', token)), expected: { ok: { player, token } }, what: `server calls whoami on ${player}` });
        }
      }
      if (serverCalls) {
        toAttacker.push(callAttacker(300, 'whoami', 'x'));
        toAttacker.push(callAttacker(50, 'never'));
      }
      if (purchase) {
        for (const player of HONEST) {
          const token = `p${runIndex}:${stepIndex}:${player}`;
          honestPurchases.push(token);
          const call = client(player).with({ timeout: 200, retries: 3, retryDelay: 100, maxRetryDelay: 150 }).call('purchase', token);
          honest.push({ promise: settle(call), expected: { ok: { player, token } }, what: `player ${player} purchases` });
        }
      }
      for (const colluder of collusion > 0 ? COLLUDERS : []) {
        const frames = Array.from({ length: collusion }, () => [0, colluderIds++, 'echo', [], 1]);
        world.network.send(colluder, 'server', EVENT, encode([[PROTOCOL_VERSION, ...frames]]), null);
        report.messages += frames.length;
        report.envelopes++;
      }
      await world.flush();
      for (const envelope of attack) {
        const { args, messages } = buildArgs(envelope, pools, (id) => {
          if (typeof id === 'number') pools.selfToServer.push(id);
        });
        world.network.send(ATTACKER, 'server', EVENT, encode(args), null);
        report.messages += messages;
        report.envelopes++;
      }
      await world.advance(advance);
    }
    report.honestCalls += honest.length;

    const outcomes = await world.settle(Promise.all(honest.map((h) => h.promise)), 60_000);
    await world.settle(Promise.all(toAttacker), 60_000);
    await world.advance(1000);

    const problems: string[] = [];
    outcomes.forEach((outcome, i) => {
      if (JSON.stringify(outcome) !== JSON.stringify(honest[i]!.expected)) {
        problems.push(`${honest[i]!.what}: expected ${JSON.stringify(honest[i]!.expected)}, got ${JSON.stringify(outcome)}`);
      }
    });
    const errors = world.logs.errors();
    if (errors.length > 0) problems.push(`${errors.length} error(s) in the world log, first: ${errors[0]!.text.slice(0, Number(process.env.FUZZ_LOG_CHARS ?? 500))}`);
    const live = gauge.started - gauge.ended;
    const stats = server.stats;
    if (stats.pendingCalls !== 0) problems.push(`server: ${stats.pendingCalls} pending calls left`);
    if (stats.runningHandlers !== live) {
      problems.push(`server: ${live} handlers still running, but the endpoint tracks ${stats.runningHandlers} (work it can no longer cancel or count)`);
    }
    if (live > DEFAULT_LIMITS.maxRunningPerPeer) problems.push(`server: ${live} handlers running for one player, over maxRunningPerPeer (${DEFAULT_LIMITS.maxRunningPerPeer})`);
    if (work.mostRunning > DEFAULT_LIMITS.maxRunningPerPeer) {
      problems.push(`server: ${work.mostRunning} Promise handlers ran at once for the attacker, over maxRunningPerPeer (${DEFAULT_LIMITS.maxRunningPerPeer})`);
    }
    for (const token of honestPurchases) if ((work.purchases.get(token) ?? 0) > 1) problems.push(`purchase ${token} ran ${work.purchases.get(token)} times`);
    if (overdue.length > 0) problems.push(`server calls to the attacker outlived their timeout: ${overdue.slice(0, 3).join('; ')}`);
    if (leakedDetails.length > 0) problems.push(`error details that are not data reached a server caller: ${leakedDetails.slice(0, 3).join('; ')}`);
    for (const player of HONEST) {
      const s = client(player).stats;
      if (s.pendingCalls !== 0 || s.runningHandlers !== 0) problems.push(`player ${player}: ${JSON.stringify(s)}`);
    }
    const listeners = {
      server: world.server.resource(RESOURCE).listenerCounts,
      clients: HONEST.map((p) => world.client(p).resource(RESOURCE).listenerCounts),
    };
    if (JSON.stringify(listeners) !== JSON.stringify(baseline)) problems.push(`listeners changed: ${JSON.stringify(baseline)} -> ${JSON.stringify(listeners)}`);
    const measured = server.metrics.snapshot().callbacks.map((c) => c.name);
    const unknown = measured.filter((name) => !SERVER_NAMES.includes(name) && name !== 'whoami' && name !== 'never');
    if (unknown.length > 0) problems.push(`metrics track names nobody registered: ${unknown.slice(0, 5).join(', ')}`);
    if (world.network.stats.kicked !== 0) problems.push(`${world.network.stats.kicked} player(s) kicked`);

    // The cheats leave: everything kept for them goes, and the others are still answered.
    world.drop(ATTACKER);
    for (const colluder of COLLUDERS) world.drop(colluder);
    await world.advance(10);
    const after = server.stats;
    // What is still remembered belongs to the honest players' purchases, within their own quotas.
    if (after.pendingCalls !== 0 || after.runningHandlers !== 0 || after.rememberedAnswers > Math.min(honestPurchases.length, HONEST.length * REMEMBER.maxEntriesPerPeer)) {
      problems.push(`after the attacker dropped: ${JSON.stringify(after)}`);
    }
    if (gauge.started !== gauge.ended) problems.push(`after the attacker dropped: ${gauge.started - gauge.ended} handlers still running`);
    const last = await world.settle(Promise.all(HONEST.map((player) => settle(client(player).call('echo', `last:${player}`)))));
    last.forEach((outcome, i) => {
      const expected = { ok: { player: HONEST[i], token: `last:${HONEST[i]}` } };
      if (JSON.stringify(outcome) !== JSON.stringify(expected)) problems.push(`after the attacker dropped, player ${HONEST[i]} got ${JSON.stringify(outcome)}`);
    });
    report.runs++;
    if (problems.length > 0) throw new Error(`run ${runIndex}:\n  ${problems.join('\n  ')}`);
  } finally {
    fw.dispose();
  }
}

describe('fuzz: a cheating client against the server', () => {
  afterAll(() => console.log(report.line()));

  it(`survives random and malformed envelopes mixed with honest traffic (full size: ≥ ${MIN_MESSAGES.toLocaleString('en')} messages)`, async () => {
    const { seed, numRuns, full, path } = fuzzSettings({ quick: 7, full: 30 }, KNOWN_FAILURES);
    let runIndex = 0;
    await fc.assert(
      fc.asyncProperty(scenario, (scenario) => runScenario(scenario, runIndex++)),
      { seed, numRuns, endOnFailure: !process.env.FUZZ_SHRINK, ...(path ? { path } : {}) },
    );
    expect(report.runs).toBe(path ? 1 : numRuns);
    if (full && !process.env.FUZZ_RUNS) expect(report.messages).toBeGreaterThanOrEqual(MIN_MESSAGES);
  }, 600_000);
});
