/**
 * The package as a project that installs it sees it (run after `npm run build`, as `npm test` does): a folder with
 * `node_modules/fxcallbacks` linked to this one, driven by child processes (plain Node, plain jest, esbuild) so
 * nothing of this project's own jest setup helps.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as esbuild from 'esbuild';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.join(__dirname, '..', '..');
const jestBin = path.join(root, 'node_modules', 'jest', 'bin', 'jest.js');
let consumer: string;

beforeAll(() => {
  consumer = fs.mkdtempSync(path.join(os.tmpdir(), 'fxcallbacks-consumer-'));
  fs.mkdirSync(path.join(consumer, 'node_modules'));
  fs.symlinkSync(root, path.join(consumer, 'node_modules', 'fxcallbacks'), 'dir');
  write('package.json', '{ "name": "consumer", "private": true }');
  write('shared/callbacks.js', "const { defineServerCallback } = require('fxcallbacks/contracts');\nexports.getMoney = defineServerCallback('getMoney');\n");
});
afterAll(() => fs.rmSync(consumer, { recursive: true, force: true }));

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(consumer, file)), { recursive: true });
  fs.writeFileSync(path.join(consumer, file), text);
}

/** Runs `node args` in the consumer folder, without this test run's NODE_OPTIONS. */
function node(args: string[], nodeOptions = ''): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, args, { cwd: consumer, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: nodeOptions } });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('entries as CommonJS and ES modules', () => {
  it('a contracts file loads with require and with import', () => {
    const required = node(['-e', "const { defineServerCallback } = require('fxcallbacks/contracts'); console.log(JSON.stringify(defineServerCallback('getMoney')))"]);
    expect(required).toEqual({ status: 0, output: '{"name":"getMoney","side":"server"}\n' });
    const imported = node(['--input-type=module', '-e', "import { defineClientCallback } from 'fxcallbacks/contracts'; console.log(JSON.stringify(defineClientCallback('confirm')))"]);
    expect(imported).toEqual({ status: 0, output: '{"name":"confirm","side":"client"}\n' });
  });

  it('the operators entry loads with require and with import, outside FiveM', () => {
    const script = (load: string) =>
      `${load}; const limiter = rateLimit({ limit: 2, window: 1000, name: 'buy', key: (r) => r.player });
       limiter.check({ player: 1 }); limiter.check({ player: 1 });
       try { limiter.check({ player: 1 }); } catch (error) { console.log(error.code, typeof timeoutAfter, typeof retryWithBackoff); }`;
    const required = node(['-e', script("const { rateLimit, timeoutAfter, retryWithBackoff } = require('fxcallbacks/operators')")]);
    expect(required).toEqual({ status: 0, output: 'RATE_LIMITED function function\n' });
    const imported = node(['--input-type=module', '-e', script("import { rateLimit, timeoutAfter, retryWithBackoff } from 'fxcallbacks/operators'")]);
    expect(imported).toEqual({ status: 0, output: 'RATE_LIMITED function function\n' });
  });

  it('a shared contracts file loads in a plain jest test (no preset, no flags)', () => {
    write('plain/contracts.test.js', "const { getMoney } = require('../shared/callbacks');\ntest('contract', () => expect(getMoney).toEqual({ name: 'getMoney', side: 'server' }));\n");
    const run = node([jestBin, '--rootDir', consumer, '--ci', 'plain/']);
    expect(run.output).toContain('Tests:       1 passed, 1 total');
    expect(run.status).toBe(0);
  });

  it.each(['server', 'client'])('importing fxcallbacks/%s outside FiveM fails with one error naming what is missing', (side) => {
    const expected = `fxcallbacks/${side} runs inside a FiveM ${side} script, but \`onNet\``;
    for (const args of [
      ['-e', `require('fxcallbacks/${side}')`],
      ['--input-type=module', '-e', `import 'fxcallbacks/${side}'`],
    ]) {
      const run = node(args);
      expect(run.status).not.toBe(0);
      expect(run.output).toContain(expected);
      expect(run.output).toContain("'fxcallbacks/contracts'");
      expect(run.output).not.toContain('is not defined\n');
    }
  });
});

