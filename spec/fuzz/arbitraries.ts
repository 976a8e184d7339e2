/**
 * What a hostile peer sends, as fast-check arbitraries. Frames are described symbolically (an id is "the k-th id the
 * server issued to another player", not a number) and resolved when they are sent, against the ids seen on the wire
 * so far; with seeded `Math.random` in the contexts, a seed replays the same bytes.
 */
import fc from 'fast-check';
import { Ext, Int64, protoKeyed, RawMap } from './msgpack';
import { PROTOCOL_VERSION } from '../../src/core/wire/protocol';

// ---- values ------------------------------------------------------------------------------------------------------

const KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'then', 'length', 'name', 'args', 'id'];

const key = fc.oneof({ weight: 3, arbitrary: fc.string({ maxLength: 8 }) }, { weight: 1, arbitrary: fc.constantFrom(...KEYS) });

/** A big string, built cheaply (fast-check would spend long generating 100k random characters). */
export const hugeString = fc
  .tuple(fc.integer({ min: 200, max: 70_000 }), fc.constantFrom('x', 'é', '\u{1F600}', '\0'))
  .map(([length, char]) => char.repeat(char.length === 1 && char.charCodeAt(0) < 0x80 ? length : Math.ceil(length / 4)));

/** FiveM function references (ext 10/11), pointing at anything: a ref is callable on the receiving machine. */
const functionRef = fc
  .tuple(fc.constantFrom(10, 11), fc.oneof(fc.constantFrom('harness:1:0', 'harness:2:0', 'fxcallbacks:1:3'), fc.string({ maxLength: 20 })))
  .map(([type, ref]) => new Ext(type, Buffer.from(ref, 'utf8')));

const leaf: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.oneof(fc.constant(null), fc.constant(undefined), fc.boolean(), fc.integer(), fc.string({ maxLength: 12 })) },
  { weight: 2, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.constantFrom(-0, NaN, Infinity, -Infinity, 2 ** 31, 2 ** 32, 2 ** 53, -(2 ** 53), 0.5) },
  { weight: 1, arbitrary: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map((n) => new Int64(n)) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 16 }) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: -128, max: 127 }), fc.uint8Array({ maxLength: 9 })).map(([t, d]) => new Ext(t, d)) },
  { weight: 1, arbitrary: functionRef },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
);

const mapKey: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 8 }),
  fc.constantFrom(...KEYS),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map((n) => new Int64(n)),
  fc.uint8Array({ maxLength: 4 }),
);

/** Any value a msgpack message can hold, including what msgpack-lite decodes into surprises. */
export const wild: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown; array: unknown[]; object: unknown; map: unknown; proto: unknown }>(
  (tie) => ({
    value: fc.oneof({ depthSize: 'small', maxDepth: 5 }, leaf, tie('array'), tie('object'), tie('map'), tie('proto')),
    array: fc.array(tie('value'), { maxLength: 5 }),
    object: fc.dictionary(key, tie('value'), { maxKeys: 4 }),
    // Keys are primitives: a key the runtime's decoder cannot turn into a string (an object whose prototype is a
    // function reference) makes msgpack-lite itself throw, before any listener runs (see spec/faults/decoder.spec.ts).
    map: fc.array(fc.tuple(mapKey, tie('value')), { maxLength: 3 }).map((entries) => new RawMap(entries)),
    proto: fc.tuple(tie('value'), fc.dictionary(fc.string({ maxLength: 4 }), tie('value'), { maxKeys: 2 })).map(([p, rest]) => protoKeyed(p, rest)),
  }),
).value;

/** Nesting far deeper than the library accepts (16), well under what the runtime's decoder can take. */
export const deep = fc
  .tuple(fc.integer({ min: 10, max: 600 }), fc.constantFrom('array', 'object', 'mixed'), leaf)
  .map(([depth, shape, inner]) => {
    let value: unknown = inner;
    for (let i = 0; i < depth; i++) {
      const asArray = shape === 'array' || (shape === 'mixed' && i % 2 === 0);
      value = asArray ? [value] : { k: value };
    }
    return value;
  });

/** Many elements: a wide array or object (cheap to build). */
export const wide = fc.tuple(fc.integer({ min: 100, max: 5_000 }), fc.boolean()).map(([n, asObject]) => {
  if (!asObject) return new Array(n).fill(0);
  const object: Record<string, number> = {};
  for (let i = 0; i < n; i++) object[`k${i}`] = i;
  return object;
});

