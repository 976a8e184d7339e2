/**
 * The npm package's shape (run after `npm run build`, as `npm test` does): separate entries whose files exist,
 * and a client entry that brings no server code and no Node API into a client bundle.
 */
import * as esbuild from 'esbuild';
import * as fs from 'fs';
import * as path from 'path';

const root = path.join(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

describe('package shape', () => {
  it('every entry of the exports map exists, with its type declarations', () => {
    for (const entry of ['./client', './server', './contracts', './testing']) {
      const targets = pkg.exports[entry];
      expect(targets.types).toMatch(/\.d\.ts$/);
      for (const file of Object.values(targets) as string[]) expect(fs.existsSync(path.join(root, file))).toBe(true);
    }
  });

  it('a client bundle of the client entry holds no server natives and no Node API', () => {
    const result = esbuild.buildSync({
      stdin: { contents: "import { createClientCallbacks } from './lib/client.mjs'; createClientCallbacks();", resolveDir: root },
      bundle: true,
      write: false,
      platform: 'browser',
      format: 'iife',
      conditions: ['es2015'],
    });
    const code = result.outputFiles[0]!.text;
    for (const serverOnly of ['DoesPlayerExist', 'IsPlayerAceAllowed', 'RegisterCommand', 'playerDropped']) expect(code).not.toContain(serverOnly);
    // Node's globals, as whole names (`ArrayBuffer.isView` is the browser's).
    for (const nodeApi of [/\brequire\(/, /\bprocess\./, /\bBuffer\./]) expect(code).not.toMatch(nodeApi);
  });

  it('the resource bundles load as classic scripts: no module system, no top-level names leaking', () => {
    for (const bundle of ['dist/client.js', 'dist/server.js']) {
      const code = fs.readFileSync(path.join(root, bundle), 'utf8');
      expect(code).not.toMatch(/\bmodule\.exports\b|\brequire\(/);
      expect(code.trimStart()).toMatch(/^(?:"use strict";\s*)?\(\(\) => \{/);
    }
  });
});
