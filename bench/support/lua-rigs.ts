/**
 * Lua benchmark rigs: a simulated world with Lua resources (bench/resources/lua) making the same small client ->
 * server round trip as the JavaScript rigs: the raw Lua transport (`TriggerServerEvent` ping-pong), fxcallbacks'
 * exports used from Lua (plain, and with `shared_script '@fxcallbacks/lua/import.lua'`), and ox_lib-style pure-Lua
 * callbacks. The calls are driven from inside the client's Lua
 * state (bench/resources/lua/driver.lua), as a Lua resource makes them.
 */
import * as fs from 'fs';
import * as path from 'path';
import { luaOf, resourceFromManifest, World, type ClientMachine, type Script } from '../../src/testing';
import { LIFTED_LIMITS, SERVER_FRAME_MS } from './rigs';

export type LuaLayer = 'raw-lua' | 'fx-lua' | 'fxi-lua' | 'ox-lua';

export interface LuaRig {
  readonly world: World;
  readonly client: ClientMachine;
  /** Makes `total` calls with `concurrency` threads; resolves with the real milliseconds it took. */
  drive(total: number, concurrency: number): Promise<number>;
  dispose(): void;
}

const ROOT = path.join(__dirname, '..', '..');
const lua = (...files: string[]): Script[] =>
  files.map((file) => ({ code: fs.readFileSync(path.join(__dirname, '..', 'resources', 'lua', file), 'utf8'), filename: file }));

/** A world with the layer's resources and one player. Needs `await loadLua()` first. */
export function createLuaRig(layer: LuaLayer): LuaRig {
  let done: (() => void) | undefined;
  const world = new World({
    latency: 0,
    serverFrameMs: SERVER_FRAME_MS,
    limits: LIFTED_LIMITS,
    onLog: (entry) => {
      if (entry.text === 'bench:done') done?.();
    },
  });
  // Resource names of equal length, as in the JavaScript rigs.
  const consumer = { 'raw-lua': 'bench_raw', 'fx-lua': 'bench_fxc', 'fxi-lua': 'bench_fxi', 'ox-lua': 'bench_oxl' }[layer];
  // The import's consumer runs the same scripts as the plain exports' one: only its manifest's shared_script differs.
  const side = { 'raw-lua': 'raw', 'fx-lua': 'fx', 'fxi-lua': 'fx', 'ox-lua': 'ox' }[layer];
  if (layer === 'fx-lua' || layer === 'fxi-lua') world.startResource(resourceFromManifest(ROOT, 'fxcallbacks'));
  if (layer === 'ox-lua') world.startResource({ name: 'ox_lib', server: lua('ox_lib-server.lua') });
  const shared = layer === 'fxi-lua' ? [{ code: fs.readFileSync(path.join(ROOT, 'lua', 'import.lua'), 'utf8'), filename: '@fxcallbacks/lua/import.lua' }] : [];
  world.startResource({ name: consumer, shared, server: lua(`${side}-server.lua`), client: lua('driver.lua', `${side}-client.lua`) });
  const client = world.connect();
  const state = luaOf(client, consumer);
  return {
    world,
    client,
    async drive(total, concurrency) {
      const finished = new Promise<void>((resolve) => (done = resolve));
      const started = performance.now();
      state.run(`bench_run(${total}, ${concurrency})`);
      await world.settle(finished, 1e12);
      return performance.now() - started;
    },
    dispose: () => world.dispose(),
  };
}
