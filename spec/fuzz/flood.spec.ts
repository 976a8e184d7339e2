/**
 * A flood from one client: 10,000 calls fired in one burst through the library (a script with a bug, or a cheat
 * using the library's own API). FiveM's real limits apply here (50 events/s, burst 200; over the flood limit the
 * player is kicked). What must hold: the flood is refused or queued with one clear outcome per call, the other
 * players are answered as fast as if nothing happened, and the library never makes the flooding client exceed
 * FiveM's limiter (nothing dropped, nobody kicked).
 */
import { DEFAULT_NET_LIMITS } from '../../src/testing';
import { EVENT, outcomeOf, startFuzzWorld, type FuzzWorld, type Outcome } from './world';

const FLOOD = 10_000;
const FLOODER = 1;
const OTHERS = [2, 3, 4];
const LATENCY = 20;
const HANDLER_MS = 50;

const worlds: FuzzWorld[] = [];
afterEach(() => worlds.splice(0).forEach((fw) => fw.dispose()));

function start(options: Parameters<typeof startFuzzWorld>[0]): FuzzWorld {
  const fw = startFuzzWorld(options);
  worlds.push(fw);
  return fw;
}

/**
 * Moves time until `until` settles (at most `maxMs`), calling `claim` from every other player every `every` ms
 * meanwhile; resolves with their outcomes and latencies.
 */
async function othersMeanwhile(
  fw: FuzzWorld,
  until: Promise<unknown>,
  every: number,
  maxMs: number,
): Promise<{ latencies: number[]; outcomes: Outcome[] }> {
  const { world, client } = fw;
  let done = false;
  void until.then(() => (done = true));
  const deadline = world.now + maxMs;
  const latencies: number[] = [];
  const outcomes: Promise<Outcome>[] = [];
  while (!done) {
    for (const player of OTHERS) {
      const started = world.now;
      outcomes.push(
        outcomeOf(client(player).call('claim', `p${player}`)).then((outcome) => {
          latencies.push(world.now - started);
          return outcome;
        }),
      );
    }
    await world.advance(every);
    if (world.now > deadline) throw new Error(`the flood did not settle within ${maxMs} ms of virtual time`);
  }
  return { latencies, outcomes: await world.settle(Promise.all(outcomes)) };
}

let lastEventAt = 0;

/** Advances until the flooding client has sent nothing for 5 s; notes when its last event left. */
async function drainPaceQueue(fw: FuzzWorld): Promise<void> {
  const { world } = fw;
  const sent = () => world.network.stats.byName[EVENT]?.toServer.events ?? 0;
  let last = sent();
  lastEventAt = world.now;
  for (let i = 0; i < 1000 && world.now - lastEventAt <= 5000; i++) {
    await world.advance(1000);
    if (sent() !== last) {
      last = sent();
      lastEventAt = world.now;
    }
  }
}

