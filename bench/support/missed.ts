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
    text: `Lua exports path: since the Lua payloads became opaque (values kept exactly as FiveM carries them Lua to Lua), a call made through the exports is packed in the caller's Lua state (msgpack.pack_args), handed to the hub's JavaScript as the raw bytes of a local event (a Lua string given to JavaScript as an argument would be decoded as UTF-8), routed undecoded, and unpacked in the answering Lua state; the answer does the same back. So each call now adds, on each side, a local event, a Lua trampoline in the fxcallbacks resource and a depth walk of the values in Lua (lua-cmsgpack cuts tables at 16 levels silently), on top of the function-reference crossings the exports already made (the library calls the Lua handler, the handler calls \`cb\` back). Wasmoon, which runs every Lua state of the world, makes each crossing and each Lua step far dearer than FiveM's CfxLua does, but not their number. What it would take: the protocol in the consumer's own Lua state (lua/import.lua holding the handlers and packing the calls, one handover per frame or batch instead of per call), and the depth check made on the bytes in JavaScript, which the receiving side already walks.`,
  },
  {
    section: 'wire',
    match: 'bytes, library',
    text: 'Request ids are now short and per peer (below 65536: 3 bytes in msgpack, 1 byte below 128, instead of 5 for a 31-bit random id), which took a small call from 73 to 69 bytes. The rest is the frame tuples\' headers and the envelope: `[1, [0, id, "name", args]]` and `[1, [5, id, [value]]]` against the raw transport\'s bare payload each way. What it would take: ids that start low (the random start below 65536 is there so that a restarted resource does not reuse ids the other side still remembers; a per-run epoch sent once would allow counting from 0), and a RESULT frame of one value without its list (`[6, id, value]`), or the protocol version sent once per peer rather than per envelope.',
  },
  {
    section: 'bundle',
    match: "a consumer's bundle of fxcallbacks/client, documented",
    text: "A consumer's client bundle (createClientCallbacks and one call, documented esbuild options; measured with esbuild's metafile on the code of 2026-12-07) is about 76 KB minified: 21 KB of dependencies (rxjs 19 KB, tslib 2 KB) and 54 KB of fxcallbacks, nearly all of it reachable from the one Endpoint every side builds: answerer 4.5 KB, caller 4.0, outbox 3.6, metrics registry 3.1, transport 2.1, sendable 2.0, plainAnswer 1.9, packed 1.9, luaSchema 1.6, protocol 1.6, checks 1.5, endpoint 1.5 KB, then the request queue and priority heap, answer cache, rate limit, retries, throttled log and hub join (0.3-1.2 KB each). esbuild shakes unused exports, not unused methods of a class or options chosen at run time, so a client that only calls still carries the answering side, retries, queues, answer memory and the Lua schema checker. What it would take: the endpoint assembled from parts the consumer imports (a call-only client entry; retries, queues, answer memory and Lua schemas as opt-in modules passed in as options), and metrics recording behind a flag; even then the core's own plain call path with its wire (about 15 KB) plus rxjs's Observable core for the public Observable API leave little room under 40 KB.",
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
