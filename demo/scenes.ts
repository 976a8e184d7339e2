/**
 * The demo's scenes: the built resource (as the hub, under the specification's name `community_bridge`), Lua
 * resources written like the specification's examples, a TypeScript resource and an ox_lib-style resource, with
 * two players, alice and bob, in the simulated world. Each scene plays in virtual time, then checks what the
 * machines printed; `playDemo` returns every scene's verdict.
 */
import * as path from 'path';
import { bundleScript, loadLua, resourceFromManifest, World, type ClientMachine, type LogEntry } from '../src/testing';
import { FrameType, PROTOCOL_VERSION } from '../src/core/wire/protocol';

const ROOT = path.join(__dirname, '..');
const HUB = 'community_bridge';

export interface SceneResult {
  title: string;
  /** Why the scene went wrong; undefined when it went as it should. */
  problem?: string;
}

interface Stage {
  world: World;
  alice: ClientMachine;
  bob: ClientMachine;
  /** Lines printed since the scene began, by `who` ('server', 'alice', 'bob'), optionally of one resource. */
  printed(who: string, resource?: string): string[];
  /** Prints what the network or a machine's state shows at this moment, beside the machines' own lines. */
  note(who: string, line: string): void;
}

interface Scene {
  title: string;
  play(stage: Stage): Promise<void>;
  /** A problem, or undefined when the outcome is right. */
  check(stage: Stage): string | undefined;
}

const expectLine = (lines: string[], pattern: RegExp, what: string) => (lines.some((line) => pattern.test(line)) ? undefined : `expected ${what}`);
const first = (...problems: (string | undefined)[]) => problems.find((p) => p !== undefined);

/** Set when the cheating scene managed to send its forgery (so its check cannot pass by sending nothing). */
let forgerySent = false;
/** Set when the retry scene saw its packet dropped. */
let packetDropped = false;
/** Set when the server's call to alice was still waiting after bob's forged reply arrived. */
let forgeryRefused = false;

/** Calls the server's hub waits on for a player's answer. */
function callsWaiting(world: World): number {
  return (world.server.resource(HUB).run(`exports['${HUB}'].GetHubStats().calls`) as number) ?? 0;
}

const FRAME_NAMES = Object.fromEntries(Object.entries(FrameType).map(([name, type]) => [type, name]));

/** The frames of an envelope, as `RESULT #12, NEXT #13`. */
function framesIn(envelope: unknown): string {
  const frames = Array.isArray(envelope) ? (envelope.slice(1) as unknown[][]) : [];
  return frames.map((frame) => `${FRAME_NAMES[frame[0] as number] ?? '?'} #${frame[1]}`).join(', ');
}

