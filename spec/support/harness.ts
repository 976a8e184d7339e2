/**
 * A world with one resource, `harness`, whose scripts bundle the library the way a TypeScript resource
 * does. Tests drive each machine's `callbacks` (the public API) and watch the wire.
 */
import * as path from 'path';
import type { ClientCallbacks, ClientCallbacksOptions } from '../../src/client';
import type { ServerCallbacks, ServerCallbacksOptions } from '../../src/server';
import { bundleScript, World, type ClientMachine, type Script, type WorldOptions } from '../../src/testing';

export const RESOURCE = 'harness';

/** Endpoint options for each side's `createServerCallbacks` / `createClientCallbacks` (plain data). */
export interface HarnessOptions {
  serverOptions?: ServerCallbacksOptions;
  clientOptions?: ClientCallbacksOptions;
}

export function harnessScripts(options: HarnessOptions = {}): { server: Script[]; client: Script[] } {
  // The harness resource runs alone, without the fxcallbacks resource, so its endpoints are standalone unless told.
  const optionsScript = (endpointOptions: ServerCallbacksOptions | ClientCallbacksOptions | undefined): Script => ({
    code: `globalThis.endpointOptions = ${JSON.stringify({ standalone: true, ...endpointOptions })};`,
    filename: 'options.js',
  });
  return {
    server: [optionsScript(options.serverOptions), bundleScript(path.join(__dirname, 'harness', 'server.ts'), 'server')],
    client: [optionsScript(options.clientOptions), bundleScript(path.join(__dirname, 'harness', 'client.ts'), 'client')],
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
