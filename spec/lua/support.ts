/**
 * Helpers for tests with Lua resources: Lua scripts inline, the Lua state of a resource, its log lines.
 */
import * as path from 'path';
import { loadLua, luaOf, resourceFromManifest, type ClientMachine, type LuaRuntime, type Machine, type ResourceDefinition, type Script, type World, type WorldOptions } from '../../src/testing';
import { newWorld } from '../world/helpers';

/** wasmoon's WebAssembly must be loaded before a Lua resource starts. */
export function useLua(): void {
  beforeAll(() => loadLua());
}

/** One inline Lua script. */
export function lua(code: string, filename = 'main.lua'): Script[] {
  return [{ code, filename }];
}

/** The Lua state of `resource` on `machine` (default: the server). */
export function state(world: World, resource: string, machine: Machine = world.server): LuaRuntime {
  return luaOf(machine, resource);
}

/** Texts of the log lines a resource wrote on a machine (default: every machine). */
export function printed(world: World, resource: string, machine?: string): string[] {
  return world.logs.entries
    .filter((e) => e.resource === resource && (machine === undefined || e.machine === machine) && !e.text.startsWith(HTTP_BANNER))
    .map((e) => e.text);
}

/** The hub's line at start about its HTTP endpoints (spec/hub/prometheus.spec.ts checks it), left out of `printed`. */
export const HTTP_BANNER = 'fxcallbacks: metrics and dashboard at /fxcallbacks/';

/** Log lines that report script errors. */
export function scriptErrors(world: World): string[] {
  return world.logs.errors().map((e) => `${e.machine}/${e.resource}: ${e.text}`);
}

// ---- the built resource, started as FiveM would ------------------------------------------------------------------


/** The name the specification's examples use for the resource. */
export const BRIDGE = 'community_bridge';

const ROOT = path.join(__dirname, '..', '..');

/** The built resource as its fxmanifest.lua lists it (run `npm run build` first). */
export function bridgeResource(name = BRIDGE): ResourceDefinition {
  return resourceFromManifest(ROOT, name);
}

export interface Consumer {
  name?: string;
  server?: string;
  client?: string;
}

export interface BridgeWorld {
  world: World;
  /** Connected players' machines, in join order. */
  clients: ClientMachine[];
  /** The Lua state of a consumer on the server. */
  server(resource?: string): LuaRuntime;
  /** The Lua state of a consumer on a player's client (default: the first). */
  client(playerIndex?: number, resource?: string): LuaRuntime;
}

/**
 * A world with the built resource and Lua consumer resources started, then `players` players connected (each
 * with the given aces). Disposed after the test.
 */
export function startBridge(consumers: Consumer | Consumer[], options: WorldOptions & { players?: number; aces?: string[][] } = {}): BridgeWorld {
  const world = newWorld(options);
  world.startResource(bridgeResource());
  for (const consumer of Array.isArray(consumers) ? consumers : [consumers]) {
    world.startResource({
      name: consumer.name ?? 'consumer',
      ...(consumer.server !== undefined ? { server: lua(consumer.server, 'server.lua') } : {}),
      ...(consumer.client !== undefined ? { client: lua(consumer.client, 'client.lua') } : {}),
    });
  }
  const clients: ClientMachine[] = [];
  for (let i = 0; i < (options.players ?? 1); i++) clients.push(world.connect({ aces: options.aces?.[i] ?? [] }));
  return {
    world,
    clients,
    server: (resource = 'consumer') => luaOf(world.server, resource),
    client: (playerIndex = 0, resource = 'consumer') => luaOf(clients[playerIndex]!, resource),
  };
}

/**
 * Both sides: the values sent every way, and the fingerprint of what arrived (spec/lua/values.spec.ts, spec/compat/values.spec.ts): a fingerprint
 * holds types and bytes, computed in Lua, so that comparing two never goes through JavaScript. */
export const FINGERPRINT_LUA = `
function VALUES()
  local byPlayer = { [1] = 'alice', [7] = 'bob' }
  local nested = { list = { 10, 20, 30 }, sparse = { [3] = 'x' }, ['7'] = 'string key' }
  return byPlayer, nil, '\\xff\\xfe\\0bytes', 1.0, 1.5, 1 << 40, 9007199254740993, -3, nested, vector3(1.0, 2.5, 3.25), true
end

local function describe(v)
  local t = type(v)
  if t == 'number' then return math.type(v) .. ':' .. string.format(math.type(v) == 'integer' and '%d' or '%.17g', v) end
  if t == 'string' then return 's:' .. v:gsub('.', function(c) return string.format('%02x', c:byte()) end) end
  if t ~= 'table' then return t .. ':' .. tostring(v) end
  local entries = {}
  for k, value in pairs(v) do entries[#entries + 1] = describe(k) .. '=' .. describe(value) end
  table.sort(entries)
  return '{' .. table.concat(entries, ',') .. '}'
end

function fingerprint(...)
  local parts = { 'n=' .. select('#', ...) }
  for i = 1, select('#', ...) do parts[#parts + 1] = describe((select(i, ...))) end
  return table.concat(parts, ' ')
end

received = {}
`;
