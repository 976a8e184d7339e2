/**
 * A Lua resource runtime on wasmoon (Lua 5.4): one Lua state per resource per machine, like FiveM's per-resource
 * CfxLua runtimes, plugged into the same machines, event bus and function-reference registry as the JS runtime.
 *
 * The state gets the machine's natives as globals, then the prelude (`lua-codec.ts`, `lua-promise.ts`,
 * `lua-citizen.ts`): msgpack with CfxLua's rules, json, promises, the thread scheduler, events, exports and
 * function references. Everything the scripts do that crosses the state goes through {@link LuaRuntime.bridge}
 * as msgpack bytes (hex strings in transit); the host calls into the state through the prelude's entry table.
 *
 * wasmoon loads its WebAssembly asynchronously, so a test calls `await loadLua()` once (e.g. in `beforeAll`)
 * before starting a resource with Lua scripts; worlds register this runtime for `.lua` scripts by default.
 */
import type { LuaEngine, LuaWasm } from 'wasmoon';
import { hostUnpack } from '../codec';
import type { LogLevel } from '../log';
import type { Machine } from '../machine';
import type { ResourceDefinition, RuntimeFactory, Script, ScriptRuntime } from '../runtime';
import { isFiveMNative } from '../natives-shared';
import { joaat, translateCfxLua } from './cfx-syntax';
import { LUA_CFX_SOURCE } from './lua-cfx';
import { LUA_CITIZEN_SOURCE } from './lua-citizen';
import { LUA_CODEC_SOURCE } from './lua-codec';
import { LUA_PROMISE_SOURCE } from './lua-promise';
import { LUA_VECTOR_SOURCE } from './lua-vector';

type Wasmoon = typeof import('wasmoon');

interface LoadedLua {
  wasmoon: Wasmoon;
  wasm: LuaWasm;
}

let loaded: LoadedLua | undefined;
let loading: Promise<LoadedLua> | undefined;

/**
 * Loads wasmoon's WebAssembly module (once per process). Needed before the first Lua resource starts; under jest
 * run with `NODE_OPTIONS=--experimental-vm-modules` (wasmoon imports its glue dynamically).
 */
export async function loadLua(): Promise<void> {
  if (loaded) return;
  loading ??= (async () => {
    const wasmoon: Wasmoon = await import('wasmoon');
    const wasm = await wasmoon.LuaWasm.initialize();
    return { wasmoon, wasm };
  })();
  loaded = await loading;
}

/** Is the Lua runtime ready (see {@link loadLua})? */
export function isLuaLoaded(): boolean {
  return loaded !== undefined;
}

/** What the prelude's `__cfx_entries` table holds, as wasmoon hands it over. */
interface Entries {
  load(code: string, chunkName: string): boolean;
  dispatchEvent(name: string, payloadHex: string, source: string): void;
  callRef(ref: number, argsHex: string): string;
  duplicateRef(ref: number): number;
  deleteRef(ref: number): void;
  callCommand(id: number, argsHex: string): void;
  tick(): number;
  threadCount(): number;
  eval(code: string): string;
}

const PRELUDE: Array<[string, string]> = [
  ['@citizen:/scripting/lua/codec.lua', LUA_CODEC_SOURCE],
  ['@citizen:/scripting/lua/cfxlua.lua', LUA_CFX_SOURCE],
  ['@citizen:/scripting/lua/vector.lua', LUA_VECTOR_SOURCE],
  ['@citizen:/scripting/lua/deferred.lua', LUA_PROMISE_SOURCE],
  ['@citizen:/scripting/lua/scheduler.lua', LUA_CITIZEN_SOURCE],
];

const toHex = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
const fromHex = (hex: unknown): Uint8Array => Uint8Array.from(Buffer.from(String(hex), 'hex'));
/** Lua strings cross as hex; one JS character per byte keeps every byte as it was. */
const bytesOfHex = (hex: unknown): string => Buffer.from(String(hex), 'hex').toString('latin1');
const hexOfBytes = (text: string): string => Buffer.from(text, 'latin1').toString('hex');
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** A Lua resource runtime on wasmoon (Lua 5.4): one Lua state per resource per machine, like FiveM's CfxLua runtimes. */
export class LuaRuntime implements ScriptRuntime {
  readonly language = 'lua';
  private readonly engine: LuaEngine;
  private readonly entries: Entries;
  private readonly handledEvents = new Set<string>();
  private pendingDeletes: string[] = [];
  /** Game time (GetGameTimer) of the earliest thread wake-up the state reported; Infinity if none. */
  private nextWake = Number.POSITIVE_INFINITY;
  private depth = 0;
  private isStopped = false;
  private isClosed = false;

