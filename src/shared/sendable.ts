/**
 * What may cross the network. FiveM's msgpack codec silently turns a Map, Set, Date or class instance into
 * `{}` or a plain object, turns a function into a reference that only works on the sending machine, and
 * throws on a BigInt (losing the whole event). The library refuses such values before sending, naming where
 * they are, so the caller gets a clear error instead of a value that changed on the way. The same walk
 * measures what arrives from the other side, so that oversized or deeply nested input is refused early.
 */
export const MAX_NESTING_DEPTH = 32;

export interface ValuesShape {
  /** The first value that cannot cross the network, described with its path; undefined when all can. */
  problem?: string;
  /** True when the problem is nesting deeper than allowed. */
  tooDeep?: boolean;
  /** A rough size in bytes (strings count their length). */
  size: number;
}

/** Walks a list of values once: what cannot cross the network, how deep, how large. */
export function inspectValues(values: readonly unknown[], maxDepth = MAX_NESTING_DEPTH): ValuesShape {
  const seen = new Set<object>();
  const shape: ValuesShape = { size: 0 };
  const visit = (value: unknown, path: string, depth: number): string | undefined => {
    switch (typeof value) {
      case 'string':
        shape.size += value.length + 1;
        return undefined;
      case 'boolean':
      case 'undefined':
      case 'number':
        shape.size += 9;
        return undefined;
      case 'function':
        return `${path} is a function; functions cannot cross the network`;
      case 'bigint':
        return `${path} is a BigInt; msgpack cannot encode it`;
      case 'symbol':
        return `${path} is a symbol; symbols cannot cross the network`;
    }
    shape.size += 1;
    if (value === null) return undefined;
    const object = value as object;
    if (depth > maxDepth) {
      shape.tooDeep = true;
      return `${path} is nested deeper than ${maxDepth} levels`;
    }
    if (seen.has(object)) return `${path} is a circular reference`;
    if (Array.isArray(object)) {
      seen.add(object);
      for (let i = 0; i < object.length; i++) {
        const problem = visit(object[i], `${path}[${i}]`, depth + 1);
        if (problem) return problem;
      }
      seen.delete(object);
      return undefined;
    }
    if (Object.prototype.toString.call(object) === '[object ArrayBuffer]') {
      const byteLength = arrayBufferLength(object);
      if (byteLength === undefined) return `${path} poses as an ArrayBuffer`;
      shape.size += byteLength;
      return undefined;
    }
    if (!isPlainObject(object)) {
      const name = (object as { constructor?: { name?: unknown } }).constructor?.name;
      const kind = typeof name === 'string' ? name : 'object';
      return `${path} is a ${kind}; only plain objects, arrays, strings, numbers, booleans, null and ArrayBuffer cross the network intact`;
    }
    seen.add(object);
    for (const key of Object.keys(object)) {
      shape.size += key.length + 1;
      const problem = visit((object as Record<string, unknown>)[key], `${path}.${key}`, depth + 1);
      if (problem) return problem;
    }
    seen.delete(object);
    return undefined;
  };
  for (let i = 0; i < values.length && !shape.problem; i++) shape.problem = visit(values[i], `[${i}]`, 1);
  return shape;
}

/** The length of a genuine ArrayBuffer of any realm; undefined for an object that only inherits its name. */
function arrayBufferLength(object: object): number | undefined {
  try {
    return (object as ArrayBuffer).byteLength;
  } catch {
    return undefined;
  }
}

/** A plain object of any JS realm: its prototype is null or a realm's Object.prototype. */
function isPlainObject(object: object): boolean {
  const prototype = Object.getPrototypeOf(object);
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}
