/**
 * Why a target is missed and what meeting it would take: the measured reasons, from `npm run bench:profile` and
 * the figures, written down once per target. BENCHMARKS.md lists the entry of every target a run missed; after
 * a change to the library, profile again and update the entry it changed.
 */
import type { Figure } from './results';

interface MissedReason {
  /** Section of the figures it explains, and a piece of their names. */
  section: string;
  match: string;
  text: string;
}

const PROFILED_AT = 'profiled at commit 24b9883 (bench:profile, 100 callers unless said)';

const REASONS: MissedReason[] = [
  {
    section: 'cpu',
    match: 'facade',
    text: `JavaScript CPU per call (${PROFILED_AT}): of the library's server CPU above the raw transport's, its own self time is about 10.7 us per call, of which rxjs about 6.5 us (Subscription parent bookkeeping, OperatorSubscriber, lift, switchMap, lastValueFrom: an operator chain built and torn down for every call), the sendable value walk 1.7 us, the metrics operator 0.8 us, endpoint, protocol and outbox 1.3 us; the client side is alike (rxjs 7.0 us, metrics 1.3 us, sendable 1.2 us). Garbage collection is about 9.9 us per call over both sides against 5.3 us for the raw transport, mostly those per-call subscriptions. The codec costs what the raw transport's does (about 14.6 against 13.3 us per call over both sides): batching saves the per-event cost, it does not pay for the library's own work. With 1 caller there is nothing to batch and a call pays an event each way, like the raw transport, plus all of that. What it would take: no Observable or operator chain for a plain call (a pending-call record settled by the reply, gates composed once per registration, a handler's value answered directly), the value walk once per payload, and metrics as counters rather than an operator.`,
  },
  {
    section: 'cpu',
    match: 'library, Lua exports',
    text: `Lua exports path (${PROFILED_AT}): on the server each call crosses twice between JavaScript and Lua through function references: the library calls the Lua handler (a function-reference call, which CfxLua and the world run as a new thread, its arguments packed and unpacked, \`cb\` a fresh function reference) and the handler calls \`cb\` back (a Lua -> JavaScript reference call). Timed inside the world: about 123 us per call in the call into the Lua handler (19 us of it the JavaScript side of \`cb\`) out of about 185 us of server CPU per call, while a whole raw Lua net event (unpack, handler, TriggerClientEvent) costs about 24 us. What it would take: no function-reference call per request: e.g. the Lua adapter registers the resource's handlers once and gets requests as one local event per batch, and answers through one call back per batch (or the same crossing's return value), so a call costs a fraction of one crossing each way. Wasmoon exaggerates every crossing against FiveM's CfxLua, but not their count.`,
  },
  {
    section: 'wire',
    match: 'bytes, library',
    text: 'A request and its reply each carry a 31-bit random request id (5 bytes as a msgpack uint32) plus the frame tuple\'s headers. What it would take: short per-peer request ids (replies are bound to `source`, so ids need not be unguessable: 1 to 3 bytes) and no field a small call does not need.',
  },
  {
    section: 'memory',
    match: 'pending call, library',
    text: 'Each pending call holds its RxJS subscriber chain (the operators of the call, a timeout subscription and its timer, metrics) and the records of the endpoint: about 4.9 KB against about 1 KB for ox_lib and 0.3 KB for a bare Promise. What it would take: a plain pending-call record (id, settle functions, deadline slot on a shared timer wheel), with RxJS built only when the caller subscribes to `call$` or asks for retries.',
  },
  {
    section: 'timers',
    match: 'library',
    text: "Every pending call arms its own FiveM timer (RxJS's timeout schedules a setTimeout), and FiveM's timer.js visits every live timer on every frame: 10,000 pending calls are 10,000 timers. What it would take: one tick-driven timer wheel per endpoint (one timer or tick handler, deadlines bucketed by frame), offered to RxJS as a SchedulerLike so that `timeout` and retry delays stay RxJS operators.",
  },
  {
    section: 'bundle',
    match: 'client.js',
    text: "Of dist/client.js (minified, measured with esbuild's metafile at commit 24b9883) about 19 KB is rxjs, 18 KB src/shared (endpoint.ts alone 8 KB), 12 KB src/operators (metrics 2.6 KB, luaSchema 1.6 KB), 2 KB tslib (rxjs's ES2015 build imports it). What it would take: the plain call path without RxJS operators (a client that only calls pulls in fewer rxjs operators), the server-only and Lua-only parts kept out of the client bundle, and a smaller endpoint after the split into Caller, Answerer and Transport.",
  },
];

/** The reason for each missed target among `figures`, once per reason. */
export function missedReasons(figures: readonly Figure[]): string[] {
  const missed = figures.filter((f) => f.met === false);
  return REASONS.filter((r) => missed.some((f) => f.section === r.section && f.name.includes(r.match))).map((r) => {
    const which = missed.filter((f) => f.section === r.section && f.name.includes(r.match)).map((f) => f.name);
    return `**${r.section}: ${which.join('; ')}.** ${r.text}`;
  });
}
