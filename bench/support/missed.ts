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
    text: `Through the hub (measured on the direct-members code with BENCH_ONLY=cpu, 5 rounds, and traced with bench:profile): a player's call to a TypeScript resource on the server, once the player's hub learnt the route, is one event on the resource's own event (fxcb:<hub>:<resource>) answered from that resource's runtime: 1 msgpack decode and 1 encode, as raw events, and no crossing of a resource boundary (before: 3 encodes and 3 decodes, 2 crossings, the hub's function reference into the resource and its __fxcbSend export back, 5 value walks, two route tables and two outboxes; 107 us with 1 caller, 35.9 us with 100). What the hub still adds over a standalone endpoint on the server: its traffic figures (a walk of each received envelope for its bytes, and per-player windows each way) and a scan of each envelope for names the resource does not own, about 3 us per call with 100 callers (19.2 against 16.3); with 1 caller the rounds moved from 59 to 71 us against 43 to 62 for standalone, and a profile puts the library's own extra server time at about 3 us, so the rest is the simulated world's per-event cost of a machine with one more resource, measured, not understood. The rest of the gap to raw is the endpoint's own per-call work (see the facade entry). What it would take: the traffic figures counted without a walk (sizes the answering side measures anyway), and the endpoint's own costs. On the client a call through the hub still crosses twice (the resource's request into the hub's outbox, the reply out to the resource), because the player's event budget is one for every resource; removing those crossings needs the budget handed to resources per frame and the server answering on each client resource's own event.`,
  },
  {
    section: 'cpu',
    match: 'facade',
    text: `JavaScript CPU per call (${PROFILED_AT}): after the split into Caller, Answerer and Transport the library's own self time is about 3.2 us per call on the server and 4.0 us on the client (10.7 and about 11 before), with no rxjs left on the Promise path: the sendable value walk (server 1.3 us: the arguments checked against the caps, the answer measured; client 1.0 us), the envelope check (parseEnvelope, 0.4 us a side), the pending and running tables (0.4 us), the metrics counters (0.35 us a side), the timer wheel on the client (0.6 us: a heap push and a remove per call) and clock reads (rxjs's dateTimestampProvider, 0.2 us a side). Garbage collection fell to about 0.5 us per call over both sides (9.9 before). What is left above the raw transport with 100 callers is mostly the codec: msgpack-lite costs about 9.9 us per call over both sides for the library against 2.9 us for the raw transport in the same profile, of which 4.8 us in its string decoding (\`e.toString\`); the library's frames carry one string more per request (the callback name) and are packed as nested arrays, which does not obviously explain a factor of three, so this is measured, not yet understood. With 1 caller (profiled the same way, 5,000 calls) nothing is batched: a call pays an event each way like the raw transport, and the library's own time is about 4.3 us on the server and 1.9 us on the client, its garbage about 5.7 us per call against 1.3 us for the raw transport (an envelope, a frame tuple, a record and its measurement per call each way). The Observable facade still builds \`timeoutAfter\`, \`deadlineAfter\` and \`measure\` per call (RxJS by design: an Observable exists only where a caller subscribes to \`call$\`). What it would take: find what the codec pays for in the library's envelopes (names as short per-peer numbers once announced, flatter frames), one value walk per payload shared by the size check and the caps, the clock read once per frame instead of per call, and fewer objects per unbatched call.`,
  },
  {
    section: 'cpu',
    match: 'library, Lua with the import',
    text: `Lua with lua/import.lua (measured on the code of 2026-12-07 with BENCH_ONLY=cpu, 2,000 calls, median of 5 rounds): the server spends 158 us per call with 1 thread (2.1x ox_lib-style Lua's 74 us) and 91 us with 20 (1.4x its 65 us), the client 220 us (2.4x its 94 us) and 139 us (1.5x its 93 us). Traced in the world, a call now crosses between the consumer's Lua state and fxcallbacks' JavaScript twice per side (client: the call event out, the reply in; server: the run event in, the answer out), where the exports crossed five times, with no function reference and no Lua walk of the values (the nesting cut is found on the bytes JavaScript walks anyway). What remains above ox_lib is the JavaScript in the middle, which pure-Lua callbacks do not have: each side's two local events are decoded and encoded by msgpack-lite (about 44 us per call over both sides with 1 thread in bench:profile), and the library's call and answer paths run (the caller's checks and timeout, the answerer's admission walk, rate limit, slots and metrics, the outbox; dist/server.js and dist/client.js self time about 45 and 60 us per call with 1 thread, the same part the TypeScript rows pay: 100 us through the hub on the server with 1 caller). With 20 threads the frames batch and the figure falls by 40%; wasmoon (Lua's msgpack written in Lua, each payload crossing as hex) makes the Lua side dearer than CfxLua, for ox_lib's events as for these. What it would take: the library's per-call JavaScript near the raw transport's (issue 19's one frame, one encode, direct members), or the gates (rate limit, permission, schema, slots, timeouts) in Lua so that a Lua-to-Lua call needs no JavaScript at all, which would mean a second copy of them.`,
  },
  {
    section: 'cpu',
    match: 'library, Lua exports',
    text: `Plain Lua exports (same run): 314 us per call on the server with 1 thread (4.2x ox_lib-style Lua) and 234 us with 20 (3.6x), the client 510 us (5.4x) and 415 us (4.5x); before they moved onto the Lua protocol, 400 and 646 us with 1 caller, 323 and 587 us with 100 (BENCHMARKS.md of commit c4347cd). They run lua/protocol.lua in the fxcallbacks resource's own Lua state, which holds the caller's function references: per side the two local events of the import, plus the export call or the handler's function reference into the caller's resource and the \`cb\` back (four crossings per side, traced; the client's Promise form also pays FiveM's async return of an export that yields: two more), and a walk of the values in Lua (they crossed an export or a function reference first, where FiveM may have cut a table nested 16 deep without a trace in the bytes). What it would take: fewer crossings than an export call and a callback need code in the caller's own Lua state, which is what lua/import.lua is; the exports stay correct for resources that do not load it.`,
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
