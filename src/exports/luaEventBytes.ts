/**
 * The per-call events of lua/protocol.lua in their common shapes, written and read as bytes by hand: a run out to the
 * Lua state that holds a handler, its answer back, and a call's packed reply. They carry a few small header fields
 * and one msgpack bin (values packed by Lua, which JavaScript never decodes), so a generic msgpack encode or decode
 * of the event per call (msgpack-lite, in FiveM's JS runtime) is work for nothing. Anything else (a name that is not
 * ASCII, a player that is not a small integer, an answer that is not packed values) returns undefined and takes the
 * runtime's own codec, so the bytes on the wire are the codec's in every case.
 */
import type { Packed } from '../core/wire/protocol';

const FALSE = 0xc2;

/** `__fxcb_run:<runner>` (callId, name, player|false, packed args, false, 0), or undefined. */
export function runEventBytes(callId: number, name: string, player: number | undefined, args: Packed): Uint8Array | undefined {
  if (!isUint(callId) || (player !== undefined && !isUint(player)) || !isAscii(name)) return undefined;
  const bytes = new Uint8Array(args.byteLength + name.length + 32);
  let at = 0;
  bytes[at++] = 0x96;
  at = writeUint(bytes, at, callId);
  at = writeAscii(bytes, at, name);
  if (player === undefined) bytes[at++] = FALSE;
  else at = writeUint(bytes, at, player);
  at = writeBin(bytes, at, args);
  bytes[at++] = FALSE;
  bytes[at++] = 0;
  return bytes.subarray(0, at);
}

/** `__fxcb_reply:<caller>` (callId, 1, packed answer), or undefined. */
export function packedReplyBytes(callId: number, outcome: number, answer: Packed): Uint8Array | undefined {
  if (!isUint(callId) || !isUint(outcome) || outcome > 0x7f) return undefined;
  const bytes = new Uint8Array(answer.byteLength + 16);
  let at = 0;
  bytes[at++] = 0x93;
  at = writeUint(bytes, at, callId);
  bytes[at++] = outcome;
  at = writeBin(bytes, at, answer);
  return bytes.subarray(0, at);
}

/**
 * `__fxcb_done:<hub>` when it is (callId, `outcome`, packed answer), as lua/protocol.lua raises an answer: the call id
 * and the answer (copied out of the event's bytes); else undefined (another outcome, or not these bytes).
 */
export function readPackedAnswer(bytes: Uint8Array, outcome: number): { callId: number; packed: Packed } | undefined {
  if (bytes[0] !== 0x93) return undefined;
  const callId = readUint(bytes, 1);
  if (!callId || bytes[callId.end] !== outcome) return undefined;
  const bin = readBinHeader(bytes, callId.end + 1);
  if (!bin || bin.start + bin.length !== bytes.length) return undefined;
  const packed = new Uint8Array(bin.length);
  packed.set(bytes.subarray(bin.start, bin.start + bin.length));
  return { callId: callId.value, packed: packed.buffer };
}

function isUint(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= 0xffffffff;
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** msgpack's shortest unsigned integer, as msgpack-lite and lua-cmsgpack write it. */
function writeUint(bytes: Uint8Array, at: number, value: number): number {
  if (value <= 0x7f) {
    bytes[at] = value;
    return at + 1;
  }
  if (value <= 0xff) {
    bytes[at] = 0xcc;
    bytes[at + 1] = value;
    return at + 2;
  }
  if (value <= 0xffff) {
    bytes[at] = 0xcd;
    return writeBigEndian(bytes, at + 1, value, 2);
  }
  bytes[at] = 0xce;
  return writeBigEndian(bytes, at + 1, value, 4);
}

/** A str as msgpack-lite writes it (str 8 from 32 bytes on). */
function writeAscii(bytes: Uint8Array, at: number, text: string): number {
  const n = text.length;
  if (n <= 31) bytes[at++] = 0xa0 + n;
  else at = writeLength(bytes, at, n, 0xff, [0xd9, 0xda, 0xdb]);
  for (let i = 0; i < n; i++) bytes[at + i] = text.charCodeAt(i);
  return at + n;
}

/** A bin as msgpack-lite writes an ArrayBuffer: bin 8 up to 254 bytes (not 255: msgpack-lite's own rule). */
function writeBin(bytes: Uint8Array, at: number, value: Packed): number {
  const n = value.byteLength;
  at = writeLength(bytes, at, n, 0xfe, [0xc4, 0xc5, 0xc6]);
  bytes.set(new Uint8Array(value), at);
  return at + n;
}

/** The type byte of a family with 8, 16 and 32-bit lengths, then the length; `max8`: the longest the 8-bit one takes. */
function writeLength(bytes: Uint8Array, at: number, n: number, max8: number, [type8, type16, type32]: [number, number, number]): number {
  if (n <= max8) {
    bytes[at] = type8;
    bytes[at + 1] = n;
    return at + 2;
  }
  bytes[at] = n <= 0xffff ? type16 : type32;
  return writeBigEndian(bytes, at + 1, n, n <= 0xffff ? 2 : 4);
}

function writeBigEndian(bytes: Uint8Array, at: number, value: number, width: 2 | 4): number {
  for (let i = width - 1; i >= 0; i--) {
    bytes[at + i] = value & 0xff;
    value = Math.floor(value / 256);
  }
  return at + width;
}

function readBigEndian(bytes: Uint8Array, at: number, width: 1 | 2 | 4): number | undefined {
  if (at + width > bytes.length) return undefined;
  let value = 0;
  for (let i = 0; i < width; i++) value = value * 256 + bytes[at + i]!;
  return value;
}

function readUint(bytes: Uint8Array, at: number): { value: number; end: number } | undefined {
  const b = bytes[at];
  if (b === undefined) return undefined;
  if (b <= 0x7f) return { value: b, end: at + 1 };
  const width = b === 0xcc ? 1 : b === 0xcd ? 2 : b === 0xce ? 4 : undefined;
  const value = width && readBigEndian(bytes, at + 1, width);
  return value === undefined || width === undefined ? undefined : { value, end: at + 1 + width };
}

function readBinHeader(bytes: Uint8Array, at: number): { start: number; length: number } | undefined {
  const b = bytes[at];
  const width = b === 0xc4 ? 1 : b === 0xc5 ? 2 : b === 0xc6 ? 4 : undefined;
  const length = width && readBigEndian(bytes, at + 1, width);
  return length === undefined || width === undefined ? undefined : { start: at + 1 + width, length };
}
