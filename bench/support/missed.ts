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

const PROFILED_AT = 'profiled at commit 673c24d (bench:profile, 100 callers unless said)';

const REASONS: MissedReason[] = [
  {
    section: 'cpu',
    match: 'facade',
    text: `JavaScript CPU per call (${PROFILED_AT}): after the split into Caller, Answerer and Transport the library's own self time is about 3.2 us per call on the server and 4.0 us on the client (10.7 and about 11 before), with no rxjs left on the Promise path: the sendable value walk (server 1.3 us: the arguments checked against the caps, the answer measured; client 1.0 us), the envelope check (parseEnvelope, 0.4 us a side), the pending and running tables (0.4 us), the metrics counters (0.35 us a side), the timer wheel on the client (0.6 us: a heap push and a remove per call) and clock reads (rxjs's dateTimestampProvider, 0.2 us a side). Garbage collection fell to about 0.5 us per call over both sides (9.9 before). What is left above the raw transport with 100 callers is mostly the codec: msgpack-lite costs about 9.9 us per call over both sides for the library against 2.9 us for the raw transport in the same profile, of which 4.8 us in its string decoding (\`e.toString\`); the library's frames carry one string more per request (the callback name) and are packed as nested arrays, which does not obviously explain a factor of three, so this is measured, not yet understood. With 1 caller (profiled the same way, 5,000 calls) nothing is batched: a call pays an event each way like the raw transport, and the library's own time is about 4.3 us on the server and 1.9 us on the client, its garbage about 5.7 us per call against 1.3 us for the raw transport (an envelope, a frame tuple, a record and its measurement per call each way). The Observable facade still builds \`timeoutAfter\`, \`deadlineAfter\` and \`measure\` per call (RxJS by design: an Observable exists only where a caller subscribes to \`call$\`). What it would take: find what the codec pays for in the library's envelopes (names as short per-peer numbers once announced, flatter frames), one value walk per payload shared by the size check and the caps, the clock read once per frame instead of per call, and fewer objects per unbatched call.`,
  },
  {
    section: 'cpu',
    match: 'library, Lua exports',
    text: `Lua exports path (crossings counted at commit 24b9883; the JavaScript side has shrunk since, the crossings have not): on the server each call crosses twice between JavaScript and Lua through function references: the library calls the Lua handler (a function-reference call, which CfxLua and the world run as a new thread, its arguments packed and unpacked, \`cb\` a fresh function reference) and the handler calls \`cb\` back (a Lua -> JavaScript reference call). Timed inside the world then: about 123 us per call in the call into the Lua handler (19 us of it the JavaScript side of \`cb\`), while a whole raw Lua net event (unpack, handler, TriggerClientEvent) costs about 24 us; profiled at commit 673c24d with 100 callers, wasmoon and the world's Lua runtime hold about 340 of the 460 us of busy time per call over both machines. What it would take: no function-reference call per request: e.g. the Lua adapter registers the resource's handlers once and gets requests as one local event per batch, and answers through one call back per batch (or the same crossing's return value), so a call costs a fraction of one crossing each way. Wasmoon exaggerates every crossing against FiveM's CfxLua, but not their count.`,
  },
  {
    section: 'wire',
    match: 'bytes, library',
    text: 'Request ids are now short and per peer (below 65536: 3 bytes in msgpack, 1 byte below 128, instead of 5 for a 31-bit random id), which took a small call from 73 to 69 bytes. The rest is the frame tuples\' headers and the envelope: `[1, [0, id, "name", args]]` and `[1, [5, id, [value]]]` against the raw transport\'s bare payload each way. What it would take: ids that start low (the random start below 65536 is there so that a restarted resource does not reuse ids the other side still remembers; a per-run epoch sent once would allow counting from 0), and a RESULT frame of one value without its list (`[6, id, value]`), or the protocol version sent once per peer rather than per envelope.',
  },
  {
    section: 'bundle',
    match: 'client.js',
    text: "Of dist/client.js (minified, measured with esbuild's metafile at commit 673c24d, 80 KB) about 19.4 KB is rxjs, 24.2 KB src/core (answerer 4.1, caller 3.4, outbox 2.3, transport 2.0, directAnswer 1.9 KB), 15.7 KB src/ground (metrics registry 2.9, luaSchema 1.6, sendable 1.6, timer wheel 1.3 KB), 9.1 KB src/hub (router 4.1, convars 3.0 KB: the client's hub is in the same bundle), 3.5 KB src/lua, 3.4 KB src/operators, 2 KB tslib. main before the split measured 71.8 KB the same way: the plain call and direct answer paths added about 8 KB next to the RxJS paths they bypass (streams, retries, queues still need those). What it would take: the hub, its convars and the Lua adapter in a bundle of their own (the fxcallbacks resource) rather than in every client bundle, the retry and queue paths loaded only when configured, and the RxJS stream path of the answerer kept out of a client that only calls.",
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
