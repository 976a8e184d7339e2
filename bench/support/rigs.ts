/**
 * Benchmark rigs: a simulated world (the library's own `fxcallbacks/testing` world: one server, N clients, the
 * msgpack-lite codec FiveM uses) with one benchmark resource started, and a `call(player)` that makes one small
 * client -> server round trip through it. Every variant gets a world built by the same function with the same
 * options, the same payload and the same answer, so that the only difference is the callback layer.
 */
import * as path from 'path';
import { resourceFromManifest, World, type ClientMachine, type WorldOptions } from '../../src/testing';
import type { ClientCallbacks, EndpointOptions } from '../../src/client';
import type { ServerCallbacks, ServerRegisterOptions, CallOptions } from '../../src/server';
import { script } from './bundle';

/** The argument of every benchmarked call; the server answers it unchanged. */
export const PAYLOAD = Object.freeze({ account: 'bank', amount: 250 });

/** Resource names of equal length, so that no variant pays for a longer name. */
export const RESOURCES = { raw: 'bench_raw', fx: 'bench_fxc', ox: 'bench_oxl' } as const;

/**
 * FiveM's server-side limits on what a client sends (50 events/s, burst 200; kick on flood), lifted for the
 * throughput runs: at benchmark speed the raw ping-pong and ox_lib (one and two events per call) would be dropped
 * and kicked, which would measure the limiter, not the transport. The library paces its own events under the
 * real limits by default and is measured with that pacing on.
 */
/** FXServer runs its game frames at 20 Hz: every benchmark world uses 50 ms server frames, whatever the world's default. */
export const SERVER_FRAME_MS = 50;

export const LIFTED_LIMITS = {
  netEvent: { rate: 1e12, burst: 1e12 },
  netEventFlood: { rate: 1e12, burst: 1e12 },
  netEventSize: { rate: 1e15, burst: 1e15 },
};

export type Layer = 'raw' | 'fx' | 'ox';
export type Facade = 'promise' | 'observable';

export interface RigOptions {
  players?: number;
  /** One-way latency in ms (default 0). */
  latency?: number;
  /** 'lifted' (default) or 'fivem' (the world's defaults, FiveM's). */
  limits?: 'lifted' | 'fivem';
  /**
   * Library only: join the machine's hub (the built fxcallbacks resource, started first, as on a server) instead
   * of a standalone endpoint on the bench resource's own net event (the default).
   */
  hub?: boolean;
  /**
   * Library through the hub only: the resources joined to the hub, the bench resource included (default 1). The
   * others each create a server and a client endpoint with a callback of their own, and stay idle during the calls.
   */
  members?: number;
  /** Library only. */
  clientOptions?: EndpointOptions;
  serverOptions?: EndpointOptions;
  callOptions?: CallOptions;
  registerOptions?: ServerRegisterOptions;
  facade?: Facade;
  /**
   * The server side: 'echo' (default) answers the first argument; 'never' registers a handler that never
   * answers; 'absent' starts no callback layer on the server at all (requests arrive and are ignored, so calls
   * stay pending on the caller only).
   */
  handler?: 'echo' | 'never' | 'absent';
  world?: WorldOptions;
}

export interface Rig {
  readonly layer: Layer;
  readonly world: World;
  readonly players: number[];
  /** One call from `player` (default the first) to the server's `echo`; resolves with the answer. */
  call(player?: number): Promise<unknown>;
  /** The library's API on a player, or on the server (library rigs only). */
  fxClient(player: number): ClientCallbacks;
  fxServer(): ServerCallbacks;
  connect(): ClientMachine;
  dispose(): void;
}

