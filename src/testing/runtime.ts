/**
 * The contract between a machine and the script runtimes it hosts. FiveM gives every resource its own runtime per
 * language; a machine only ever talks to a runtime through this interface, so another language (Lua through
 * wasmoon) can plug into the same machines, event bus and function-reference registry.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Machine } from './machine';

/** One script file of a resource. */
export interface Script {
  /** The source text, run as a classic script (no ESM, no `module`). */
  code: string;
  /** Name for stack traces; shown as `@<resource>/<filename>`. */
  filename?: string;
  /** Runtime language; defaults to `'lua'` for `*.lua` filenames and `'js'` otherwise. */
  language?: string;
}

/** What `world.startResource` takes. */
export interface ResourceDefinition {
  /** The resource's name, as `GetCurrentResourceName` gives it. */
  name: string;
  /** Scripts loaded on both sides, before the side-specific ones (`shared_scripts`). */
  shared?: Script[];
  /** `server_scripts`. */
  server?: Script[];
  /** `client_scripts`. */
  client?: Script[];
  /**
   * The resource's folder: what `GetResourcePath` returns, where `LoadResourceFile` reads and server scripts'
   * `require` resolves from (default: no folder; `require` resolves from the current working directory).
   */
  dir?: string;
  /** Files `LoadResourceFile` reads without a folder (path in the resource → content); they win over `dir`. */
  files?: Record<string, string>;
  /**
   * Files clients receive besides the client and shared scripts (the manifest's `files`; `*` and `**` globs):
   * a client's `LoadResourceFile` reads only those, the scripts and `fxmanifest.lua`.
   */
  clientFiles?: string[];
  /** Resources started before this one (the manifest's `dependency`/`dependencies`). */
  dependencies?: string[];
  /** The manifest's entries by key, as `GetResourceMetadata(name, key, index)` reads them. */
  metadata?: Record<string, string[]>;
}

/** Reads a script from disk, for `dist/server.js`-style bundles. */
export function scriptFile(file: string, language?: string): Script {
  const script: Script = { code: fs.readFileSync(file, 'utf8'), filename: path.basename(file) };
  if (language) script.language = language;
  return script;
}

/** The language a script runs in. */
export function scriptLanguage(script: Script): string {
  return script.language ?? (script.filename?.endsWith('.lua') ? 'lua' : 'js');
}

/**
 * One language runtime of one started resource on one machine.
 *
 * Byte arrays crossing this interface are Node-realm `Uint8Array`s owned by the receiver: a runtime copies them
 * into its own realm before decoding, so no object is ever shared between two resources.
 */
export interface ScriptRuntime {
  /** Resource name. */
  readonly resource: string;
  /** Unique in the world for each start of a resource on a machine; part of function-reference strings. */
  readonly instance: number;
  /** `'js'`, `'lua'`, ... */
  readonly language: string;
  /** True once {@link stop} ran. */
  readonly stopped: boolean;
  /** Runs the resource's scripts. Errors are logged, not thrown (FiveM keeps going). */
  load(scripts: Script[]): void;
  /**
   * Did this runtime ever listen to `name`? FiveM only calls a runtime's event function for names it
   * registered (`RegisterResourceAsEventHandler`).
   */
  handlesEvent(name: string): boolean;
  /**
   * Delivers an event. `payload` is the msgpack of the argument array; `source` is FiveM's raw source string:
   * `''` for local events, `'net:<id>'` for network events, `'internal-net:<id>'` for server-raised player events.
   */
  dispatchEvent(name: string, payload: Uint8Array, source: string): void;
  /** Calls function reference number `ref` with packed args; returns packed `[ok, ...results]`. */
  callRef(ref: number, args: Uint8Array): Uint8Array;
  /** Another holder keeps reference `ref`; returns `ref`, or -1 if it does not exist. */
  duplicateRef(ref: number): number;
  /** A holder dropped reference `ref`. */
  deleteRef(ref: number): void;
  /** Runs a command handler this runtime registered; `args` is the packed `[source, args, rawCommand]`. */
  callCommand(handler: unknown, args: Uint8Array): void;
  /**
   * The game frame at `frameTime`: timers, tick handlers, threads, in one call into script code. Returns whether
   * timers, tick handlers or threads ran (a microtask checkpoint alone does not count).
   */
  runFrame(frameTime: number): boolean;
  /** Does this promise belong to this runtime's realm? Used to report unhandled rejections per resource. */
  ownsPromise(promise: unknown): boolean;
  /** Reports an unhandled promise rejection the way the runtime prints it. */
  reportUnhandledRejection(reason: unknown): void;
  /** Tears down: listeners, timers, references and exports are gone; later calls into it are inert. */
  stop(): void;
}

/** Creates a runtime for one resource on one machine; registered per language with `world.registerRuntime`. */
export type RuntimeFactory = (machine: Machine, resource: string, instance: number, definition: ResourceDefinition) => ScriptRuntime;
