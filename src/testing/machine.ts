/**
 * What the server and every client have in common: started resources and their runtimes, the local event bus,
 * the function-reference registry, the stack of running resources (for `GetInvokingResource`), console commands,
 * and game frames.
 *
 * Frames: a machine runs frames at multiples of its frame period, but a client only the frames where something is
 * due (a queued network event, a timer, a tick handler): its idle frames cost nothing. In a frame, queued network events
 * are dispatched first (oldest first), then every runtime runs its timers and tick handlers, in resource start
 * order. Every JS runtime has its own microtask queue: a client's drains when each call into it ends; a server
 * runtime's at the end of its own tick (FXServer), or per call as on clients (the world's `serverMicrotasks`).
 * A server that drains per tick runs every frame while it has resources, as FXServer does: a queue may hold
 * work only a tick runs.
 */
import { drainMicrotasks, type ScheduledTask } from './clock';
import { FunctionRefPreview, hostPack } from './codec';
import { CpuMeter } from './cpu-meter';
import { HOST_RESOURCE, HostFunctions } from './host-functions';
import { JsRuntime } from './js-runtime';
import type { LogLevel } from './log';
import { sharedNatives } from './natives-shared';
import { scriptLanguage, type ResourceDefinition, type Script, type ScriptRuntime } from './runtime';
import type { World } from './world';

/** FiveM's resource states, as `GetResourceState` returns them. */
export type ResourceState = 'missing' | 'starting' | 'started' | 'stopping' | 'stopped';

interface ResourceEntry {
  readonly name: string;
  state: ResourceState;
  runtimes: ScriptRuntime[];
}

interface QueuedEvent {
  readonly name: string;
  readonly payload: Uint8Array;
  readonly source: string;
  readonly arrivedAt: number;
}

interface Command {
  readonly runtime: ScriptRuntime;
  readonly handler: unknown;
  readonly restricted: boolean;
}

/** The natives one runtime sees, by name. */
export type NativeTable = Record<string, (...args: any[]) => unknown>;

/** A started resource as tests see it on one machine. */
export class ResourceHandle {
  constructor(
    private readonly machine: Machine,
    /** The resource's name. */
    readonly name: string,
  ) {}

  /** The resource's state on this machine, as `GetResourceState` gives it. */
  get state(): ResourceState {
    return this.machine.resourceState(this.name);
  }

  /** The resource's runtime for `language`, if it has scripts in that language on this machine. */
  runtime(language = 'js'): ScriptRuntime | undefined {
    return this.machine.runtimesOf(this.name).find((r) => r.language === language);
  }

  /** The JS context's global object: what the resource's scripts see as `globalThis`. */
  get globals(): Record<string, any> {
    return this.js().globals;
  }

  /** Event listeners of the resource's JS context on this machine, per event name (see `JsRuntime.listenerCounts`). */
  get listenerCounts(): Record<string, number> {
    const runtime = this.runtime('js');
    return runtime instanceof JsRuntime ? runtime.listenerCounts : {};
  }

  /** Evaluates JavaScript inside the resource's context, as if the resource ran it. */
  run(code: string): any {
    return this.js().run(code);
  }

  private js(): JsRuntime {
    const runtime = this.runtime('js');
    if (!(runtime instanceof JsRuntime)) throw new Error(`resource ${this.name} has no running JS runtime on ${this.machine.name}`);
    return runtime;
  }
}

/**
 * A simulated game process, the server or one client: its resources and their runtimes, local events, function
 * references, console commands and frames.
 */
export abstract class Machine {
  /** `'server'` or `'client'`. */
  abstract readonly kind: 'server' | 'client';
  /** `'server'` or `'client:<id>'`, as in the log. */
  abstract readonly name: string;
  /** Frame period in ms. */
  readonly frameMs: number;
  /** This machine's clock skew, applied to `Date.now()` and `GetGameTimer()`. */
  readonly clockOffsetMs: number;
  /**
   * CPU time this machine's scripts took: every call into a runtime ({@link enter}) and the microtasks each left
   * before the next (for benchmarks: CPU per call on each side).
   */
  readonly cpu = new CpuMeter();

  private readonly resources = new Map<string, ResourceEntry>();
  private readonly runtimesByKey = new Map<string, ScriptRuntime>();
  /** Every runtime ever created here, stopped ones included, to recognise their promises. */
  private readonly everyRuntime: ScriptRuntime[] = [];
  private readonly stack: ScriptRuntime[] = [];
  private readonly inbox: QueuedEvent[] = [];
  private readonly frameTasks = new Map<number, ScheduledTask>();
  private readonly commands = new Map<string, Command>();
  private hostFunctions: HostFunctions | undefined;
  private lastFrame = Number.NEGATIVE_INFINITY;
  private currentFrame: number | undefined;
  private isAlive = true;

