/**
 * The simulated FiveM world: one server, any number of clients, all in this process, on one virtual clock.
 *
 * Nothing happens until the test moves time: `advance(ms)` runs every frame, timer, tick and network delivery
 * due in that window in order, setting the clock to each one's time and draining microtasks between them;
 * `flush()` runs what is due now; `settle(promise)` moves time until the promise settles.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as vm from 'vm';
import { AceList } from './acl';
import { ClientMachine } from './client-machine';
import { drainMicrotasks, VirtualClock } from './clock';
import { JsRuntime } from './js-runtime';
import { luaRuntimeFactory } from './lua/lua-runtime';
import { HttpServerModel } from './http';
import type { NetLimits } from './limiter';
import { formatEntry, type LogEntry, type LogLevel, WorldLog } from './log';
import type { Machine } from './machine';
import { matchesAny } from './manifest';
import { DropReason } from './natives-server';
import { Network, type Latency } from './network';
import { SeededRandom } from './random';
import type { ResourceDefinition, RuntimeFactory } from './runtime';
import { ServerMachine } from './server-machine';

/** Options of a {@link World}; all optional. */
export interface WorldOptions {
  /** Seed of the PRNG behind random latencies (default 1). */
  seed?: number;
  /** Default one-way latency in ms (default 0; delivery is still asynchronous). */
  latency?: Latency;
  /** Server frame period in ms (default 50: FXServer runs its resources at 20 Hz, `GameServer.cpp`). */
  serverFrameMs?: number;
  /** Client frame period in ms (default 16, about 60 FPS). */
  clientFrameMs?: number;
  /**
   * When a server resource's promise callbacks run. Every JS resource has its own microtask queue (a context
   * with its own `v8::MicrotaskQueue`, explicit policy). `'perTick'` (default), as FXServer's Node runtime
   * (`citizen-scripting-node`): only at the end of the resource's own tick, once per frame (timer.js calls
   * `process._tickCallback()`), never after an event or an export call. `'perCall'`, as the V8 runtime of clients
   * and of older server builds (`citizen-scripting-v8`): when each call into the resource ends.
   */
  serverMicrotasks?: MicrotaskDrain;
  /** `Date.now()` at virtual time 0 (default 2025-01-01T00:00:00Z). */
  startEpochMs?: number;
  /** Server convars (`set`). */
  convars?: Record<string, string>;
  /** Replicated convars (`setr`), visible to clients too. */
  replicatedConvars?: Record<string, string>;
  /** Overrides of the server's limits on what clients send. */
  limits?: Partial<NetLimits>;
  /** Called for every log line as it is written (e.g. to print live). */
  onLog?: (entry: LogEntry) => void;
  /** Path of msgpack-lite's browser build (default: resolved from `msgpack-lite`). */
  msgpackPath?: string;
}

/** When a resource's microtask queue drains: when each call into it ends, or at the end of its own tick. */
export type MicrotaskDrain = 'perCall' | 'perTick';

/** Options after defaults. */
export interface ResolvedWorldOptions {
  /** Seed of the PRNG behind random latencies. */
  readonly seed: number;
  /** Default one-way latency in ms. */
  readonly latency: Latency;
  /** Server frame period in ms. */
  readonly serverFrameMs: number;
  /** Client frame period in ms. */
  readonly clientFrameMs: number;
  /** When the server's promise callbacks run. */
  readonly serverMicrotasks: MicrotaskDrain;
  /** `Date.now()` at virtual time 0. */
  readonly startEpochMs: number;
  /** Overrides of the server's limits on what clients send; `{}` for none. */
  readonly limits: Partial<NetLimits>;
  /** Called for every log line as it is written, if given. */
  readonly onLog: ((entry: LogEntry) => void) | undefined;
  /** Path of msgpack-lite's browser build; if undefined, resolved from `msgpack-lite`. */
  readonly msgpackPath: string | undefined;
}

