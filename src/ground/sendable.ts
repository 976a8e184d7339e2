/**
 * What may cross the network. FiveM's msgpack codec silently turns a Map, Set, Date or class instance into
 * `{}` or a plain object, turns a function into a reference that only works on the sending machine, and
 * throws on a BigInt (losing the whole event). The library refuses such values before sending, naming where
 * they are, so the caller gets a clear error instead of a value that changed on the way. The same walk
 * measures what arrives from the other side, so that oversized or deeply nested input is refused early.
 */
const MAX_NESTING_DEPTH = 32;

/** A character UTF-8 encodes in more than one byte. */
const MULTI_BYTE = /[^\u0000-\u007f]/;

/**
 * A string's size on the wire, never less than its UTF-8 length: one byte per character of ASCII text, else three
 * per UTF-16 unit (the most UTF-8 takes), plus one for its header. The outbox budgets FiveM's byte limiter on it.
 */
export function textBytes(text: string): number {
  return (MULTI_BYTE.test(text) ? text.length * 3 : text.length) + 1;
}

export interface ValuesShape {
  /** The first value that cannot cross the network, described with its path; undefined when all can. */
  problem?: string;
  /** True when the problem is nesting deeper than allowed. */
  tooDeep?: boolean;
  /** True when the walk stopped because the size passed `maxBytes` (then `size` is only a lower bound). */
  tooLarge?: boolean;
  /** A rough size in bytes (a string counts at least its UTF-8 length, see {@link textBytes}). */
  size: number;
}

/** What is wrong with one value, and where: the path is built while the walk unwinds, only on a problem. */
interface Problem {
  path: string;
  what: string;
}

const TOO_LARGE: Problem = { path: '', what: 'is too large' };

/**
 * Walks a list of values once: what cannot cross the network, how deep, how large. It runs for every call and
 * answer, so the happy path allocates nothing: no set of visited objects (a circular structure is caught by the
 * depth limit) and no path strings (built only for the value an error names). Past `maxBytes` it stops at once
 * (`tooLarge`): a hostile payload costs at most the cap to measure.
 */
export function inspectValues(values: readonly unknown[], maxDepth = MAX_NESTING_DEPTH, maxBytes = Infinity): ValuesShape {
  const shape: ValuesShape = { size: 0 };
  const visit = (value: unknown, depth: number): Problem | undefined => {
    switch (typeof value) {
      case 'string':
        shape.size += textBytes(value);
        return undefined;
      case 'boolean':
      case 'undefined':
      case 'number':
        shape.size += 9;
        return undefined;
      case 'function':
        return { path: '', what: 'is a function; functions cannot cross the network' };
      case 'bigint':
        return { path: '', what: 'is a BigInt; msgpack cannot encode it' };
      case 'symbol':
        return { path: '', what: 'is a symbol; symbols cannot cross the network' };
    }
    shape.size += 1;
    if (value === null) return undefined;
    const object = value as object;
    if (depth > maxDepth) {
      shape.tooDeep = true;
      return { path: '', what: `is nested deeper than ${maxDepth} levels (or is a circular reference)` };
    }
    if (Array.isArray(object)) {
      for (let i = 0; i < object.length; i++) {
        const problem = visit(object[i], depth + 1) ?? (shape.size > maxBytes ? TOO_LARGE : undefined);
        if (problem) return problem === TOO_LARGE ? problem : within(`[${i}]`, problem);
      }
      return undefined;
    }
    if (Object.prototype.toString.call(object) === '[object ArrayBuffer]') {
      const byteLength = arrayBufferLength(object);
      if (byteLength === undefined) return { path: '', what: 'poses as an ArrayBuffer' };
      shape.size += byteLength;
      return undefined;
    }
    if (isVector(object)) {
      shape.size += 2 + object.buffer.byteLength;
      return undefined;
    }
    if (!isPlainObject(object)) {
      return { path: '', what: `is a ${kindOf(object)}; only plain objects, arrays, strings, numbers, booleans, null, ArrayBuffer and FiveM vectors cross the network intact` };
    }
    for (const key of Object.keys(object)) {
      shape.size += textBytes(key);
      const problem = visit((object as Record<string, unknown>)[key], depth + 1) ?? (shape.size > maxBytes ? TOO_LARGE : undefined);
      if (problem) return problem === TOO_LARGE ? problem : within(`.${key}`, problem);
    }
    return undefined;
  };
  for (let i = 0; i < values.length; i++) {
    const problem = visit(values[i], 1) ?? (shape.size > maxBytes ? TOO_LARGE : undefined);
    if (problem === TOO_LARGE) {
      shape.tooLarge = true;
      break;
    }
    if (problem) {
      shape.problem = `${within(`[${i}]`, problem).path} ${problem.what}`;
      break;
    }
  }
  return shape;
}

/**
 * A Lua `vector2/3/4` or `quat` as FiveM's JS runtime hands it over: msgpack-lite's ext value (types 20 to 23, the
 * float32 components in its buffer), which the codec packs back as it came.
 */
function isVector(object: object): object is { type: number; buffer: ArrayBufferView } {
  const { type, buffer } = object as { type?: unknown; buffer?: unknown };
  return typeof type === 'number' && type >= 20 && type <= 23 && ArrayBuffer.isView(buffer) && buffer.byteLength <= 16;
}

/** What a value that cannot cross is, in words: its built-in kind (Map, Date, ...), else its class, if it has a readable name. */
function kindOf(object: object): string {
  const tag = Object.prototype.toString.call(object).slice(8, -1);
  if (tag !== 'Object') return tag;
  const name = (object as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === 'string' && name.length > 2 ? `${name} (a class instance)` : 'class instance';
}

function within(segment: string, problem: Problem): Problem {
  problem.path = segment + problem.path;
  return problem;
}

/** The length of a genuine ArrayBuffer of any realm; undefined for an object that only inherits its name. */
function arrayBufferLength(object: object): number | undefined {
  try {
    return (object as ArrayBuffer).byteLength;
  } catch {
    return undefined;
  }
}

const OBJECT_PROTOTYPE = Object.prototype;

/** A plain object of any JS realm: its prototype is null or a realm's Object.prototype (this realm's, usually). */
function isPlainObject(object: object): boolean {
  const prototype = Object.getPrototypeOf(object);
  return prototype === OBJECT_PROTOTYPE || prototype === null || Object.getPrototypeOf(prototype) === null;
}
