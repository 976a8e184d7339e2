/**
 * `npm run bench`: measures the library (standalone, and through the hub: the built fxcallbacks resource started as on a server) against the raw transport and against ox_lib in the simulated world,
 * prints a table, and writes `bench/results.json` and `BENCHMARKS.md`. See BENCHMARKS.md for how to read it.
 *
 * Sizes (environment variables; BENCH_FULL=1 sets every long variant to the issue's full size):
 *   BENCH_ROUNDS (5), BENCH_OPERATOR_ROUNDS (3)       rounds of the CPU and operators figures (median taken)
 *   BENCH_LUA_CALLS (2000)                            at most this many calls per round for the Lua rows (wasmoon is slow)
 *   BENCH_CALLS_1 (2000), BENCH_CALLS_100 (10000)     calls per round with 1 and 100 callers
 *   BENCH_PENDING_CALLS (100000)                      calls in flight for the heap-per-pending-call figure
 *   BENCH_SETTLED_CALLS (200000; full 1000000)        calls for the leak check
 *   BENCH_PLAYERS (512; full 2048)                    players of the scale figure
 *   BENCH_SCALE_SECONDS (2; full 10)                  simulated seconds of the scale figure
 *   BENCH_ONLY=cpu,throughput,wire,memory,timers,cleanup,scale,bundle,operators   a subset (throughput needs cpu)
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { measureBundleSizes } from './figures/bundle-size';
import type { CleanupResult } from './figures/cleanup';
import { OPERATOR_VARIANTS } from './figures/operators';
import type { ScaleResult } from './figures/scale';
import { consumerBundleSize } from './figures/consumer-bundle';
import { measureCpu, type CpuResult, type CpuVariant } from './figures/cpu';
import { timerWork, type TimerWork } from './figures/timers';
import { burstCost, singleCallCost, type BurstOutcome, type WireCost } from './figures/wire';
import { runChild } from './support/child';
import { ownersTableRows, renderMarkdown, renderTable } from './support/report';
import { envInt, FULL, log, target, type Figure } from './support/results';

const ROOT = path.join(__dirname, '..');

const sizes = {
  rounds: envInt('BENCH_ROUNDS', 5),
  operatorRounds: envInt('BENCH_OPERATOR_ROUNDS', 3),
  luaCalls: envInt('BENCH_LUA_CALLS', 2000),
  calls1: envInt('BENCH_CALLS_1', 2000),
  calls100: envInt('BENCH_CALLS_100', 10_000),
  pendingCalls: envInt('BENCH_PENDING_CALLS', 100_000),
  settledCalls: envInt('BENCH_SETTLED_CALLS', FULL ? 1_000_000 : 200_000),
  players: envInt('BENCH_PLAYERS', FULL ? 2048 : 512),
  scaleSeconds: envInt('BENCH_SCALE_SECONDS', FULL ? 10 : 2),
};

const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',').map((s) => s.trim())) : undefined;
const wanted = (section: string) => !only || only.has(section);

const figures: Figure[] = [];
const add = (figure: Figure) => figures.push(figure);
const round = (value: number, digits = 2) => Number(value.toFixed(digits));
const signed = (value: number) => (value > 0 ? `+${value}` : String(value));

const CPU_VARIANTS: CpuVariant[] = [
  { key: 'raw', label: 'raw transport (JS emitNet ping-pong)', layer: 'raw' },
  { key: 'fx-promise', label: 'library standalone, Promise facade', layer: 'fx', options: { facade: 'promise' } },
  { key: 'fx-observable', label: 'library standalone, Observable facade', layer: 'fx', options: { facade: 'observable' } },
  { key: 'fx-hub', label: 'library through the hub, Promise facade', layer: 'fx', options: { facade: 'promise', hub: true } },
  { key: 'fx-hub-20', label: 'library through the hub, 20 resources joined, Promise facade', layer: 'fx', options: { facade: 'promise', hub: true, members: 20 } },
  { key: 'ox', label: 'ox_lib (JS)', layer: 'ox' },
  { key: 'raw-lua', label: 'raw Lua transport (TriggerServerEvent ping-pong)', layer: 'raw-lua' },
  { key: 'fx-lua', label: 'library, Lua exports', layer: 'fx-lua' },
  { key: 'fx-lua-import', label: 'library, Lua with the import', layer: 'fxi-lua' },
  { key: 'ox-lua', label: 'ox_lib-style pure-Lua callbacks', layer: 'ox-lua' },
];

/**
 * The targets of the CPU rows. Issue 19's: the default path (through the hub) <= 1.5x raw with 1 caller and <= 1.1x
 * with 100 on the server; Lua with the import <= 1.0x ox_lib's Lua and the plain Lua exports <= 1.5x, on both
 * sides. The standalone facades keep the earlier issue's (1.5x and 1.0x raw).
 */
