/**
 * A JavaScript resource runtime: one `vm` context per resource per machine, like FiveM's per-resource V8
 * runtimes. The context gets msgpack-lite's browser build, the bootstrap from `js-bootstrap.ts`, the natives of
 * its machine's side, and then the resource's scripts as classic scripts.
 *
 * Client contexts hold only CitizenFX-like globals and JS builtins. Server contexts also get what FiveM's Node
 * runtime has: `require`, `process`, `Buffer`, `global` and a few Node globals (see {@link nodeGlobals}).
 */
import * as vm from 'vm';
import { formatWithOptions } from 'util';
import { TextDecoder, TextEncoder } from 'util';
import { URL, URLSearchParams } from 'url';
import { copyBytes, msgpackBrowserSource, requireFrom } from './codec';
import { JS_BOOTSTRAP_SOURCE } from './js-bootstrap';
import type { HttpResponder } from './http';
import type { LogLevel } from './log';
import type { Machine } from './machine';
import type { ResourceDefinition, Script, ScriptRuntime } from './runtime';
import { TimerTable } from './timers';

/** What the bootstrap returns: the entry points the host calls into the context through. */
interface ContextHooks {
  dispatchEvent(name: string, payload: Uint8Array, source: string): void;
  callRef(ref: number, args: Uint8Array): Uint8Array;
  duplicateRef(ref: number): number;
  deleteRef(ref: number): void;
  callCommand(handler: unknown, args: Uint8Array): void;
  callHttpHandler(handler: unknown, request: Uint8Array, responder: HttpResponder): void;
  printError(where: string, error: unknown): void;
  unhandledRejection(reason: unknown): void;
  /** JSON of `{ [eventName]: listenerCount }` for names with at least one listener. */
  listenerCounts(): string;
}

const scriptCache = new Map<string, vm.Script>();

/** Running it in a context with its own microtask queue drains that queue (a V8 microtask checkpoint). */
const CHECKPOINT = new vm.Script('', { filename: 'citizen:/microtask-checkpoint' });

/** Compiled scripts are shared by every context that runs them (a `vm.Script` may run in many contexts). */
function compile(code: string, filename: string): vm.Script {
  const key = `${filename}\u0000${code}`;
  let script = scriptCache.get(key);
  if (!script) {
    script = new vm.Script(code, { filename });
    scriptCache.set(key, script);
  }
  return script;
}

/** Node globals FiveM's server runtime has and a bare V8 context lacks. */
function nodeGlobals(definition: ResourceDefinition): Record<string, unknown> {
  return {
    require: requireFrom(definition.dir ?? process.cwd()),
    process,
    Buffer,
    TextEncoder,
    TextDecoder,
    URL,
    URLSearchParams,
    structuredClone: (globalThis as { structuredClone?: unknown }).structuredClone,
    atob,
    btoa,
  };
}

/** Finalizer for function references a context dropped: FiveM deletes the reference when its wrapper is GC'd. */
const refFinalizer = new FinalizationRegistry<{ machine: Machine; ref: string }>(({ machine, ref }) => {
  machine.deleteRef(ref);
});

/** A JavaScript resource runtime: one `vm` context per resource per machine, like FiveM's V8 runtimes. */
export class JsRuntime implements ScriptRuntime {
  readonly language = 'js';
  /** The resource's `vm` context. */
  readonly context: vm.Context;
  /** The context's global object (what scripts see as `globalThis`). */
  readonly globals: Record<string, any>;
  private readonly hooks: ContextHooks;
  private readonly timers: TimerTable;
  private readonly handledEvents = new Set<string>();
  private readonly RealmUint8Array: Uint8ArrayConstructor;
  private readonly promiseProto: object;
  private tickedFrame: number | undefined;
  private isStopped = false;
  private readonly drainsPerCall: boolean;

  constructor(
    /** The machine the resource runs on. */
    readonly machine: Machine,
    readonly resource: string,
    readonly instance: number,
    definition: ResourceDefinition,
  ) {
    const isServer = machine.kind === 'server';
    const sandbox: Record<string, unknown> = isServer ? nodeGlobals(definition) : {};
    // Each runtime has a microtask queue of its own (`v8::MicrotaskQueue::New`, explicit policy, in
    // V8ScriptRuntime.cpp and NodeScriptRuntime.cpp). The client's V8 drains it when each call into the runtime
    // ends (FxMicrotaskScope); FXServer's Node runtime only in the resource's own tick (timer.js ends every tick
    // with `process._tickCallback()`), unless the world models an older server build (`serverMicrotasks`).
    this.drainsPerCall = !isServer || machine.world.options.serverMicrotasks === 'perCall';
    this.context = vm.createContext(sandbox, { name: `${machine.name}/${resource}`, microtaskMode: 'afterEvaluate' });
    this.globals = vm.runInContext('globalThis', this.context);
    if (isServer) {
      this.globals.global = this.globals;
      // Node's `queueMicrotask` queues in the calling context's own queue.
      this.globals.queueMicrotask = vm.runInContext('(callback) => void Promise.resolve().then(() => callback())', this.context);
    }
    this.RealmUint8Array = vm.runInContext('Uint8Array', this.context);
    this.promiseProto = vm.runInContext('Promise.prototype', this.context);

    this.timers = new TimerTable(
      {
        frameMs: machine.frameMs,
        gameTime: () => machine.gameTimeFor(this.tickedFrame),
        requestFrame: (at) => machine.requestFrame(at),
      },
      (where, error) => this.hooks.printError(where, error),
    );

    const lib = msgpackBrowserSource(machine.world.options.msgpackPath);
    compile(lib.code, lib.path).runInContext(this.context);
    const bootstrap = compile(JS_BOOTSTRAP_SOURCE, 'citizen:/scripting/v8/main.js').runInContext(this.context);
    this.hooks = bootstrap(this.globals, this.bridge());
    const natives = machine.nativesFor(this);
    for (const name of Object.keys(natives)) this.globals[name] = natives[name];
  }

