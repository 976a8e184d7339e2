/**
 * Host-side (Node realm) msgpack helpers. Scripts never use these: every context loads its own copy of
 * msgpack-lite's browser build and packs/unpacks inside itself, as FiveM does. The host only packs arguments of
 * events the runtime itself raises (`playerJoining`, `onResourceStart`, ...) and decodes previews for
 * {@link Packet.args}.
 */
import * as fs from 'fs';
import * as path from 'path';
import { createRequire } from 'module';
import msgpack from 'msgpack-lite';

/** The msgpack ext type FiveM packs function references as. */
export const EXT_FUNCREF = 10;
/** FiveM's ext type of a local function reference; unpacked like {@link EXT_FUNCREF}, never packed here. */
export const EXT_LOCALFUNCREF = 11;

/** How a function reference shows up in a host-side preview. */
export class FunctionRefPreview {
  constructor(
    /** The reference string, `<resource>:<instance>:<index>`. */
    readonly ref: string,
  ) {}

  /** `[FunctionRef <ref>]`. */
  toString(): string {
    return `[FunctionRef ${this.ref}]`;
  }
}

const hostCodec = msgpack.createCodec({ preset: false, binarraybuffer: true, uint8array: true } as msgpack.CodecOptions);
hostCodec.addExtUnpacker(EXT_FUNCREF, (b: Uint8Array) => new FunctionRefPreview(Buffer.from(b).toString('utf8')));
hostCodec.addExtUnpacker(EXT_LOCALFUNCREF, (b: Uint8Array) => new FunctionRefPreview(Buffer.from(b).toString('utf8')));
// The host passes its own function references (host-functions.ts) to scripts as what they are.
hostCodec.addExtPacker(EXT_FUNCREF, FunctionRefPreview, (p: FunctionRefPreview) => Buffer.from(p.ref, 'utf8'));

/** Packs values the runtime itself sends (plain data only). */
export function hostPack(value: unknown): Uint8Array {
  return copyBytes(msgpack.encode(value, { codec: hostCodec }));
}

/** Decodes bytes in the Node realm; function references become {@link FunctionRefPreview}. */
export function hostUnpack(bytes: Uint8Array): unknown {
  return msgpack.decode(bytes as Buffer, { codec: hostCodec });
}

/** A Node-realm copy of bytes coming from any realm (typed arrays of other realms are read element-wise). */
export function copyBytes(bytes: ArrayLike<number>): Uint8Array {
  return Uint8Array.from(bytes as ArrayLike<number>);
}

function localRequire(): NodeRequire {
  // `require` exists when this file runs as CommonJS (ts-jest, the esbuild bundle); otherwise resolve from cwd.
  return typeof require === 'function' ? require : createRequire(path.join(process.cwd(), 'noop.js'));
}

let cachedSource: { path: string; code: string } | undefined;

/** Source of msgpack-lite's browser build, which every context evaluates. */
export function msgpackBrowserSource(overridePath?: string): { path: string; code: string } {
  const file = overridePath ?? localRequire().resolve('msgpack-lite/dist/msgpack.min.js');
  if (cachedSource?.path !== file) cachedSource = { path: file, code: fs.readFileSync(file, 'utf8') };
  return cachedSource;
}

/** A Node `require` rooted at `dir`, given to server contexts (FiveM's server runtime is Node). */
export function requireFrom(dir: string): NodeRequire {
  return createRequire(path.join(path.resolve(dir), '__resource__.js'));
}