function cpuTarget(key: string, side: 'server' | 'client', callers: number, toRaw: number, toOx: number): Partial<Figure> {
  if (key === 'fx-promise' || key === 'fx-observable') {
    const limit = callers === 1 ? 1.5 : 1.0;
    return target(`<= ${limit} x raw`, toRaw <= limit);
  }
  if (key === 'fx-hub' && side === 'server') {
    const limit = callers === 1 ? 1.5 : 1.1;
    return target(`<= ${limit} x raw`, toRaw <= limit);
  }
  if (key === 'fx-lua') return target("<= 1.5 x ox_lib's Lua", toOx <= 1.5);
  if (key === 'fx-lua-import') return target("<= 1.0 x ox_lib's Lua", toOx <= 1.0);
  return {};
}

/** The Lua rows' threads in the pass with many callers: issue 19 sets the Lua targets with 1 and with 20 threads. */
const LUA_THREADS = 20;

/** Per caller count, the CPU results, kept for the throughput rows (measured in the same runs). */
const cpuResults = new Map<number, Map<string, CpuResult>>();

async function cpu(): Promise<void> {
  const section = 'cpu';
  for (const [callers, calls] of [
    [1, sizes.calls1],
    [100, sizes.calls100],
  ] as const) {
    log(`CPU per call, ${callers} caller(s), ${calls} calls per round`);
    const luaThreads = Math.min(callers, LUA_THREADS);
    const results = await measureCpu(CPU_VARIANTS, { callers, calls, luaCalls: Math.min(calls, sizes.luaCalls), luaCallers: luaThreads, warmup: Math.min(calls, 2000), rounds: sizes.rounds });
    cpuResults.set(callers, results);
    const callersName = `${callers} caller${callers > 1 ? 's' : ''}`;
    const luaName = `${luaThreads} Lua thread${luaThreads > 1 ? 's' : ''}`;
    const whereOf = (v: CpuVariant) => (v.layer.endsWith('-lua') ? luaName : callersName);
    const note = `${calls} calls (Lua rows ${Math.min(calls, sizes.luaCalls)}) per round, median of ${sizes.rounds} rounds`;
    for (const side of ['server', 'client'] as const) {
      const us = (key: string) => results.get(key)![side === 'server' ? 'serverUs' : 'clientUs'];
      for (const v of CPU_VARIANTS) {
        const lua = v.layer.endsWith('-lua');
        const raw = us(lua ? 'raw-lua' : 'raw');
        const ratio = us(v.key) / raw;
        const ox = us(lua ? 'ox-lua' : 'ox');
        const checked = cpuTarget(v.key, side, callers, ratio, us(v.key) / ox);
        add({
          section,
          name: `${whereOf(v)}: ${side} CPU per call, ${v.label}`,
          value: round(us(v.key), 1),
          unit: 'us',
          ...(v.key.startsWith('raw') ? {} : { ratio: round(ratio), ratioTo: lua ? 'raw Lua' : 'raw' }),
          ...checked,
          note: `${v.key === 'fx-hub' ? `${round(us(v.key) / us('fx-promise'))}x standalone's; ` : ''}${v.key === 'fx-hub-20' ? `${round(us(v.key) / us('fx-hub'))}x the hub with one resource's; ` : ''}${v.key.startsWith('fx') ? `${round(us(v.key) / ox)}x ${lua ? 'the ox_lib-style Lua' : 'ox_lib'}'s; ` : ''}${note}; idle frames taken out`,
        });
      }
    }
    for (const v of CPU_VARIANTS) {
      const result = results.get(v.key)!;
      const raw = results.get(v.layer.endsWith('-lua') ? 'raw-lua' : 'raw')!;
      add({
        section,
        name: `${whereOf(v)}: game time per call, ${v.label}`,
        value: round(result.gameMs, 2),
        unit: 'ms',
        ...(v.key.startsWith('raw') ? {} : { ratio: round(result.gameMs / raw.gameMs), ratioTo: v.layer.endsWith('-lua') ? 'raw Lua' : 'raw' }),
        ...(callers === 1 && v.key === 'fx-hub' ? target('= raw (one frame per round trip)', result.gameMs <= raw.gameMs) : {}),
        note: `virtual time of the calls over their number${callers === 1 ? ' (one caller: the round trip)' : ''}; ${note}`,
      });
      add({
        section,
        name: `${whereOf(v)}: server CPU per idle frame, ${v.label}`,
        value: round(result.idleServerUs, 2),
        unit: 'us',
        note: `every resource's tick with no call in flight, over 10 s of frames; median of ${sizes.rounds} rounds`,
      });
    }
  }
}