  protected constructor(
    /** The world this machine lives in. */
    readonly world: World,
    frameMs: number,
    clockOffsetMs: number,
  ) {
    if (!(frameMs >= 1) || !Number.isInteger(frameMs)) throw new Error(`frame period must be a positive integer, got ${frameMs}`);
    this.frameMs = frameMs;
    this.clockOffsetMs = clockOffsetMs;
  }

  /**
   * Whether runtimes drain their microtasks when each call into them ends (an event, a tick): then the host's
   * own promise callbacks (a test's handler) get a turn after each call too, else once after the events and
   * once after the ticks. When false, the runtimes drain only in their ticks, so the machine ticks every frame.
   */
  protected abstract readonly drainsPerCall: boolean;

  /** False once the machine is gone (a dropped client). */
  get alive(): boolean {
    return this.isAlive;
  }

  // ---- time -------------------------------------------------------------------------------------------------

  /** Milliseconds since the Unix epoch on this machine's clock (`Date.now()` inside its contexts). */
  epochNow(): number {
    return this.world.options.startEpochMs + this.world.now + this.clockOffsetMs;
  }

  /** `GetGameTimer()`: the time of the current frame, in ms. */
  gameTimer(): number {
    return (this.currentFrame ?? Math.floor(this.world.now / this.frameMs) * this.frameMs) + this.clockOffsetMs;
  }

  /**
   * timer.js's `gameTime` for a runtime: the last frame it finished. Inside a frame that is the previous frame
   * until the runtime's own tick ran; outside frames it is the latest frame boundary.
   * @internal
   */
  gameTimeFor(tickedFrame: number | undefined): number {
    if (this.currentFrame !== undefined) return tickedFrame === this.currentFrame ? this.currentFrame : this.currentFrame - this.frameMs;
    return Math.floor(this.world.now / this.frameMs) * this.frameMs;
  }

  /** Makes sure a frame runs at the first frame boundary at or after `at` that has not run yet. */
  requestFrame(at: number): void {
    if (!this.isAlive) return;
    let frame = Math.ceil(Math.max(at, this.world.now) / this.frameMs) * this.frameMs;
    if (frame <= this.lastFrame) frame = this.lastFrame + this.frameMs;
    if (this.frameTasks.has(frame)) return;
    this.frameTasks.set(frame, this.world.clock.schedule(frame, () => this.runFrame(frame), `${this.name} frame`));
  }

  private async runFrame(frame: number): Promise<void> {
    this.frameTasks.delete(frame);
    if (!this.isAlive) return;
    this.lastFrame = frame;
    this.currentFrame = frame;
    try {
      let dispatched = false;
      while (this.isAlive && this.inbox.length > 0 && this.inbox[0]!.arrivedAt <= frame) {
        const event = this.inbox.shift()!;
        for (const runtime of this.runtimes()) {
          if (!this.isAlive) break;
          if (!runtime.handlesEvent(event.name)) continue;
          this.guard(runtime, () => runtime.dispatchEvent(event.name, event.payload, event.source));
          dispatched = true;
          if (this.drainsPerCall) await this.cpu.drain();
        }
      }
      // Where runtimes drain only in their ticks, the host's promise callbacks (a test's handler) get one turn
      // after the events and one after the ticks; a frame where no script ran but the checkpoints needs neither.
      if (dispatched && !this.drainsPerCall) await this.cpu.drain();
      let ticked = false;
      for (const runtime of this.runtimes()) {
        if (!this.isAlive) break;
        if (runtime.stopped || !runtime.runFrame(frame)) continue;
        ticked = true;
        if (this.drainsPerCall) await this.cpu.drain();
      }
      if ((dispatched || ticked) && !this.drainsPerCall) await this.cpu.drain();
    } finally {
      this.currentFrame = undefined;
    }
    await this.settleHostCallbacks();
    if (!this.drainsPerCall && this.runtimes().length > 0) this.requestFrame(frame + this.frameMs);
  }

  /**
   * Promise callbacks written in the host (a test's handler) run on Node's queue; when they call back into a
   * library, its callbacks land in the context's own queue after this machine's calls ended. Where runtimes
   * drain per call, a few rounds of Node's queue and checkpoints run such chains to the end within the frame;
   * where they drain per tick, the next tick runs them.
   */
  async settleHostCallbacks(): Promise<void> {
    this.drainStoppedContexts();
    if (!this.drainsPerCall) return;
    for (let round = 0; round < 3 && this.isAlive; round++) {
      await drainMicrotasks();
      this.checkpointAll();
    }
  }

