/**
 * Bundle size: the resource's `dist/client.js` and `dist/server.js` as `node build.js --minify` builds them. The
 * project's own build.js runs unchanged, in a scratch directory whose `src` links to the project's, so that
 * the project's `dist/` is left as `npm run build` made it.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';

export interface BundleSizes {
  client: number;
  server: number;
  clientGzip: number;
  serverGzip: number;
}

export function measureBundleSizes(root = path.join(__dirname, '..', '..')): BundleSizes {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'fxcallbacks-bundle-'));
  try {
    fs.symlinkSync(path.join(root, 'src'), path.join(scratch, 'src'));
    execFileSync(process.execPath, [path.join(root, 'build.js'), '--minify'], { cwd: scratch, stdio: ['ignore', 'ignore', 'inherit'] });
    const size = (file: string) => fs.statSync(path.join(scratch, 'dist', file)).size;
    const gzip = (file: string) => zlib.gzipSync(fs.readFileSync(path.join(scratch, 'dist', file)), { level: 9 }).length;
    return { client: size('client.js'), server: size('server.js'), clientGzip: gzip('client.js'), serverGzip: gzip('server.js') };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
