/**
 * The README's TypeScript tour builds as written: its files, its `build.js` and its `fxmanifest.lua` are taken from
 * the README into a project that installs the package, built with that `build.js`, and the resource its manifest
 * describes runs in the world after the resources it depends on (the hub), as FXServer starts them.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { loadLua, resourceFromManifest } from '../../src/testing';
import { blocksMarked } from '../support/docBlocks';
import { consumerCompilerOptions } from '../support/typecheck';
import { newWorld } from '../world/helpers';

const root = path.join(__dirname, '..', '..');
/** The tour's code blocks (marked `run readme-tour`) of a language, by the file their first line names (`// server.ts`). */
function namedBlocks(language: string): Map<string, string> {
  const comment = language === 'lua' ? '--' : '//';
  const blocks = new Map<string, string>();
  for (const { code } of blocksMarked('readme-tour').filter((block) => block.language === language)) {
    const file = new RegExp(`^${comment} ([\\w/.-]+\\.(?:ts|js|lua))\\b`).exec(code)?.[1];
    if (!file) throw new Error(`a block of the README's tour does not name its file on its first line:\n${code}`);
    blocks.set(file, code);
  }
  return blocks;
}

describe("the README's TypeScript tour", () => {
  let project: string;

  beforeAll(async () => {
    await loadLua(); // the hub's resource has Lua files
    project = fs.mkdtempSync(path.join(os.tmpdir(), 'fxcallbacks-readme-'));
    fs.mkdirSync(path.join(project, 'node_modules'));
    // As npm installs the package: rxjs, its dependency, next to it.
    for (const dependency of ['fxcallbacks', 'rxjs', 'esbuild']) {
      const target = dependency === 'fxcallbacks' ? root : path.join(root, 'node_modules', dependency);
      fs.symlinkSync(target, path.join(project, 'node_modules', dependency), 'dir');
    }
    for (const [file, code] of [...namedBlocks('ts'), ...namedBlocks('js'), ...namedBlocks('lua')]) {
      fs.mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
      fs.writeFileSync(path.join(project, file), code);
    }
  });
  afterAll(() => fs.rmSync(project, { recursive: true, force: true }));

  it('has the files of a resource and its build script', () => {
    expect([...namedBlocks('ts').keys()].sort()).toEqual(['client.ts', 'server.ts', 'shared/callbacks.ts']);
    expect([...namedBlocks('js').keys()]).toEqual(['build.js']);
    expect([...namedBlocks('lua').keys()]).toEqual(['fxmanifest.lua']);
  });

  it('builds with its build.js as written, and the resource answers in the world', async () => {
    const build = spawnSync(process.execPath, ['build.js'], { cwd: project, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    expect(`${build.stdout}${build.stderr}`).toBe('');
    expect(build.status).toBe(0);

    // FXServer starts a resource's dependencies before it; the tour's only one is the hub, this package's resource.
    const manifest = fs.readFileSync(path.join(project, 'fxmanifest.lua'), 'utf8');
    const dependencies = [...manifest.matchAll(/^dependency '([\w-]+)'/gm)].map((match) => match[1]);
    expect(dependencies).toEqual(['fxcallbacks']);
    const world = newWorld({ latency: 20 });
    world.startResource(resourceFromManifest(root, 'fxcallbacks'));
    world.startResource(resourceFromManifest(project, 'shop'));
    const player = world.connect();
    await world.advance(200);
    player.executeCommand('money');
    await world.advance(500);
    const printed = world.logs.entries.filter((entry) => entry.resource === 'shop').map((entry) => entry.text);
    expect(printed).toContain('bank: 500');
    expect(printed).toContain('cash 50');
    expect(printed).toContain('20%'); // the stream's first answer
    expect(world.logs.errors()).toEqual([]);
  });

  it.each(['server', 'client'])("%s.ts type-checks against the package's published types and CitizenFX's", (side) => {
    const program = ts.createProgram(
      [path.join(project, `${side}.ts`)],
      consumerCompilerOptions({
        types: [`@citizenfx/${side}`],
        typeRoots: [path.join(root, 'node_modules', '@types'), path.join(root, 'node_modules')],
      }),
    );
    const problems = ts.getPreEmitDiagnostics(program).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    expect(problems).toEqual([]);
  });
});