describe('bundling a resource that imports the library', () => {
  const consumerBundleOptions: Record<'server' | 'client', esbuild.BuildOptions> = {
    // As README's "Bundling your resource" gives them.
    server: { bundle: true, platform: 'neutral', mainFields: ['module', 'main'], conditions: ['es2015'], format: 'iife', target: 'node16' },
    client: { bundle: true, platform: 'browser', conditions: ['es2015'], format: 'iife', target: 'es2021' },
  };

  function rxjsBuildsIn(side: 'server' | 'client', options: esbuild.BuildOptions): string[] {
    const result = esbuild.buildSync({
      ...options,
      stdin: { contents: `import { create${side === 'server' ? 'Server' : 'Client'}Callbacks } from 'fxcallbacks/${side}'; create${side === 'server' ? 'Server' : 'Client'}Callbacks();`, resolveDir: consumer },
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const builds = Object.keys(result.metafile!.inputs).map((input) => /rxjs\/dist\/(\w+)\//.exec(input)?.[1]).filter((build): build is string => build !== undefined);
    return [...new Set(builds)];
  }

  it.each(['server', 'client'] as const)("the documented %s settings take rxjs's ES2015 build, which tree-shakes, never its CommonJS build", (side) => {
    expect(rxjsBuildsIn(side, consumerBundleOptions[side])).toEqual(['esm']);
  });

  it("FiveM's usual server settings (platform node) would pull rxjs's CommonJS build", () => {
    expect(rxjsBuildsIn('server', { bundle: true, platform: 'node', format: 'cjs', target: 'node16' })).toEqual(['cjs']);
  });
});

describe('the testing kit', () => {
  it('loads and runs a world without esbuild; only bundleScript asks for it', () => {
    const withoutEsbuild = `
      const Module = require('module');
      const resolve = Module._resolveFilename;
      Module._resolveFilename = function (request, ...rest) {
        if (request === 'esbuild') throw Object.assign(new Error("Cannot find module 'esbuild'"), { code: 'MODULE_NOT_FOUND' });
        return resolve.call(this, request, ...rest);
      };
      const { World, bundleScript } = require('fxcallbacks/testing');
      const world = new World();
      world.startResource({ name: 'hello', server: [{ code: 'globalThis.ran = true' }] });
      console.log('world ran:', world.server.resource('hello').globals.ran === true);
      world.dispose();
      try { bundleScript('server.ts', 'server'); } catch (error) { console.log(error.message); }`;
    const run = node(['-e', withoutEsbuild]);
    expect(run.output).toContain('world ran: true');
    expect(run.output).toContain('bundleScript needs the esbuild package');
    expect(run.status).toBe(0);
  });

  const luaTest = `
const { World, luaOf } = require('fxcallbacks/testing');
test('a Lua resource runs', async () => {
  const world = new World();
  world.startResource({ name: 'sum', server: [{ code: 'total = 20 + 22', filename: 'server.lua' }] });
  await world.advance(10);
  expect(luaOf(world.server, 'sum').get('total')).toBe(42);
  world.dispose();
});
`;

  it("preset: 'fxcallbacks' is the whole jest setup, Lua included", () => {
    write('preset/jest.config.js', "module.exports = { preset: 'fxcallbacks' };\n");
    write('preset/lua.test.js', luaTest);
    const run = node([jestBin, '--ci', '--rootDir', path.join(consumer, 'preset'), '--config', path.join(consumer, 'preset', 'jest.config.js')], '--experimental-vm-modules');
    expect(run.output).toContain('Tests:       1 passed, 1 total');
    expect(run.status).toBe(0);
  });

  it('without the VM modules flag, the preset stops with the fix', () => {
    const run = node([jestBin, '--ci', '--rootDir', path.join(consumer, 'preset'), '--config', path.join(consumer, 'preset', 'jest.config.js')]);
    expect(run.status).not.toBe(0);
    expect(run.output).toContain('run jest as `NODE_OPTIONS=--experimental-vm-modules jest`');
  });
});

describe('npm pack', () => {
  it('ships the built code, types, license and Lua annotations; no tests, sources or build leftovers', () => {
    const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' })) as Array<{ files: Array<{ path: string }> }>;
    const files = packed!.files.map((file) => file.path);
    for (const needed of ['package.json', 'LICENSE', 'README.md', 'fxmanifest.lua', 'dist/server.js', 'dist/client.js', 'types/fxcallbacks.lua', 'docs/lua-api.md', 'jest-preset.js']) {
      expect(files).toContain(needed);
    }
    for (const entry of Object.values(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).exports) as Array<string | Record<string, string>>) {
      for (const target of typeof entry === 'string' ? [entry] : Object.values(entry)) expect(files).toContain(target.replace(/^\.\//, ''));
    }
    expect(files.filter((file) => /tsbuildinfo|\.spec\.|^spec\/|^src\/|^bench\/|^demo\/|^build\//.test(file))).toEqual([]);
  });

  it('prepare builds, so a pack of a clean clone and a git dependency ship code', () => {
    expect(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).scripts.prepare).toBe('npm run build');
  });
});