/** Options of a player joining with {@link World.connect}; all optional. */
export interface ConnectOptions {
  /** `GetPlayerName` (default `player<id>`). */
  name?: string;
  /** `GetPlayerIdentifier`s (default a `license:` identifier derived from the id). */
  identifiers?: string[];
  /** This player's one-way latency (default: the world's). */
  latency?: Latency;
  /** Clock skew of this client's `Date.now()` / `GetGameTimer()`. */
  clockOffsetMs?: number;
  /** Aces granted to this player (`IsPlayerAceAllowed`, restricted commands). */
  aces?: string[];
}

/** Details of a player leaving, as `playerDropped` reports them. */
export interface DropDetails {
  /** Resource that called `DropPlayer`, or `''`. */
  resource?: string;
  /** FiveM's `ClientDropReason` code. */
  code?: number;
}

// ---- unhandled rejections -------------------------------------------------------------------------------------
// FiveM prints an unhandled rejection in a resource as a SCRIPT ERROR and goes on. Node would report it to the
// process (and jest would fail the running test), so while a world is alive the real process's
// 'unhandledRejection' listeners are wrapped: rejections of promises from a world's contexts go to that world's
// log, everything else to the original listeners.
const liveWorlds = new Set<World>();
type RejectionListener = (reason: unknown, promise: Promise<unknown>) => void;
let router: { process: NodeJS.Process; listener: RejectionListener; displaced: RejectionListener[] } | undefined;

function installRejectionRouter(): void {
  if (router) return;
  const proc = vm.runInThisContext('process') as NodeJS.Process; // the real one, even under jest
  const displaced = proc.listeners('unhandledRejection') as RejectionListener[];
  const listener: RejectionListener = (reason, promise) => {
    for (const world of liveWorlds) if (world.claimRejection(reason, promise)) return;
    if (displaced.length === 0) throw reason;
    for (const l of displaced) l.call(proc, reason, promise);
  };
  proc.removeAllListeners('unhandledRejection');
  proc.on('unhandledRejection', listener);
  router = { process: proc, listener, displaced };
}

function uninstallRejectionRouter(): void {
  if (!router || liveWorlds.size > 0) return;
  const { process: proc, listener, displaced } = router;
  proc.off('unhandledRejection', listener);
  for (const l of displaced) if (!proc.listeners('unhandledRejection').includes(l)) proc.on('unhandledRejection', l);
  router = undefined;
}

/** Does a client receive this file of the resource: its manifest, client and shared scripts, and `clientFiles`? */
function sentToClients(definition: ResourceDefinition, file: string): boolean {
  if (file === 'fxmanifest.lua') return true;
  const scripts = [...(definition.shared ?? []), ...(definition.client ?? [])].map((script) => script.filename);
  return scripts.includes(file) || matchesAny(definition.clientFiles ?? [], file);
}

/**
 * A simulated FiveM world: one server, the clients that {@link connect}, and resources started on them, on one
 * virtual clock. Create one per test and {@link dispose} it when done.
 */
export class World {
  /** The options given, with their defaults. */
  readonly options: ResolvedWorldOptions;
  /** The one clock every frame, timer and network delivery is scheduled on. */
  readonly clock = new VirtualClock();
  /** Every line written on any machine, and the simulator's own notes. */
  readonly logs: WorldLog;
  /** The wire between the server and the clients: latency, FiveM's limits, counters, fault injection. */
  readonly network: Network;
  /** Player permissions. */
  readonly acl = new AceList();
  /** The one server. */
  readonly server: ServerMachine;
  /** The server's HTTP handlers (`SetHttpHandler`): requests from tests, or a real local port for a browser. */
  readonly http = new HttpServerModel(this);

  private readonly clientsById = new Map<number, ClientMachine>();
  private readonly everyMachine: Machine[] = [];
  private readonly definitions = new Map<string, ResourceDefinition>();
  private readonly started = new Set<string>();
  private readonly factories = new Map<string, RuntimeFactory>();
  private readonly convars = new Map<string, { value: string; replicated: boolean }>();
  private nextPlayerId = 1;
  private runtimeInstances = 0;
  private running = false;
  private isDisposed = false;