  /** @internal Code the host ran outside the scripts (a test calling a library's API) left jobs to drain. */
  checkpointHostWork(): void {
    this.drainStoppedContexts();
    if (this.drainsPerCall) this.checkpointAll();
  }

  /** Stopped resources never tick again: what the host left in their queues runs here. */
  private drainStoppedContexts(): void {
    for (const runtime of this.everyRuntime) if (runtime.stopped && runtime instanceof JsRuntime) runtime.drainHostJobsAfterStop();
  }

  // ---- running resources ------------------------------------------------------------------------------------

  /**
   * Runs `fn` with `runtime` as the running resource. The resource below it on the stack is what
   * `GetInvokingResource()` returns.
   */
  enter<T>(runtime: ScriptRuntime, fn: () => T): T {
    this.stack.push(runtime);
    try {
      return this.cpu.run(fn);
    } finally {
      this.stack.pop();
    }
  }

  /** @internal A microtask checkpoint in every JS context of this machine that keeps its own queue. */
  checkpointAll(): void {
    this.cpu.run(() => {
      for (const runtime of this.runtimes()) if (runtime instanceof JsRuntime) runtime.drainOwnQueue();
    });
  }

  /** Like {@link enter}, unless `caller` already is the running resource (a bridge call from its own code). */
  private asCaller<T>(caller: ScriptRuntime | null, fn: () => T): T {
    if (!caller || this.stack[this.stack.length - 1] === caller) return fn();
    return this.enter(caller, fn);
  }

  /** `GetInvokingResource()`: the resource that called into the running one, or null. */
  invokingResource(): string | null {
    const below = this.stack[this.stack.length - 2];
    const top = this.stack[this.stack.length - 1];
    return below && top ? below.resource : null;
  }

  /** Runtimes of started resources, in start order. */
  runtimes(): ScriptRuntime[] {
    const list: ScriptRuntime[] = [];
    for (const entry of this.resources.values()) for (const runtime of entry.runtimes) if (!runtime.stopped) list.push(runtime);
    return list;
  }

  /** @internal */
  runtimesOf(resource: string): ScriptRuntime[] {
    return this.resources.get(resource)?.runtimes ?? [];
  }

  /** A resource as tests see it on this machine. */
  resource(name: string): ResourceHandle {
    return new ResourceHandle(this, name);
  }

  /** Names of started resources, in start order. */
  startedResources(): string[] {
    return [...this.resources.values()].filter((e) => e.state === 'started').map((e) => e.name);
  }

  /** @internal Did this machine ever start the resource (a client has its files)? */
  hasReceived(name: string): boolean {
    return this.resources.has(name);
  }

  /** `GetResourceState(name)`. */
  resourceState(name: string): ResourceState {
    const entry = this.resources.get(String(name));
    if (entry) return entry.state;
    return this.world.isKnownResource(String(name)) ? 'stopped' : 'missing';
  }

  /** Scripts of a resource for this side. */
  protected abstract scriptsOf(definition: ResourceDefinition): Script[];

  /** @internal Called by the world; fires `onResourceStart` and `on<Side>ResourceStart` to every resource. */
  startResource(definition: ResourceDefinition): void {
    if (!this.isAlive) return;
    const name = definition.name;
    const existing = this.resources.get(name);
    if (existing && existing.state !== 'stopped') throw new Error(`resource ${name} is already ${existing.state} on ${this.name}`);
    this.resources.delete(name); // re-inserted at the end: start order
    const entry: ResourceEntry = { name, state: 'starting', runtimes: [] };
    this.resources.set(name, entry);
    this.triggerLocal('onResourceStarting', hostPack([name]), '');

    const scripts = [...(definition.shared ?? []), ...this.scriptsOf(definition)];
    const byLanguage = new Map<string, Script[]>();
    for (const script of scripts) {
      const language = scriptLanguage(script);
      byLanguage.set(language, [...(byLanguage.get(language) ?? []), script]);
    }
    for (const [language, list] of byLanguage) {
      const runtime = this.world.runtimeFactory(language)(this, name, this.world.nextRuntimeInstance(), definition);
      entry.runtimes.push(runtime);
      this.everyRuntime.push(runtime);
      this.runtimesByKey.set(`${name}:${runtime.instance}`, runtime);
      runtime.load(list);
    }
    entry.state = 'started';
    if (!this.drainsPerCall) this.requestFrame(this.world.now);
    this.triggerLocal('onResourceStart', hostPack([name]), '');
    this.queueLocal(this.kind === 'server' ? 'onServerResourceStart' : 'onClientResourceStart', hostPack([name]));
  }

