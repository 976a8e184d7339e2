// Bundles the resource for FiveM: dist/server.js (CommonJS, Node) and dist/client.js (IIFE, no Node APIs),
// and copies the thin Lua adapters the manifest lists.
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const common = { bundle: true, minify: process.argv.includes('--minify'), sourcemap: false, logLevel: 'warning' };

async function build() {
  fs.rmSync('dist', { recursive: true, force: true });
  await Promise.all([
    esbuild.build({
      ...common,
      entryPoints: ['src/server/index.ts'],
      outfile: 'dist/server.js',
      platform: 'node',
      format: 'cjs',
      target: 'node16',
    }),
    esbuild.build({
      ...common,
      entryPoints: ['src/client/index.ts'],
      outfile: 'dist/client.js',
      platform: 'browser',
      format: 'iife',
      target: 'es2021',
    }),
  ]);
  const luaDir = path.join('src', 'lua');
  fs.mkdirSync(path.join('dist', 'lua'), { recursive: true });
  for (const file of fs.readdirSync(luaDir).filter((f) => f.endsWith('.lua'))) {
    fs.copyFileSync(path.join(luaDir, file), path.join('dist', 'lua', file));
  }
}

build().catch((error) => {
  console.error(error);
  process.exit(1);
});
