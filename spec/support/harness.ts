/**
 * A world with one resource, `harness`, whose scripts bundle the library the way a TypeScript resource
 * does. Tests drive each machine's `callbacks` (the public API) and watch the wire.
 */
import * as esbuild from 'esbuild';
import * as path from 'path';
import type { ClientCallbacks } from '../../src/client';
import type { EndpointOptions, ServerCallbacks } from '../../src/server';
import { World, type ClientMachine, type Script, type WorldOptions } from '../../src/testing';

export const RESOURCE = 'harness';

const bundles = new Map<string, string>();

/** Bundles a harness entry once per test file, as build.js bundles the resource. */
export function bundle(entry: 'server' | 'client'): string {
  let code = bundles.get(entry);
  if (code === undefined) {
    const result = esbuild.buildSync({
      entryPoints: [path.join(__dirname, 'harness', `${entry}.ts`)],
      bundle: true,
      write: false,
      conditions: ['es2015'],
      ...(entry === 'server'
        ? { platform: 'neutral', mainFields: ['module', 'main'], format: 'iife', target: 'node16' }
        : { platform: 'browser', format: 'iife', target: 'es2021' }),
    });
    code = result.outputFiles[0]!.text;
    bundles.set(entry, code);
  }
  return code;
}

/** Endpoint options for each side's `createServerCallbacks` / `createClientCallbacks` (plain data). */
export interface HarnessOptions {
  serverOptions?: EndpointOptions;
  clientOptions?: EndpointOptions;
}

export function harnessScripts(options: HarnessOptions = {}): { server: Script[]; client: Script[] } {
  const optionsScript = (endpointOptions: EndpointOptions | undefined): Script => ({
    code: `globalThis.endpointOptions = ${JSON.stringify(endpointOptions ?? {})};`,
    filename: 'options.js',
  });
  return {
    server: [optionsScript(options.serverOptions), { code: bundle('server'), filename: 'server.js' }],
    client: [optionsScript(options.clientOptions), { code: bundle('client'), filename: 'client.js' }],
  };
}

/** What a machine's copy of the harness offers handlers written in a test: its rxjs, timers and library. */
export interface MachineKit {
  rx: typeof import('rxjs');
  /** Resolves after `ms` of this machine's (virtual) time. */
  delay(ms: number): Promise<void>;
  fx: typeof import('../../src/server') | typeof import('../../src/client');
}

export interface Harness {
  world: World;
  /** The server machine's rxjs, timers and library, for handlers defined in a test. */
  serverKit: MachineKit;
  clientKit(playerId: number): MachineKit;
  /** The server's API, as the harness resource's server script sees it. */
  server: ServerCallbacks;
  /** Each connected player's API, by player id. */
  client(playerId: number): ClientCallbacks;
  /** Connects a player and returns its id. */
  join(): number;
}

const worlds: World[] = [];
afterEach(() => {
  for (const world of worlds.splice(0)) world.dispose();
});

function kitOf(globals: Record<string, any>): MachineKit {
  return { rx: globals.rxjs, delay: globals.delay, fx: globals.fx };
}

/** A world with the harness resource started and `players` players connected; disposed after the test. */
export function startHarness(options: WorldOptions & HarnessOptions & { players?: number } = {}): Harness {
  const world = new World(options);
  worlds.push(world);
  world.startResource({ name: RESOURCE, ...harnessScripts(options) });
  const harness: Harness = {
    world,
    server: world.server.resource(RESOURCE).globals.callbacks as ServerCallbacks,
    serverKit: kitOf(world.server.resource(RESOURCE).globals),
    clientKit: (playerId) => kitOf(world.client(playerId).resource(RESOURCE).globals),
    client: (playerId) => world.client(playerId).resource(RESOURCE).globals.callbacks as ClientCallbacks,
    join: () => world.connect().playerId,
  };
  for (let i = 0; i < (options.players ?? 1); i++) harness.join();
  return harness;
}

/** The error a promise rejected with (fails the test if it resolved). */
export async function rejectionOf(promise: Promise<unknown>): Promise<{ code: string; message: string; details?: unknown }> {
  try {
    const value = await promise;
    throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
  } catch (error) {
    return error as { code: string; message: string };
  }
}

export type { ClientMachine };
