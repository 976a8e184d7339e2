/**
 * Bundles a script entry (TypeScript or JavaScript) the way `build.js` bundles this resource, so tests load code
 * exactly as FiveM would: esbuild, rxjs's ES2015 build, one IIFE per side, `neutral`/node16 on the server (no Node
 * API needed, and the `node` export condition would pull rxjs's CommonJS build) and `browser`/es2021 on a client.
 * Needs the `esbuild` package, loaded on the first `bundleScript` only: the rest of the kit runs without it.
 */
import type * as esbuild from 'esbuild';
import * as path from 'path';
import type { Script } from './runtime';

export type BundleSide = 'server' | 'client';

/** The esbuild options of one side, as `build.js` uses them for `dist/`. */
export function fivemBundleOptions(side: BundleSide, minify = false): esbuild.BuildOptions {
  return {
    bundle: true,
    minify,
    sourcemap: false,
    logLevel: 'warning',
    conditions: ['es2015'],
    ...(side === 'server'
      ? { platform: 'neutral', mainFields: ['module', 'main'], format: 'iife', target: 'node16' }
      : { platform: 'browser', format: 'iife', target: 'es2021' }),
  };
}

const bundled = new Map<string, string>();

/** `entry` bundled for `side` (once per process), as a script `world.startResource` takes. */
export function bundleScript(entry: string, side: BundleSide): Script {
  const file = path.resolve(entry);
  const key = `${side}:${file}`;
  let code = bundled.get(key);
  if (code === undefined) {
    const result = loadEsbuild().buildSync({ ...fivemBundleOptions(side), entryPoints: [file], write: false });
    code = result.outputFiles[0]!.text;
    bundled.set(key, code);
  }
  return { code, filename: path.basename(file).replace(/\.tsx?$/, '.js') };
}

function loadEsbuild(): typeof esbuild {
  try {
    return require('esbuild') as typeof esbuild;
  } catch (error) {
    throw new Error(`bundleScript needs the esbuild package (npm install --save-dev esbuild): ${(error as Error).message}`);
  }
}
