/**
 * The benchmark's resource scripts (bench/resources), bundled by the testing kit's `bundleScript`, the way
 * `build.js` bundles the library.
 */
import * as path from 'path';
import { bundleScript, type BundleSide, type Script } from '../../src/testing';

/** The bundled code of `entry` (relative to bench/resources) for one side. */
export function bundle(entry: string, side: BundleSide): string {
  return bundleScript(path.join(__dirname, '..', 'resources', entry), side).code;
}

/** One bundled script, as `world.startResource` takes it. */
export function script(entry: string, side: BundleSide): Script[] {
  return [bundleScript(path.join(__dirname, '..', 'resources', entry), side)];
}