/** A list of values far past the cap on values per request or answer (256): spreading it overflows the stack. */
export const manyValues = fc
  .tuple(fc.integer({ min: 257, max: 120_000 }), fc.constantFrom(null, 0, 'v', true))
  .map(([n, value]) => new Array<unknown>(n).fill(value));

/** ERROR details a cheat would send: function references (a `then` to adopt), replaced prototypes, bulk, depth. */
export const hostileDetails: fc.Arbitrary<unknown> = fc.oneof(
  functionRef.map((ref) => ({ then: ref })),
  functionRef,
  fc.tuple(wild, wild).map(([p, rest]) => protoKeyed(p, { rest })),
  fc.integer({ min: 70_000, max: 500_000 }).map((n) => ({ text: 'd'.repeat(n) })),
  manyValues,
);

/** Values for arguments and answers: mostly small and wild, sometimes huge, deep or wide. */
export const payload: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 300, arbitrary: wild },
  { weight: 1, arbitrary: hugeString },
  { weight: 6, arbitrary: deep },
  { weight: 2, arbitrary: wide },
);

// ---- ids ---------------------------------------------------------------------------------------------------------

/** Where an id comes from; resolved at send time against the ids seen on the wire (see {@link IdPools}). */
export type IdRef =
  | { from: 'literal'; value: unknown }
  | { from: 'pool'; pool: PoolName; index: number };

export type PoolName =
  /** Requests the server sent to other (honest) players: forging their replies. */
  | 'serverToOthers'
  /** Requests other players sent to the server: cancelling or answering them. */
  | 'othersToServer'
  /** Requests the server sent to this peer (answered, timed out or pending): duplicate and late replies. */
  | 'serverToSelf'
  /** Requests this peer sent itself: duplicates, cancels. */
  | 'selfToServer';

export type IdPools = Record<PoolName, number[]>;

export function emptyPools(): IdPools {
  return { serverToOthers: [], othersToServer: [], serverToSelf: [], selfToServer: [] };
}

const literalId = fc.oneof(
  { weight: 6, arbitrary: fc.nat({ max: 2 ** 31 - 1 }) },
  { weight: 2, arbitrary: fc.integer({ min: 2 ** 31, max: Number.MAX_SAFE_INTEGER }) },
  { weight: 2, arbitrary: fc.constantFrom(0, 1, -1, 2 ** 53, 1.5, -0, NaN, Infinity) },
  { weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 6 }), fc.constant(null), fc.constant([1]), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map((n) => new Int64(n))) },
);

export function idRef(pools: readonly PoolName[]): fc.Arbitrary<IdRef> {
  return fc.oneof(
    { weight: 2, arbitrary: literalId.map((value): IdRef => ({ from: 'literal', value })) },
    { weight: 5, arbitrary: fc.tuple(fc.constantFrom(...pools), fc.nat()).map(([pool, index]): IdRef => ({ from: 'pool', pool, index })) },
  );
}

/** The number an id refers to now; a pool without ids yet falls back to a number nobody issued. */
export function resolveId(ref: IdRef, pools: IdPools): unknown {
  if (ref.from === 'literal') return ref.value;
  const pool = pools[ref.pool];
  return pool.length === 0 ? 2 ** 40 + ref.index : pool[pool.length - 1 - (ref.index % Math.min(pool.length, 64))];
}

// ---- frames ------------------------------------------------------------------------------------------------------

export type FrameSpec =
  | { kind: 'request'; id: IdRef; name: unknown; args: unknown; flags: unknown }
  | { kind: 'next'; id: IdRef; values: unknown }
  | { kind: 'result'; id: IdRef; values: unknown }
  | { kind: 'error'; id: IdRef; code: unknown; message: unknown; details: readonly unknown[] }
  | { kind: 'complete'; id: IdRef }
  | { kind: 'cancel'; id: IdRef }
  | { kind: 'garbage'; value: unknown };

export type Mutation =
  | { op: 'none' }
  | { op: 'drop'; index: number }
  | { op: 'truncate'; length: number }
  | { op: 'replace'; index: number; value: unknown }
  | { op: 'append'; value: unknown }
  | { op: 'retype'; type: unknown };

export interface MutatedFrame {
  frame: FrameSpec;
  mutation: Mutation;
}

