/**
 * Bundles a benchmark resource script the way `build.js` bundles the library and `spec/support/harness.ts`
 * bundles the test harness: esbuild, rxjs's ES2015 build, an IIFE per side (`neutral`/node16 on the server,
 * `browser`/es2021 on a client). `spec/support/harness.ts` cannot be imported here (it registers a jest
 * `afterEach` when loaded), so the same recipe lives in this small helper.
 */
import * as esbuild from 'esbuild';
import * as path from 'path';
import type { Script } from '../../src/testing';

export type Side = 'server' | 'client';

const cache = new Map<string, string>();

/** Options per side, identical to build.js. */
export function sideOptions(side: Side, minify = false): esbuild.BuildOptions {
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

/** Bundles `entry` (relative to bench/resources) for one side, once per process. */
export function bundle(entry: string, side: Side): string {
  const key = `${side}:${entry}`;
  let code = cache.get(key);
  if (code === undefined) {
    const result = esbuild.buildSync({
      ...sideOptions(side),
      entryPoints: [path.join(__dirname, '..', 'resources', entry)],
      write: false,
    } as esbuild.BuildOptions & { write: false });
    code = result.outputFiles[0]!.text;
    cache.set(key, code);
  }
  return code;
}

/** One bundled script, as `world.startResource` takes it. */
export function script(entry: string, side: Side): Script[] {
  return [{ code: bundle(entry, side), filename: entry.replace(/\.ts$/, '.js') }];
}