  constructor(options: WorldOptions = {}) {
    this.options = {
      seed: options.seed ?? 1,
      latency: options.latency ?? 0,
      serverFrameMs: options.serverFrameMs ?? 50,
      clientFrameMs: options.clientFrameMs ?? 16,
      serverMicrotasks: options.serverMicrotasks ?? 'perTick',
      startEpochMs: options.startEpochMs ?? Date.UTC(2025, 0, 1),
      limits: options.limits ?? {},
      onLog: options.onLog,
      msgpackPath: options.msgpackPath,
    };
    this.logs = new WorldLog(options.onLog);
    this.network = new Network(this, this.options.latency, this.options.limits, new SeededRandom(this.options.seed));
    for (const [name, value] of Object.entries(options.convars ?? {})) this.setConvar(name, value);
    for (const [name, value] of Object.entries(options.replicatedConvars ?? {})) this.setConvar(name, value, { replicated: true });
    this.registerRuntime('js', (machine, resource, instance, definition) => new JsRuntime(machine, resource, instance, definition));
    // Lua needs wasmoon's WebAssembly loaded first (`await loadLua()`); starting a Lua script without it throws.
    this.registerRuntime('lua', luaRuntimeFactory);
    this.server = new ServerMachine(this);
    this.everyMachine.push(this.server);
    liveWorlds.add(this);
    installRejectionRouter();
  }

  /** Current virtual time in ms. */
  get now(): number {
    return this.clock.now;
  }

  // ---- players -------------------------------------------------------------------------------------------------

  /** Connected clients, in join order. */
  get clients(): ClientMachine[] {
    return [...this.clientsById.values()];
  }

  /** A connected client by player id; throws if there is none. */
  client(id: number): ClientMachine {
    const client = this.clientsById.get(id);
    if (!client) throw new Error(`no connected player ${id}`);
    return client;
  }

  /** Is this player connected? */
  isConnected(id: number): boolean {
    return this.clientsById.has(id);
  }

  /**
   * Connects a new player (ids count up from 1 and are never reused). The server fires `playerJoining` with
   * `source` = the new id, then every started resource starts on the new client: an event the server sends the
   * player during `playerJoining` is lost (counted in `network.stats.dropped.beforeResourcesStarted`).
   */
  connect(options: ConnectOptions = {}): ClientMachine {
    this.assertUsable();
    const id = this.nextPlayerId++;
    const client = new ClientMachine(this, id, options.name ?? `player${id}`, options.clockOffsetMs ?? 0);
    this.clientsById.set(id, client);
    this.everyMachine.push(client);
    this.network.addPlayer(id, options.latency);
    for (const ace of options.aces ?? []) this.acl.set(id, ace, true);
    const identifiers = options.identifiers ?? [`license:${id.toString(16).padStart(40, '0')}`];
    this.server.addPlayer({ id, name: client.playerName, identifiers });
    this.note('info', `player ${id} connected`);
    this.server.triggerPlayerEvent('playerJoining', [String(65535 + id)], id);
    for (const name of this.started) client.startResource(this.definitions.get(name)!);
    client.resourcesStarted = true;
    return client;
  }

  /** The player quits (reason `'Exiting'` by default): `playerDropped` fires on the server, the client is gone. */
  drop(id: number, reason = 'Exiting'): void {
    this.dropPlayer(id, reason, { resource: '', code: DropReason.CLIENT });
  }

  /**
   * @internal Removes a player: the client machine stops at once (its timers, queued and in-flight events
   * vanish), then the server fires `playerDropped(reason, resource, code)` with `source` = the player, who is
   * still listed during the event and gone after it.
   */
  dropPlayer(id: number, reason: string, details: DropDetails = {}): void {
    const client = this.clientsById.get(id);
    if (!client) return;
    client.destroy();
    this.clientsById.delete(id);
    this.network.removePlayer(id);
    this.note('info', `player ${id} dropped: ${reason}`);
    this.server.triggerPlayerEvent('playerDropped', [reason, details.resource ?? '', details.code ?? DropReason.SERVER], id);
    this.server.removePlayer(id);
    this.acl.clear(id);
  }

