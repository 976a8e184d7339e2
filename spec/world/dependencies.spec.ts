/**
 * Manifest `dependency`/`dependencies` in start order (`ResourceDependencyLoader.cpp`): a resource starts after
 * its dependencies, starting known but stopped ones first; a dependency the world does not know keeps it from
 * starting, with FiveM's console line; stopping a resource stops the started resources that depend on it first.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { resourceFromManifest } from '../../src/testing';
import { newWorld } from './helpers';
import { lua, state, useLua } from '../lua/support';

useLua();

/** A resource that records, in a shared log on the server, that it started and stopped. */
function recorder(name: string, dependencies: string[] = []) {
  return {
    name,
    dependencies,
    server: lua(`
      TriggerEvent('order:log', 'start ' .. GetCurrentResourceName())
      AddEventHandler('onResourceStop', function(r) if r == GetCurrentResourceName() then TriggerEvent('order:log', 'stop ' .. r) end end)`),
  };
}

/** A world whose `logger` resource keeps the lines; `lines()` reads them. */
function worldWithLog() {
  const world = newWorld();
  world.startResource({ name: 'logger', server: lua(`lines = {}; AddEventHandler('order:log', function(line) lines[#lines + 1] = line end)`) });
  return { world, lines: () => state(world, 'logger').get<string[]>('lines') };
}

test('dependencies start first, in the order listed, a shared one once; known stopped ones are started', () => {
  const { world, lines } = worldWithLog();
  world.addResource(recorder('lib'));
  world.addResource(recorder('core', ['lib']));
  expect(world.startResource(recorder('app', ['core', 'lib']))).toBe(true);
  expect(lines()).toEqual(['start lib', 'start core', 'start app']);
  expect(world.resources).toEqual(['logger', 'lib', 'core', 'app']);
  const client = world.connect();
  expect(client.startedResources()).toEqual(['logger', 'lib', 'core', 'app']);
});

test('a missing dependency keeps the resource from starting, with FiveM\'s console lines', () => {
  const { world, lines } = worldWithLog();
  expect(world.startResource(recorder('app', ['nowhere']))).toBe(false);
  expect(lines()).toEqual([]);
  expect(world.server.resourceState('app')).toBe('stopped');
  expect(world.logs.entries.map((e) => e.text)).toEqual(expect.arrayContaining(['Could not find dependency nowhere for resource app.', "Couldn't start resource app."]));
  // once the dependency exists, the resource starts
  world.addResource(recorder('nowhere'));
  expect(world.startResource('app')).toBe(true);
  expect(lines()).toEqual(['start nowhere', 'start app']);
});

test('a dependency that cannot start fails its dependant too; cycles start each resource once', () => {
  const { world, lines } = worldWithLog();
  world.addResource(recorder('middle', ['gone']));
  expect(world.startResource(recorder('top', ['middle']))).toBe(false);
  expect(world.logs.entries.map((e) => e.text)).toEqual(
    expect.arrayContaining(['Could not find dependency gone for resource middle.', 'Could not start dependency middle for resource top.']),
  );
  world.addResource(recorder('a', ['b']));
  world.addResource(recorder('b', ['a']));
  expect(world.startResource('a')).toBe(true);
  expect(lines()).toEqual(['start b', 'start a']);
});

test('stopping a resource stops its dependants first; restarting it leaves them stopped', () => {
  const { world, lines } = worldWithLog();
  world.startResource(recorder('lib'));
  world.startResource(recorder('app', ['lib']));
  world.startResource(recorder('other'));
  world.restartResource('lib');
  expect(lines()).toEqual(['start lib', 'start app', 'start other', 'stop app', 'stop lib', 'start lib']);
  expect(world.resources).toEqual(['logger', 'other', 'lib']);
});

test('resourceFromManifest reads dependency and dependencies, ignoring version constraints', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fxcb-deps-'));
  try {
    fs.writeFileSync(
      path.join(dir, 'fxmanifest.lua'),
      `fx_version 'cerulean'\ndependency 'ox_lib'\ndependencies {\n  '/server:5848',\n  '/onesync',\n  'oxmysql', -- the database\n  "es_extended",\n}\n`,
    );
    expect(resourceFromManifest(dir, 'app').dependencies).toEqual(['ox_lib', 'oxmysql', 'es_extended']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