  get stopped(): boolean {
    return this.isStopped;
  }

  /**
   * Event listeners this context holds, per event name (names without listeners are left out), for tests that
   * check a resource added no listener per call and left none behind. Empty once the runtime stopped.
   */
  get listenerCounts(): Record<string, number> {
    if (this.isStopped) return {};
    return JSON.parse(this.hooks.listenerCounts()) as Record<string, number>;
  }

  /** Timer/ticker counts, for tests that check a resource cleaned up. */
  get timerCounts(): {
    /** Live `setTimeout`, `setInterval` and `setImmediate` timers. */
    timers: number;
    /** Live `setTick` handlers. */
    tickers: number;
  } {
    return this.timers.counts;
  }

  load(scripts: Script[]): void {
    scripts.forEach((script, i) => {
      const filename = `@${this.resource}/${script.filename ?? `script_${i}.js`}`;
      this.machine.enter(this, () => {
        try {
          compile(script.code, filename).runInContext(this.context);
        } catch (error) {
          this.hooks.printError(`script ${filename}`, error);
        }
      });
    });
  }

  /** Evaluates code in this context (for tests), with this resource as the running one. */
  run(code: string, filename = `@${this.resource}/eval.js`): any {
    return this.machine.enter(this, () => compile(code, filename).runInContext(this.context));
  }

  handlesEvent(name: string): boolean {
    return !this.isStopped && this.handledEvents.has(name);
  }

  dispatchEvent(name: string, payload: Uint8Array, source: string): void {
    if (this.isStopped) return;
    this.call(() => {
      try {
        this.hooks.dispatchEvent(name, this.toRealm(payload), source);
      } catch (error) {
        // main.js does not guard unpacking; the error escapes to the runtime, which prints it.
        this.hooks.printError(`event ${name}`, error);
      }
    });
  }

  callRef(ref: number, args: Uint8Array): Uint8Array {
    if (this.isStopped) throw new Error(`resource ${this.resource} is stopped`);
    return copyBytes(this.call(() => this.hooks.callRef(ref, this.toRealm(args))));
  }

  duplicateRef(ref: number): number {
    return this.isStopped ? -1 : this.hooks.duplicateRef(ref);
  }

  deleteRef(ref: number): void {
    if (!this.isStopped) this.hooks.deleteRef(ref);
  }

  callCommand(handler: unknown, args: Uint8Array): void {
    if (this.isStopped) return;
    this.call(() => {
      try {
        this.hooks.callCommand(handler, this.toRealm(args));
      } catch (error) {
        this.hooks.printError('command', error);
      }
    });
  }

  /** @internal Calls a resource's `SetHttpHandler` handler with `req` and `res` built in its realm. */
  callHttpHandler(handler: unknown, request: Uint8Array, responder: HttpResponder): void {
    this.callHttp('http handler', () => this.hooks.callHttpHandler(handler, this.toRealm(request), responder));
  }

  /** @internal Runs a call into the resource for its HTTP handler (the handler, its data or cancel handler). */
  callHttp(where: string, call: () => void): void {
    if (this.isStopped) return;
    this.call(() => {
      try {
        call();
      } catch (error) {
        this.hooks.printError(where, error);
      }
    });
  }

  /**
   * The resource's tick: its timers and tick handlers, if it has any, then (on FXServer) its microtask queue.
   * FXServer calls every resource's tick every frame, so a server runtime that drains per tick is always called.
   * Returns whether timers or tick handlers ran.
   */
  runFrame(frameTime: number): boolean {
    if (this.isStopped) return false;
    const hasTimers = this.timers.active;
    if (!hasTimers && this.drainsPerCall) {
      this.tickedFrame = frameTime;
      return false;
    }
    this.machine.enter(this, () => {
      try {
        if (hasTimers) this.timers.runFrame(frameTime);
      } finally {
        this.tickedFrame = frameTime;
        this.drainOwnQueue();
      }
    });
    return hasTimers;
  }