  /** Grants (or explicitly denies) an ace to a connected player. */
  setAce(playerId: number, ace: string, allowed = true): void {
    this.acl.set(playerId, ace, allowed);
  }

  // ---- resources -----------------------------------------------------------------------------------------------

  /**
   * Makes a resource known without starting it, as a folder in the server's resources: a dependency on it starts
   * it, `LoadResourceFile` and `GetResourcePath` find it, `GetResourceState` says `'stopped'`.
   */
  addResource(definition: ResourceDefinition): void {
    this.assertUsable();
    if (!/^[A-Za-z0-9_.\-[\]]+$/.test(definition.name)) throw new Error(`invalid resource name ${JSON.stringify(definition.name)}`);
    if (this.started.has(definition.name)) throw new Error(`resource ${definition.name} is already started`);
    this.definitions.set(definition.name, definition);
  }

  /**
   * Starts a resource (a definition, or the name of one {@link addResource} made known) on the server at once,
   * and on every connected client when the server's notice reaches it (after the link's latency;
   * `ServerResources.cpp` sends it over the network); future clients start it when they connect.
   *
   * Its dependencies start first, those already known but stopped included (`ResourceDependencyLoader.cpp`). A
   * dependency the world does not know prints `Could not find dependency X for resource Y.` and the resource does
   * not start: the result is false.
   */
  startResource(resource: ResourceDefinition | string): boolean {
    this.assertUsable();
    const definition = typeof resource === 'string' ? this.definitions.get(resource) : resource;
    if (!definition) throw new Error(`no resource named ${resource} was added to the world`);
    this.addResource(definition);
    return this.startKnown(definition, []);
  }

  private startKnown(definition: ResourceDefinition, dependants: string[]): boolean {
    const name = definition.name;
    for (const dependency of definition.dependencies ?? []) {
      if (this.started.has(dependency) || dependants.includes(dependency)) continue; // FiveM skips 'starting' ones
      const known = this.definitions.get(dependency);
      if (!known) {
        this.note('error', `Could not find dependency ${dependency} for resource ${name}.`);
        return this.failedStart(name);
      }
      if (!this.startKnown(known, [...dependants, name])) {
        this.note('error', `Could not start dependency ${dependency} for resource ${name}.`);
        return this.failedStart(name);
      }
    }
    this.started.add(name);
    this.server.startResource(definition);
    for (const client of this.clientsById.values()) {
      // A client that connected meanwhile started it already.
      const start = () => client.resourceState(name) !== 'started' && client.startResource(definition);
      this.network.notifyClient(client.playerId, start, `start ${name} on ${client.name}`);
    }
    return true;
  }

  private failedStart(name: string): false {
    this.note('error', `Couldn't start resource ${name}.`);
    return false;
  }

  /**
   * Stops a resource on the server at once, and on every client when the server's notice reaches it (after the
   * link's latency): until then an old client instance can still talk to the server, or, after a restart, to
   * the new server instance. On each machine `onResourceStop` fires, then the runtimes are torn down. Started
   * resources that depend on it are stopped first (`ResourceDependencyLoader.cpp`), and stay stopped.
   */
  stopResource(name: string): void {
    this.assertUsable();
    if (!this.started.has(name)) throw new Error(`resource ${name} is not started`);
    for (const other of [...this.started]) {
      if (this.started.has(other) && other !== name && this.definitions.get(other)?.dependencies?.includes(name)) this.stopResource(other);
    }
    this.started.delete(name);
    this.server.stopResource(name);
    for (const client of this.clientsById.values()) {
      this.network.notifyClient(client.playerId, () => client.stopResource(name), `stop ${name} on ${client.name}`);
    }
  }