/** Throughput, a secondary figure from the same runs: real time of the whole run, the world's own work included. */
async function throughput(): Promise<void> {
  const section = 'throughput';
  for (const [callers, results] of cpuResults) {
    const where = `${callers} caller${callers > 1 ? 's' : ''}`;
    const raw = results.get('raw')!;
    for (const v of CPU_VARIANTS) {
      const r = results.get(v.key)!;
      const world = (r.wallUs - r.serverUs - r.clientUs) / r.wallUs;
      add({
        section,
        name: `${where}: ${v.label}`,
        value: Math.round(1e6 / r.wallUs),
        unit: 'calls/s',
        ratio: round(raw.wallUs / r.wallUs),
        ratioTo: 'raw (JS)',
        // CPU time can exceed real time: V8's helper threads (concurrent GC) count in the machines' CPU figures.
        note:
          world >= 0
            ? `${Math.round(world * 100)}% of the real time is the simulated world's own (clock, event loop turns, bookkeeping); ${round(r.wallUs, 1)} us per call in all`
            : `the machines' CPU time exceeds the real time by ${Math.round(-world * 100)}% (V8 helper threads, e.g. concurrent GC, count in it); ${round(r.wallUs, 1)} us per call in all`,
      });
    }
  }
}

async function wire(): Promise<void> {
  log('wire cost');
  const section = 'wire';
  const single: Record<string, WireCost> = {};
  const lifted: Record<string, BurstOutcome> = {};
  const fivem: Record<string, BurstOutcome> = {};
  for (const layer of ['raw', 'fx', 'ox'] as const) {
    single[layer] = await singleCallCost(layer);
    lifted[layer] = await burstCost(layer, 'lifted');
    fivem[layer] = await burstCost(layer, 'fivem');
  }
  const names = { raw: 'raw transport', fx: 'library', ox: 'ox_lib' } as const;
  for (const layer of ['raw', 'fx', 'ox'] as const) {
    add({ section, name: `single call: events, ${names[layer]}`, value: round(single[layer]!.events, 3), unit: 'events/call', ...(layer === 'fx' ? target('<= 2', single.fx!.events <= 2) : {}) });
  }
  for (const layer of ['raw', 'fx', 'ox'] as const) {
    const bytes = single[layer]!.bytes;
    add({
      section,
      name: `single call: bytes, ${names[layer]}`,
      value: round(bytes, 1),
      unit: 'bytes/call',
      ratio: round(bytes / single.ox!.bytes),
      ratioTo: 'ox_lib',
      ...(layer === 'fx' ? target('<= 60', bytes <= 60) : {}),
      note: 'packed arguments of every event, both directions (world.network.stats)',
    });
  }
  for (const layer of ['raw', 'fx', 'ox'] as const) {
    const bytes = single[layer]!.bytesWithNames;
    add({ section, name: `single call: bytes incl. event names, ${names[layer]}`, value: round(bytes, 1), unit: 'bytes/call', ratio: round(bytes / single.ox!.bytesWithNames), ratioTo: 'ox_lib', note: 'as above, plus each event name and its terminating zero' });
  }
  for (const layer of ['raw', 'fx', 'ox'] as const) {
    add({ section, name: `burst of 500: events, ${names[layer]}`, value: round(lifted[layer]!.events, 3), unit: 'events/call', ...(layer === 'fx' ? target('<= 0.1', lifted.fx!.events <= 0.1) : {}) });
  }
  for (const layer of ['raw', 'fx', 'ox'] as const) {
    add({ section, name: `burst of 500: bytes, ${names[layer]}`, value: round(lifted[layer]!.bytes, 1), unit: 'bytes/call', ratio: round(lifted[layer]!.bytes / lifted.ox!.bytes), ratioTo: 'ox_lib' });
  }
  for (const layer of ['raw', 'fx', 'ox'] as const) {
    const b = fivem[layer]!;
    add({
      section,
      name: `burst of 500 under FiveM's limits: calls lost, ${names[layer]}`,
      value: b.lost,
      unit: 'calls',
      note: `${b.droppedEvents} events dropped by the server's rate limiter, ${b.kicked ? 'player kicked' : 'player not kicked'}`,
    });
  }
}

