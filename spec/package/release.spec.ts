/**
 * The release zip a server owner drops into `resources/` (run after `npm run build`, as `npm test` does): one
 * folder named `fxcallbacks` with what FXServer loads and nothing else, which starts in the world as FiveM would
 * start it and answers a Lua resource's call.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { unzipSync } from 'fflate';
import { luaOf, resourceFromManifest } from '../../src/testing';
import { lua, scriptErrors, useLua } from '../lua/support';
import { newWorld } from '../world/helpers';

const root = path.join(__dirname, '..', '..');
const { writeRelease } = require('../../release.js') as { writeRelease(outDir: string): string };
const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };

useLua();

describe('npm run release', () => {
  let outDir: string;
  let zipFile: string;
  let entries: Record<string, Uint8Array>;

  beforeAll(() => {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fxcallbacks-release-'));
    zipFile = writeRelease(outDir);
    entries = unzipSync(new Uint8Array(fs.readFileSync(zipFile)));
  });
  afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

  it('is fxcallbacks-<version>.zip holding one folder, fxcallbacks, with exactly the resource', () => {
    expect(path.basename(zipFile)).toBe(`fxcallbacks-${version}.zip`);
    const names = Object.keys(entries).sort();
    for (const name of names) expect(name).toMatch(/^fxcallbacks\//);
    const inFolder = names.map((name) => name.slice('fxcallbacks/'.length));
    const compat = fs.existsSync(path.join(root, 'compat')) ? listFiles(path.join(root, 'compat')).map((file) => `compat/${file}`) : [];
    const built = listFiles(path.join(root, 'dist')).map((file) => `dist/${file}`);
    expect(inFolder).toEqual(['fxmanifest.lua', ...built, ...compat, 'lua/import.lua', 'lua/helpers.lua', 'types/fxcallbacks.lua', 'LICENSE', 'README.md'].sort());
    for (const file of inFolder) expect(Buffer.from(entries[`fxcallbacks/${file}`]!).equals(fs.readFileSync(path.join(root, file)))).toBe(true);
  });

  it('is small: the built scripts, compressed', () => {
    expect(fs.statSync(zipFile).size).toBeLessThan(150 * 1024);
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

/** Files under `dir`, relative to it, with `/` separators. */
function listFiles(dir: string, prefix = ''): string[] {
  return fs.readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? listFiles(dir, relative) : [relative];
  });
}
