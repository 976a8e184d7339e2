/**
 * Worlds with the built fxcallbacks resource as the hub, TypeScript resources that bundle the library and join it
 * (the harness scripts, under other names), and Lua resources that use its exports.
 */
import type { ClientCallbacks } from '../../src/client';
import type { ServerCallbacks } from '../../src/server';
import { luaOf, type ClientMachine, type LuaRuntime, type World, type WorldOptions } from '../../src/testing';
import type { Router } from '../../src/hub/router';

type HubStats = Router<number>['stats'];
import { harnessScripts, type HarnessOptions, type MachineKit } from '../support/harness';
import { newWorld, plain } from '../world/helpers';
import { bridgeResource, lua } from '../lua/support';

export { printed, scriptErrors, useLua } from '../lua/support';

export const HUB = 'fxcallbacks';

/** A TypeScript resource bundling the library (joins the hub unless its options say standalone). */
export interface TsResource extends HarnessOptions {
  name: string;
  ts: true;
}

/** A Lua resource using the hub's exports. */
export interface LuaResource {
  name: string;
  server?: string;
  client?: string;
}

export interface HubWorld {
  world: World;
  clients: ClientMachine[];
  /** A TypeScript resource's server API. */
  server(resource: string): ServerCallbacks;
  /** A TypeScript resource's client API on a player (by join order). */
  client(playerIndex: number, resource: string): ClientCallbacks;
  serverKit(resource: string): MachineKit;
  clientKit(playerIndex: number, resource: string): MachineKit;
  serverLua(resource: string): LuaRuntime;
  clientLua(playerIndex: number, resource: string): LuaRuntime;
  /** The hub's routing state on the server, or on a player's client, to check that nothing stays behind. */
  hubStats(playerIndex?: number): HubStats;
}

/** Starts a TypeScript or Lua resource in a world that has the hub. */
export function startResource(world: World, resource: TsResource | LuaResource): void {
  if ('ts' in resource) {
    const join = { standalone: false };
    world.startResource({
      name: resource.name,
      ...harnessScripts({ serverOptions: { ...join, ...resource.serverOptions }, clientOptions: { ...join, ...resource.clientOptions } }),
    });
    return;
  }
  world.startResource({
    name: resource.name,
    ...(resource.server !== undefined ? { server: lua(resource.server, 'server.lua') } : {}),
    ...(resource.client !== undefined ? { client: lua(resource.client, 'client.lua') } : {}),
  });
}

/** A world with the hub (named `hub`) and `resources` started in order, then `players` players. */
export function startHubWorld(
  resources: (TsResource | LuaResource)[],
  options: WorldOptions & { players?: number; hub?: string; convars?: Record<string, string> } = {},
): HubWorld {
  const world = newWorld(options);
  for (const [name, value] of Object.entries(options.convars ?? {})) world.setConvar(name, value, { replicated: true });
  const hub = options.hub ?? HUB;
  world.startResource(bridgeResource(hub));
  for (const resource of resources) startResource(world, resource);
  const clients: ClientMachine[] = [];
  for (let i = 0; i < (options.players ?? 1); i++) clients.push(world.connect());
  const globalsOf = (machine: ClientMachine | World['server'], resource: string) => machine.resource(resource).globals;
  return {
    world,
    clients,
    server: (resource) => globalsOf(world.server, resource).callbacks as ServerCallbacks,
    client: (i, resource) => globalsOf(clients[i]!, resource).callbacks as ClientCallbacks,
    serverKit: (resource) => kitOf(globalsOf(world.server, resource)),
    clientKit: (i, resource) => kitOf(globalsOf(clients[i]!, resource)),
    serverLua: (resource) => luaOf(world.server, resource),
    clientLua: (i, resource) => luaOf(clients[i]!, resource),
    hubStats: (i) => plain<HubStats>((i === undefined ? world.server : clients[i]!).resource(hub).run(`exports['${hub}'].GetHubStats()`)),
  };
}

function kitOf(globals: Record<string, any>): MachineKit {
  return { rx: globals.rxjs, delay: globals.delay, fx: globals.fx };
}

export function ts(name: string, options: HarnessOptions = {}): TsResource {
  return { name, ts: true, ...options };
}

/**
 * Counts function-reference calls between runtimes on a machine (the server, or a player's client) by the resource
 * called: exports are function references too, so a call of the hub's exports counts for the hub.
 */
export function countCrossings(machine: World['server'] | ClientMachine): Map<string, number> {
  const counts = new Map<string, number>();
  const counted = machine as unknown as { callRef(ref: string, args: Uint8Array, caller: unknown): Uint8Array };
  const callRef = counted.callRef.bind(counted);
  counted.callRef = (ref, args, caller) => {
    const resource = ref.slice(0, ref.indexOf(':'));
    counts.set(resource, (counts.get(resource) ?? 0) + 1);
    return callRef(ref, args, caller);
  };
  return counts;
}