interface PendingResult {
  perCall: number;
  stillPending?: number;
}
interface SettledResult {
  growth: number;
  ms: number;
}

async function memory(): Promise<void> {
  const section = 'memory';
  for (const [layer, hub] of [['fx', false], ['fx', true], ['ox', false], ['raw', false]] as const) {
    log(`memory: ${sizes.pendingCalls} pending calls, ${layer}${hub ? ' through the hub' : ''}`);
    const r = runChild<PendingResult>('pending', { layer, calls: sizes.pendingCalls, hub });
    const label = hub ? 'library through the hub' : { fx: 'library standalone', ox: 'ox_lib', raw: 'raw transport (a Promise and its resolver: the floor)' }[layer];
    add({
      section,
      name: `heap per pending call, ${label}`,
      value: Math.round(r.perCall),
      unit: 'bytes',
      ...(layer === 'fx' ? target('<= 1024', r.perCall <= 1024) : {}),
      note: `${sizes.pendingCalls} calls in flight, caller side (the server ignores the requests); node --expose-gc, heap before/after`,
    });
  }
  for (const layer of ['fx', 'raw'] as const) {
    log(`memory: ${sizes.settledCalls} settled calls, ${layer}`);
    const r = runChild<SettledResult>('settled', { layer, calls: sizes.settledCalls });
    add({
      section,
      name: `heap growth after ${sizes.settledCalls.toLocaleString('en-US')} settled calls, ${layer === 'fx' ? 'library' : 'raw transport (the world\u2019s own)'}`,
      value: Math.round(r.growth),
      unit: 'bytes',
      ...(layer === 'fx' ? target('<= 1 MiB (1048576)', r.growth <= 1 << 20) : {}),
      note: `${sizes.settledCalls === 1_000_000 ? 'full size' : 'reduced size; BENCH_SETTLED_CALLS=1000000 or BENCH_FULL=1 for the issue\u2019s 1,000,000'}; after a 20,000-call warm-up; 100 callers`,
    });
  }
}

const CLEANUP_REPEATS = 5;