  /**
   * @internal Called by the world; fires `onResourceStop` at once to every resource (the stopping one included),
   * then tears the resource's runtimes down. `on<Side>ResourceStop` is queued to the next frame
   * (`ResourceEventComponent.cpp` queues it), so the stopping resource never hears its own.
   */
  stopResource(name: string): void {
    const entry = this.resources.get(name);
    if (!entry || entry.state !== 'started') return;
    entry.state = 'stopping';
    this.triggerLocal('onResourceStop', hostPack([name]), '');
    this.queueLocal(this.kind === 'server' ? 'onServerResourceStop' : 'onClientResourceStop', hostPack([name]));
    for (const runtime of entry.runtimes) {
      runtime.stop();
      this.runtimesByKey.delete(`${name}:${runtime.instance}`);
    }
    for (const [command, info] of this.commands) if (info.runtime.resource === name) this.commands.delete(command);
    entry.runtimes = [];
    entry.state = 'stopped';
  }

  /** @internal Tears everything down without firing events (a client that disconnected). */
  destroy(): void {
    if (!this.isAlive) return;
    this.isAlive = false;
    for (const task of this.frameTasks.values()) this.world.clock.cancel(task);
    this.frameTasks.clear();
    this.inbox.length = 0;
    for (const entry of this.resources.values()) {
      for (const runtime of entry.runtimes) runtime.stop();
      entry.runtimes = [];
      entry.state = 'stopped';
    }
    this.runtimesByKey.clear();
    this.commands.clear();
  }

  // ---- events -----------------------------------------------------------------------------------------------

  /**
   * A local event (`TriggerEvent`): synchronous, every runtime that listens to `name` gets it, in resource
   * start order. `caller` is the runtime that triggered it, if any.
   */
  triggerLocal(name: string, payload: Uint8Array, source: string, caller: ScriptRuntime | null = null): void {
    if (!this.isAlive) return;
    this.asCaller(caller, () => {
      for (const runtime of this.runtimes()) {
        if (runtime.handlesEvent(name)) this.guard(runtime, () => runtime.dispatchEvent(name, payload, source));
      }
    });
  }

  /**
   * @internal An event for one resource only, as FiveM raises NUI callbacks: each of its runtimes that listens
   * gets it.
   */
  triggerInResource(resource: string, name: string, payload: Uint8Array): void {
    if (!this.isAlive) return;
    for (const runtime of this.runtimesOf(resource)) {
      if (!runtime.stopped && runtime.handlesEvent(name)) this.guard(runtime, () => runtime.dispatchEvent(name, payload, ''));
    }
  }

  /** Triggers a local event from outside the scripts (tests). Arguments must be plain data. */
  emit(name: string, ...args: unknown[]): void {
    this.triggerLocal(name, hostPack(args), '');
  }

  /** A local event the runtime queues (`QueueEvent`): dispatched in this machine's next frame. */
  private queueLocal(name: string, payload: Uint8Array): void {
    this.enqueueNetEvent(name, payload, '');
  }

  /** @internal A network event arrived: it is dispatched in this machine's next frame. */
  enqueueNetEvent(name: string, payload: Uint8Array, source: string): void {
    if (!this.isAlive) return;
    this.inbox.push({ name, payload, source, arrivedAt: this.world.now });
    this.requestFrame(this.world.now);
  }

  /** @internal Server side of `emitNet`; only the server implements it. */
  sendToClients(_caller: ScriptRuntime, _name: string, _target: unknown, _payload: Uint8Array, _bps: number | null): void {
    throw new Error('TriggerClientEvent is server-only');
  }

  /** @internal Client side of `emitNet`; only clients implement it. */
  sendToServer(_caller: ScriptRuntime, _name: string, _payload: Uint8Array, _bps: number | null): void {
    throw new Error('TriggerServerEvent is client-only');
  }

  // ---- function references ------------------------------------------------------------------------------------

  /** The string a function reference travels as: `<resource>:<instance>:<index>`. */
  refString(runtime: ScriptRuntime, ref: number): string {
    return `${runtime.resource}:${runtime.instance}:${ref}`;
  }

  private refTarget(ref: string): { runtime: ScriptRuntime; index: number } | undefined {
    const match = /^(.*):(\d+):(\d+)$/.exec(ref);
    if (!match) return undefined;
    const runtime = this.runtimesByKey.get(`${match[1]}:${match[2]}`);
    return runtime && !runtime.stopped ? { runtime, index: Number(match[3]) } : undefined;
  }

