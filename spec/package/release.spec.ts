/**
 * `npm run release` (run after `npm run build`, as `npm test` does): the zip a server owner drops into
 * `resources/`, one folder named `fxcallbacks` with what FXServer loads, minified with source maps, and the
 * documents the README links, which starts in the world as FiveM would start it and answers a Lua resource's call;
 * and the npm tarball, which installs as the README says in a folder that has nothing else.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { unzipSync } from 'fflate';
import { luaOf, resourceFromManifest } from '../../src/testing';
import { lua, scriptErrors, useLua } from '../lua/support';
import { blockMarked } from '../support/docBlocks';
import { newWorld } from '../world/helpers';

const root = path.join(__dirname, '..', '..');
const { writeRelease } = require('../../release.js') as { writeRelease(outDir: string): Promise<{ zip: string; tarball: string }> };
const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };

useLua();

let outDir: string;
let files: { zip: string; tarball: string };
let entries: Record<string, Uint8Array>;

beforeAll(async () => {
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fxcallbacks-release-'));
  files = await writeRelease(outDir);
  entries = unzipSync(new Uint8Array(fs.readFileSync(files.zip)));
}, 60_000);
afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

const text = (name: string) => Buffer.from(entries[`fxcallbacks/${name}`]!).toString('utf8');

describe('the release zip', () => {
  it('is fxcallbacks-<version>.zip holding one folder, fxcallbacks, with the resource and its documents', () => {
    expect(path.basename(files.zip)).toBe(`fxcallbacks-${version}.zip`);
    const names = Object.keys(entries).sort();
    for (const name of names) expect(name).toMatch(/^fxcallbacks\//);
    const inFolder = names.map((name) => name.slice('fxcallbacks/'.length));
    const under = (dir: string) => (fs.existsSync(path.join(root, dir)) ? listFiles(path.join(root, dir)).map((file) => `${dir}/${file}`) : []);
    const bundles = ['dist/server.js', 'dist/server.js.map', 'dist/client.js', 'dist/client.js.map'];
    const copied = ['fxmanifest.lua', ...under('dist/lua'), ...under('compat'), 'lua/import.lua', 'lua/helpers.lua', 'lua/protocol.lua', 'types/fxcallbacks.lua', 'LICENSE', 'README.md', 'SECURITY.md', 'BENCHMARKS.md', ...under('docs')];
    expect(inFolder).toEqual([...copied, ...bundles].sort());
    for (const file of copied) expect(Buffer.from(entries[`fxcallbacks/${file}`]!).equals(fs.readFileSync(path.join(root, file)))).toBe(true);
  });

  it.each(['server', 'client'])('ships dist/%s.js minified, with a source map holding the library sources', (side) => {
    const script = text(`dist/${side}.js`);
    expect(script.length).toBeLessThan(fs.statSync(path.join(root, 'dist', `${side}.js`)).size * 0.6);
    // Minified code is a few very long lines; the short ones are the text of the dashboard page the server serves.
    const inLongLines = script.split('\n').filter((line) => line.length > 1000).reduce((bytes, line) => bytes + line.length, 0);
    expect(inLongLines / script.length).toBeGreaterThan(side === 'server' ? 0.85 : 0.97);
    expect(script.trimEnd().endsWith(`//# sourceMappingURL=${side}.js.map`)).toBe(true);
    const map = JSON.parse(text(`dist/${side}.js.map`)) as { sources: string[]; sourcesContent: string[] };
    expect(map.sources).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`src/${side}/resource\\.ts$`)), expect.stringMatching(/src\/core\/call\/caller\.ts$/)]));
    expect(map.sourcesContent).toHaveLength(map.sources.length);
  });

  it('every relative link in its files resolves inside the zip', () => {
    const links: string[] = [];
    for (const name of Object.keys(entries).map((entry) => entry.slice('fxcallbacks/'.length))) {
      const targets = name.endsWith('.md')
        ? [...text(name).matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]!)
        : name.endsWith('.js')
          ? [...text(name).matchAll(/\/\/# sourceMappingURL=(\S+)/g)].map((match) => match[1]!)
          : name === 'fxmanifest.lua'
            ? [...text(name).matchAll(/^\s*'([^'@]+\.lua|[^'@]+\.js)',?$/gm)].map((match) => match[1]!)
            : [];
      for (const target of targets) {
        if (/^[a-z]+:/i.test(target) || target.startsWith('#')) continue;
        links.push(`${name} -> ${target}`);
        const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(name), target.split('#')[0]!));
        const found = resolved.includes('*')
          ? Object.keys(entries).some((entry) => new RegExp(`^fxcallbacks/${resolved.replace(/\./g, '\\.').replace(/\*/g, '[^/]*')}$`).test(entry))
          : entries[`fxcallbacks/${resolved}`] !== undefined;
        if (!found) links.push(`  UNRESOLVED ${resolved}`);
      }
    }
    expect(links.filter((line) => line.includes('UNRESOLVED'))).toEqual([]);
    // The README's links to its documents and the manifest's scripts were among those checked.
    expect(links).toEqual(expect.arrayContaining(['README.md -> docs/lua-api.md', 'README.md -> SECURITY.md', 'README.md -> BENCHMARKS.md', 'fxmanifest.lua -> dist/server.js']));
  });

  it('is small: the minified scripts and their maps, compressed (the maps, which carry the sources, are most of it)', () => {
    expect(fs.statSync(files.zip).size).toBeLessThan(768 * 1024);
  });

  it('unzipped into resources/, starts as FiveM starts it and answers a Lua resource', async () => {
    const resources = path.join(outDir, 'resources');
    for (const [name, data] of Object.entries(entries)) {
      fs.mkdirSync(path.dirname(path.join(resources, name)), { recursive: true });
      fs.writeFileSync(path.join(resources, name), data);
    }
    const world = newWorld({ latency: 20 });
    world.startResource(resourceFromManifest(path.join(resources, 'fxcallbacks')));
    world.startResource({
      name: 'bank',
      server: lua(`exports.fxcallbacks:RegisterServerCallback('balance', function(src, cb, account) cb(account .. ':' .. src * 100) end)`),
      client: lua(`CreateThread(function() answer, err = exports.fxcallbacks:TriggerServerCallbackPromise('balance', 'cash') end)`),
    });
    const player = world.connect();
    await world.advance(500);
    expect(luaOf(player, 'bank').get('answer')).toBe(`cash:${player.playerId * 100}`);
    expect(luaOf(player, 'bank').get('err')).toBeNull();
    expect(scriptErrors(world)).toEqual([]);
  });
});

describe('the npm tarball', () => {
  it("is fxcallbacks-<version>.tgz, and the README's install command works in a folder that has nothing else", () => {
    expect(path.basename(files.tarball)).toBe(`fxcallbacks-${version}.tgz`);
    const command = blockMarked('readme-install').code.trim();
    expect(command).toBe('npm install ./fxcallbacks-<version>.tgz');
    const project = path.join(outDir, 'consumer');
    fs.mkdirSync(project);
    fs.copyFileSync(files.tarball, path.join(project, path.basename(files.tarball)));
    fs.writeFileSync(path.join(project, 'package.json'), '{ "name": "consumer", "private": true }');
    // The dependencies (rxjs, @standard-schema/spec) come from npm's cache when it has them, as after `npm ci` here.
    const args = [...command.replace('<version>', version).split(' ').slice(1), '--prefer-offline', '--no-audit', '--no-fund'];
    const install = spawnSync('npm', args, { cwd: project, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    expect(install.status).toBe(0);
    const run = spawnSync(
      process.execPath,
      ['-e', "const { defineServerCallback } = require('fxcallbacks/contracts'); const { rateLimit } = require('fxcallbacks/operators'); console.log(defineServerCallback('x').side, typeof rateLimit)"],
      { cwd: project, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } },
    );
    expect(`${run.stdout}${run.stderr}`).toBe('server function\n');
    expect(fs.existsSync(path.join(project, 'node_modules', 'fxcallbacks', 'fxmanifest.lua'))).toBe(true);
    expect(fs.existsSync(path.join(project, 'node_modules', 'fxcallbacks', 'dist', 'server.js'))).toBe(true);
  }, 120_000);
});

/** Files under `dir`, relative to it, with `/` separators. */
function listFiles(dir: string, prefix = ''): string[] {
  return fs.readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? listFiles(dir, relative) : [relative];
  });
}