  /** Stops and starts a resource again with the same definition (resources depending on it stay stopped). */
  restartResource(name: string): boolean {
    this.stopResource(name);
    return this.startResource(this.definitions.get(name)!);
  }

  /** Names of started resources, in start order. */
  get resources(): string[] {
    return [...this.started];
  }

  /** @internal Was the resource added or started in this world (`GetResourceState` gives 'stopped', not 'missing')? */
  isKnownResource(name: string): boolean {
    return this.definitions.has(name);
  }

  /** @internal `GetResourcePath`: the folder of a known resource, or null (unknown, or defined without `dir`). */
  resourcePath(name: string): string | null {
    const dir = this.definitions.get(name)?.dir;
    return dir === undefined ? null : path.resolve(dir);
  }

  /** @internal `GetResourceMetadata` on `machine`: a known resource's entries of `key` (a client's: received ones). */
  resourceMetadata(name: string, key: string, machine: Machine): string[] {
    if (machine.kind === 'client' && !machine.hasReceived(name)) return [];
    const metadata = this.definitions.get(name)?.metadata;
    return metadata && Object.prototype.hasOwnProperty.call(metadata, key) ? metadata[key]! : [];
  }

  /**
   * @internal `LoadResourceFile` on `machine`: a file of a known resource, from its `files` or its folder, or
   * null. Leading slashes are dropped and a path out of the folder gives null (`MetadataScriptFunctions.cpp`). A
   * client reads only resources it received, and only what they send to clients.
   */
  resourceFile(name: string, file: string, machine: Machine): string | null {
    const definition = this.definitions.get(name);
    if (!definition) return null;
    const relative = file.replace(/^[/\\]+/, '');
    if (machine.kind === 'client' && (!machine.hasReceived(name) || !sentToClients(definition, relative))) return null;
    if (definition.files && Object.prototype.hasOwnProperty.call(definition.files, relative)) return definition.files[relative]!;
    if (definition.dir === undefined) return null;
    const root = path.resolve(definition.dir);
    const full = path.resolve(root, relative);
    if (!full.startsWith(root + path.sep)) return null;
    try {
      return fs.readFileSync(full, 'utf8');
    } catch {
      return null;
    }
  }

  /** Adds a runtime for another script language (e.g. Lua), used for scripts whose language matches. */
  registerRuntime(language: string, factory: RuntimeFactory): void {
    this.factories.set(language, factory);
  }

  /**
   * @internal Runtime instance numbers are unique in the whole world, so a function reference that reached
   * another machine never resolves there.
   */
  nextRuntimeInstance(): number {
    return ++this.runtimeInstances;
  }

  /** @internal */
  runtimeFactory(language: string): RuntimeFactory {
    const factory = this.factories.get(language);
    if (!factory) throw new Error(`no runtime registered for language '${language}'`);
    return factory;
  }

  // ---- convars -------------------------------------------------------------------------------------------------

  /** Sets a convar; replicated ones (`setr`) are visible to clients too. */
  setConvar(name: string, value: string, options: { replicated?: boolean } = {}): void {
    this.convars.set(name, { value: String(value), replicated: options.replicated ?? false });
  }

  /** @internal */
  convar(name: string, side: 'server' | 'client'): string | undefined {
    const convar = this.convars.get(name);
    if (!convar || (side === 'client' && !convar.replicated)) return undefined;
    return convar.value;
  }

  // ---- time ------------------------------------------------------------------------------------------------------

  /** Runs everything due within the next `ms` of virtual time, then sets the clock to now + ms. */
  async advance(ms: number): Promise<void> {
    if (!(ms >= 0) || !Number.isFinite(ms)) throw new RangeError(`advance(ms) needs a finite ms >= 0, got ${ms}`);
    await this.runUntil(this.now + Math.ceil(ms));
  }

  /** Runs everything due now, including what that schedules for now, without moving the clock. */
  async flush(): Promise<void> {
    await this.runUntil(this.now);
  }