async function cleanup(): Promise<void> {
  const section = 'cleanup';
  log('cleanup: 10000 (and 100) calls pending on the dropped player, 0 to 50000 on others');
  const configs = [
    { ownCalls: 10_000, otherCalls: 0 },
    { ownCalls: 10_000, otherCalls: 10_000 },
    { ownCalls: 10_000, otherCalls: 50_000 },
    { ownCalls: 100, otherCalls: 0 },
    { ownCalls: 100, otherCalls: 50_000 },
  ];
  const [alone, tenK, fiftyK, smallAlone, smallFiftyK] = runChild<CleanupResult[]>('cleanup', { configs, repeats: CLEANUP_REPEATS }) as [
    CleanupResult,
    CleanupResult,
    CleanupResult,
    CleanupResult,
    CleanupResult,
  ];
  const all = [alone, tenK, fiftyK, smallAlone, smallFiftyK];
  const untouched = all.every((r) => r.othersStillPending === r.otherCalls && r.failedWithPlayerDropped === r.ownCalls);
  // Dropping a player with 100 calls while 50,000 are pending on others: a walk over the others would be most
  // of the work there, so this is where scanning would show.
  const scanRatio = smallFiftyK.ms / smallAlone.ms;
  add({
    section,
    name: 'fail 10,000 calls of a dropped player, 10,000 pending on others',
    value: round(tenK.ms, 1),
    unit: 'ms',
    ratio: round(tenK.ms / alone.ms),
    ratioTo: 'same with no other calls pending',
    ...target('others untouched, not scanned (see the 100-call rows)', untouched && scanRatio < 2),
    note: `${round((tenK.ms * 1000) / 10_000, 2)} us per failed call; all ${tenK.ownCalls} failed with PLAYER_DROPPED, ${tenK.othersStillPending} others still pending; best of ${CLEANUP_REPEATS} (median ${round(tenK.medianMs, 1)} ms)`,
  });
  add({ section, name: 'same, no other calls pending', value: round(alone.ms, 1), unit: 'ms', note: `best of ${CLEANUP_REPEATS} (median ${round(alone.medianMs, 1)} ms)` });
  add({ section, name: 'same, 50,000 pending on others', value: round(fiftyK.ms, 1), unit: 'ms', ratio: round(fiftyK.ms / alone.ms), ratioTo: 'no other calls pending', note: `best of ${CLEANUP_REPEATS} (median ${round(fiftyK.medianMs, 1)} ms)` });
  add({ section, name: 'fail 100 calls of a dropped player, no other calls pending', value: round(smallAlone.ms, 2), unit: 'ms', note: `best of ${CLEANUP_REPEATS} (median ${round(smallAlone.medianMs, 2)} ms)` });
  add({
    section,
    name: 'fail 100 calls of a dropped player, 50,000 pending on others',
    value: round(smallFiftyK.ms, 2),
    unit: 'ms',
    ratio: round(scanRatio),
    ratioTo: 'no other calls pending',
    note: `best of ${CLEANUP_REPEATS} (median ${round(smallFiftyK.medianMs, 2)} ms); "met" above requires < 2x here: a walk over 50,000 other entries would cost about as much as failing the 100 calls`,
  });
}

async function scale(): Promise<void> {
  const section = 'scale';
  const results: Record<string, ScaleResult> = {};
  for (const layer of ['raw', 'fx'] as const) {
    log(`scale: ${sizes.players} players x 20 calls/s x ${sizes.scaleSeconds} s, ${layer}`);
    results[layer] = runChild<ScaleResult>('scale', { layer, players: sizes.players, callsPerSecond: 20, seconds: sizes.scaleSeconds, latency: 30 }, 16_384);
  }
  const fx = results.fx!;
  const raw = results.raw!;
  const sizeNote = `${fx.players} players x 20 calls/s x ${fx.seconds} simulated s = ${fx.calls} calls, 30 ms one-way latency, FiveM's limits${
    fx.players === 2048 && fx.seconds >= 10 ? '' : ' (reduced size; BENCH_PLAYERS=2048 BENCH_SCALE_SECONDS=10 or BENCH_FULL=1 for the full one)'
  }`;
  add({ section, name: `${fx.players} players: calls lost, library`, value: fx.lost, unit: 'calls', ...target('0', fx.lost === 0), note: `${sizeNote}; failures: ${JSON.stringify(fx.failures)}, events dropped: ${fx.droppedEvents}, kicked: ${fx.kicked}` });
  add({ section, name: `${fx.players} players: calls lost, raw transport`, value: raw.lost, unit: 'calls' });
  add({ section, name: `${fx.players} players: latency p50 excl. network, library`, value: fx.p50, unit: 'ms (virtual)', note: 'call to answer in virtual time, minus 2 x 30 ms of simulated network' });
  add({ section, name: `${fx.players} players: latency p99 excl. network, library`, value: fx.p99, unit: 'ms (virtual)' });
  add({ section, name: `${fx.players} players: latency p50 excl. network, raw transport`, value: raw.p50, unit: 'ms (virtual)', note: 'the game frames alone (server 50 ms, clients 16 ms)' });
  add({ section, name: `${fx.players} players: latency p99 excl. network, raw transport`, value: raw.p99, unit: 'ms (virtual)' });
  add({
    section,
    name: `${fx.players} players: real time per simulated second, library`,
    value: round(fx.realPerSimulatedSecond),
    unit: 's',
    ratio: round(fx.realPerSimulatedSecond / raw.realPerSimulatedSecond),
    ratioTo: 'raw',
    note: `all ${fx.players} clients and the server in one process, CPU of the whole world`,
  });
  add({ section, name: `${fx.players} players: real time per simulated second, raw transport`, value: round(raw.realPerSimulatedSecond), unit: 's' });
}

