/**
 * Every code block of README.md and docs/ is checked, as the README's "Code blocks in these docs" says: each carries
 * a marker, each marked id is checked by a test (here, or by the spec file named in CHECKED_ELSEWHERE), and the Lua
 * and TypeScript blocks run as written, or completed only as their marker says, in the simulated world.
 */
import { spawnSync } from 'child_process';
import * as esbuild from 'esbuild';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { luaOf, resourceFromManifest, type ClientMachine, type World } from '../../src/testing';
import { bridgeResource, lua, scriptErrors, useLua } from '../lua/support';
import { blockMarked, docBlocks, documentedFiles, luaSides, type DocBlock } from '../support/docBlocks';
import { consumerCompilerOptions } from '../support/typecheck';
import { newWorld } from '../world/helpers';

const root = path.join(__dirname, '..', '..');

/** Ids whose blocks another spec file runs: that file asks for them with `blocksMarked('<id>')` or `blockMarked`. */
const CHECKED_ELSEWHERE: Record<string, string> = {
  'readme-tour': 'spec/package/readme.spec.ts',
  'readme-install': 'spec/package/release.spec.ts',
  'testing-kit': 'spec/package/testingKit.spec.ts',
};

/** Ids checked in this file (each has a test below). */
const CHECKED_HERE = [
  'readme-contracts',
  'readme-lua-tour',
  'readme-lua-api',
  'readme-convars',
  'readme-shims',
  'readme-callbackmetrics-ace',
  'readme-real-resources',
  'lua-api-luarc',
  'lua-api-return',
  'lua-api-register',
  'lua-api-trigger-client',
  'lua-api-client-promise',
  'lua-api-trigger-server',
  'lua-api-metrics',
];

useLua();

/** Every world a test made, disposed after it. */
const worlds: World[] = [];
afterEach(() => worlds.splice(0).forEach((world) => world.dispose()));

const where = (block: DocBlock) => `${block.file}:${block.line}`;