  /**
   * Moves time task by task until `promise` settles; returns its value or throws its reason. Fails if it has
   * not settled after `maxMs` of virtual time, or if it is pending with nothing left to run.
   */
  async settle<T>(promise: PromiseLike<T>, maxMs = 60000): Promise<T> {
    const outcome: { state: 'pending' | 'fulfilled' | 'rejected'; value?: T; reason?: unknown } = { state: 'pending' };
    Promise.resolve(promise).then(
      (value) => Object.assign(outcome, { state: 'fulfilled', value }),
      (reason: unknown) => Object.assign(outcome, { state: 'rejected', reason }),
    );
    const start = this.now;
    const deadline = start + maxMs;
    await this.loop(async () => {
      await this.drainHostWork();
      let idleSince: number | undefined;
      while (outcome.state === 'pending') {
        const next = this.clock.peek();
        if (!next) {
          // Nothing scheduled: only real I/O could still settle it. Give that a short real-time chance.
          idleSince ??= Date.now();
          if (Date.now() - idleSince > 100) {
            throw new Error(`world.settle: the promise is still pending at ${this.now} ms and nothing is scheduled, so it can never settle`);
          }
          await drainMicrotasks();
          continue;
        }
        idleSince = undefined;
        if (next.at > deadline) {
          this.clock.setNow(deadline);
          throw new Error(`world.settle: the promise did not settle within ${maxMs} ms of virtual time (started at ${start} ms)`);
        }
        await this.runTask();
      }
    });
    if (outcome.state === 'rejected') throw outcome.reason;
    return outcome.value as T;
  }

  /**
   * Before time moves: what tests did from outside the scripts (calling a client library's API directly) queued
   * promise callbacks in client contexts' own queues, which only a checkpoint runs. Calls into a runtime drain
   * their own; this covers the host's. A server draining per tick leaves them to its next tick.
   */
  private async drainHostWork(): Promise<void> {
    for (let round = 0; round < 3; round++) {
      await drainMicrotasks();
      for (const machine of this.everyMachine) machine.checkpointHostWork();
    }
    await drainMicrotasks();
  }

  private async runUntil(target: number): Promise<void> {
    await this.loop(async () => {
      await this.drainHostWork();
      while (this.clock.peek() && this.clock.peek()!.at <= target) await this.runTask();
      this.clock.setNow(target);
    });
  }

  private async runTask(): Promise<void> {
    const task = this.clock.popDue(Number.POSITIVE_INFINITY)!;
    this.clock.setNow(task.at);
    await task.run();
    await drainMicrotasks();
  }

  private async loop(body: () => Promise<void>): Promise<void> {
    this.assertUsable();
    if (this.running) throw new Error('the world is already running (await advance/flush/settle before calling another)');
    this.running = true;
    try {
      await body();
    } finally {
      this.running = false;
    }
  }

  // ---- misc ------------------------------------------------------------------------------------------------------

  /** @internal The simulator's own log lines (kicks, rate-limited events, joins). */
  note(level: LogLevel, text: string): void {
    this.logs.write({ time: this.now, machine: 'world', resource: null, level, text });
  }

  /** @internal */
  claimRejection(reason: unknown, promise: unknown): boolean {
    return this.everyMachine.some((machine) => machine.claimRejection(reason, promise));
  }

  /** The whole log as text (handy in failure messages). */
  dumpLog(): string {
    return this.logs.entries.map(formatEntry).join('\n');
  }

  /**
   * Stops every machine and detaches from the process. Call it when a test is done (e.g. in `afterEach`); the
   * world cannot be used afterwards.
   */
  dispose(): void {
    if (this.isDisposed) return;
    this.isDisposed = true;
    for (const machine of this.everyMachine) machine.destroy();
    this.clientsById.clear();
    liveWorlds.delete(this);
    uninstallRejectionRouter();
  }

  private assertUsable(): void {
    if (this.isDisposed) throw new Error('this world was disposed');
  }
}