function count(outcomes: Outcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const outcome of outcomes) {
    const key = 'ok' in outcome ? 'ok' : outcome.error.split(':')[0]!;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/**
 * Time for one answered call of another player: two trips, the handler, a client frame each way, some slack, and a
 * server frame: the handlers here are the test's own async functions, whose promise reaches the library (in the
 * resource's context) after the tick that woke them, so in its next tick (FXServer drains a resource's microtasks
 * only in its tick).
 */
const PROMPT_MS = 2 * LATENCY + HANDLER_MS + 2 * 16 + 20 + 50;

describe('a flood of 10,000 calls from one client', () => {
  it('is rate-limited and queued on the server; the others are answered promptly; FiveM drops and kicks nothing', async () => {
    const fw = start({
      seed: 1,
      players: 1 + OTHERS.length,
      latency: LATENCY,
      limits: DEFAULT_NET_LIMITS,
      serverOptions: { incomingQueue: { concurrency: 2, maxQueued: 20 } },
    });
    const { world, server, serverKit, client } = fw;
    let running = 0;
    let mostRunning = 0;
    const runs = new Map<number, number>();
    server.register(
      'claim',
      async (player: number) => {
        runs.set(player, (runs.get(player) ?? 0) + 1);
        mostRunning = Math.max(mostRunning, ++running);
        await serverKit.delay(HANDLER_MS);
        running--;
        return player;
      },
      { rateLimit: { limit: 50, window: 10_000 } },
    );
    world.network.resetStats();

    const started = Date.now();
    const flood = Promise.all(Array.from({ length: FLOOD }, () => outcomeOf(client(FLOODER).call('claim'))));
    const others = await othersMeanwhile(fw, flood, 100, 120_000);
    const outcomes = await flood;
    const wall = Date.now() - started;

    // One outcome per call: the bucket's 50 ran (two at a time, 20 waiting), the rest was refused at once.
    const counts = count(outcomes);
    expect(outcomes).toHaveLength(FLOOD);
    expect(counts.ok! + (counts.RATE_LIMITED ?? 0) + (counts.QUEUE_FULL ?? 0)).toBe(FLOOD);
    expect(counts.ok).toBeGreaterThanOrEqual(2 + 20);
    expect(counts.ok).toBeLessThanOrEqual(50);
    expect(runs.get(FLOODER)).toBe(counts.ok);
    expect(counts.RATE_LIMITED).toBeGreaterThan(FLOOD - 60);

    // The others: every call answered, each within two trips and the handler.
    expect(others.outcomes.every((o) => 'ok' in o)).toBe(true);
    expect(others.latencies.length).toBeGreaterThan(0);
    expect(Math.max(...others.latencies)).toBeLessThanOrEqual(PROMPT_MS);

    // The library paced the flooding client under FiveM's limiter.
    expect(world.network.stats.dropped).toEqual({ rateLimited: 0, intercepted: 0, disconnected: 0, beforeResourcesStarted: 0 });
    expect(world.network.stats.kicked).toBe(0);
    expect(world.network.stats.byName[EVENT]!.toServer.events).toBeLessThanOrEqual(Math.ceil(FLOOD / 64) + 200);

    await world.advance(1000);
    expect(server.stats).toMatchObject({ pendingCalls: 0, runningHandlers: 0, rememberedAnswers: 0 });
    expect(client(FLOODER).stats).toMatchObject({ pendingCalls: 0, runningHandlers: 0 });
    expect(world.logs.errors()).toEqual([]);
    console.log(`flood (rate limit + queue): ${JSON.stringify(counts)}, others answered in ≤ ${Math.max(...others.latencies)} ms, ${wall} ms wall`);
  }, 120_000);

  it('one net event per call (batching off): the client paces itself, calls time out instead of FiveM dropping or kicking', async () => {
    const fw = start({
      seed: 2,
      players: 1 + OTHERS.length,
      latency: LATENCY,
      limits: DEFAULT_NET_LIMITS,
      clientOptions: { maxFramesPerEnvelope: 1 },
    });
    const { world, server, serverKit, client } = fw;
    server.register('claim', async (player: number) => {
      await serverKit.delay(HANDLER_MS);
      return player;
    });
    world.network.resetStats();

    const started = Date.now();
    const flood = Promise.all(Array.from({ length: FLOOD }, () => outcomeOf(client(FLOODER).with({ timeout: 5000 }).call('claim'))));
    const others = await othersMeanwhile(fw, flood, 1000, 400_000);
    const outcomes = await flood;
    const wall = Date.now() - started;

    // 180 events leave at once, then 45 per second: a few hundred calls are answered within the 5 s (some refused
    // by maxRunningPerPeer), the rest time out waiting to be sent.
    const counts = count(outcomes);
    expect(counts.ok! + counts.TIMEOUT! + (counts.LIMIT_EXCEEDED ?? 0)).toBe(FLOOD);
    expect(counts.ok).toBeGreaterThan(180);
    expect(counts.ok).toBeLessThan(1000);

    expect(others.outcomes.every((o) => 'ok' in o)).toBe(true);
    expect(Math.max(...others.latencies)).toBeLessThanOrEqual(PROMPT_MS);

    // Let the client's pace queue drain completely: however long it takes, FiveM never drops or kicks.
    await drainPaceQueue(fw);
    expect(world.network.stats.dropped.rateLimited).toBe(0);
    expect(world.network.stats.kicked).toBe(0);
    expect(server.stats).toMatchObject({ pendingCalls: 0, runningHandlers: 0 });
    expect(client(FLOODER).stats).toMatchObject({ pendingCalls: 0, runningHandlers: 0 });
    expect(world.logs.errors()).toEqual([]);
    console.log(`flood (one event per call): ${JSON.stringify(counts)}, ${world.network.stats.byName[EVENT]!.toServer.events} events to the server, others answered in ≤ ${Math.max(...others.latencies)} ms, ${wall} ms wall`);
  }, 300_000);

  // The outbox paces frames, not envelopes: a call that times out while its REQUEST still waits to leave is taken
  // back, never sent, and needs no CANCEL. Only requests already on their way when their caller gave up can still
  // run (their CANCEL arrives too late): at most what the pace lets out during one round trip.
  it('a call given up before its request left the client is never sent, and costs the server nothing', async () => {
    const fw = start({ seed: 2, players: 1, latency: LATENCY, limits: DEFAULT_NET_LIMITS, clientOptions: { maxFramesPerEnvelope: 1 } });
    const { world, server, client } = fw;
    let runs = 0;
    server.register('claim', () => ++runs);
    world.network.resetStats();
    const outcomes = await world.settle(Promise.all(Array.from({ length: 2000 }, () => outcomeOf(client(FLOODER).with({ timeout: 5000 }).call('claim')))));
    const answered = count(outcomes).ok!;
    const settledAt = world.now;
    await drainPaceQueue(fw);
    const events = world.network.stats.byName[EVENT]!.toServer.events;
    const inFlightAtTimeout = Math.ceil((45 * (2 * LATENCY + 2 * 16)) / 1000);
    expect(runs).toBeGreaterThanOrEqual(answered);
    expect(runs - answered).toBeLessThanOrEqual(inFlightAtTimeout);
    // Measured in the drain's 1 s steps: the client falls silent within the first step after the last call settled
    // (CANCELs of requests on their way wait for the pace, and answers take a 50 ms server frame longer).
    expect(lastEventAt - settledAt).toBeLessThanOrEqual(1000);
    expect(events).toBeLessThan(answered + 200);
  }, 120_000);

  // A script that calls once per game frame (60/s) outruns the 45 events/s pace; frames waiting for a token join
  // the next envelope, so the calls still cross in fewer events and latency stays bounded.
  it('a client calling on every game frame for a minute keeps a bounded latency', async () => {
    const fw = start({ seed: 4, players: 1, latency: LATENCY, limits: DEFAULT_NET_LIMITS });
    const { world, server, client } = fw;
    server.register('ping', () => 'pong');
    const latencies: [startedAt: number, latency: number, ok: boolean][] = [];
    const context = world.client(FLOODER).resource('harness');
    context.globals.__call = () => {
      const startedAt = world.now;
      void outcomeOf(client(FLOODER).call('ping')).then((o) => latencies.push([startedAt, world.now - startedAt, 'ok' in o]));
    };
    context.run('setTick(() => __call())');
    await world.advance(60_000);
    context.run('globalThis.__call = () => undefined');
    await world.advance(11_000);
    const late = latencies.filter(([startedAt]) => startedAt >= 50_000);
    expect(late.length).toBeGreaterThan(500);
    expect(late.filter(([, , ok]) => !ok)).toHaveLength(0);
    expect(Math.max(...late.map(([, latency]) => latency))).toBeLessThan(500);
    expect(world.network.stats.dropped.rateLimited).toBe(0);
    expect(world.network.stats.kicked).toBe(0);
  }, 120_000);

  it('queued on the client (concurrency 20): every call is answered in turn; the others are not held up', async () => {
    const fw = start({
      seed: 3,
      players: 1 + OTHERS.length,
      latency: LATENCY,
      limits: DEFAULT_NET_LIMITS,
      clientOptions: { queue: { concurrency: 20, maxQueued: FLOOD } },
    });
    const { world, server, serverKit, client } = fw;
    server.register('claim', async (player: number) => {
      await serverKit.delay(10);
      return player;
    });
    world.network.resetStats();

    const flood = Promise.all(Array.from({ length: FLOOD }, () => outcomeOf(client(FLOODER).call('claim'))));
    const others = await othersMeanwhile(fw, flood, 2000, 400_000);
    const outcomes = await flood;
    expect(count(outcomes)).toEqual({ ok: FLOOD });
    expect(others.outcomes.every((o) => 'ok' in o)).toBe(true);
    expect(Math.max(...others.latencies)).toBeLessThanOrEqual(PROMPT_MS);
    expect(world.network.stats.dropped.rateLimited).toBe(0);
    expect(world.network.stats.kicked).toBe(0);
    expect(server.stats).toMatchObject({ pendingCalls: 0, runningHandlers: 0 });
    expect(client(FLOODER).stats).toMatchObject({ pendingCalls: 0, runningHandlers: 0 });
    expect(world.logs.errors()).toEqual([]);
  }, 300_000);
});
