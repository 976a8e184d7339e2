/**
 * Worlds for the drop-in shims: the built fxcallbacks resource, and Lua resources started from their own
 * fxmanifest.lua, which loads a shim with `shared_script '@fxcallbacks/compat/<shim>.lua'` as users write it.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { luaOf, resourceFromManifest, type ClientMachine, type LuaRuntime, type World, type WorldOptions } from '../../src/testing';
import { FrameType, PROTOCOL_VERSION } from '../../src/core/wire/protocol';
import { newWorld, plain } from '../world/helpers';
import type { Router } from '../../src/hub/router';
import { bridgeResource } from '../lua/support';

export { printed, scriptErrors, useLua } from '../lua/support';

const HUB = 'fxcallbacks';

type HubStats = Router<number>['stats'];

export interface LuaResource {
  name: string;
  /** `shared_script`s before the shim, e.g. a framework's `@es_extended/imports.lua`. */
  before?: string[];
  /** The shim to load (`compat/<shim>.lua`); none for a framework's own resource. */
  shim?: 'ox_lib' | 'esx' | 'qbcore';
  server?: string;
  client?: string;
  /** Other files of the folder, e.g. a framework's `imports.lua`, and the `files` it sends to clients. */
  files?: Record<string, string>;
  /** An existing folder to start as it is (a framework's stand-in in fixtures/) instead of the fields above. */
  dir?: string;
}

/** The frameworks' own callback code in stand-in resources (fixtures/<name>/PROVENANCE.md). */
export const FRAMEWORKS = {
  qbcore: { name: 'qb-core', dir: path.join(__dirname, 'fixtures', 'qb-core') },
  esx: { name: 'es_extended', dir: path.join(__dirname, 'fixtures', 'es_extended') },
  ox_lib: { name: 'ox_lib', dir: path.join(__dirname, 'fixtures', 'ox_lib') },
} satisfies Record<string, LuaResource>;

/** What a resource's manifest loads to use the framework (ox_lib's `@ox_lib/init.lua`). */
const FRAMEWORK_IMPORTS: Partial<Record<keyof typeof FRAMEWORKS, string>> = { ox_lib: '@ox_lib/init.lua' };

/**
 * A real resource (spec/compat/real/<name>) as it runs on `flavour`: unchanged on the framework; on the shim, a copy
 * whose fxmanifest.lua gets the shim's lines, as a server owner adds them.
 */
export function realResource(name: string, flavour: Flavour, shim: 'ox_lib' | 'esx' | 'qbcore'): LuaResource {
  const dir = path.join(__dirname, 'real', name);
  if (flavour === 'framework') return { name, dir };
  root ??= fs.mkdtempSync(path.join(os.tmpdir(), 'fxcb-compat-'));
  const copy = path.join(root, name);
  fs.cpSync(dir, copy, { recursive: true });
  fs.appendFileSync(path.join(copy, 'fxmanifest.lua'), `\ndependency '${HUB}'\nshared_script '@${HUB}/compat/${shim}.lua'\n`);
  return { name, dir: copy };
}

/** Which callback code a scenario runs on: the shim, or the framework's own (its stand-in started first). */
export type Flavour = 'framework' | 'shim';

/** `resources` as they run on `flavour`: on the framework, without the shim and after the framework's stand-in. */
export function onFlavour(flavour: Flavour, framework: keyof typeof FRAMEWORKS, resources: LuaResource[]): LuaResource[] {
  if (flavour === 'shim') return resources;
  const imports = FRAMEWORK_IMPORTS[framework];
  const unshimmed = resources.map(({ shim: _shim, ...resource }) => (imports ? { ...resource, before: [imports, ...(resource.before ?? [])] } : resource));
  return [FRAMEWORKS[framework], ...unshimmed];
}

export interface ShimWorld {
  world: World;
  clients: ClientMachine[];
  server(resource: string): LuaRuntime;
  client(playerIndex: number, resource: string): LuaRuntime;
  /** Calls the hub is waiting on, and players' requests it is answering, on the server (or a player's client). */
  inFlight(playerIndex?: number): { calls: number; routes: number };
  /** Starts more resources, later. */
  start(...resources: LuaResource[]): void;
}

