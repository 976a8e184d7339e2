import { World, type WorldOptions, type Script } from '../../src/testing';

const worlds: World[] = [];

/** A world that is disposed after the current test. */
export function newWorld(options: WorldOptions = {}): World {
  const world = new World(options);
  worlds.push(world);
  return world;
}

afterEach(() => {
  for (const world of worlds.splice(0)) world.dispose();
});

/** One inline script. */
export function js(code: string, filename?: string): Script[] {
  return [filename ? { code, filename } : { code }];
}

/** Plain JSON view of a value from another realm (so jest compares structure, not prototypes). */
export function plain<T = unknown>(value: unknown): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