describe('the code blocks of README.md and docs/', () => {
  it('each carries a marker saying how it is checked', () => {
    const unmarked = docBlocks()
      .filter((block) => !block.marker)
      .map((block) => `${where(block)} ${block.markerText ? `malformed marker ${block.markerText}` : `(\`\`\`${block.language}) has no <!-- doc-test: ... --> line`}`);
    expect(unmarked).toEqual([]);
  });

  it('every id marked in the docs is checked by a test, and every test checks an id the docs still mark', () => {
    const marked = new Set(docBlocks().flatMap((block) => (block.marker && 'id' in block.marker ? [block.marker.id] : [])));
    const checked = new Set([...CHECKED_HERE, ...Object.keys(CHECKED_ELSEWHERE)]);
    expect([...marked].filter((id) => !checked.has(id))).toEqual([]);
    expect([...checked].filter((id) => !marked.has(id))).toEqual([]);
    for (const [id, file] of Object.entries(CHECKED_ELSEWHERE)) {
      expect(fs.readFileSync(path.join(root, file), 'utf8')).toMatch(new RegExp(`blocks?Marked\\('${id}'\\)`));
    }
  });

  it('the npm scripts the docs name, in blocks or in the text, exist', () => {
    const scripts = Object.keys(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).scripts);
    const named = documentedFiles()
      .map((file) => fs.readFileSync(path.join(root, file), 'utf8'))
      .flatMap((text) => [...text.matchAll(/\bnpm (?:run ([\w:-]+)|(test))\b/g)].map((match) => match[1] ?? match[2]!));
    expect(named).toContain('test:full'); // named in the text only
    expect(named.filter((script) => !scripts.includes(script))).toEqual([]);
  });
});

/** A world with the hub and one Lua resource, `docs`, made of the test's completion and the block's code. */
async function runLua(parts: { server?: string[]; client?: string[] }, options: { aces?: string[]; players?: number } = {}): Promise<{ world: World; players: ClientMachine[] }> {
  const world = newWorld({ latency: 20 });
  worlds.push(world);
  world.startResource(bridgeResource('fxcallbacks'));
  const scripts = (codes: string[] | undefined) => codes?.flatMap((code, i) => lua(code, `part${i}.lua`));
  world.startResource({ name: 'docs', ...(parts.server ? { server: scripts(parts.server)! } : {}), ...(parts.client ? { client: scripts(parts.client)! } : {}) });
  const players: ClientMachine[] = [];
  for (let i = 0; i < (options.players ?? 1); i++) players.push(world.connect({ aces: options.aces ?? [] }));
  await world.advance(500);
  return { world, players };
}

/** What `machine` printed from `resource`, colour codes removed. */
function printedBy(world: World, machine: ClientMachine | World['server'], resource = 'docs'): string[] {
  return world.logs.entries.filter((entry) => entry.resource === resource && entry.machine === machine.name).map((entry) => entry.text.replace(/\^\d/g, ''));
}

describe('README.md', () => {
  it('readme-contracts: the typed contracts compile in a consumer project and load', () => {
    const block = blockMarked('readme-contracts');
    const project = fs.mkdtempSync(path.join(os.tmpdir(), 'fxcallbacks-contracts-'));
    try {
      fs.mkdirSync(path.join(project, 'node_modules'));
      fs.symlinkSync(root, path.join(project, 'node_modules', 'fxcallbacks'), 'dir');
      fs.symlinkSync(path.join(root, 'node_modules', 'zod'), path.join(project, 'node_modules', 'zod'), 'dir');
      fs.writeFileSync(path.join(project, 'callbacks.ts'), block.code);
      const program = ts.createProgram([path.join(project, 'callbacks.ts')], consumerCompilerOptions({ types: [] }));
      expect(ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
      esbuild.buildSync({ entryPoints: [path.join(project, 'callbacks.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: path.join(project, 'callbacks.cjs'), external: ['fxcallbacks/*', 'zod'], logLevel: 'silent' });
      const run = spawnSync(
        process.execPath,
        ['-e', "const c = require('./callbacks.cjs'); console.log(c.getMoney.name, c.getMoney.side, c.confirm.name, c.confirm.side, !c.confirm.schema['~standard'].validate(['Sure?']).issues, !!c.confirm.schema['~standard'].validate([1]).issues)"],
        { cwd: project, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } },
      );
      expect(`${run.stdout}${run.stderr}`).toBe('getMoney server confirm client true true\n');
    } finally {
      fs.rmSync(project, { recursive: true, force: true });
    }
  });

  it('readme-lua-tour: the server registers, the client gets the bank balance and the cash', async () => {
    const { server, client } = luaSides(blockMarked('readme-lua-tour'));
    const { world, players } = await runLua({
      server: ["function GetMoney(src, account) return ({ bank = 500, cash = 50 })[account] end", server],
      client: [client],
    });
    expect(printedBy(world, players[0]!)).toEqual(expect.arrayContaining(['Player money:\t500', 'Cash:\t50']));
    expect(scriptErrors(world)).toEqual([]);
  });

  it('readme-lua-api: every export of the tour answers as its comments say', async () => {
    const { server, client } = luaSides(blockMarked('readme-lua-api'));
    const { world, players } = await runLua(
      { server: ["function GetPlayerData(src) return { money = { bank = 25000, cash = 150 } } end", server], client: [client] },
      { aces: ['bank.read'], players: 2 },
    );
    const [alice] = players as [ClientMachine];
    expect(printedBy(world, alice)).toEqual(
      expect.arrayContaining([
        'Player money:\t25000',
        'Cash:\t150\tnil',
        'Transfer:\ttrue\tsent $100 to player 2',
        'heavyOperation:\tnil\tno callback named "heavyOperation" is registered\tnil',
      ]),
    );
    world.server.executeCommand(`welcome ${alice.playerId}`);
    await world.advance(8000);
    expect(printedBy(world, world.server)).toEqual([
      'Second notification:\ttrue\tNotification shown',
      'valid:\tfalse\tmissing required field "parameters"',
      'true\ttrue',
      'Notification:\ttrue\tNotification shown',
    ]);
    world.server.executeCommand('closebank');
    luaOf(alice, 'docs').run(`exports.fxcallbacks:TriggerServerCallback('getPlayerMoney', function(money, err) print("after closebank:", err) end, 'bank')`);
    await world.advance(500);
    expect(printedBy(world, alice)).toContain('after closebank:\tno callback named "getPlayerMoney" is registered');
    expect(scriptErrors(world)).toEqual([]);
  });

  it('readme-convars: the hub starts with them and reports no invalid value', async () => {
    const block = blockMarked('readme-convars');
    const world = newWorld({ latency: 20 });
    worlds.push(world);
    const settings = block.code.split('\n').filter((line) => line.trim() !== '');
    for (const line of settings) {
      const [, command, name, value] = /^(set|setr)\s+(\S+)\s+(\S+)/.exec(line) ?? [];
      expect(command).toBeDefined();
      world.setConvar(name!, value!, { replicated: command === 'setr' });
    }
    world.startResource(bridgeResource('fxcallbacks'));
    world.startResource({ name: 'docs', client: lua(`exports.fxcallbacks:TriggerServerCallback('slow', function(_, err, timedOut) print(err, timedOut) end)`) });
    world.startResource({ name: 'slowpoke', server: lua(`exports.fxcallbacks:RegisterServerCallback('slow', function(src, cb) end)`) });
    const player = world.connect();
    await world.advance(14_000);
    expect(printedBy(world, player)).toEqual([]); // setr fxcallbacks:timeout 15000 reaches the client: no timeout yet
    await world.advance(2_000);
    expect(printedBy(world, player)).toEqual([expect.stringMatching(/\ttrue$/)]);
    expect(world.logs.entries.filter((entry) => entry.text.includes('convar'))).toEqual([]);
  });

  it('readme-shims: every file of the package it names exists', () => {
    const named = [...blockMarked('readme-shims').code.matchAll(/'@fxcallbacks\/([\w/.-]+)'/g)].map((match) => match[1]!);
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((file) => !fs.existsSync(path.join(root, file)))).toEqual([]);
  });

  it('readme-callbackmetrics-ace: the ace it grants lets a player run callbackmetrics, which others may not', async () => {
    const [, ace] = /^add_ace\s+\S+\s+(\S+)\s+allow/m.exec(blockMarked('readme-callbackmetrics-ace').code) ?? [];
    expect(ace).toBe('command.callbackmetrics');
    const world = newWorld({ latency: 20 });
    worlds.push(world);
    world.startResource(bridgeResource('fxcallbacks'));
    const admin = world.connect({ aces: [ace!] });
    const other = world.connect();
    await world.advance(100);
    const before = world.logs.entries.length;
    world.server.executeCommand('callbackmetrics', other.playerId);
    expect(world.logs.entries.slice(before).map((entry) => entry.text)).toEqual(['Access denied for command callbackmetrics.']);
    world.server.executeCommand('callbackmetrics', admin.playerId);
    expect(world.logs.entries.slice(before + 1).filter((entry) => entry.resource === 'fxcallbacks').length).toBeGreaterThan(0);
  });

  it('readme-real-resources: resources from their folders, a dependency, commands and NUI, as its comments say', async () => {
    const project = fs.mkdtempSync(path.join(os.tmpdir(), 'fxcallbacks-resources-'));
    const write = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
      fs.writeFileSync(path.join(project, file), text);
    };
    const manifest = (...lines: string[]) => ["fx_version 'cerulean'", "game 'gta5'", "lua54 'yes'", ...lines, ''].join('\n');
    write('resources/ox_lib/fxmanifest.lua', manifest("server_script 'init.lua'"));
    // Which resource's start started it shows: added only, it would start before myshop was known ('missing').
    write('resources/ox_lib/init.lua', "print('ox_lib starts; myshop is ' .. GetResourceState('myshop'))\n");
    write('resources/myshop/fxmanifest.lua', manifest("dependency 'ox_lib'", "server_script 'server.lua'", "client_script 'client.lua'"));
    write(
      'resources/myshop/server.lua',
      `print('myshop starts; ox_lib is ' .. GetResourceState('ox_lib'))
RegisterCommand('give', function(source, args) print(('give %s %s from source %d'):format(args[1], args[2], source)) end, true)
`,
    );
    write(
      'resources/myshop/client.lua',
      `RegisterCommand('shop', function()
  SendNUIMessage({ action = 'open', items = { 'bread', 'water' } })
  SetNuiFocus(true, true)
end, false)
RegisterNUICallback('buy', function(data, cb)
  print('buying ' .. data.item)
  cb({ ok = true, item = data.item })
end)
`,
    );
    // The block as the body of an async function, type-checked against the package's typings.
    const module = `import { resourceFromManifest, type World } from 'fxcallbacks/testing';

export async function block(world: World) {
${blockMarked('readme-real-resources').code}return { player, answer };
}
`;
    const cwd = process.cwd();
    try {
      fs.mkdirSync(path.join(project, 'node_modules'));
      fs.symlinkSync(root, path.join(project, 'node_modules', 'fxcallbacks'), 'dir');
      fs.writeFileSync(path.join(project, 'block.ts'), module);
      const program = ts.createProgram([path.join(project, 'block.ts')], consumerCompilerOptions({ types: [] }));
      expect(ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);

      const js = ts.transpileModule(module, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2021 } }).outputText;
      const exported: { block?: (world: World) => Promise<{ player: ClientMachine; answer: unknown }> } = {};
      new Function('exports', 'require', js)(exported, (id: string) => {
        if (id !== 'fxcallbacks/testing') throw new Error(`the block imports ${id}`);
        return { resourceFromManifest };
      });
      const world = newWorld({ latency: 20 });
      process.chdir(project); // the block's paths are relative: resources/ox_lib, resources/myshop
      const { player, answer } = await exported.block!(world);

      // ox_lib was only known until myshop's start started it first.
      expect(printedBy(world, world.server, 'ox_lib')).toEqual([expect.stringMatching(/^ox_lib starts; myshop is (stopped|starting)$/)]);
      expect(printedBy(world, world.server, 'myshop')).toEqual(['myshop starts; ox_lib is started', 'give 1 bread from source 0']);
      expect(printedBy(world, player, 'myshop')).toEqual(['buying bread']);
      expect(player.nui.messagesOf('myshop')).toEqual([{ action: 'open', items: ['bread', 'water'] }]);
      expect(player.nui.focusOf('myshop')).toEqual({ hasFocus: true, hasCursor: true, keepInput: false });
      expect(answer).toEqual({ ok: true, item: 'bread' });
      expect(scriptErrors(world)).toEqual([]);

      // The comment on an unknown dependency.
      expect(world.startResource({ name: 'orphan', dependencies: ['missing_lib'], server: lua("print('orphan runs')") })).toBe(false);
      expect(world.logs.entries.map((entry) => entry.text)).toContain('Could not find dependency missing_lib for resource orphan.');
      expect(world.logs.entries.filter((entry) => entry.resource === 'orphan')).toEqual([]);
    } finally {
      process.chdir(cwd);
      fs.rmSync(project, { recursive: true, force: true });
    }
  });
});

describe('docs/lua-api.md', () => {
  it('lua-api-luarc: the folder it names holds the annotation file in the release', () => {
    const [library] = JSON.parse(blockMarked('lua-api-luarc').code)['workspace.library'] as string[];
    expect(library).toMatch(/\/fxcallbacks\/types$/);
    const release = fs.readFileSync(path.join(root, 'release.js'), 'utf8');
    expect(release).toContain("{ from: 'types/fxcallbacks.lua' }");
    expect(fs.existsSync(path.join(root, 'types', 'fxcallbacks.lua'))).toBe(true);
  });

  it('lua-api-return: the returned value is the answer', async () => {
    const { world, players } = await runLua({
      server: [luaSides(blockMarked('lua-api-return')).server],
      client: [`CreateThread(function() local t, err = exports.fxcallbacks:TriggerServerCallbackPromise('getServerTime') print(math.type(t), err) end)`],
    });
    expect(printedBy(world, players[0]!)).toEqual(['integer\tnil']);
    expect(scriptErrors(world)).toEqual([]);
  });

  it('lua-api-register: the rate-limited, permission-checked and schema-checked callbacks answer', async () => {
    const { world, players } = await runLua(
      {
        server: [
          `function GetMoney(src, account) return account == 'bank' and 500 or 50 end
function Transfer(src, target, amount) return ('%d sent %d to %d'):format(src, amount, target) end`,
          blockMarked('lua-api-register').code,
        ],
        client: [
          `CreateThread(function()
  print(exports.fxcallbacks:TriggerServerCallbackPromise('getPlayerMoney', 'bank'))
  print(exports.fxcallbacks:TriggerServerCallbackPromise('transferMoney', { target = 2, amount = 100 }))
  print(exports.fxcallbacks:TriggerServerCallbackPromise('transferMoney', 100))
end)`,
        ],
      },
      { aces: ['bank.read'] },
    );
    const [player] = players as [ClientMachine];
    expect(printedBy(world, player)).toEqual(['500', `${player.playerId} sent 100 to 2`, expect.stringMatching(/^nil\tInvalid arguments for callback "transferMoney": .*table/)]);
    expect(scriptErrors(world)).toEqual([]);
  });

  it('lua-api-trigger-client: the server calls a player', async () => {
    const { world, players } = await runLua({
      server: ['RegisterCommand("run", function(source, args) playerId = tonumber(args[1])\n' + blockMarked('lua-api-trigger-client').code + '\nend, true)'],
      client: [`exports.fxcallbacks:RegisterClientCallback('showNotification', function(cb, text, kind, ms) print(text, kind, ms) cb(nil, 'no screen') end)`],
    });
    world.server.executeCommand(`run ${players[0]!.playerId}`);
    await world.advance(500);
    expect(printedBy(world, players[0]!)).toEqual(['Welcome!\tsuccess\t5000']);
    expect(printedBy(world, world.server)).toEqual(['failed:\tno screen\t']);
    expect(scriptErrors(world)).toEqual([]);
  });

  it('lua-api-client-promise: the server waits for a player in a thread', async () => {
    const { world, players } = await runLua({
      server: ['RegisterCommand("run", function(source, args) playerId = tonumber(args[1])\n' + blockMarked('lua-api-client-promise').code + '\nend, true)'],
      client: [`exports.fxcallbacks:RegisterClientCallback('confirm', function(cb, question) cb(question == 'Buy for $500?') end)`],
    });
    world.server.executeCommand(`run ${players[0]!.playerId}`);
    await world.advance(500);
    expect(printedBy(world, world.server)).toEqual(['confirmed:\ttrue\tnil']);
    expect(scriptErrors(world)).toEqual([]);
  });

  it('lua-api-trigger-server: a client calls the server, with and without options', async () => {
    const { world, players } = await runLua({
      server: [
        `exports.fxcallbacks:RegisterServerCallback('getPlayerMoney', function(src, cb, account) cb(account == 'bank' and 500 or 0) end)
exports.fxcallbacks:RegisterServerCallback('heavyOperation', function(src, cb, data) print('heavyOperation', data.size) cb(true) end)`,
      ],
      client: ['local data = { size = 3 }\n' + blockMarked('lua-api-trigger-server').code],
    });
    expect(printedBy(world, players[0]!)).toEqual(['Player money:\t500']);
    expect(printedBy(world, world.server)).toEqual(['heavyOperation\t3']);
    expect(scriptErrors(world)).toEqual([]);
  });

  it('lua-api-metrics: the table, one entry and the per-resource figures', async () => {
    const { world, players } = await runLua({
      server: [`exports.fxcallbacks:RegisterServerCallback('getMoney', function(src, cb) cb(5) end)`],
      client: [`RegisterCommand('call', function() exports.fxcallbacks:TriggerServerCallbackPromise('getMoney') end, false)`],
    });
    const [player] = players as [ClientMachine];
    player.executeCommand('call');
    await world.advance(500);
    luaOf(player, 'docs').run(blockMarked('lua-api-metrics').code);
    expect(printedBy(world, player)).toEqual([
      expect.stringMatching(/^getMoney\t1\t1\t0\t0\t\d+$/),
      'getMoney timeouts from here:\t0',
      expect.stringMatching(/^fxcallbacks\t1\t\d+$/),
    ]);
    expect(scriptErrors(world)).toEqual([]);
  });
});
