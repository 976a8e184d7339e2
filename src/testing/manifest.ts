/**
 * Starts a resource the way FiveM does: from its folder's `fxmanifest.lua`, loading the files its
 * `shared_scripts`, `server_scripts` and `client_scripts` list, in order, after the resources its `dependency`
 * and `dependencies` entries name (entries starting with `/` are FiveM's version constraints, not resources).
 * Only literal script names are read (no globs), plus `@other/path` includes: a file of another resource, which
 * FiveM loads from that resource's folder. A client gets another resource's file only if that resource lists it (in `files` or its client or shared
 * scripts), so an include the owner does not list fails here as it fails on a player's game.
 */
import * as fs from 'fs';
import * as path from 'path';
import { scriptFile, type ResourceDefinition, type Script } from './runtime';

type Side = 'shared' | 'server' | 'client';

export interface ManifestOptions {
  /** The folders of other resources this manifest includes files from (`@name/path`), by resource name. */
  resources?: Record<string, string>;
}

/** The resource in `dir` as `world.startResource` takes it, named `name` (default: the folder's name). */
export function resourceFromManifest(dir: string, name = path.basename(path.resolve(dir)), options: ManifestOptions = {}): ResourceDefinition {
  const files = readManifest(dir);
  const load = (side: Side, entry: string): Script => {
    const include = /^@([^/]+)\/(.+)$/.exec(entry);
    if (!include) return fileOf(path.join(dir, entry), `listed in ${name}'s fxmanifest.lua`);
    const [, owner, relative] = include as unknown as [string, string, string];
    const ownerDir = options.resources?.[owner];
    if (ownerDir === undefined) throw new Error(`${entry}, listed in ${name}'s fxmanifest.lua: no folder given for resource ${owner} (options.resources)`);
    if (side !== 'server' && !clientsMayLoad(readManifest(ownerDir), relative)) {
      throw new Error(`${entry}, listed in ${name}'s fxmanifest.lua, is not sent to clients: ${owner}'s fxmanifest.lua does not list it in files`);
    }
    const script = fileOf(path.join(ownerDir, relative), `included by ${name}'s fxmanifest.lua`);
    return { ...script, filename: relative };
  };
  return {
    name,
    dir: path.resolve(dir),
    shared: files.shared.map((entry) => load('shared', entry)),
    server: files.server.map((entry) => load('server', entry)),
    client: files.client.map((entry) => load('client', entry)),
    clientFiles: files.files,
    dependencies: files.dependencies.filter((entry) => !entry.startsWith('/')),
  };
}

interface Manifest extends Record<Side, string[]> {
  files: string[];
  dependencies: string[];
}

function readManifest(dir: string): Manifest {
  const text = fs.readFileSync(path.join(dir, 'fxmanifest.lua'), 'utf8').replace(/--[^\n]*/g, '');
  const lists: Manifest = { shared: [], server: [], client: [], files: [], dependencies: [] };
  const entry = /\b(shared_scripts?|server_scripts?|client_scripts?|files?|dependency|dependencies)\s*(\{[^}]*\}|'[^']*'|"[^"]*")/g;
  for (const [, key, list] of text.matchAll(entry)) {
    const kind = key!.replace(/_scripts?$|s$/, '');
    const target = kind === 'file' ? lists.files : kind.startsWith('dependenc') ? lists.dependencies : lists[kind as Side];
    for (const [, quoted] of list!.matchAll(/['"]([^'"]+)['"]/g)) target.push(quoted!);
  }
  return lists;
}

/** Does the owner's manifest send `file` to clients? `files` entries may be globs (`*` in a name, `**` for folders). */
function clientsMayLoad(owner: Manifest, file: string): boolean {
  return matchesAny([...owner.files, ...owner.client, ...owner.shared], file);
}

/** Does `file` match one of the manifest entries (`*` in a name, `**` for folders)? */
export function matchesAny(patterns: readonly string[], file: string): boolean {
  return patterns.some((pattern) => globToRegExp(pattern).test(file));
}

function globToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*\/|\*/g, (glob) => (glob === '*' ? '[^/]*' : '(?:.*/)?'));
  return new RegExp(`^${escaped}$`);
}

function fileOf(full: string, where: string): Script {
  if (!fs.existsSync(full)) throw new Error(`${full}, ${where}, is missing (not built yet?)`);
  return scriptFile(full);
}
