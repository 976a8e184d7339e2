/**
 * Resources started from their fxmanifest.lua, with `@other/path` includes: FiveM loads such a file from the
 * other resource's folder, and a client only gets it if the other resource lists it for clients.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { resourceFromManifest } from '../../src/testing';
import { newWorld } from './helpers';
import { state, useLua } from '../lua/support';

useLua();

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'fxcb-manifest-'));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

/** Writes a resource folder: its fxmanifest.lua and files. */
function folder(name: string, manifest: string, files: Record<string, string>): string {
  const dir = path.join(root, name);
  for (const [file, text] of Object.entries({ 'fxmanifest.lua': manifest, ...files })) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const LIB = `fx_version 'cerulean'
files { 'shared/*.lua' }
server_script 'server/only.lua'`;
const LIB_FILES = {
  'shared/util.lua': `function Twice(x) return x * 2 end\nloadedFrom = GetCurrentResourceName()`,
  'server/only.lua': `function ServerOnly() return true end`,
  'server/secret.lua': `secret = true`,
};

test('@lib/path runs the other resource\'s file in this resource, before its own scripts, on both sides', () => {
  const lib = folder('lib', LIB, LIB_FILES);
  const app = folder(
    'app',
    `fx_version 'cerulean'
shared_script '@lib/shared/util.lua'
server_scripts { '@lib/server/only.lua', 'server.lua' }
client_script 'client.lua'`,
    { 'server.lua': `result = Twice(21); serverOnly = ServerOnly()`, 'client.lua': `result = Twice(4)` },
  );
  const world = newWorld();
  world.startResource(resourceFromManifest(app, 'app', { resources: { lib } }));
  const client = world.connect();
  expect(state(world, 'app').runAll('return result, serverOnly, loadedFrom')).toEqual([42, true, 'app']);
  expect(state(world, 'app', client).runAll('return result, loadedFrom')).toEqual([8, 'app']);
});

test('a client include of a file its owner does not list for clients fails; the server may include it', () => {
  const lib = folder('lib', LIB, LIB_FILES);
  const clientSide = folder('clientside', `client_script '@lib/server/secret.lua'`, {});
  expect(() => resourceFromManifest(clientSide, 'clientside', { resources: { lib } })).toThrow(
    "@lib/server/secret.lua, listed in clientside's fxmanifest.lua, is not sent to clients: lib's fxmanifest.lua does not list it in files",
  );
  const serverSide = folder('serverside', `server_script '@lib/server/secret.lua'`, {});
  const world = newWorld();
  world.startResource(resourceFromManifest(serverSide, 'serverside', { resources: { lib } }));
  expect(state(world, 'serverside').get('secret')).toBe(true);
});

test('an include of an unknown resource or a missing file says which', () => {
  const lib = folder('lib', LIB, LIB_FILES);
  const unknown = folder('unknown', `shared_script '@nowhere/x.lua'`, {});
  expect(() => resourceFromManifest(unknown, 'unknown', { resources: { lib } })).toThrow('no folder given for resource nowhere');
  const missing = folder('missing', `server_script '@lib/shared/gone.lua'`, {});
  expect(() => resourceFromManifest(missing, 'missing', { resources: { lib } })).toThrow(/shared[\\/]gone\.lua, included by missing's fxmanifest\.lua, is missing/);
});

test('script globs load every matching file, sorted, as FiveM does (ox_lib\'s manifest shape); chunks are named by their path', () => {
  const dir = folder(
    'globbed',
    `fx_version 'cerulean'
shared_script 'resource/init.lua'
shared_scripts {
    'resource/**/shared.lua',
    -- 'resource/**/shared/*.lua'
}
client_scripts { 'resource/**/client.lua' }
server_scripts { 'resource/**/server.lua', 'resource/**/server/*.lua' }
client_scripts 'ignored.lua' -- a plural key with a string is its own key in FiveM's metadata: not a script`,
    {
      'resource/init.lua': `order = { 'init' }`,
      'resource/shared.lua': `order[#order + 1] = 'shared'`,
      'resource/b/shared.lua': `order[#order + 1] = 'b/shared'`,
      'resource/a/shared.lua': `order[#order + 1] = 'a/shared'`,
      'resource/a/deep/shared.lua': `order[#order + 1] = 'a/deep/shared'`,
      'resource/a/server.lua': `order[#order + 1] = 'a/server'`,
      'resource/a/server/z.lua': `order[#order + 1] = 'a/server/z'; where = debug.getinfo(1, 'S').source`,
      'resource/a/client.lua': `order[#order + 1] = 'a/client'`,
      'ignored.lua': `order[#order + 1] = 'ignored'`,
    },
  );
  const world = newWorld();
  world.startResource(resourceFromManifest(dir, 'globbed'));
  const client = world.connect();
  expect(state(world, 'globbed').get('order')).toEqual(['init', 'a/deep/shared', 'a/shared', 'b/shared', 'shared', 'a/server', 'a/server/z']);
  expect(state(world, 'globbed').get('where')).toBe('@@globbed/resource/a/server/z.lua');
  expect(state(world, 'globbed', client).get('order')).toEqual(['init', 'a/deep/shared', 'a/shared', 'b/shared', 'shared', 'a/client']);
});

test('GetResourceMetadata and GetNumResourceMetadata read the manifest\'s entries, plural keys in table form made singular', () => {
  const dir = folder(
    'meta',
    `fx_version 'cerulean'
--[[ version 'not this one' ]]
version '1.2.3'
author "someone"
games { 'gta5', 'rdr3' }
dependencies { '/onesync', 'lib' }
server_script 'server.lua'`,
    { 'server.lua': `results = { GetResourceMetadata('meta', 'version', 0), GetNumResourceMetadata('meta', 'game'), GetResourceMetadata('meta', 'game', 1),
      GetResourceMetadata('meta', 'dependencie', 0), GetResourceMetadata('meta', 'author', 0), GetNumResourceMetadata('meta', 'version'),
      GetResourceMetadata('meta', 'missing', 0) == nil, GetNumResourceMetadata('nowhere', 'version') }` },
  );
  const world = newWorld();
  world.addResource({ name: 'lib' });
  world.startResource(resourceFromManifest(dir, 'meta'));
  expect(state(world, 'meta').get('results')).toEqual(['1.2.3', 2, 'rdr3', '/onesync', 'someone', 1, true, 0]);
});