async function bundleSizes(): Promise<void> {
  log('bundle size (the minified scripts the release ships, and a consumer bundling the npm package)');
  const section = 'bundle';
  const s = await measureBundleSizes(ROOT);
  add({ section, name: 'dist/client.js, minified', value: s.client, unit: 'bytes', note: `${s.clientGzip} bytes gzipped (the fxcallbacks resource: hub, Lua exports and API)` });
  add({ section, name: 'dist/server.js, minified', value: s.server, unit: 'bytes', note: `${s.serverGzip} bytes gzipped` });
  for (const side of ['server', 'client'] as const) {
    for (const settings of ['fivem', 'naive'] as const) {
      const c = consumerBundleSize(side, settings, ROOT);
      add({
        section,
        name: `a consumer's bundle of fxcallbacks/${side}, ${settings === 'fivem' ? 'documented esbuild options' : `naive options (platform '${side === 'server' ? 'node' : 'browser'}')`}`,
        value: c.bytes,
        unit: 'bytes',
        // Issue 19's target: a TypeScript consumer's client bundle with default options.
        ...(side === 'client' && settings === 'fivem' ? target('<= 40 KB (40960 bytes)', c.bytes <= 40_960) : {}),
        note: `minified; rxjs build bundled: ${c.rxjsBuild}${settings === 'fivem' ? `; conditions ['es2015']${side === 'server' ? ", platform 'neutral', mainFields ['module', 'main']" : ", platform 'browser'"}, format 'iife'` : ''}`,
      });
    }
  }
}

async function timers(): Promise<void> {
  const section = 'timers';
  log('timer work per frame with calls pending');
  const results: TimerWork[] = [];
  for (const layer of ['fx', 'ox', 'raw'] as const) for (const pending of [100, 10_000]) results.push(await timerWork(layer, pending));
  const of = (layer: string, pending: number) => results.find((r) => r.layer === layer && r.pending === pending)!;
  const names = { fx: 'library', ox: 'ox_lib', raw: 'raw transport' } as const;
  for (const layer of ['fx', 'ox', 'raw'] as const) {
    const few = of(layer, 100);
    const many = of(layer, 10_000);
    const independent = many.timers <= few.timers && many.usPerFrame <= 2 * few.usPerFrame;
    add({
      section,
      name: `10,000 calls pending: client timer work per frame, ${names[layer]}`,
      value: round(many.usPerFrame, 1),
      unit: 'us',
      ratio: round(many.usPerFrame / few.usPerFrame),
      ratioTo: 'with 100 pending',
      ...(layer === 'fx' ? target('independent of the calls pending', independent) : {}),
      note: `${many.timers} live timers and ${many.tickers} tick handlers in the caller's runtime (with 100 pending: ${few.timers} and ${few.tickers}, ${round(few.usPerFrame, 1)} us per frame); best of 3 windows of 100 client frames`,
    });
  }
}

