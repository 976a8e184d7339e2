// Builds the FiveM resource: dist/server.js (Node 16+) and dist/client.js (no Node APIs), both IIFEs, and the
// thin Lua adapters the manifest lists; and the npm package's entries in lib/ (their .d.ts come from `tsc -b`).
// The release (release.js) builds the same two bundles minified, each with its source map.
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

// The same options as the testing kit's `fivemBundleOptions` (src/testing/bundle.ts), which tests use.
const common = {
  bundle: true,
  logLevel: 'warning',
  // rxjs's ES2015 build: smaller than its ES5 default and, unlike its CommonJS build, tree-shakable.
  conditions: ['es2015'],
};

/**
 * Builds the resource's two scripts, `server.js` and `client.js`, into `outDir`. `release`: minified, each with a
 * linked source map (`server.js.map`) that holds the sources, so a stack trace can be read back without them.
 */
function buildResourceBundles(outDir, { release = false } = {}) {
  const mode = { minify: release, sourcemap: release ? 'linked' : false };
  return Promise.all([
    esbuild.build({
      ...common,
      ...mode,
      entryPoints: [path.join(__dirname, 'src/server/resource.ts')],
      outfile: path.join(outDir, 'server.js'),
      // 'neutral', not 'node': the bundle needs no Node API, and the 'node' export condition would pull
      // rxjs's CommonJS build, which does not tree-shake.
      platform: 'neutral',
      mainFields: ['module', 'main'],
      // An IIFE is a valid CommonJS script, and it keeps the bundle's top-level names out of the resource's
      // globals: as a classic script, a top-level `var setImmediate` (rxjs has one) would replace FiveM's own.
      format: 'iife',
      target: 'node16',
    }),
    esbuild.build({
      ...common,
      ...mode,
      entryPoints: [path.join(__dirname, 'src/client/resource.ts')],
      outfile: path.join(outDir, 'client.js'),
      platform: 'browser',
      format: 'iife',
      target: 'es2021',
    }),
  ]);
}

async function build() {
  fs.rmSync('dist', { recursive: true, force: true });
  await buildResourceBundles('dist');
  await buildLibrary();
  const luaDir = path.join('src', 'exports');
  fs.mkdirSync(path.join('dist', 'lua'), { recursive: true });
  for (const file of fs.readdirSync(luaDir).filter((f) => f.endsWith('.lua'))) {
    fs.copyFileSync(path.join(luaDir, file), path.join('dist', 'lua', file));
  }
}

/**
 * The npm package: the library's entries as ES modules (for resources that bundle it; rxjs tree-shakes) and as
 * CommonJS (for `require`, e.g. a contracts file loaded by a plain jest test), and the Node-side testing kit.
 */
async function buildLibrary() {
  const external = ['rxjs', '@standard-schema/spec', 'msgpack-lite', 'wasmoon', 'esbuild'];
  const entryPoints = { client: 'src/client/index.ts', server: 'src/server/index.ts', contracts: 'src/core/contracts.ts', operators: 'src/operators/index.ts' };
  fs.rmSync('lib', { recursive: true, force: true, maxRetries: 2 });
  await Promise.all([
    ...[
      { format: 'esm', extension: '.mjs' },
      { format: 'cjs', extension: '.cjs' },
    ].map(({ format, extension }) =>
      esbuild.build({
        ...common,
        entryPoints,
        outdir: 'lib',
        outExtension: { '.js': extension },
        platform: 'neutral',
        format,
        target: 'es2021',
        external,
      }),
    ),
    esbuild.build({
      ...common,
      entryPoints: { testing: 'src/testing/index.ts' },
      outdir: 'lib',
      outExtension: { '.js': '.cjs' },
      platform: 'node',
      format: 'cjs',
      target: 'node18',
      external,
    }),
  ]);
}

module.exports = { buildResourceBundles };

if (require.main === module) {
  build().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
