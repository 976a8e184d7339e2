/**
 * A small msgpack encoder under the fuzzer's full control. A cheating client is not bound to msgpack-lite's
 * encoder: it can send map keys such as `__proto__`, maps with non-string keys, ext types the runtime does not
 * know, FiveM function references pointing anywhere, integers past 2^53. The fuzzer builds values with the markers
 * below and encodes them here; the receiving context decodes them with its own msgpack-lite, as FiveM does.
 */

/** An ext value: `type` -128..127 and raw data. Ext 10 and 11 are FiveM function references. */
export class Ext {
  constructor(
    readonly type: number,
    readonly data: Uint8Array,
  ) {}
}

/** A map with arbitrary keys (numbers, arrays, nil...), in order. */
export class RawMap {
  constructor(readonly entries: [unknown, unknown][]) {}
}

/** A 64-bit integer written as uint64/int64 (msgpack-lite reads it back as an imprecise number). */
export class Int64 {
  constructor(readonly value: bigint) {}
}

class Writer {
  private buffer = new Uint8Array(1024);
  private length = 0;

  bytes(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }

  private reserve(n: number): void {
    if (this.length + n <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
  }

  u8(...values: number[]): void {
    this.reserve(values.length);
    for (const v of values) this.buffer[this.length++] = v & 0xff;
  }

  u16(v: number): void {
    this.u8(v >>> 8, v);
  }

  u32(v: number): void {
    this.u8(v >>> 24, v >>> 16, v >>> 8, v);
  }

  raw(data: Uint8Array): void {
    this.reserve(data.length);
    this.buffer.set(data, this.length);
    this.length += data.length;
  }

  f64(v: number): void {
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, v);
    this.raw(new Uint8Array(view.buffer));
  }

  i64(v: bigint): void {
    const view = new DataView(new ArrayBuffer(8));
    view.setBigUint64(0, BigInt.asUintN(64, v));
    this.raw(new Uint8Array(view.buffer));
  }
}

function writeLength(w: Writer, n: number, fix: number, fixMax: number, c8: number | null, c16: number, c32: number): void {
  if (n <= fixMax) w.u8(fix | n);
  else if (c8 !== null && n < 0x100) w.u8(c8, n);
  else if (n < 0x10000) {
    w.u8(c16);
    w.u16(n);
  } else {
    w.u8(c32);
    w.u32(n);
  }
}

function writeValue(w: Writer, value: unknown): void {
  switch (typeof value) {
    case 'undefined':
      w.u8(0xc0);
      return;
    case 'boolean':
      w.u8(value ? 0xc3 : 0xc2);
      return;
    case 'number':
      if (Number.isInteger(value) && !Object.is(value, -0) && Math.abs(value) < 2 ** 31) {
        if (value >= 0 && value < 0x80) w.u8(value);
        else if (value < 0 && value >= -32) w.u8(0xe0 | (value + 32));
        else if (value >= 0) {
          w.u8(0xce);
          w.u32(value);
        } else {
          w.u8(0xd2);
          w.u32(value >>> 0);
        }
      } else {
        w.u8(0xcb);
        w.f64(value);
      }
      return;
    case 'bigint':
      writeValue(w, new Int64(value));
      return;
    case 'string': {
      const bytes = Buffer.from(value, 'utf8');
      writeLength(w, bytes.length, 0xa0, 31, 0xd9, 0xda, 0xdb);
      w.raw(bytes);
      return;
    }
  }
  if (value === null || typeof value !== 'object') {
    w.u8(0xc0);
    return;
  }
  if (value instanceof Int64) {
    w.u8(value.value < 0n ? 0xd3 : 0xcf);
    w.i64(value.value);
    return;
  }
  if (value instanceof Ext) {
    const n = value.data.length;
    const fixed: Record<number, number> = { 1: 0xd4, 2: 0xd5, 4: 0xd6, 8: 0xd7, 16: 0xd8 };
    if (fixed[n] !== undefined) w.u8(fixed[n]!);
    else if (n < 0x100) w.u8(0xc7, n);
    else {
      w.u8(0xc8);
      w.u16(n);
    }
    w.u8(value.type);
    w.raw(value.data);
    return;
  }
  if (value instanceof Uint8Array) {
    writeLength(w, value.length, 0, -1, 0xc4, 0xc5, 0xc6);
    w.raw(value);
    return;
  }
  if (Array.isArray(value)) {
    writeLength(w, value.length, 0x90, 15, null, 0xdc, 0xdd);
    for (const item of value) writeValue(w, item);
    return;
  }
  const entries: [unknown, unknown][] =
    value instanceof RawMap ? value.entries : Object.keys(value).map((key) => [key, (value as Record<string, unknown>)[key]]);
  writeLength(w, entries.length, 0x80, 15, null, 0xde, 0xdf);
  for (const [key, item] of entries) {
    writeValue(w, key);
    writeValue(w, item);
  }
}

/** Encodes a value as msgpack bytes. */
export function encode(value: unknown): Uint8Array {
  const w = new Writer();
  writeValue(w, value);
  return w.bytes();
}

/** An object whose own key is `__proto__` (msgpack-lite's decoder assigns it, replacing the prototype). */
export function protoKeyed(proto: unknown, rest: Record<string, unknown> = {}): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  Object.defineProperty(object, '__proto__', { value: proto, enumerable: true, writable: true, configurable: true });
  return Object.assign(object, rest);
}