const CODES = ['TIMEOUT', 'NO_SUCH_CALLBACK', 'HANDLER_ERROR', 'PLAYER_DROPPED', 'RESOURCE_STOPPED', 'INVALID_ARGUMENT', 'RATE_LIMITED', 'QUEUE_FULL', 'VALIDATION_FAILED', 'FORBIDDEN', 'PAYLOAD_TOO_LARGE', 'LIMIT_EXCEEDED'];

/** Names of the callbacks a fuzz world registers on the answering side, plus edge cases. */
export function nameArbitrary(registered: readonly string[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...registered) },
    { weight: 2, arbitrary: fc.string({ minLength: 1, maxLength: 12 }) },
    { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 'x'.repeat(128), 'x'.repeat(129), ' ') },
    { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.constant(null), fc.constant(['echo']), fc.constant('y'.repeat(5000))) },
  );
}

export function frameArbitrary(registered: readonly string[], pools: { request: PoolName[]; reply: PoolName[]; cancel: PoolName[] }): fc.Arbitrary<FrameSpec> {
  const flags = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(0, 1) }, { weight: 1, arbitrary: fc.oneof(fc.nat(), fc.constant(-1), fc.constant(1.5), wild) });
  const args = fc.oneof({ weight: 8, arbitrary: fc.array(payload, { maxLength: 4 }) }, { weight: 1, arbitrary: wild }, { weight: 1, arbitrary: manyValues });
  const values = fc.oneof({ weight: 6, arbitrary: fc.array(payload, { maxLength: 3 }) }, { weight: 1, arbitrary: wild }, { weight: 1, arbitrary: manyValues });
  return fc.oneof(
    { weight: 10, arbitrary: fc.record({ kind: fc.constant('request' as const), id: idRef(pools.request), name: nameArbitrary(registered), args, flags }) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('next' as const), id: idRef(pools.reply), values }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('result' as const), id: idRef(pools.reply), values }) },
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('error' as const),
        id: idRef(pools.reply),
        code: fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...CODES) }, { weight: 1, arbitrary: wild }),
        message: fc.oneof({ weight: 5, arbitrary: fc.string({ maxLength: 30 }) }, { weight: 1, arbitrary: fc.oneof(fc.constant('m'.repeat(4097)), wild) }),
        details: fc.oneof(fc.constant([]), fc.tuple(payload), fc.tuple(hostileDetails)),
      }),
    },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('complete' as const), id: idRef(pools.reply) }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('cancel' as const), id: idRef(pools.cancel) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('garbage' as const), value: wild }) },
  );
}

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 12, arbitrary: fc.constant({ op: 'none' } as const) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('drop' as const), index: fc.nat({ max: 5 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), length: fc.nat({ max: 4 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('replace' as const), index: fc.nat({ max: 5 }), value: wild }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('append' as const), value: wild }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('retype' as const), type: fc.oneof(fc.integer({ min: -2, max: 9 }), fc.constant(0.5), fc.constant('0'), fc.constant(null)) }) },
);

export function mutatedFrames(frame: fc.Arbitrary<FrameSpec>, maxFrames: number): fc.Arbitrary<MutatedFrame[]> {
  return fc.array(fc.record({ frame, mutation }), { minLength: 1, maxLength: maxFrames });
}

/** Builds the wire form of a frame, resolving ids now; reports request ids it used. */
export function buildFrame({ frame, mutation }: MutatedFrame, pools: IdPools, onRequestId: (id: unknown) => void): unknown {
  let built: unknown[];
  switch (frame.kind) {
    case 'request': {
      const id = resolveId(frame.id, pools);
      onRequestId(id);
      built = [0, id, frame.name, frame.args, frame.flags];
      break;
    }
    case 'next':
      built = [1, resolveId(frame.id, pools), frame.values];
      break;
    case 'result':
      built = [5, resolveId(frame.id, pools), frame.values];
      break;
    case 'error':
      built = [2, resolveId(frame.id, pools), frame.code, frame.message, ...frame.details];
      break;
    case 'complete':
      built = [3, resolveId(frame.id, pools)];
      break;
    case 'cancel':
      built = [4, resolveId(frame.id, pools)];
      break;
    case 'garbage':
      return frame.value;
  }
  switch (mutation.op) {
    case 'none':
      return built;
    case 'drop':
      return built.filter((_, i) => i !== mutation.index % built.length);
    case 'truncate':
      return built.slice(0, mutation.length);
    case 'replace':
      return built.map((v, i) => (i === mutation.index % built.length ? mutation.value : v));
    case 'append':
      return [...built, mutation.value];
    case 'retype':
      return [mutation.type, ...built.slice(1)];
  }
}