  constructor(
    /** The machine the resource runs on. */
    readonly machine: Machine,
    readonly resource: string,
    readonly instance: number,
    _definition: ResourceDefinition,
  ) {
    if (!loaded) throw new Error('the Lua runtime is not loaded: `await loadLua()` (from fxcallbacks testing) before starting a resource with Lua scripts');
    const { wasmoon, wasm } = loaded;
    this.engine = new wasmoon.LuaEngine(wasm, { openStandardLibs: true, injectObjects: false, enableProxy: false });
    const global = this.engine.global;

    const natives = machine.nativesFor(this);
    const luaNatives: Record<string, (...args: unknown[]) => unknown> = {};
    for (const name of Object.keys(natives)) {
      const native = natives[name]!;
      luaNatives[name] = (...args: unknown[]) => {
        if (this.isStopped) return undefined;
        const result = native(...args);
        // wasmoon cannot push JS null (and undefined pushes no value: the prelude adjusts each to one nil)
        return result === null ? undefined : result;
      };
    }
    global.set('__cfx_internal', { host: this.bridge(wasmoon), natives: luaNatives });
    for (const [chunkName, source] of PRELUDE) {
      global.loadString(source, chunkName);
      global.runSync();
    }
    this.entries = global.get('__cfx_entries') as Entries;
    global.set('__cfx_entries', undefined);
    const seed = (machine.world.options.seed * 1000003 + instance) % 2147483647;
    global.loadString(`math.randomseed(${seed})`, '=seed');
    global.runSync();
  }

  get stopped(): boolean {
    return this.isStopped;
  }

  /** Threads the scheduler holds (running, waiting or awaiting), for tests that check a resource cleaned up. */
  get threadCount(): number {
    if (this.isStopped) return 0;
    return Number(this.call(() => this.entries.threadCount()));
  }

  load(scripts: Script[]): void {
    scripts.forEach((script, i) => {
      // FiveM names chunks '@@res/file.lua': Lua drops one '@', so messages read '@res/file.lua:3: ...'.
      const chunkName = `@@${this.resource}/${script.filename ?? `script_${i}.lua`}`;
      this.call(() => this.entries.load(script.code, chunkName));
    });
  }

  /**
   * Runs Lua code in this state (for tests), as top-level code of the resource: not in a thread. Returns the
   * values it returns, through msgpack (tables become arrays or objects, functions {@link FunctionRefPreview}s).
   * Throws the Lua error if it fails.
   */
  runAll(code: string): unknown[] {
    if (this.isStopped) throw new Error(`resource ${this.resource} is stopped`);
    const answer = this.call(() => this.entries.eval(code));
    if (answer[0] !== 'O') throw new Error(answer.slice(1));
    return hostUnpack(fromHex(answer.slice(1))) as unknown[];
  }

  /** The first value {@link runAll} gives. */
  run<T = unknown>(code: string): T {
    return this.runAll(code)[0] as T;
  }

  /** A global of the state, as plain data (`get('results')`). */
  get<T = unknown>(name: string): T {
    return this.run<T>(`return ${name}`);
  }

  handlesEvent(name: string): boolean {
    return !this.isStopped && this.handledEvents.has(name);
  }

  dispatchEvent(name: string, payload: Uint8Array, source: string): void {
    if (this.isStopped) return;
    this.call(() => this.entries.dispatchEvent(name, toHex(payload), source));
  }

  callRef(ref: number, args: Uint8Array): Uint8Array {
    if (this.isStopped) throw new Error(`resource ${this.resource} is stopped`);
    return fromHex(this.call(() => this.entries.callRef(ref, toHex(args))));
  }

  duplicateRef(ref: number): number {
    if (this.isStopped) return -1;
    return Number(this.call(() => this.entries.duplicateRef(ref)));
  }

  deleteRef(ref: number): void {
    if (!this.isStopped) this.call(() => this.entries.deleteRef(ref));
  }

  callCommand(handler: unknown, args: Uint8Array): void {
    if (this.isStopped) return;
    this.call(() => this.entries.callCommand(Number(handler), toHex(args)));
  }

  runFrame(frameTime: number): boolean {
    if (this.isStopped) return false;
    if (frameTime + this.machine.clockOffsetMs < this.nextWake) return false;
    const earliest = Number(this.call(() => this.entries.tick()));
    this.nextWake = earliest < 0 ? Number.POSITIVE_INFINITY : earliest;
    return true;
  }

  ownsPromise(_promise: unknown): boolean {
    return false; // Lua promises are Lua tables; no JS promise belongs to this runtime
  }

  reportUnhandledRejection(_reason: unknown): void {}

