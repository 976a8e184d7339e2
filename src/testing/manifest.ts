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
  const manifest = readManifest(dir);
  const load = (side: Side, entry: string): Script[] => {
    const include = /^@([^/]+)\/(.+)$/.exec(entry);
    if (!include) {
      if (isGlob(entry)) return expandGlob(dir, entry).map((file) => ({ ...scriptFile(path.join(dir, file)), filename: file }));
      return [{ ...fileOf(path.join(dir, entry), `listed in ${name}'s fxmanifest.lua`), filename: entry }];
    }
    const [, owner, relative] = include as unknown as [string, string, string];
    const ownerDir = options.resources?.[owner];
    if (ownerDir === undefined) throw new Error(`${entry}, listed in ${name}'s fxmanifest.lua: no folder given for resource ${owner} (options.resources)`);
    if (side !== 'server' && !clientsMayLoad(readManifest(ownerDir), relative)) {
      throw new Error(`${entry}, listed in ${name}'s fxmanifest.lua, is not sent to clients: ${owner}'s fxmanifest.lua does not list it in files`);
    }
    const script = fileOf(path.join(ownerDir, relative), `included by ${name}'s fxmanifest.lua`);
    return [{ ...script, filename: relative }];
  };
  return {
    name,
    dir: path.resolve(dir),
    shared: manifest.shared.flatMap((entry) => load('shared', entry)),
    server: manifest.server.flatMap((entry) => load('server', entry)),
    client: manifest.client.flatMap((entry) => load('client', entry)),
    clientFiles: manifest.files,
    dependencies: manifest.dependencies.filter((entry) => !entry.startsWith('/')),
    metadata: manifest.metadata,
  };
}

interface Manifest extends Record<Side, string[]> {
  files: string[];
  dependencies: string[];
  metadata: Record<string, string[]>;
}

/**
 * The manifest's metadata as FiveM's `resource_init.lua` records it: every `key 'value'` is an entry of `key`;
 * `keys { 'a', 'b' }` are entries of the key without its final `s` (`client_scripts {...}` → `client_script`,
 * `dependencies {...}` → `dependencie`, which `ResourceDependencyLoader.cpp` reads beside `dependency`).
 */
function readManifest(dir: string): Manifest {
  const text = fs
    .readFileSync(path.join(dir, 'fxmanifest.lua'), 'utf8')
    .replace(/--\[(=*)\[[\s\S]*?\]\1\]/g, '')
    .replace(/--[^\n]*/g, '');
  const metadata: Record<string, string[]> = Object.create(null);
  const entry = /\b([A-Za-z_][A-Za-z0-9_]*)\s*(\{[^}]*\}|'[^']*'|"[^"]*"|\[\[[\s\S]*?\]\])/g;
  for (const [, key, value] of text.matchAll(entry)) {
    const isTable = value!.startsWith('{');
    const name = isTable && key!.endsWith('s') ? key!.slice(0, -1) : key!;
    const values = isTable ? [...value!.matchAll(/'([^']*)'|"([^"]*)"/g)].map((m) => m[1] ?? m[2]!) : [value!.replace(/^(['"]|\[\[)|(['"]|\]\])$/g, '')];
    (metadata[name] ??= []).push(...values);
  }
  const list = (key: string) => metadata[key] ?? [];
  return {
    shared: list('shared_script'),
    server: list('server_script'),
    client: list('client_script'),
    files: list('file'),
    dependencies: [...list('dependency'), ...list('dependencie')],
    metadata,
  };
}

/** Does the owner's manifest send `file` to clients? `files` entries may be globs (`*` in a name, `**` for folders). */
function clientsMayLoad(owner: Manifest, file: string): boolean {
  return matchesAny([...owner.files, ...owner.client, ...owner.shared], file);
}

/** Does `file` match one of the manifest entries (`*` and `?` within a name, `**` across folders)? */
export function matchesAny(patterns: readonly string[], file: string): boolean {
  return patterns.some((pattern) => globToRegExp(pattern).test(file));
}

function isGlob(entry: string): boolean {
  return entry.includes('*') || entry.includes('?');
}

/** The files of `dir` a script glob matches, sorted: FiveM collects each entry's matches in a std::set. */
function expandGlob(dir: string, pattern: string): string[] {
  const re = globToRegExp(pattern);
  return listFiles(dir)
    .filter((file) => re.test(file))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function listFiles(dir: string, prefix = ''): string[] {
  return fs.readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((e) => {
    const relative = prefix ? `${prefix}/${e.name}` : e.name;
    return e.isDirectory() ? listFiles(dir, relative) : [relative];
  });
}

function globToRegExp(pattern: string): RegExp {
  // `**/` is any folders (none included), a final `**` anything below, `*` and `?` stay within a name
  const parts: Record<string, string> = { '**/': '(?:.*/)?', '**': '.*', '*': '[^/]*', '?': '[^/]' };
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*\/|\*\*|\*|\?/g, (glob) => parts[glob]!);
  return new RegExp(`^${escaped}$`);
}

function fileOf(full: string, where: string): Script {
  if (!fs.existsSync(full)) throw new Error(`${full}, ${where}, is missing (not built yet?)`);
  return scriptFile(full);
}