  /**
   * Calls a function reference of a runtime on this machine. Throws when the reference's resource is not
   * running here (stopped, restarted, or the reference came from another machine).
   */
  callRef(ref: string, args: Uint8Array, caller: ScriptRuntime | null): Uint8Array {
    const target = this.refTarget(ref);
    if (!target) throw new Error(`function reference ${ref} is not valid on ${this.name}`);
    return this.asCaller(caller, () => target.runtime.callRef(target.index, args));
  }

  /**
   * @internal A function reference owned by the test's code, which scripts on this machine can call (packed
   * with `hostPack`, it reaches them as a function).
   */
  hostFunction(fn: (...args: any[]) => unknown): FunctionRefPreview {
    if (!this.hostFunctions) {
      this.hostFunctions = new HostFunctions(this.world.nextRuntimeInstance());
      this.runtimesByKey.set(`${HOST_RESOURCE}:${this.hostFunctions.instance}`, this.hostFunctions);
    }
    return new FunctionRefPreview(this.refString(this.hostFunctions, this.hostFunctions.add(fn)));
  }

  /** @internal */
  duplicateRef(ref: string): void {
    const target = this.refTarget(ref);
    target?.runtime.duplicateRef(target.index);
  }

  /** @internal */
  deleteRef(ref: string): void {
    const target = this.refTarget(ref);
    target?.runtime.deleteRef(target.index);
  }

  // ---- commands -------------------------------------------------------------------------------------------------

  /** @internal `RegisterCommand`. Command names are case-insensitive. */
  registerCommand(runtime: ScriptRuntime, name: string, handler: unknown, restricted: boolean): void {
    this.commands.set(name.toLowerCase(), { runtime, handler, restricted });
  }

  /** Is a command registered on this machine? */
  hasCommand(name: string): boolean {
    return this.commands.has(name.toLowerCase());
  }

  /**
   * Runs a console command line (`name arg1 "arg 2"`). Handlers get `(source, args, rawCommand)`.
   * Returns false if no resource registered the command.
   */
  executeCommand(line: string, source = 0): boolean {
    const args = tokenizeCommand(line);
    const name = args.shift();
    if (!name) return false;
    const command = this.commands.get(name.toLowerCase());
    if (!command || command.runtime.stopped) return false;
    if (command.restricted && source !== 0 && !this.commandAllowed(source, name)) {
      this.log(null, 'warn', `Access denied for command ${name}.`);
      return true;
    }
    command.runtime.callCommand(command.handler, hostPack([source, args, line]));
    return true;
  }

  /** Whether player `source` may run a restricted command; only the server has players with aces. */
  protected commandAllowed(_source: number, _name: string): boolean {
    return false;
  }

  // ---- natives, convars, log ---------------------------------------------------------------------------------

  /** @internal The natives a runtime on this machine gets as globals. */
  nativesFor(runtime: ScriptRuntime): NativeTable {
    return { ...sharedNatives(this, runtime), ...this.sideNatives(runtime) };
  }

  /** The natives only this side has, added to the shared ones for `runtime`. */
  protected abstract sideNatives(runtime: ScriptRuntime): NativeTable;

  /** `GetConvar` on this side: the server sees every convar, clients only replicated ones. */
  abstract convar(name: string): string | undefined;

  /** Writes a line to the world log as this machine. */
  log(resource: string | null, level: LogLevel, text: string): void {
    this.world.logs.write({ time: this.world.now, machine: this.name, resource, level, text });
  }

  /** @internal The unhandled rejection came from one of this machine's runtimes: report it there. */
  claimRejection(reason: unknown, promise: unknown): boolean {
    const runtime = this.everyRuntime.find((r) => r.ownsPromise(promise));
    if (!runtime) return false;
    // A stopped resource's context is gone in FiveM: its leftovers print nothing.
    if (!runtime.stopped && this.isAlive) runtime.reportUnhandledRejection(reason);
    return true;
  }

  /** Host-side failures while calling into a runtime must not take the machine down: log them. */
  private guard(runtime: ScriptRuntime, fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.log(runtime.resource, 'error', `[world] runtime failure: ${error instanceof Error ? error.stack : String(error)}`);
    }
  }
}

/** Splits a command line like FiveM's console does: whitespace-separated, double quotes group. */
export function tokenizeCommand(line: string): string[] {
  const tokens: string[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  let match: RegExpExecArray | null;
  while ((match = re.exec(line)) !== null) tokens.push(match[1] ?? match[2]!);
  return tokens;
}
