/**
 * The LuaLS annotation file (types/fxcallbacks.lua) covers every export the resource offers, and nothing it does
 * not: the JavaScript exports are read from the built resource running in the world (the listeners FiveM's
 * `exports()` leaves), the Lua ones from the resource's Lua files. It is valid Lua, so an editor can load it.
 */
import * as fs from 'fs';
import * as path from 'path';
import { luaOf } from '../../src/testing';
import { bridgeResource, lua, useLua } from './support';
import { newWorld } from '../world/helpers';

useLua();

const root = path.join(__dirname, '..', '..');
const annotations = fs.readFileSync(path.join(root, 'types', 'fxcallbacks.lua'), 'utf8');
const EXPORT_EVENT = '__cfx_export_fxcallbacks_';

/** The exports the running resource defines on the server and on a client, internal (`__`) ones left out. */
async function definedExports(): Promise<{ server: string[]; client: string[] }> {
  const world = newWorld();
  world.startResource(bridgeResource('fxcallbacks'));
  const player = world.connect();
  await world.advance(100);
  const luaExports = (side: 'server' | 'client') =>
    [...fs.readFileSync(path.join(root, 'dist', 'lua', `${side}.lua`), 'utf8').matchAll(/\bexports\(\s*'(\w+)'/g)].map((match) => match[1]!);
  const jsExports = (listeners: Record<string, number>) =>
    Object.keys(listeners)
      .filter((event) => event.startsWith(EXPORT_EVENT))
      .map((event) => event.slice(EXPORT_EVENT.length));
  const visible = (names: string[]) => [...new Set(names)].filter((name) => !name.startsWith('__')).sort();
  return {
    server: visible([...jsExports(world.server.resource('fxcallbacks').listenerCounts), ...luaExports('server')]),
    client: visible([...jsExports(player.resource('fxcallbacks').listenerCounts), ...luaExports('client')]),
  };
}

/** Annotated exports per side, from the `---**\`side\`**` mark of each `function exports.fxcallbacks:Name(...)`. */
function annotatedExports(): { server: string[]; client: string[] } {
  const sides = { server: [] as string[], client: [] as string[] };
  for (const [, doc, name] of annotations.matchAll(/((?:---[^\n]*\n)+)function exports\.fxcallbacks:(\w+)\(/g)) {
    if (doc!.includes('**`server`**')) sides.server.push(name!);
    if (doc!.includes('**`client`**')) sides.client.push(name!);
  }
  return { server: sides.server.sort(), client: sides.client.sort() };
}

describe('LuaLS annotations', () => {
  it('annotate exactly the exports the resource defines, on the side it defines them', async () => {
    const defined = await definedExports();
    expect(defined.server).toContain('RegisterServerCallback');
    expect(defined.client).toContain('TriggerServerCallbackPromise');
    expect(annotatedExports()).toEqual(defined);
  });

  it('document each parameter of each export', () => {
    for (const [, doc, name, params] of annotations.matchAll(/((?:---[^\n]*\n)+)function exports\.fxcallbacks:(\w+)\(([^)]*)\)/g)) {
      const documented = [...doc!.matchAll(/^---@param (\S+)/gm)].map((match) => match[1]!.replace(/\?$/, ''));
      const declared = params!.split(',').map((param) => param.trim()).filter(Boolean);
      expect({ name, params: documented }).toEqual({ name, params: declared });
    }
  });

  it('are a ---@meta file that Lua loads without a syntax error', async () => {
    expect(annotations.startsWith('---@meta\n')).toBe(true);
    const world = newWorld();
    world.startResource({ name: 'editor', server: lua(`chunk, syntaxError = load([==[${annotations}]==], 'fxcallbacks.lua')`) });
    await world.advance(10);
    expect(luaOf(world.server, 'editor').get('syntaxError')).toBeNull();
  });
});