  /** A call into the runtime (an event, a function reference, a command); ends with a checkpoint on V8. */
  private call<T>(fn: () => T): T {
    return this.machine.enter(this, () => {
      try {
        return fn();
      } finally {
        if (this.drainsPerCall) this.drainOwnQueue();
      }
    });
  }

  /** @internal Drains this context's own microtask queue (a V8 microtask checkpoint). */
  drainOwnQueue(): void {
    if (!this.isStopped) CHECKPOINT.runInContext(this.context);
  }

  /**
   * @internal The queue of a stopped context holds only what the host put there (a test awaiting the stopped
   * resource's promises: `then` jobs run in the promise's context); the resource's own code is inert by then.
   */
  drainHostJobsAfterStop(): void {
    if (this.isStopped) CHECKPOINT.runInContext(this.context);
  }

  ownsPromise(promise: unknown): boolean {
    return typeof promise === 'object' && promise !== null && Object.getPrototypeOf(promise) === this.promiseProto;
  }

  reportUnhandledRejection(reason: unknown): void {
    this.machine.enter(this, () => this.hooks.unhandledRejection(reason));
  }

  stop(): void {
    if (this.isStopped) return;
    // FXServer's Node runtime, torn down, emits process 'beforeExit' and 'exit' (NodeScriptRuntime::Destroy)
    // through Node's callback scope, whose end drains the queue one last time.
    if (!this.drainsPerCall) this.machine.enter(this, () => this.drainOwnQueue());
    this.isStopped = true;
    this.timers.clearAll();
    this.handledEvents.clear();
  }

  private toRealm(bytes: Uint8Array): Uint8Array {
    return new this.RealmUint8Array(bytes);
  }

  /**
   * The `host` object the bootstrap closes over. Once the resource stopped every entry is inert: a dead
   * resource's leftover promise callbacks cannot send, schedule or log anything.
   */
  private bridge(): Record<string, unknown> {
    const machine = this.machine;
    const live =
      <A extends unknown[], R>(fn: (...args: A) => R, fallback?: R) =>
      (...args: A): R =>
        this.isStopped ? (fallback as R) : fn(...args);
    return {
      isServer: machine.kind === 'server',
      resourceName: this.resource,
      epochNow: () => machine.epochNow(),
      gameTimer: () => machine.gameTimer(),
      log: live((level: LogLevel, args: unknown[]) => machine.log(this.resource, level, formatWithOptions({ colors: false }, ...args))),
      processWarning: live((text: string) => machine.log(this.resource, 'warn', text)),
      canonicalizeRef: (ref: number) => machine.refString(this, ref),
      makeFunctionReference: (serialized: Uint8Array) => {
        const ref = Buffer.from(copyBytes(serialized)).toString('utf8');
        machine.duplicateRef(ref);
        const call = (args: Uint8Array): Uint8Array => this.toRealm(machine.callRef(ref, copyBytes(args), this));
        refFinalizer.register(call, { machine, ref });
        return call;
      },
      getInvokingResource: () => machine.invokingResource(),
      getResourceState: (name: string) => machine.resourceState(name),
      registerEventHandler: live((name: string) => void this.handledEvents.add(String(name))),
      triggerEvent: live((name: string, payload: Uint8Array) => machine.triggerLocal(String(name), copyBytes(payload), '', this)),
      triggerClientEvent: live((name: string, target: unknown, payload: Uint8Array) =>
        machine.sendToClients(this, String(name), target, copyBytes(payload), null),
      ),
      triggerLatentClientEvent: live((name: string, target: unknown, payload: Uint8Array, bps: unknown) =>
        machine.sendToClients(this, String(name), target, copyBytes(payload), Number(bps)),
      ),
      triggerServerEvent: live((name: string, payload: Uint8Array) => machine.sendToServer(this, String(name), copyBytes(payload), null)),
      triggerLatentServerEvent: live((name: string, payload: Uint8Array, bps: unknown) =>
        machine.sendToServer(this, String(name), copyBytes(payload), Number(bps)),
      ),
      nextTimerId: () => this.timers.nextTimerId(),
      setTimer: live((id: number, callback: () => void, interval: unknown) => this.timers.setTimer(id, callback, interval)),
      clearTimer: (id: unknown) => this.timers.clearTimer(id),
      refreshTimer: live((id: number) => this.timers.refreshTimer(id)),
      setTick: live((callback: () => unknown) => this.timers.setTick(callback), 0),
      clearTick: (id: unknown) => this.timers.clearTick(id),
      requestAnimationFrame: live((callback: () => void) => this.timers.requestAnimationFrame(callback)),
      registerCommand: live((name: string, handler: unknown, restricted: boolean) => machine.registerCommand(this, name, handler, restricted)),
      setHttpHandler: live((handler: unknown) => machine.world.http.setHandler(this, handler)),
    };
  }
}