let root: string | undefined;
afterEach(() => {
  if (root) fs.rmSync(root, { recursive: true, force: true });
  root = undefined;
});

/** The resource's folder with a manifest listing what it has, in the usual order. */
function writeFolder(resource: LuaResource): string {
  root ??= fs.mkdtempSync(path.join(os.tmpdir(), 'fxcb-compat-'));
  const dir = path.join(root, resource.name);
  const shared = [...(resource.before ?? []), ...(resource.shim ? [`@${HUB}/compat/${resource.shim}.lua`] : [])];
  const manifest = [
    `fx_version 'cerulean'`,
    `game 'gta5'`,
    ...shared.map((file) => `shared_script '${file}'`),
    ...(resource.server !== undefined ? [`server_script 'server.lua'`] : []),
    ...(resource.client !== undefined ? [`client_script 'client.lua'`] : []),
    ...(resource.files ? [`files { ${Object.keys(resource.files).map((f) => `'${f}'`).join(', ')} }`] : []),
  ].join('\n');
  const files: Record<string, string> = { 'fxmanifest.lua': manifest, ...resource.files };
  if (resource.server !== undefined) files['server.lua'] = resource.server;
  if (resource.client !== undefined) files['client.lua'] = resource.client;
  fs.mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), text);
  return dir;
}

/**
 * A world with the built fxcallbacks resource and `resources` started in order (each may include files of the
 * ones before it), then `players` players connected. Disposed after the test.
 */
export function startShims(resources: LuaResource[], options: WorldOptions & { players?: number; hubStarted?: boolean } = {}): ShimWorld {
  const world = newWorld(options);
  const hub = bridgeResource(HUB);
  // Known (its files readable on the server) but not started, until the test starts it.
  if (options.hubStarted === false) world.addResource(hub);
  else world.startResource(hub);
  const folders: Record<string, string> = { [HUB]: path.join(__dirname, '..', '..') };
  const start = (...more: LuaResource[]) => {
    for (const resource of more) {
      folders[resource.name] = resource.dir ?? writeFolder(resource);
      world.startResource(resourceFromManifest(folders[resource.name]!, resource.name, { resources: folders }));
    }
  };
  start(...resources);
  const clients: ClientMachine[] = [];
  for (let i = 0; i < (options.players ?? 1); i++) clients.push(world.connect());
  return {
    world,
    clients,
    server: (resource) => luaOf(world.server, resource),
    client: (playerIndex, resource) => luaOf(clients[playerIndex]!, resource),
    inFlight: (playerIndex) => {
      const machine = playerIndex === undefined ? world.server : clients[playerIndex]!;
      const { calls, routes } = plain<HubStats>(machine.resource(HUB).run(`exports['${HUB}'].GetHubStats()`));
      return { calls, routes };
    },
    start,
  };
}

/**
 * A cheating player 2 answers the server's call to player 1 in `admin` (its Lua `ask(1)` stores the answer in the
 * global `answer`) before player 1 does, claiming to be player 2: the server must wait for player 1's own answer.
 * Player 1's callback answers its server id after 500 ms.
 */
export async function expectForgedReplyRefused(shims: ShimWorld, admin: string): Promise<void> {
  const [victim, forger] = shims.clients as [ClientMachine, ClientMachine];
  let seen: { event: string; id: number } | undefined;
  shims.world.network.intercept((packet) => {
    if (seen || packet.to !== victim.playerId || !packet.name.startsWith('fxcb:')) return;
    const frame = (packet.args[0] as unknown[])[1] as unknown[];
    if (frame[0] === FrameType.REQUEST) seen = { event: packet.name, id: frame[1] as number };
  });
  shims.server(admin).run(`ask(${victim.playerId})`);
  await shims.world.advance(100);
  expect(seen).toBeDefined();
  const context = forger.resource(HUB);
  context.globals.__forged = [PROTOCOL_VERSION, [FrameType.RESULT, seen!.id, [forger.playerId]]];
  context.run(`emitNet(${JSON.stringify(seen!.event)}, __forged)`);
  await shims.world.advance(100);
  expect(shims.server(admin).get('answer')).toBeNull();
  await shims.world.advance(500);
  expect(shims.server(admin).get('answer')).toBe(victim.playerId);
}