async function operators(): Promise<void> {
  const section = 'operators';
  for (const [callers, calls] of [
    [1, sizes.calls1],
    [100, sizes.calls100],
  ] as const) {
    log(`operators, ${callers} caller(s)`);
    const results = await measureCpu(OPERATOR_VARIANTS, { callers, calls, warmup: Math.min(calls, 2000), rounds: sizes.operatorRounds });
    const bare = results.get('fx-bare')!;
    const where = `${callers} caller${callers > 1 ? 's' : ''}`;
    const both = (r: CpuResult) => r.serverUs + r.clientUs;
    add({ section, name: `${where}: ${bare.label}`, value: round(both(bare), 1), unit: 'us', note: `server ${round(bare.serverUs, 1)} + client ${round(bare.clientUs, 1)} us per call; no timeout, no retries, no registration options` });
    for (const variant of OPERATOR_VARIANTS.slice(1)) {
      const r = results.get(variant.key)!;
      add({
        section,
        name: `${where}: ${r.label}`,
        value: round(both(r), 1),
        unit: 'us',
        ratio: round(both(r) / both(bare)),
        ratioTo: 'bare call',
        note: `server ${round(r.serverUs, 1)} (${signed(round(r.serverUs - bare.serverUs, 1))}) + client ${round(r.clientUs, 1)} (${signed(round(r.clientUs - bare.clientUs, 1))}) us per call`,
      });
    }
  }
}

/** The measured commit, with `-dirty` when src/ has uncommitted changes. */
function gitDescribe(): string {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'build.js'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return dirty ? `${sha}-dirty (uncommitted changes in src)` : sha;
  } catch {
    return 'unknown';
  }
}

const README_TABLE = /(<!-- bench: the owner's table, written by npm run bench -->\n)[\s\S]*?(\n<!-- \/bench -->)/;

/** README's performance table, from a full run's figures (a subset run leaves it alone). */
function writeReadmeTable(all: readonly Figure[]): void {
  const file = path.join(ROOT, 'README.md');
  const readme = fs.readFileSync(file, 'utf8');
  const rows = ownersTableRows(all);
  if (rows.length > 0 && README_TABLE.test(readme)) fs.writeFileSync(file, readme.replace(README_TABLE, (_, open: string, close: string) => open + rows.join('\n') + close));
}

async function main(): Promise<void> {
  if (process.argv.includes('--render')) {
    // Re-renders BENCHMARKS.md from bench/results.json (after a change to the report's wording).
    const report = JSON.parse(fs.readFileSync(path.join(__dirname, 'results.json'), 'utf8'));
    fs.writeFileSync(path.join(ROOT, 'BENCHMARKS.md'), renderMarkdown(report));
    if (report.sections.includes('cpu')) writeReadmeTable(report.figures);
    console.log(renderTable(report.figures));
    return;
  }
  const started = Date.now();
  const sections: Array<[string, () => Promise<void>]> = [
    ['cpu', cpu],
    ['throughput', throughput],
    ['wire', wire],
    ['memory', memory],
    ['timers', timers],
    ['cleanup', cleanup],
    ['scale', scale],
    ['bundle', bundleSizes],
    ['operators', operators],
  ];
  for (const [name, run] of sections) {
    if (!wanted(name)) continue;
    const sectionStarted = Date.now();
    await run();
    log(`  (${name}: ${Math.round((Date.now() - sectionStarted) / 1000)} s)`);
  }

  const cpus = os.cpus();
  const commit = process.env.BENCH_COMMIT ?? gitDescribe();
  const report = {
    machine: {
      cpu: cpus[0]?.model ?? 'unknown',
      cores: cpus.length,
      memoryGiB: round(os.totalmem() / 2 ** 30, 1),
      platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    },
    node: process.version,
    commit,
    date: new Date().toISOString(),
    durationSeconds: Math.round((Date.now() - started) / 1000),
    sizes: { ...sizes, full: FULL },
    sections: only ? [...only] : sections.map(([name]) => name),
    figures,
  };
  fs.writeFileSync(path.join(__dirname, 'results.json'), `${JSON.stringify(report, null, 2)}\n`);
  fs.writeFileSync(path.join(ROOT, 'BENCHMARKS.md'), renderMarkdown(report));
  if (!only) writeReadmeTable(figures);
  console.log(renderTable(figures));
  const missed = figures.filter((f) => f.met === false);
  console.log(`\n${figures.filter((f) => f.met !== undefined).length - missed.length} targets met, ${missed.length} missed; ${report.durationSeconds} s`);
  console.log('wrote bench/results.json and BENCHMARKS.md');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
