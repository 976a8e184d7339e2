/** Renders the figures as a console table and as BENCHMARKS.md. */
import { missedReasons } from './missed';
import type { Figure } from './results';

export interface Report {
  machine: { cpu: string; cores: number; memoryGiB: number; platform: string };
  node: string;
  commit: string;
  date: string;
  durationSeconds: number;
  sizes: Record<string, number | boolean>;
  sections: string[];
  figures: Figure[];
}

const SECTION_TITLES: Record<string, string> = {
  cpu: '1. CPU per call on each side (what the server thread pays; 20 Hz server frames, latency 0)',
  throughput: '2. Throughput (secondary: real time of the same runs, the simulated world included)',
  wire: '3. Wire cost per small call',
  memory: '4. Memory',
  timers: '5. Timer work per frame with calls pending',
  cleanup: '6. Cleanup when a player drops',
  scale: '7. Scale',
  bundle: '8. Bundle size',
  operators: '9. Operators: CPU per call (server + client) with timeout, retry, rate limit, validation vs a bare call',
};

function formatValue(f: Figure): string {
  const v = Number.isInteger(f.value) ? f.value.toLocaleString('en-US') : String(f.value);
  return `${v} ${f.unit}`;
}

function formatRatio(f: Figure): string {
  return f.ratio === undefined ? '' : `${f.ratio}x ${f.ratioTo ?? ''}`.trim();
}

function formatMet(f: Figure): string {
  if (f.met === undefined) return '';
  return f.met ? 'met' : '**MISSED**';
}

