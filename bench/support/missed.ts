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
    match: 'through the hub',
    text: `Through the hub, on the merged code of 2026-12-07 (direct members on both sides; every CPU sample in a process of its own). Traced per call: a player's call to a TypeScript resource on the server, once the player's hub learnt the route, is one event on the resource's own event (fxcb:<hub>:<resource>) answered from that resource's runtime straight to the client resource's own event: 1 msgpack decode and 1 encode on the server, as raw events, and no crossing of a resource boundary (before direct members: 3 + 3 and 2 crossings, 107 us with 1 caller and 35.9 with 100 in BENCHMARKS.md of c4347cd). What remains above standalone is the member's own work, measured per runtime at +6.6 us with 1 caller before the client side went direct (the traffic figures: a walk of each received envelope for its bytes, about 2 us, a clock read and per-second windows each way; the scan for names the resource does not own; route, teach and reply-lane tables; the member wire's indirection), plus a request that is now bigger (a 5-byte id from the resource's block and the replyTo name: 50 bytes instead of about 35, which msgpack-lite pays on both sides), and the hub resource's tick (+0.7 us per frame). The 1-caller row is noisy on this 2-core machine even with a process per sample: this run's rounds gave 65 to 80 us against 44 to 49 standalone, while a quiet run of the two variants alone, alternated, gave 56 to 61 against 45 to 49. With 100 callers the member's work is spread over batched envelopes (this run: 23.4 against 17.6 standalone and 11.7 raw). What it would take: the received bytes from the event's own length instead of a walk (FiveM hands a raw listener the packed arguments before the decoded listeners, main.js; it cannot be removed, so once per resource), the windows updated once per frame, ids below 65536 within a block (or blocks numbered per peer) and the replyTo name sent once per peer rather than per request, then the endpoint's own per-call work (see the facade entry), which is most of the gap to raw.`,
  },
  {
    section: 'cpu',
    match: 'facade',
    text: `JavaScript CPU per call (${PROFILED_AT}): after the split into Caller, Answerer and Transport the library's own self time is about 3.2 us per call on the server and 4.0 us on the client (10.7 and about 11 before), with no rxjs left on the Promise path: the sendable value walk (server 1.3 us: the arguments checked against the caps, the answer measured; client 1.0 us), the envelope check (parseEnvelope, 0.4 us a side), the pending and running tables (0.4 us), the metrics counters (0.35 us a side), the timer wheel on the client (0.6 us: a heap push and a remove per call) and clock reads (rxjs's dateTimestampProvider, 0.2 us a side). Garbage collection fell to about 0.5 us per call over both sides (9.9 before). What is left above the raw transport with 100 callers is mostly the codec: msgpack-lite costs about 9.9 us per call over both sides for the library against 2.9 us for the raw transport in the same profile, of which 4.8 us in its string decoding (\`e.toString\`); the library's frames carry one string more per request (the callback name) and are packed as nested arrays, which does not obviously explain a factor of three, so this is measured, not yet understood. With 1 caller (profiled the same way, 5,000 calls) nothing is batched: a call pays an event each way like the raw transport, and the library's own time is about 4.3 us on the server and 1.9 us on the client, its garbage about 5.7 us per call against 1.3 us for the raw transport (an envelope, a frame tuple, a record and its measurement per call each way). The Observable facade still builds \`timeoutAfter\`, \`deadlineAfter\` and \`measure\` per call (RxJS by design: an Observable exists only where a caller subscribes to \`call$\`). What it would take: find what the codec pays for in the library's envelopes (names as short per-peer numbers once announced, flatter frames), one value walk per payload shared by the size check and the caps, the clock read once per frame instead of per call, and fewer objects per unbatched call.`,
  },
  {
    section: 'cpu',
    match: 'library, Lua with the import',
    text: `Lua with lua/import.lua. The rows above are the final run (a process per sample). Earlier measurements, to compare before and after the hand-written protocol events (BENCH_ONLY=cpu, 2,000 calls, median of 5 rounds; before at 904c8f8, after at 2b90a3b, with other processes on the 2-core machine during parts of each run): the server spent 165 us per call with 1 thread (2.10x ox_lib-style Lua's 79) and 96 with 20 (1.52x its 63); after, 185 (2.31x its 80) and 89 (1.38x its 64). The 1-thread row moves by more than the change between runs: the same build before and after the change, alternated in runs of that variant alone (2,000 calls each, idle frames included), measured 162 to 173 us before and 150 to 153 after (one run 191), about 15 us or 9% less. The change: the hub's JavaScript writes the run event and a packed reply by hand and raises them with TriggerEventInternal, and takes the answer event with addRawEventListener, reading its call id, outcome and bin by hand (src/exports/luaEventBytes.ts, the bytes msgpack-lite writes): no generic msgpack encode or decode of these events per call, and the answer's bytes are this realm's ArrayBuffer. Charged per runtime with 1 thread (world build that separates nested runtimes, 1,500 calls, machine busy): of the server's call into fxcallbacks' JavaScript, 159 us, the handler's Lua state takes 87 (its run event decoded, the arguments unpacked from the bin, the handler, the answer packed, the answer event raised) and fxcallbacks' JavaScript the other 72: the hub's endpoint path (request checks, the arguments' byte walk, rate limit, slots, metrics, the answer's byte walk, the outbox), in many small parts, none above a few us in bench:profile. ox_lib-style Lua pays one Lua decode and one encode per call and no JavaScript. What it would take: the hub's endpoint path for a Lua handler near the raw transport's (or the gates in Lua, a second copy of them), and in the Lua state one unpack of the run event instead of two (the arguments spliced into the event would lose Lua's nil holes, which CfxLua's event dispatch does not keep); the world's msgpack for Lua is Lua code in wasmoon, dearer than CfxLua's C lua-cmsgpack for every row, ox_lib's included.`,
  },
  {
    section: 'cpu',
    match: 'library, Lua exports',
    text: `Plain Lua exports (the rows above: the final run; below, the runs of the Lua-import entry): 335 us per call on the server with 1 thread before (4.3x ox_lib-style Lua), 341 after (4.25x), and 250 then 235 with 20 (3.9x, 3.65x); alternated alone, before and after the hand-written events measure the same (312 to 332 us), their Lua crossings dominate. They run lua/protocol.lua in the fxcallbacks resource's own Lua state, which holds the caller's function references: per side the two local events of the import (now written and read by hand in JavaScript, as for the import), plus the export call or the handler's function reference into the caller's resource and the \`cb\` back (four crossings per side; charged per runtime with 1 thread, fxcallbacks' own Lua state takes 344 of the server's 349 us, the consumer's 147 of them), and a walk of the values in Lua (they crossed an export or a function reference first, where FiveM may have cut a table nested 16 deep without a trace in the bytes). What it would take: fewer crossings than an export call and a callback need code in the caller's own Lua state, which is what lua/import.lua is; the exports stay correct for resources that do not load it.`,
  },
  {
    section: 'wire',
    match: 'bytes, library',
    text: 'Request ids are now short and per peer (below 65536: 3 bytes in msgpack, 1 byte below 128, instead of 5 for a 31-bit random id), which took a small call from 73 to 69 bytes. The rest is the frame tuples\' headers and the envelope: `[1, [0, id, "name", args]]` and `[1, [5, id, [value]]]` against the raw transport\'s bare payload each way. What it would take: ids that start low (the random start below 65536 is there so that a restarted resource does not reuse ids the other side still remembers; a per-run epoch sent once would allow counting from 0), and a RESULT frame of one value without its list (`[6, id, value]`), or the protocol version sent once per peer rather than per envelope.',
  },
  {
    section: 'bundle',
    match: "a consumer's bundle of fxcallbacks/client, documented",
    text: "A consumer's client bundle (createClientCallbacks and one call, documented esbuild options; measured with esbuild's metafile on the code of 2026-12-07) was about 76 KB minified (84 KB in the final run, after the client-side direct members: leases, reply lanes, id blocks): 21 KB of dependencies (rxjs 19 KB, tslib 2 KB) and 54 KB of fxcallbacks, nearly all of it reachable from the one Endpoint every side builds: answerer 4.5 KB, caller 4.0, outbox 3.6, metrics registry 3.1, transport 2.1, sendable 2.0, plainAnswer 1.9, packed 1.9, luaSchema 1.6, protocol 1.6, checks 1.5, endpoint 1.5 KB, then the request queue and priority heap, answer cache, rate limit, retries, throttled log and hub join (0.3-1.2 KB each). esbuild shakes unused exports, not unused methods of a class or options chosen at run time, so a client that only calls still carries the answering side, retries, queues, answer memory and the Lua schema checker. What it would take: the endpoint assembled from parts the consumer imports (a call-only client entry; retries, queues, answer memory and Lua schemas as opt-in modules passed in as options), and metrics recording behind a flag; even then the core's own plain call path with its wire (about 15 KB) plus rxjs's Observable core for the public Observable API leave little room under 40 KB.",
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
