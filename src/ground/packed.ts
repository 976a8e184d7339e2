/**
 * Values packed once by a Lua state (`msgpack.pack_args(...)`: one msgpack array, nil holes kept) and carried as
 * bytes, so that JavaScript routes them without decoding: Lua values reach the other Lua state exactly as FiveM's
 * own Lua-to-Lua events carry them (integer keys, byte strings, integer/float subtypes, nil holes). In JavaScript
 * they are an ArrayBuffer: FiveM's JS runtime packs one as msgpack bin and unpacks bin as one, and Lua unpacks bin
 * as a string.
 */
import { inspectValues, type ValuesShape } from './sendable';

export type Packed = ArrayBuffer;

/**
 * Whether a value is packed bytes (an ArrayBuffer of any JS realm). It runs several times per call: this realm's
 * buffers and lists of values are told apart at once, the tag (slow) only for what is left (another realm's buffer).
 */
export function isPacked(value: unknown): value is Packed {
  if (value instanceof ArrayBuffer) return true;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.prototype.toString.call(value) === '[object ArrayBuffer]';
}

/**
 * lua-cmsgpack (CfxLua's msgpack) packs the 17th table of a nesting (at level 16: an argument is level 0) as nil,
 * silently: in packed values, whose top list is at depth 0, that nil sits at depth 17. A Lua table holds no nil, so a
 * nil that deep is a table cut off (or a deliberate msgpack.null that deep, refused alike): the values are refused
 * rather than used cut. Only Lua packs values, so only its payloads are walked for this.
 */
const LUA_CUT_DEPTH = 16;
const LUA_CUT = `holds Lua tables nested ${LUA_CUT_DEPTH + 1} levels deep, where FiveM's msgpack cut them off: at most ${LUA_CUT_DEPTH} levels cross intact`;

/** lua-cmsgpack's extension types for CfxLua's vector2/3/4 and quaternion: values, not references. */
const VECTOR_EXT_TYPES = new Set([20, 21, 22, 23]);

export interface PackedShape extends ValuesShape {
  /** How many values the packed list holds (its array's length). */
  count: number;
}

/**
 * The bounded check of packed values from the other side, on the bytes, before anybody unpacks them: the size is
 * the byte length; the walk reads each header once (so it costs at most the bytes, whatever a header claims) and
 * refuses what is not one well-formed msgpack array, a container nested deeper than `maxDepth` (the list's own
 * values are at depth 1, as `inspectValues` counts), a Lua table lua-cmsgpack cut off (see `LUA_CUT_DEPTH`) and any
 * extension type other than FiveM's vectors (a function reference is one).
 */
export function inspectPacked(packed: Packed, maxDepth: number, maxBytes = Infinity): PackedShape {
  const bytes = new Uint8Array(packed);
  const shape: PackedShape = { size: bytes.length, count: 0 };
  if (bytes.length > maxBytes) {
    shape.tooLarge = true;
    return shape;
  }
  const view = new DataView(packed);
  let at = 0;
  const need = (n: number) => {
    if (at + n > bytes.length) throw new Malformed('is cut short');
    const start = at;
    at += n;
    return start;
  };
  const uint = (n: 1 | 2 | 4) => {
    const start = need(n);
    return n === 1 ? view.getUint8(start) : n === 2 ? view.getUint16(start) : view.getUint32(start);
  };
  const containerHeader = (b: number): { kind: 'array' | 'map'; length: number } | undefined => {
    if (b >= 0x90 && b <= 0x9f) return { kind: 'array', length: b & 0x0f };
    if (b >= 0x80 && b <= 0x8f) return { kind: 'map', length: b & 0x0f };
    if (b === 0xdc || b === 0xdd) return { kind: 'array', length: uint(b === 0xdc ? 2 : 4) };
    if (b === 0xde || b === 0xdf) return { kind: 'map', length: uint(b === 0xde ? 2 : 4) };
    return undefined;
  };
  const visit = (depth: number): void => {
    const b = uint(1);
    if (b === 0xc0 && depth > LUA_CUT_DEPTH) throw new Malformed(LUA_CUT);
    if (b <= 0x7f || b >= 0xe0 || b === 0xc0 || b === 0xc2 || b === 0xc3) return;
    if (b >= 0xa0 && b <= 0xbf) return void need(b & 0x1f);
    const container = containerHeader(b);
    if (container) {
      if (depth > maxDepth) throw new Malformed(`is nested deeper than ${maxDepth} levels`, true);
      const items = container.kind === 'map' ? container.length * 2 : container.length;
      for (let i = 0; i < items; i++) visit(depth + 1);
      return;
    }
    switch (b) {
      case 0xcc: case 0xd0: return void need(1);
      case 0xcd: case 0xd1: return void need(2);
      case 0xca: case 0xce: case 0xd2: return void need(4);
      case 0xcb: case 0xcf: case 0xd3: return void need(8);
      case 0xc4: case 0xd9: return void need(uint(1));
      case 0xc5: case 0xda: return void need(uint(2));
      case 0xc6: case 0xdb: return void need(uint(4));
    }
    const fixedExt: Record<number, number> = { 0xd4: 1, 0xd5: 2, 0xd6: 4, 0xd7: 8, 0xd8: 16 };
    const length = fixedExt[b] ?? (b === 0xc7 ? uint(1) : b === 0xc8 ? uint(2) : b === 0xc9 ? uint(4) : undefined);
    if (length === undefined) throw new Malformed(`holds the unknown type byte 0x${b.toString(16)}`);
    const type = view.getInt8(need(1));
    if (!VECTOR_EXT_TYPES.has(type)) throw new Malformed(`holds a msgpack extension of type ${type} (a function reference cannot cross the network)`);
    need(length);
  };
  try {
    const list = containerHeader(uint(1));
    if (list?.kind !== 'array') throw new Malformed('is not a packed list of values');
    shape.count = list.length;
    for (let i = 0; i < list.length; i++) visit(1);
    if (at !== bytes.length) throw new Malformed('has bytes after its values');
  } catch (error) {
    if (!(error instanceof Malformed)) throw error;
    shape.problem = `(packed) ${error.message}`;
    if (error.tooDeep) shape.tooDeep = true;
  }
  return shape;
}

/** The shape of a list of values or of packed values, whichever `payload` is (see {@link inspectPacked}). */
export function inspectPayload(payload: readonly unknown[] | Packed, maxDepth?: number, maxBytes?: number): PackedShape {
  if (isPacked(payload)) return inspectPacked(payload, maxDepth ?? Infinity, maxBytes);
  return { ...inspectValues(payload, maxDepth, maxBytes), count: payload.length };
}

/** A payload's rough size, without its check: packed values are their bytes (what {@link inspectPacked} measures). */
export function payloadSize(payload: readonly unknown[] | Packed): number {
  return isPacked(payload) ? payload.byteLength : inspectValues(payload).size;
}

class Malformed extends Error {
  constructor(
    message: string,
    readonly tooDeep = false,
  ) {
    super(message);
  }
}
