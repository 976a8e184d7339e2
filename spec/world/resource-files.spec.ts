/**
 * `LoadResourceFile` and `GetResourcePath` over the world's resources (`MetadataScriptFunctions.cpp`): the server
 * reads any file in a known resource's folder (started or not; leading slashes dropped, nothing outside the
 * folder), a client only what the resource sends to clients; unknown resources and missing files give nil.
 * The ox_lib way of loading a module (`LoadResourceFile` + `load`) runs CfxLua syntax.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { resourceFromManifest } from '../../src/testing';
import { newWorld } from './helpers';
import { lua, state, useLua } from '../lua/support';

useLua();

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'fxcb-files-'));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

function folder(name: string, files: Record<string, string>): string {
  const dir = path.join(root, name);
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const LIB = {
  'fxmanifest.lua': `fx_version 'cerulean'\nfiles { 'modules/*.lua', 'data/**/*.json' }\nshared_script 'init.lua'`,
  'init.lua': `libLoaded = true`,
  'modules/math.lua': `local M = {}\nfunction M.add(a, b) local s = a; s += b; return s end\nreturn M`,
  'data/deep/items.json': `{"bread":2}`,
  'server/secret.lua': `secret = 1`,
};

test('the server reads any file of a resource folder; a client only the files sent to clients', () => {
  const lib = folder('lib', LIB);
  fs.writeFileSync(path.join(root, 'outside.txt'), 'not the resource\'s');
  const world = newWorld();
  world.startResource(resourceFromManifest(lib, 'lib'));
  const probe = `results = {
    LoadResourceFile('lib', 'modules/math.lua') ~= nil, LoadResourceFile('lib', '/data/deep/items.json'),
    tostring(LoadResourceFile('lib', 'server/secret.lua')), LoadResourceFile('lib', 'fxmanifest.lua') ~= nil,
    LoadResourceFile('lib', 'missing.lua') == nil, LoadResourceFile('nowhere', 'init.lua') == nil,
    LoadResourceFile('lib', '../outside.txt') == nil, LoadResourceFile('lib', 'init.lua'),
  }`;
  world.startResource({ name: 'probe', server: lua(probe), client: lua(probe) });
  const client = world.connect();
  expect(state(world, 'probe').get('results')).toEqual([true, '{"bread":2}', 'secret = 1', true, true, true, true, 'libLoaded = true']);
  expect(state(world, 'probe', client).get('results')).toEqual([true, '{"bread":2}', 'nil', true, true, true, true, 'libLoaded = true']);
});

test('GetResourcePath gives the folder of a known resource, started or not, on the server only', () => {
  const lib = folder('lib', LIB);
  const world = newWorld();
  world.addResource(resourceFromManifest(lib, 'lib'));
  world.startResource({
    name: 'probe',
    server: lua(`results = { GetResourcePath('lib'), GetResourcePath('nowhere') == nil, GetResourceState('lib'), LoadResourceFile('lib', 'init.lua') }`),
    client: lua(`results = { GetResourcePath == nil, LoadResourceFile('lib', 'init.lua') == nil }`),
  });
  const client = world.connect();
  expect(state(world, 'probe').get('results')).toEqual([path.resolve(lib), true, 'stopped', 'libLoaded = true']);
  expect(state(world, 'probe', client).get('results')).toEqual([true, true]);
});

test('files given inline are read like a folder\'s; clientFiles says which ones clients get', () => {
  const world = newWorld();
  world.startResource({
    name: 'inline',
    files: { 'config.lua': 'return { size = 3 }', 'server.json': '{}' },
    clientFiles: ['config.lua'],
    shared: lua(`local config = load(LoadResourceFile('inline', 'config.lua'))(); results = { config.size, LoadResourceFile('inline', 'server.json') }`),
  });
  const client = world.connect();
  expect(state(world, 'inline').get('results')).toEqual([3, '{}']);
  expect(state(world, 'inline', client).get('results')).toEqual([3]);
});

test('a module loaded the ox_lib way (LoadResourceFile + load with its chunk name) runs CfxLua and names its file in errors', () => {
  const lib = folder('lib', { ...LIB, 'modules/broken.lua': `local x\n\nreturn x.field` });
  const world = newWorld();
  world.startResource(resourceFromManifest(lib, 'lib'));
  world.startResource({
    name: 'user',
    server: lua(`
      local function require(name)
        local chunk = LoadResourceFile('lib', ('modules/%s.lua'):format(name))
        return assert(load(chunk, ('@@lib/modules/%s.lua'):format(name)))()
      end
      results = { require('math').add(40, 2) }
      results[2] = select(2, pcall(require, 'broken'))`),
  });
  expect(state(world, 'user').get('results')).toEqual([42, expect.stringMatching(/^@lib\/modules\/broken\.lua:3: attempt to index a nil value/)]);
});