  stop(): void {
    if (this.isStopped) return;
    this.isStopped = true;
    this.handledEvents.clear();
    this.nextWake = Number.POSITIVE_INFINITY;
    if (this.depth === 0) this.afterCalls();
  }

  /** Every call into the state: the machine sees this resource running; cleanup waits until the state is idle. */
  private call<T>(fn: () => T): T {
    if (this.isClosed) throw new Error(`the Lua state of ${this.resource} is closed`);
    this.depth++;
    try {
      return this.machine.enter(this, fn);
    } finally {
      this.depth--;
      if (this.depth === 0) this.afterCalls();
    }
  }

  /** References the state's garbage collector dropped are released; a stopped state is closed. */
  private afterCalls(): void {
    if (this.isStopped && !this.isClosed) {
      this.isClosed = true;
      this.engine.global.close(); // runs the finalizers, which queue their references
    }
    while (this.pendingDeletes.length > 0) {
      const refs = this.pendingDeletes;
      this.pendingDeletes = [];
      for (const ref of refs) this.machine.deleteRef(ref);
    }
  }

  /** A thread will want to run at game time `gameTime`: make sure the machine has a frame then. */
  private noteWake(gameTime: number): void {
    if (this.isStopped || !Number.isFinite(gameTime)) return;
    if (gameTime < this.nextWake) this.nextWake = gameTime;
    this.machine.requestFrame(gameTime - this.machine.clockOffsetMs);
  }

  /**
   * The `host` table the prelude closes over. Once the resource stopped, everything that would reach another
   * resource is inert.
   */
  private bridge(wasmoon: Wasmoon): Record<string, unknown> {
    const machine = this.machine;
    const live =
      <A extends unknown[], R>(fn: (...args: A) => R) =>
      (...args: A): R | undefined =>
        this.isStopped ? undefined : fn(...args);
    return {
      isServer: machine.kind === 'server',
      resourceName: this.resource,
      null: wasmoon.decorateUserdata({}),
      log: live((level: unknown, text: unknown) => machine.log(this.resource, String(level) as LogLevel, String(text))),
      epochMs: () => machine.epochNow(),
      wake: (gameTime: unknown) => this.noteWake(Number(gameTime)),
      canonicalizeRef: (ref: unknown) => machine.refString(this, Number(ref)),
      invokeRef: (ref: unknown, argsHex: unknown) => {
        if (this.isStopped) return `Eresource ${this.resource} is stopped`;
        try {
          return `O${toHex(machine.callRef(String(ref), fromHex(argsHex), this))}`;
        } catch (error) {
          return `E${messageOf(error)}`;
        }
      },
      duplicateRef: live((ref: unknown) => void machine.duplicateRef(String(ref))),
      queueDelete: (ref: unknown) => void this.pendingDeletes.push(String(ref)),
      registerEventHandler: live((name: unknown) => void this.handledEvents.add(String(name))),
      triggerEvent: live((name: unknown, payloadHex: unknown) => machine.triggerLocal(String(name), fromHex(payloadHex), '', this)),
      triggerClientEvent: live((name: unknown, target: unknown, payloadHex: unknown) =>
        machine.sendToClients(this, String(name), target, fromHex(payloadHex), null),
      ),
      triggerLatentClientEvent: live((name: unknown, target: unknown, payloadHex: unknown, bps: unknown) =>
        machine.sendToClients(this, String(name), target, fromHex(payloadHex), Number(bps)),
      ),
      triggerServerEvent: live((name: unknown, payloadHex: unknown) => machine.sendToServer(this, String(name), fromHex(payloadHex), null)),
      triggerLatentServerEvent: live((name: unknown, payloadHex: unknown, bps: unknown) =>
        machine.sendToServer(this, String(name), fromHex(payloadHex), Number(bps)),
      ),
      translate: (sourceHex: unknown) => hexOfBytes(translateCfxLua(bytesOfHex(sourceHex))),
      joaat: (textHex: unknown) => joaat(bytesOfHex(textHex)),
      isNative: (name: unknown) => isFiveMNative(machine.kind, String(name)),
      registerCommand: live((name: unknown, id: unknown, restricted: unknown) => machine.registerCommand(this, String(name), Number(id), restricted === true)),
    };
  }
}

/** The factory worlds register for `'lua'`. */
export const luaRuntimeFactory: RuntimeFactory = (machine, resource, instance, definition) => new LuaRuntime(machine, resource, instance, definition);

/** A resource's Lua runtime on a machine; throws if it has none (no Lua scripts there, or stopped). */
export function luaOf(machine: Machine, resource: string): LuaRuntime {
  const runtime = machine.resource(resource).runtime('lua');
  if (!(runtime instanceof LuaRuntime)) throw new Error(`resource ${resource} has no Lua runtime on ${machine.name}`);
  return runtime;
}
