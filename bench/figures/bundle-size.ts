/**
 * Bundle size: the resource's `dist/client.js` and `dist/server.js` as the release zip ships them, minified
 * (release.js's `minifiedBundles`, built in a scratch directory, so the project's `dist/` is left as it is).
 */
import * as path from 'path';
import * as zlib from 'zlib';

export interface BundleSizes {
  client: number;
  server: number;
  clientGzip: number;
  serverGzip: number;
}

export async function measureBundleSizes(root = path.join(__dirname, '..', '..')): Promise<BundleSizes> {
  const { minifiedBundles } = require(path.join(root, 'release.js')) as { minifiedBundles(): Promise<Record<string, Uint8Array>> };
  const bundles = await minifiedBundles();
  const gzip = (file: string) => zlib.gzipSync(bundles[file]!, { level: 9 }).length;
  return { client: bundles['client.js']!.length, server: bundles['server.js']!.length, clientGzip: gzip('client.js'), serverGzip: gzip('server.js') };
}
