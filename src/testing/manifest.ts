/**
 * Starts a resource the way FiveM does: from its folder's `fxmanifest.lua`, loading the files its
 * `shared_scripts`, `server_scripts` and `client_scripts` list, in order. Only literal file names are read
 * (no globs, no `@other/resource` paths), which is what a resource's own manifest needs.
 */
import * as fs from 'fs';
import * as path from 'path';
import { scriptFile, type ResourceDefinition, type Script } from './runtime';

type Side = 'shared' | 'server' | 'client';

/** The resource in `dir` as `world.startResource` takes it, named `name` (default: the folder's name). */
export function resourceFromManifest(dir: string, name = path.basename(path.resolve(dir))): ResourceDefinition {
  const manifest = fs.readFileSync(path.join(dir, 'fxmanifest.lua'), 'utf8').replace(/--[^\n]*/g, '');
  const files: Record<Side, string[]> = { shared: [], server: [], client: [] };
  const entry = /\b(shared|server|client)_scripts?\s*(\{[^}]*\}|'[^']*'|"[^"]*")/g;
  for (const [, side, list] of manifest.matchAll(entry)) {
    for (const [, quoted] of list!.matchAll(/['"]([^'"]+)['"]/g)) files[side as Side].push(quoted!);
  }
  const load = (relative: string): Script => {
    const full = path.join(dir, relative);
    if (!fs.existsSync(full)) throw new Error(`${full}, listed in ${name}'s fxmanifest.lua, is missing (not built yet?)`);
    return scriptFile(full);
  };
  return {
    name,
    shared: files.shared.map(load),
    server: files.server.map(load),
    client: files.client.map(load),
  };
}