const SCENES: Scene[] = [
  {
    title: 'Basic server callback: alice asks for her bank balance',
    play: async ({ world, alice }) => (alice.executeCommand('basic'), world.advance(500)),
    check: ({ printed }) => expectLine(printed('alice'), /^Player money:\s+25000$/, 'alice to see 25000'),
  },
  {
    title: 'Promise form: bob awaits his cash in a thread',
    play: async ({ world, bob }) => (bob.executeCommand('promise'), world.advance(500)),
    check: ({ printed }) => expectLine(printed('bob'), /^Cash balance:\s+150$/, 'bob to see 150'),
  },
  {
    title: 'Client callback: the server asks alice to show a notification',
    play: async ({ world }) => (world.server.executeCommand('notify 1'), world.advance(6000)),
    check: ({ printed }) => expectLine(printed('server'), /notification displayed to player 1 \(Notification shown\)/, 'the server to hear from alice'),
  },
  {
    title: 'Multi-step purchase: alice buys an adder',
    play: async ({ world, alice }) => (alice.executeCommand('purchase adder 20000'), world.advance(500)),
    check: ({ printed }) => expectLine(printed('alice'), /^Bought adder: vehicle #\d+, \$5000 left$/, 'the adder bought'),
  },
  {
    title: 'Multi-step purchase: out of stock',
    play: async ({ world, alice }) => (alice.executeCommand('purchase zentorno 1000'), world.advance(500)),
    check: ({ printed }) => expectLine(printed('alice'), /zentorno failed: Vehicle not available/, 'out of stock'),
  },
  {
    title: 'Multi-step purchase: insufficient funds',
    play: async ({ world, alice }) => (alice.executeCommand('purchase adder 20000'), world.advance(500)),
    check: ({ printed }) => expectLine(printed('alice'), /adder failed: Insufficient funds/, 'insufficient funds'),
  },
  {
    title: "Timeout: a 15 s operation with a 10 s timeout; bob's metrics count it as a failure and a timeout",
    play: async ({ world, bob }) => {
      bob.executeCommand('timeout');
      await world.advance(16_000);
      bob.executeCommand('mymetrics');
      await world.advance(10);
    },
    check: ({ printed }) =>
      first(
        expectLine(printed('bob'), /Operation timed out/, 'a timeout'),
        expectLine(printed('bob'), /^heavyOperation\s+1\s+0\s+1\s+1\s+0\s/, 'heavyOperation from bob: 1 call, 1 failure, 1 timeout'),
      ),
  },
  {
    title: "Retry under packet loss: the server's answer to alice's deposit is lost; the retry is answered from memory",
    play: async ({ world, alice, note }) => {
      const lose = world.network.intercept((packet) => {
        if (packet.to !== alice.playerId) return undefined;
        packetDropped = true;
        note('network', `dropped ${packet.name} from the server to alice (${framesIn(packet.args[0])}): alice's answer is lost`);
        return 'drop';
      });
      alice.executeCommand('deposit 500');
      await world.advance(200);
      lose();
      await world.advance(1500);
    },
    check: ({ printed }) =>
      first(
        packetDropped ? undefined : "the server's answer to alice to be dropped",
        printed('server').filter((line) => line.includes('deposit handler ran')).length === 1 ? undefined : 'the deposit handler to run exactly once',
        expectLine(printed('alice'), /^Deposited 500, bank balance 5500$/, 'alice to get her answer'),
      ),
  },
  {
    title: 'Rate-limited flood: bob fires 50 pings at a callback limited to 5 a second',
    play: async ({ world, bob }) => {
      world.network.resetStats();
      bob.executeCommand('flood 50');
      await world.advance(1000);
    },
    check: ({ world, printed }) =>
      first(
        expectLine(printed('bob'), /^Flood of 50 pings: 5 answered, 45 refused \(Too many calls to callback "shop:ping"/, '5 answered and 45 refused as rate limited'),
        world.network.stats.kicked === 0 && world.network.stats.dropped.rateLimited === 0 ? undefined : 'no event dropped by FiveM and nobody kicked',
      ),
  },
  {
    title: "A cheating client: bob forges a reply to the server's question to alice; the server waits for alice",
    play: async ({ world, alice, bob, note }) => {
      let request: { event: string; id: number } | undefined;
      const watch = world.network.intercept((packet) => {
        if (request || packet.to !== alice.playerId) return;
        const frame = (packet.args[0] as unknown[])[1] as unknown[];
        if (frame[0] === FrameType.REQUEST) request = { event: packet.name, id: frame[1] as number };
      });
      world.server.executeCommand('notify 1');
      await world.advance(200);
      watch();
      if (!request) return;
      const cheat = bob.resource(HUB);
      cheat.globals.__forged = [PROTOCOL_VERSION, [FrameType.RESULT, request.id, [true, 'forged by bob']]];
      const waitingBefore = callsWaiting(world);
      cheat.run(`emitNet(${JSON.stringify(request.event)}, __forged)`);
      forgerySent = true;
      note('network', `bob sends the server ${framesIn(cheat.globals.__forged)}, a reply to the request #${request.id} that went to alice`);
      // Past its arrival: one server frame and the most latency.
      await world.advance(150);
      const waiting = callsWaiting(world);
      if (waiting === waitingBefore) {
        forgeryRefused = true;
        note('server', `refused bob's forged reply #${request.id}: that request went to alice, so only alice may answer it (still waiting: ${waiting} call)`);
      }
      await world.advance(6000);
    },
    check: ({ printed }) =>
      first(
        forgerySent ? undefined : "bob to see the server's request to alice and forge a reply",
        forgeryRefused ? undefined : "the server's call to alice to be still waiting after the forgery arrived",
        printed('server').some((line) => line.includes('forged by bob')) ? 'the forged reply to be refused' : undefined,
        expectLine(printed('server'), /notification displayed to player 1 \(Notification shown\)/, "alice's own answer"),
      ),
  },
  {
    title: 'A stream with progress, cancelled half way: alice downloads a track from the TypeScript resource',
    play: async ({ world, alice }) => (alice.executeCommand('download'), world.advance(3000)),
    check: ({ printed }) =>
      first(
        expectLine(printed('alice'), /^downloading theme\.ogg: 40%$/, 'progress up to 40%'),
        printed('alice').some((line) => line === 'download complete' || line.includes('100%')) ? 'the download to stop before the end' : undefined,
        expectLine(printed('server'), /alice cancelled the download of theme\.ogg at \d+%; the stream is torn down/, 'the stream torn down on the server'),
      ),
  },
  {
    title: "TypeScript calls Lua through the hub: alice's TypeScript resource asks the Lua shop for her balance",
    play: async ({ world, alice }) => (alice.executeCommand('balance'), world.advance(500)),
    check: ({ printed }) => expectLine(printed('alice'), /the Lua resource says the bank balance is 5500$/, 'the balance from the Lua resource'),
  },
  {
    title: 'An ox_lib-style resource on the compat shim: alice and bob open their garages',
    play: async ({ world, alice, bob }) => (alice.executeCommand('garage'), bob.executeCommand('garage'), world.advance(500)),
    check: ({ printed }) =>
      first(
        expectLine(printed('alice'), /my garage holds 2 vehicle\(s\): adder, t20$/, "alice's two vehicles"),
        expectLine(printed('bob'), /my garage holds 1 vehicle\(s\): faggio$/, "bob's one vehicle"),
      ),
  },
  {
    title: 'A player drops mid-call: the server asks bob to confirm a trade, and bob leaves',
    play: async ({ world, bob }) => {
      world.server.executeCommand('confirm 2');
      await world.advance(500);
      world.drop(bob.playerId);
      await world.advance(100);
    },
    check: ({ printed }) => expectLine(printed('server'), /the trade with bob ended: .*(left|dropped|disconnected)/i, 'the call to end when bob drops'),
  },
  {
    title: "The metrics tables, keyed by callback name (GetCallbackMetrics): the server's, then alice's as a caller",
    play: async ({ world, alice }) => (world.server.executeCommand('metrics'), alice.executeCommand('mymetrics'), world.advance(10)),
    check: ({ printed }) =>
      first(
        expectLine(printed('server'), /^getPlayerMoney\s+3\s+3\s+0\s+0\s+0\s/, 'getPlayerMoney: 3 calls, 3 successes'),
        expectLine(printed('server'), /^shop:ping\s+50\s+5\s+45\s+0\s+0\s/, 'shop:ping: 50 calls, 5 successes, 45 failures'),
        // Their callers gave up on these: bob's call timed out, alice cancelled the download.
        expectLine(printed('server'), /^heavyOperation\s+1\s+0\s+0\s+0\s+1\s/, 'heavyOperation on the server: 1 call, cancelled by its caller'),
        expectLine(printed('server'), /^radio:download\s+1\s+0\s+0\s+0\s+1\s/, 'radio:download on the server: 1 call, cancelled by its caller'),
        expectLine(printed('alice'), /^radio:download\s+1\s+0\s+0\s+0\s+1\s/, 'radio:download from alice: 1 call, cancelled'),
      ),
  },
];

/** Plays every scene; `print` gets the titles, every line the machines print (with players' names), the verdicts. */
export async function playDemo(print: (line: string) => void): Promise<SceneResult[]> {
  await loadLua();
  forgerySent = false;
  forgeryRefused = false;
  packetDropped = false;
  const names = new Map<string, string>([['server', 'server']]);
  const who = (entry: LogEntry) => names.get(entry.machine) ?? entry.machine;
  const world = new World({
    latency: { min: 20, max: 60 },
    // The spec's examples call `exports.community_bridge`: the hub keeps that folder name, and says so by convar.
    replicatedConvars: { 'fxcallbacks:hub': HUB },
    onLog: (entry) => print(`  [${String(entry.time).padStart(6)} ms] ${who(entry)}${entry.resource ? `/${entry.resource}` : ''}: ${entry.text.replace(/\^\d/g, '')}`),
  });
  try {
    world.startResource(resourceFromManifest(ROOT, HUB));
    world.startResource(resourceFromManifest(path.join(__dirname, 'resources', 'demo_shop')));
    world.startResource(resourceFromManifest(path.join(__dirname, 'resources', 'demo_garage'), 'demo_garage', { resources: { [HUB]: ROOT } }));
    world.startResource({
      name: 'demo_radio',
      server: [bundleScript(path.join(__dirname, 'resources', 'demo_radio', 'server.ts'), 'server')],
      client: [bundleScript(path.join(__dirname, 'resources', 'demo_radio', 'client.ts'), 'client')],
    });
    const alice = world.connect({ name: 'alice' });
    const bob = world.connect({ name: 'bob' });
    names.set(alice.name, 'alice').set(bob.name, 'bob');
    await world.advance(100);

    const results: SceneResult[] = [];
    for (const scene of SCENES) {
      print(`\n== ${scene.title} ==`);
      const from = world.logs.entries.length;
      const stage: Stage = {
        world,
        alice,
        bob,
        note: (name, line) => print(`  [${String(world.now).padStart(6)} ms] ${name}: ${line}`),
        printed: (name, resource) =>
          world.logs.entries
            .slice(from)
            .filter((e) => who(e) === name && (resource === undefined || e.resource === resource))
            .map((e) => e.text),
      };
      await scene.play(stage);
      const problem = scene.check(stage) ?? (world.logs.errors().length > 0 ? `no script error (${world.logs.errors()[0]!.text})` : undefined);
      print(problem ? `  ✗ wrong: ${problem}` : '  ✓ as expected');
      results.push({ title: scene.title, ...(problem ? { problem } : {}) });
    }
    return results;
  } finally {
    world.dispose();
  }
}