// ---- envelopes ---------------------------------------------------------------------------------------------------

export type EnvelopeSpec =
  /** `[version, ...frames]` as the only argument (sometimes with extra arguments). */
  | { kind: 'frames'; version: unknown; frames: MutatedFrame[]; extraArgs: readonly unknown[] }
  /** REQUEST then CANCEL, `pairs` times, with fresh ids from `firstId`: uninterruptible handlers started for nobody. */
  | { kind: 'churn'; name: unknown; firstId: number; pairs: number; retryable: boolean }
  /** A tiny NEXT for each of the latest `count` requests this peer was sent: signs of life that never end a call. */
  | { kind: 'keepAlive'; count: number }
  /** Any argument list at all. */
  | { kind: 'raw'; args: unknown }
  /** More frames than an envelope may hold. */
  | { kind: 'tooMany'; count: number; frame: MutatedFrame };

export function envelopeArbitrary(frame: fc.Arbitrary<FrameSpec>, maxFrames: number): fc.Arbitrary<EnvelopeSpec> {
  const version = fc.oneof({ weight: 20, arbitrary: fc.constant(PROTOCOL_VERSION) }, { weight: 1, arbitrary: fc.oneof(fc.constantFrom(0, 1, 3, -1, '1', 1.5, null, 2 ** 53), wild) });
  return fc.oneof(
    {
      weight: 30,
      arbitrary: fc.record({
        kind: fc.constant('frames' as const),
        version,
        frames: mutatedFrames(frame, maxFrames),
        extraArgs: fc.oneof({ weight: 10, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(wild, { maxLength: 2 }) }),
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('raw' as const), args: fc.oneof(fc.array(wild, { maxLength: 3 }), wild) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('tooMany' as const), count: fc.integer({ min: 513, max: 700 }), frame: fc.record({ frame, mutation }) }) },
  );
}

/** The argument list an envelope spec sends, and how many messages (frames) it holds. */
export function buildArgs(spec: EnvelopeSpec, pools: IdPools, onRequestId: (id: unknown) => void): { args: unknown; messages: number } {
  switch (spec.kind) {
    case 'frames': {
      const frames = spec.frames.map((f) => buildFrame(f, pools, onRequestId));
      return { args: [[spec.version, ...frames], ...spec.extraArgs], messages: frames.length };
    }
    case 'raw':
      return { args: spec.args, messages: 1 };
    case 'tooMany': {
      const frame = buildFrame(spec.frame, pools, () => undefined);
      return { args: [[PROTOCOL_VERSION, ...new Array(spec.count).fill(frame)]], messages: spec.count };
    }
    case 'churn': {
      const frames: unknown[] = [];
      for (let i = 0; i < spec.pairs; i++) {
        const id = spec.firstId + i;
        onRequestId(id);
        frames.push(spec.retryable ? [0, id, spec.name, [], 1] : [0, id, spec.name, []], [4, id]);
      }
      return { args: [[PROTOCOL_VERSION, ...frames]], messages: frames.length };
    }
    case 'keepAlive': {
      const ids = pools.serverToSelf.slice(-spec.count);
      return { args: [[PROTOCOL_VERSION, ...ids.map((id) => [1, id, [0]])]], messages: ids.length };
    }
  }
}

/**
 * The attacks on a server that take more than one malformed frame: CANCEL churn on the callbacks `names`, and
 * keep-alive NEXT frames for the server's calls to this peer. Mixed into {@link envelopeArbitrary}'s.
 */
export function churnAndKeepAlive(names: readonly string[]): fc.Arbitrary<EnvelopeSpec> {
  return fc.oneof(
    fc.record({
      kind: fc.constant('churn' as const),
      name: fc.constantFrom(...names),
      firstId: fc.nat({ max: 2 ** 31 - 1000 }),
      pairs: fc.integer({ min: 1, max: 250 }),
      retryable: fc.boolean(),
    }),
    fc.record({ kind: fc.constant('keepAlive' as const), count: fc.integer({ min: 1, max: 8 }) }),
  );
}