export function renderTable(figures: readonly Figure[]): string {
  const rows = figures.map((f) => [f.section, f.name, formatValue(f), formatRatio(f), f.target ?? '', f.met === undefined ? '' : f.met ? 'met' : 'MISSED']);
  const header = ['section', 'figure', 'value', 'ratio', 'target', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function sectionTable(figures: readonly Figure[]): string {
  const escape = (s: string) => s.replace(/\|/g, '\\|');
  const lines = ['| Figure | Value | Ratio | Target | Met | Notes |', '|---|---:|---:|---|---|---|'];
  for (const f of figures) {
    lines.push(`| ${escape(f.name)} | ${formatValue(f)} | ${formatRatio(f)} | ${escape(f.target ?? '')} | ${formatMet(f)} | ${escape(f.note ?? '')} |`);
  }
  return lines.join('\n');
}

const find = (figures: readonly Figure[], section: string, name: string) => figures.find((f) => f.section === section && f.name.includes(name));

const verdict = (f: Figure | undefined) => (f?.met === undefined ? '' : f.met ? ' (target met)' : ' (target missed)');

/** A few sentences computed from the figures, so that the reading always matches the table above it. */
function reading(figures: readonly Figure[]): string[] {
  const out: string[] = [];
  for (const [callers, threads] of [
    ['1 caller', '1 Lua thread'],
    ['100 callers', '20 Lua threads'],
  ]) {
    const cpu = (side: string, label: string) => find(figures, 'cpu', `${callers}: ${side} CPU per call, ${label}`);
    const luaCpu = (side: string, label: string) => find(figures, 'cpu', `${threads}: ${side} CPU per call, ${label}`);
    const [raw, p, o, ox, hub] = ['raw transport', 'library standalone, Promise facade', 'library standalone, Observable facade', 'ox_lib (JS)', 'library through the hub'].map((l) =>
      cpu('server', l),
    );
    const [rawLua, fxLua, importLua, oxLua] = ['raw Lua transport', 'library, Lua exports', 'library, Lua with the import', 'ox_lib-style pure-Lua'].map((l) => luaCpu('server', l));
    const [fxLuaClient, importLuaClient, oxLuaClient] = ['library, Lua exports', 'library, Lua with the import', 'ox_lib-style pure-Lua'].map((l) => luaCpu('client', l));
    const [cp, co, ch] = ['library standalone, Promise facade', 'library standalone, Observable facade', 'library through the hub'].map((l) => cpu('client', l));
    if (raw && p && o && ox && cp && co) {
      out.push(
        `CPU, ${callers}: the server spends ${p.value} us per call with the Promise facade, ${p.ratio}x the raw transport's ${raw.value} us${verdict(p)} (Observable facade ${o.ratio}x${verdict(o)}; ox_lib ${ox.ratio}x). On the client: ${cp.ratio}x raw${verdict(cp)} and ${co.ratio}x${verdict(co)}.`,
      );
    }
    if (raw && p && hub && cp && ch) {
      out.push(
        `CPU, ${callers}, through the hub: the server spends ${hub.value} us per call (${hub.ratio}x raw, standalone ${p.ratio}x), the client ${ch.value} us (${ch.ratio}x raw, standalone ${cp.ratio}x): the price of one namespace and one event budget per machine.`,
      );
    }
    const hub20 = cpu('server', 'library through the hub, 20 resources joined');
    const idle = (label: string) => find(figures, 'cpu', `${callers}: server CPU per idle frame, ${label}`);
    const [idle1, idle20] = ['library through the hub, Promise facade', 'library through the hub, 20 resources joined'].map(idle);
    if (hub && hub20 && idle1 && idle20) {
      out.push(
        `CPU, ${callers}, through the hub with 20 resources joined: ${hub20.value} us per call (${hub20.ratio}x raw, ${hub.value} us with one); an idle frame costs the server ${idle20.value} us against ${idle1.value} us.`,
      );
    }
    const game = (label: string) => find(figures, 'cpu', `${callers}: game time per call, ${label}`);
    const [rawGame, hubGame] = ['raw transport', 'library through the hub'].map(game);
    const luaGame = find(figures, 'cpu', `${threads}: game time per call, library, Lua exports`);
    if (callers === '1 caller' && rawGame && hubGame && luaGame) {
      out.push(
        `Game time, 1 caller: a round trip takes ${hubGame.value} ms through the hub against ${rawGame.value} ms with raw events${verdict(hubGame)}, ${luaGame.value} ms through the Lua exports.`,
      );
    }
    if (rawLua && fxLua && importLua && oxLua && fxLuaClient && importLuaClient && oxLuaClient) {
      const toOx = (f: Figure, ox: Figure) => Number((f.value / ox.value).toFixed(2));
      out.push(
        `CPU, ${threads}: a Lua call costs the server ${importLua.value} us with lua/import.lua (${toOx(importLua, oxLua)}x ox_lib-style Lua's ${oxLua.value} us${verdict(importLua)}) and ${fxLua.value} us through the plain exports (${toOx(fxLua, oxLua)}x${verdict(fxLua)}); the client ${importLuaClient.value} us (${toOx(importLuaClient, oxLuaClient)}x${verdict(importLuaClient)}) and ${fxLuaClient.value} us (${toOx(fxLuaClient, oxLuaClient)}x${verdict(fxLuaClient)}); a raw Lua TriggerServerEvent ping-pong costs the server ${rawLua.value} us.`,
      );
    }
  }
  const ev = find(figures, 'wire', 'single call: events, library');
  const by = find(figures, 'wire', 'single call: bytes, library');
  const burst = find(figures, 'wire', 'burst of 500: events, library');
  if (ev && by && burst) {
    out.push(
      `Wire: one call is ${ev.value} events${verdict(ev)} and ${by.value} bytes of payload${verdict(by)}, ${by.ratio}x ox_lib's; a burst of 500 calls costs ${burst.value} events per call${verdict(burst)}.`,
    );
  }
  const lost = ['raw transport', 'library', 'ox_lib'].map((n) => find(figures, 'wire', `limits: calls lost, ${n}`));
  if (lost.every(Boolean)) {
    out.push(
      `Under FiveM's real limits the same burst loses ${lost[0]!.value} calls with the raw transport and ${lost[2]!.value} with ox_lib (${lost[2]!.note}), and ${lost[1]!.value} with the library, which paces its events.`,
    );
  }
  const pend = find(figures, 'memory', 'pending call, library');
  const pendOx = find(figures, 'memory', 'pending call, ox_lib');
  const growth = find(figures, 'memory', 'settled calls, library');
  if (pend && pendOx) out.push(`Memory: a pending call holds ${pend.value.toLocaleString('en-US')} bytes of heap${verdict(pend)}; ox_lib's holds ${pendOx.value.toLocaleString('en-US')}.`);
  if (growth) out.push(`Leak check: ${growth.name.replace('heap growth after ', '').replace(', library', '')} changed the retained heap by ${growth.value.toLocaleString('en-US')} bytes${verdict(growth)}.`);
  const clean = find(figures, 'cleanup', '10,000 pending on others');
  const alone = find(figures, 'cleanup', 'same, no other calls pending');
  const small = find(figures, 'cleanup', 'fail 100 calls of a dropped player, no other');
  const smallMany = find(figures, 'cleanup', 'fail 100 calls of a dropped player, 50,000');
  if (clean && alone && small && smallMany) {
    out.push(
      `Cleanup: failing the 10,000 calls of a dropped player takes ${clean.value} ms with 10,000 calls pending on other players and ${alone.value} ms with none; a player with 100 calls drops in ${small.value} ms with none pending elsewhere and ${smallMany.value} ms (${smallMany.ratio}x) with 50,000${verdict(clean)}.`,
    );
  }
  const lostScale = find(figures, 'scale', 'calls lost, library');
  const p50 = find(figures, 'scale', 'p50 excl. network, library');
  const p99 = find(figures, 'scale', 'p99 excl. network, library');
  const rawP50 = find(figures, 'scale', 'p50 excl. network, raw');
  const rawP99 = find(figures, 'scale', 'p99 excl. network, raw');
  const real = find(figures, 'scale', 'real time per simulated second, library');
  if (lostScale && p50 && p99 && rawP50 && rawP99 && real) {
    out.push(
      `Scale: ${lostScale.name.split(':')[0]}, ${lostScale.value} calls lost${verdict(lostScale)}; latency beyond the network is p50 ${p50.value} ms and p99 ${p99.value} ms, against ${rawP50.value} and ${rawP99.value} ms for the raw transport under the same load (the frames alone). Simulating it took ${real.value} s of real time per simulated second, ${real.ratio}x the raw transport's.`,
    );
  }
  const timers = find(figures, 'timers', 'per frame, library');
  if (timers) out.push(`Timers: with 10,000 calls pending the caller's frames cost ${timers.value} us each, ${timers.ratio}x the cost with 100 pending${verdict(timers)} (${timers.note?.split(';')[0]}).`);
  const client = find(figures, 'bundle', 'client.js');
  const consumer = find(figures, 'bundle', 'fxcallbacks/server, documented');
  const naive = find(figures, 'bundle', 'fxcallbacks/server, naive');
  if (client) out.push(`Bundle: dist/client.js is ${client.value.toLocaleString('en-US')} bytes minified${verdict(client)}.`);
  if (consumer && naive) out.push(`A consumer bundling fxcallbacks/server gets ${consumer.value.toLocaleString('en-US')} bytes with the documented esbuild options and ${naive.value.toLocaleString('en-US')} with platform 'node' (${naive.note?.split(';')[1]?.trim()}).`);
  const ops = figures.filter((f) => f.section === 'operators' && f.name.includes('timeout + retry'));
  if (ops.length) out.push(`Operators: with every per-call operator on, a call costs ${ops.map((f) => `${f.ratio}x (${f.name.split(':')[0]})`).join(' and ')} the CPU of a bare call; the rows with one operator each show where the difference comes from.`);
  const checked = figures.filter((f) => f.met !== undefined);
  const missed = checked.filter((f) => f.met === false);
  if (checked.length === 0) out.push('No figure with a target was measured in this run.');
  else if (missed.length) out.push(`Targets missed in this run (${missed.length} of ${checked.length}): ${missed.map((f) => `${f.section}: ${f.name}`).join('; ')}.`);
  else out.push(`All ${checked.length} targets measured in this run were met.`);
  return out;
}

const METHOD = `## How it is measured

- **One world, one codec for all.** Every figure runs in the project's simulated FiveM world
  (\`src/testing\`): one server and N clients in one process, on a virtual clock that only moves when the
  benchmark moves it, with the msgpack-lite codec FiveM uses. Each layer is a resource bundled with esbuild
  exactly as \`build.js\` bundles the library (the testing kit's \`bundleScript\`), loaded with only the globals the
  world gives every resource. All three answer the same call: one argument \`{ account: 'bank', amount: 250 }\`,
  answered unchanged by the server, from resources whose names have the same length.
- **Raw transport**: \`emitNet\` -> \`onNet\` -> \`emitNet\` -> \`onNet\` ping-pong between a client and a server script
  (\`bench/resources/raw-*.ts\`), one event per message, replies matched first in first out. It is the limit.
- **ox_lib**: \`@overextended/ox_lib\` from the npm registry, its \`client/callback\` and \`server/callback\` modules
  bundled unchanged. Its JavaScript needs two things from FiveM that the world lacks: the ox_lib *resource* (Lua,
  not in the npm package), which provides the \`setValidCallback\` export and answers the \`ox_lib:validateCallback\`
  event sent before each call; \`bench/resources/ox_lib-server.ts\` is a JavaScript rendering of that part of it.
  Nothing else is added to the world.
- **CPU per call** is the headline: the CPU time each machine spent in its scripts, per answered call. The
  world's \`machine.cpu\` (src/testing/cpu-meter.ts) adds up every call into a runtime (event dispatch, frames
  with their timers and tick handlers, export calls, commands) and the microtasks each left, measured until
  Node's microtask queue ran empty; the world's own scheduling between them (virtual clock, the turn of Node's
  event loop after each call into a runtime) is left out. The clock is the process's CPU time
  (\`process.cpuUsage()\`), so time slices other processes of the shared machine take are not in it; what V8's
  helper threads (concurrent GC) do during a measurement is. Each layer's own work is in it, and so is the part
  of the world FiveM does natively for every layer alike (copying event payloads, queueing net events), which
  is small. Server frames run at 20 Hz (serverFrameMs 50, as FXServer), clients at 16 ms, latency 0; the
  world's limits on what clients send are lifted (at benchmark speed FiveM would drop and kick the raw
  ping-pong and ox_lib; the library paces its own events and is measured with that pacing on). All calls are
  made by one player, by 1 or 100 concurrent callers each waiting for its answer before the next call. Each
  round builds a fresh world per variant, warms it up (untimed), lets 301 s of virtual time pass (ox_lib arms
  a 300 s timer per call and never clears it), measures 10 s of idle frames, then the calls; rounds rotate the
  order of the variants; the figure is the median of the rounds. Compare ratios of one run, not absolute figures
  across runs. The server's figure per call is marginal: FXServer ticks every resource every frame (each tick
  drains that resource's microtasks), and the idle frames the calls spanned are taken out; **server CPU per idle
  frame** is that cost, per variant (Lua runtimes' own ticks are not modelled: 0 for Lua-only variants).
- **Game time per call**: the virtual time the calls took over their number. With 1 caller it is the round trip:
  the frames a call waits for (one server frame each way at latency 0 for raw events).
- **Lua rows**: Lua resources (\`bench/resources/lua\`) make the same call from a Lua client, driven by 1 or 20
  threads inside the client's Lua state (wasmoon, Lua 5.4): a raw \`TriggerServerEvent\`/\`TriggerClientEvent\`
  ping-pong; a Lua consumer of the built resource (\`fxmanifest.lua\`, \`dist/\`) calling
  \`TriggerServerCallbackPromise\` and answering through \`RegisterServerCallback\`, through the plain exports and
  with \`shared_script '@fxcallbacks/lua/import.lua'\` (the same scripts); and ox_lib-style pure-Lua
  callbacks (ox_lib's Lua is not on npm: its protocol written for the benchmark, with a Lua stand-in of the
  ox_lib resource's \`validateCallback\`). Wasmoon makes Lua far slower than FiveM's CfxLua, so compare Lua rows
  with the raw Lua row only.
- **Throughput** (secondary) is real time of the same runs: 1 / (real time per call). The share the simulated
  world itself takes is in each row's note; the world pays a turn of Node's event loop per delivery, which
  weighs most on one-event-per-message layers, so throughput flatters batching.
- **Wire**: \`world.network.stats\`, the packed argument bytes of each event in both directions; a second count
  adds each event's name, which FiveM's net event message also carries.
- **Memory** runs in child processes started with \`node --expose-gc\`: heap used after full collections, before
  and after. Pending calls are measured on the caller, with nobody answering on the server. The leak check
  warms up, makes the calls, lets 301 s of virtual time pass, and compares.
- **Cleanup**: the process's CPU time from \`world.drop(player)\` until every call pending on that player has failed, with the
  other players' calls still pending; the runs with 0, 10,000 and 50,000 calls pending on other players show
  whether the cleanup looks at them. Best (and median) of 5, each after a warm-up drop.
- **Scale**: players each make 20 calls/s for a fixed simulated period under FiveM's limits with 30 ms one-way
  latency; latency is virtual time from the call to its answer minus the 60 ms of simulated network, i.e. the
  time spent in frames, batches and pacing. The raw transport under the same load gives the frames' share.
- **Timer work per frame**: a player makes 100 or 10,000 calls nobody answers (60 s timeout); once the
  requests went out, the live timers and tick handlers of the caller's runtime are counted and the client's
  CPU per frame is measured over 100 frames (a stand-in resource's empty \`setTick\` makes every frame run, as in
  the game; FiveM's timer.js visits every live timer on every frame, and so does the world).
- **Bundle size**: the minified scripts the release zip ships (release.js's \`minifiedBundles\`, built in a scratch directory); and a consumer resource
  importing \`fxcallbacks/server\` or \`/client\` from the npm package (\`bench/figures/consumer-bundle.ts\`),
  bundled by esbuild with the options the README documents (\`conditions: ['es2015']\`; on the server
  \`platform: 'neutral'\` and \`mainFields: ['module', 'main']\`; \`format: 'iife'\`) and with a naive
  \`platform: 'node'\`, whose \`node\` export condition picks rxjs's CommonJS build, which does not tree-shake.
- **Profile**: \`npm run bench:profile\` runs the library's hot path under \`node --cpu-prof\` and prints self time
  per function and source file (\`bench/support/cpuprofile.ts\`).
`;

/** Players and calls each makes per second, for the owner's table. */
const LOADS = [
  [32, 1],
  [128, 2],
  [256, 5],
  [1024, 5],
] as const;

const OWNER_VARIANTS = [
  ['raw transport (JS emitNet ping-pong)', 'raw events (JS)'],
  ['ox_lib (JS)', 'ox_lib (JS)'],
  ['library through the hub, Promise facade', 'fxcallbacks, default (hub), TypeScript'],
  ['library standalone, Promise facade', 'fxcallbacks, standalone, TypeScript'],
  ['raw Lua transport (TriggerServerEvent ping-pong)', 'raw events (Lua)'],
  ['ox_lib-style pure-Lua callbacks', 'ox_lib-style (Lua)'],
  ['library, Lua exports', 'fxcallbacks, Lua exports'],
  ['library, Lua with the import', 'fxcallbacks, Lua with the import'],
] as const;

/**
 * What the server thread pays, in a server owner's terms: the share of each 50 ms frame that callbacks take at a
 * load, from the server CPU per call with 100 callers (the Lua rows: 20 Lua threads; idle frames taken out) of this
 * run.
 */
function ownersTable(figures: readonly Figure[]): string[] {
  const table = ownersTableRows(figures);
  if (table.length === 0) return [];
  return [
    '## In a server owner\'s terms: the share of a 50 ms server frame',
    '',
    'Server CPU that callbacks take per frame (and its share of the 50 ms frame) when N players each make r calls a',
    'second, from the "100 callers" (Lua: "20 Lua threads") server CPU per call rows above (idle frames taken out). The simulated world runs',
    "msgpack and the scripts in Node as FXServer does, but an FXServer's absolute figures differ: read the columns",
    'against each other.',
    '',
    ...table,
    '',
  ];
}

/** The owner's table alone (README's performance section shows it too); empty when the run has no CPU rows. */
export function ownersTableRows(figures: readonly Figure[]): string[] {
  const rows: [string, Figure][] = [];
  for (const [label, name] of OWNER_VARIANTS) {
    const figure = find(figures, 'cpu', `100 callers: server CPU per call, ${label}`) ?? find(figures, 'cpu', `20 Lua threads: server CPU per call, ${label}`);
    if (figure) rows.push([name, figure]);
  }
  if (rows.length === 0) return [];
  const cell = (us: number, players: number, perSecond: number) => {
    const msPerFrame = (us * players * perSecond) / 20 / 1000;
    return `${msPerFrame.toFixed(msPerFrame < 1 ? 2 : 1)} ms (${((msPerFrame / 50) * 100).toFixed(1)}%)`;
  };
  return [
    `| Callbacks | us per call | ${LOADS.map(([n, r]) => `${n} players x ${r}/s`).join(' | ')} |`,
    `|---|---:|${LOADS.map(() => '---:').join('|')}|`,
    ...rows.map(([name, f]) => `| ${name} | ${f.value} | ${LOADS.map(([n, r]) => cell(f.value, n, r)).join(' | ')} |`),
  ];
}

export function renderMarkdown(report: Report): string {
  const bySection = new Map<string, Figure[]>();
  for (const f of report.figures) {
    const list = bySection.get(f.section) ?? [];
    list.push(f);
    bySection.set(f.section, list);
  }
  const sizes = Object.entries(report.sizes)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  const parts = [
    '# Benchmarks',
    '',
    'fxcallbacks against the raw FiveM transport and against ox_lib, measured side by side in one run. Generated by',
    '`npm run bench` (bench/run.ts), which also writes the machine-readable `bench/results.json`; do not edit by hand.',
    '',
    '## Latest run',
    '',
    `- Machine: ${report.machine.cpu}, ${report.machine.cores} cores, ${report.machine.memoryGiB} GiB, ${report.machine.platform}`,
    `- Node: ${report.node}`,
    `- Library: commit ${report.commit}`,
    `- Date: ${report.date} (took ${report.durationSeconds} s)`,
    `- Sizes: ${sizes}`,
    '',
    '## How to run',
    '',
    '```sh',
    'npm run bench                      # builds, runs every figure (a few minutes), writes BENCHMARKS.md and bench/results.json',
    'BENCH_FULL=1 npm run bench         # the long variants at full size: 1,000,000 settled calls, 2,048 players for 10 s',
    'BENCH_ONLY=cpu,throughput npm run bench   # a subset',
    'npm run bench:profile              # CPU profile of the library hot path (BENCH_PROFILE_LAYER, _CALLERS, _CALLS)',
    '```',
    '',
    'Other sizes: BENCH_ROUNDS, BENCH_CALLS_1, BENCH_CALLS_100, BENCH_PENDING_CALLS, BENCH_SETTLED_CALLS,',
    'BENCH_PLAYERS, BENCH_SCALE_SECONDS. The machines are shared and noisy: compare ratios from one run, not absolute figures',
    'across runs. No benchmark is a test, and `npm test` runs none of them.',
    '',
  ];
  for (const [section, list] of bySection) {
    parts.push(`## ${SECTION_TITLES[section] ?? section}`, '', sectionTable(list), '');
  }
  parts.push(...ownersTable(report.figures));
  parts.push('## Reading', '', ...reading(report.figures).map((s) => `- ${s}`), '');
  const reasons = missedReasons(report.figures);
  if (reasons.length) parts.push('## Missed targets: why, and what meeting them would take', '', ...reasons.map((s) => `- ${s}`), '');
  parts.push(METHOD);
  return `${parts.join('\n')}\n`;
}
