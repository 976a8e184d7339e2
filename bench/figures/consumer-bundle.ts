/**
 * A TypeScript consumer's bundle: a resource that imports `fxcallbacks/server` (or `/client`) from the npm
 * package and is bundled with esbuild, minified. Measured with two sets of esbuild options:
 * - `fivem`: the options this project documents (the testing kit's `fivemBundleOptions`, the same as build.js):
 *   `conditions: ['es2015']` picks rxjs's ES2015 build; on the server `platform: 'neutral'` with
 *   `mainFields: ['module', 'main']`, because `platform: 'node'` turns on the `node` export condition, which
 *   picks rxjs's CommonJS build, which does not tree-shake; `format: 'iife'`.
 * - `naive`: what a consumer writes without reading that: `platform: 'node'` on the server, `'browser'` on a
 *   client, no conditions.
 */
import * as esbuild from 'esbuild';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fivemBundleOptions, type BundleSide } from '../../src/testing';

const ENTRIES: Record<BundleSide, string> = {
  server: `import { createServerCallbacks } from 'fxcallbacks/server';
const callbacks = createServerCallbacks();
callbacks.register('getMoney', (source: number, account: string) => ({ source, account, amount: 250 }));`,
  client: `import { createClientCallbacks } from 'fxcallbacks/client';
const callbacks = createClientCallbacks();
RegisterCommand('money', async () => console.log(await callbacks.call('getMoney', 'bank')), false);`,
};

export type ConsumerSettings = 'fivem' | 'naive';

function naiveOptions(side: BundleSide): esbuild.BuildOptions {
  return { bundle: true, minify: true, logLevel: 'silent', format: 'iife', platform: side === 'server' ? 'node' : 'browser' };
}

/** Minified bytes of a consumer's bundle of `fxcallbacks/<side>`, and whether rxjs's CommonJS build got in. */
export function consumerBundleSize(side: BundleSide, settings: ConsumerSettings, root = path.join(__dirname, '..', '..')): { bytes: number; rxjsBuild: string } {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'fxcallbacks-consumer-'));
  try {
    fs.mkdirSync(path.join(scratch, 'node_modules'));
    fs.symlinkSync(root, path.join(scratch, 'node_modules', 'fxcallbacks'));
    const entry = path.join(scratch, `${side}.ts`);
    fs.writeFileSync(entry, ENTRIES[side]);
    const options = settings === 'fivem' ? { ...fivemBundleOptions(side, true), logLevel: 'silent' as const } : naiveOptions(side);
    const result = esbuild.buildSync({ ...options, entryPoints: [entry], write: false, metafile: true, absWorkingDir: scratch });
    const inputs = Object.keys(result.metafile!.inputs);
    const rxjsBuild = ['cjs', 'esm5', 'esm'].find((build) => inputs.some((file) => file.includes(`rxjs/dist/${build}/`))) ?? 'none';
    return { bytes: result.outputFiles![0]!.contents.byteLength, rxjsBuild };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