export function createRig(layer: Layer, options: RigOptions = {}): Rig {
  const world = new World({
    latency: options.latency ?? 0,
    serverFrameMs: SERVER_FRAME_MS,
    ...(options.limits === 'fivem' ? {} : { limits: LIFTED_LIMITS }),
    ...options.world,
  });
  const never = options.handler === 'never';
  const absent = options.handler === 'absent';
  const standalone = !options.hub;
  // Names as long as the bench resource's (`bench_m01`, ...).
  const otherMembers = options.hub ? Array.from({ length: (options.members ?? 1) - 1 }, (_, i) => `bench_m${String(i + 1).padStart(2, '0')}`) : [];
  switch (layer) {
    case 'raw':
      world.startResource({ name: RESOURCES.raw, server: never || absent ? [] : script('raw-server.ts', 'server'), client: script('raw-client.ts', 'client') });
      break;
    case 'ox':
      if (!absent) world.startResource({ name: 'ox_lib', server: script('ox_lib-server.ts', 'server') });
      world.startResource({
        name: RESOURCES.ox,
        server: script('ox-server.ts', 'server'),
        client: script('ox-client.ts', 'client'),
      });
      if (absent) break;
      if (!never) world.server.resource(RESOURCES.ox).globals.ox.onClientCallback('echo', (_player: number, payload: unknown) => payload);
      else world.server.resource(RESOURCES.ox).globals.ox.onClientCallback('echo', () => new Promise(() => undefined));
      break;
    case 'fx':
      if (options.hub) {
        const hub = resourceFromManifest(path.join(__dirname, '..', '..'), 'fxcallbacks');
        // 'absent': the server's hub is not there either, so requests are ignored rather than refused.
        world.startResource(absent ? { ...hub, server: [] } : hub);
      }
      world.startResource({ name: RESOURCES.fx, server: script('fx-server.ts', 'server'), client: script('fx-client.ts', 'client') });
      for (const name of otherMembers) {
        world.startResource({ name, server: script('fx-server.ts', 'server'), client: script('fx-client.ts', 'client') });
        world.server.resource(name).globals.fx.createServerCallbacks().register(`${name}:ping`, () => 'pong');
      }
      break;
  }

  let server: ServerCallbacks | undefined;
  if (layer === 'fx' && !absent) {
    const globals = world.server.resource(RESOURCES.fx).globals;
    server = globals.fx.createServerCallbacks({ ...options.serverOptions, standalone }) as ServerCallbacks;
    // Registered through a loose signature: `register`'s overloads type handlers from their schema.
    const register = server.register.bind(server) as (name: string, handler: (...args: any[]) => unknown, options?: object) => () => void;
    if (never) register('echo', () => new Promise(() => undefined), options.registerOptions);
    else register('echo', (_player: number, payload: unknown) => payload, options.registerOptions);
  }

  const clients = new Map<number, { call: () => Promise<unknown>; fx?: ClientCallbacks }>();
  const facade = options.facade ?? 'promise';
  const attach = (machine: ClientMachine) => {
    const id = machine.playerId;
    if (layer === 'raw') {
      const ping = machine.resource(RESOURCES.raw).globals.ping as (payload: unknown) => Promise<unknown>;
      clients.set(id, { call: () => ping(PAYLOAD) });
    } else if (layer === 'ox') {
      const ox = machine.resource(RESOURCES.ox).globals.ox;
      clients.set(id, { call: () => ox.triggerServerCallback('echo', false, PAYLOAD) });
    } else {
      for (const name of otherMembers) machine.resource(name).globals.fx.createClientCallbacks().register(`${name}:ping`, () => 'pong');
      const fxGlobal = machine.resource(RESOURCES.fx).globals.fx;
      const base = fxGlobal.createClientCallbacks({ ...options.clientOptions, standalone }) as ClientCallbacks;
      const api = options.callOptions ? base.with(options.callOptions) : base;
      const call =
        facade === 'promise'
          ? () => api.call('echo', PAYLOAD)
          : () =>
              new Promise<unknown>((resolve, reject) => {
                let last: unknown;
                api.call$('echo', PAYLOAD).subscribe({ next: (value) => (last = value), error: reject, complete: () => resolve(last) });
              });
      clients.set(id, { call, fx: base });
    }
  };
  const connect = () => {
    const machine = world.connect();
    attach(machine);
    return machine;
  };
  for (let i = 0; i < (options.players ?? 1); i++) connect();

  return {
    layer,
    world,
    get players() {
      return [...clients.keys()];
    },
    call(player?: number) {
      const entry = player === undefined ? clients.values().next().value : clients.get(player);
      if (!entry) throw new Error(`no player ${player}`);
      return entry.call();
    },
    fxClient(player: number) {
      const api = clients.get(player)?.fx;
      if (!api) throw new Error(`no library client for player ${player}`);
      return api;
    },
    fxServer() {
      if (!server) throw new Error('not a library rig');
      return server;
    },
    connect,
    dispose: () => world.dispose(),
  };
}

/**
 * Makes `total` calls with `concurrency` callers, each waiting for its answer before its next call, and moves
 * the world's virtual time until they are all answered. Returns the real milliseconds it took.
 */
export async function drive(rig: Rig, total: number, concurrency: number, player?: number): Promise<number> {
  let issued = 0;
  const caller = async () => {
    while (issued < total) {
      issued++;
      await rig.call(player);
    }
  };
  const started = performance.now();
  // The first calls are made here, outside any frame: counted as the client's work like all later ones.
  const client = rig.world.client(player ?? rig.players[0]!);
  const all = client.cpu.run(() => Promise.all(Array.from({ length: Math.min(concurrency, total) }, caller)));
  await rig.world.settle(all, 1e12);
  return performance.now() - started;
}
