/**
 * The README's consumer project for the testing kit runs as written: its package.json, jest.config.js,
 * tsconfig.json and test file (blocks marked `testing-kit`), with the tour's resource as its `src/`, in a folder
 * whose node_modules holds this package and the dev dependencies at versions its package.json allows; its jest
 * runs in a child process, so nothing of this project's own jest setup helps.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { blocksMarked, type DocBlock } from '../support/docBlocks';

const root = path.join(__dirname, '..', '..');
// npm's own range logic (a dependency of this project's tools; it has no bundled types).
const semver = require('semver') as { satisfies(version: string, range: string): boolean };
const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };

/** The file a block of the consumer project is: named on its first line, or known by its shape. */
function fileOf(block: DocBlock): string {
  const named = /^\/\/ ([\w/.-]+)\n/.exec(block.code)?.[1];
  if (named) return named;
  if (block.language === 'json') return JSON.parse(block.code).compilerOptions ? 'tsconfig.json' : 'package.json';
  throw new Error(`${block.file}:${block.line}: which file of the consumer project is this block?`);
}

let project: string;
let packageJson: { scripts: Record<string, string>; devDependencies: Record<string, string> };

beforeAll(() => {
  project = fs.mkdtempSync(path.join(os.tmpdir(), 'fxcallbacks-kit-'));
  for (const block of blocksMarked('testing-kit')) {
    fs.mkdirSync(path.dirname(path.join(project, fileOf(block))), { recursive: true });
    fs.writeFileSync(path.join(project, fileOf(block)), block.code);
  }
  // Its src/ is the README's tour resource (spec/package/readme.spec.ts builds that one for FiveM).
  for (const block of blocksMarked('readme-tour').filter((b) => b.language === 'ts')) {
    const file = /^\/\/ ([\w/.-]+\.ts)\b/.exec(block.code)![1]!;
    fs.mkdirSync(path.dirname(path.join(project, 'src', file)), { recursive: true });
    fs.writeFileSync(path.join(project, 'src', file), block.code);
  }
  packageJson = JSON.parse(fs.readFileSync(path.join(project, 'package.json'), 'utf8'));
  // "npm install": this package, and this project's copies of the others, each checked against the range asked.
  fs.mkdirSync(path.join(project, 'node_modules', '@types'), { recursive: true });
  // rxjs comes with the package, as npm installs it.
  for (const dependency of [...Object.keys(packageJson.devDependencies), 'rxjs']) {
    const target = dependency === 'fxcallbacks' ? root : path.join(root, 'node_modules', dependency);
    fs.symlinkSync(target, path.join(project, 'node_modules', dependency), 'dir');
  }
});
afterAll(() => fs.rmSync(project, { recursive: true, force: true }));

test("its dependencies: the release's tarball, and versions this project is tested with", () => {
  expect(Object.keys(packageJson.devDependencies).sort()).toEqual(['@types/jest', '@types/node', 'esbuild', 'fxcallbacks', 'jest', 'msgpack-lite', 'ts-jest', 'typescript', 'wasmoon']);
  expect(packageJson.devDependencies.fxcallbacks).toBe(`file:fxcallbacks-${version}.tgz`);
  const outside = Object.entries(packageJson.devDependencies)
    .filter(([name]) => name !== 'fxcallbacks')
    .filter(([name, range]) => !semver.satisfies(JSON.parse(fs.readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')).version, range));
  expect(outside).toEqual([]);
});

test('its tests pass with its own jest, preset and ts-jest, run as its test script runs them', () => {
  const [env, jest] = packageJson.scripts.test!.split(' ') as [string, string];
  expect([env, jest]).toEqual(['NODE_OPTIONS=--experimental-vm-modules', 'jest']);
  const run = spawnSync(process.execPath, [path.join(project, 'node_modules', 'jest', 'bin', 'jest.js'), '--ci'], {
    cwd: project,
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: env.slice('NODE_OPTIONS='.length) },
  });
  expect(run.stderr).toContain('Tests:       2 passed, 2 total');
  expect(run.status).toBe(0);
}, 120_000);
