// Packs what `npm run release` ships, into build/:
// - fxcallbacks-<version>.zip, the FiveM resource a server owner drops into `resources/`: one folder, `fxcallbacks`,
//   with the manifest, the two scripts minified with their source maps, the thin Lua adapters, the compat/ shims when
//   there are any, the Lua annotation file for editors, the license, the README and the documents it links;
// - fxcallbacks-<version>.tgz, the npm package (`npm pack`), for `npm install ./fxcallbacks-<version>.tgz`.
// Run after `npm run build` (`npm run release` does).
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { zipSync } = require('fflate');
const { buildResourceBundles } = require('./build.js');

const root = __dirname;
const FOLDER = 'fxcallbacks';
/** Files and folders of the resource, relative to the repository; the optional ones are packed when they exist. */
const CONTENTS = [
  { from: 'fxmanifest.lua' },
  { from: 'dist/lua' },
  { from: 'compat', optional: true },
  { from: 'lua/import.lua' },
  { from: 'lua/helpers.lua' },
  { from: 'lua/protocol.lua' },
  { from: 'types/fxcallbacks.lua' },
  { from: 'LICENSE' },
  { from: 'README.md' },
  // The documents the README links.
  { from: 'SECURITY.md' },
  { from: 'BENCHMARKS.md' },
  { from: 'docs' },
];
/** The scripts the release builds minified (with `<name>.map` beside each), into `dist/` of the zip. */
const BUNDLES = ['server.js', 'client.js'];

/** Every file under `relative` (a file or a folder), as paths relative to the repository. */
function filesUnder(relative) {
  const full = path.join(root, relative);
  if (!fs.statSync(full).isDirectory()) return [relative];
  return fs
    .readdirSync(full)
    .sort()
    .flatMap((name) => filesUnder(path.posix.join(relative, name)));
}

/** The release's minified bundles and their maps, by file name (`server.js`, `server.js.map`, ...). */
async function minifiedBundles() {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'fxcallbacks-release-'));
  try {
    await buildResourceBundles(scratch, { release: true });
    const files = {};
    for (const name of BUNDLES.flatMap((bundle) => [bundle, `${bundle}.map`])) files[name] = new Uint8Array(fs.readFileSync(path.join(scratch, name)));
    return files;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** The zip's entries: `fxcallbacks/<path>` to file contents. Throws if a required part is missing (not built). */
async function releaseEntries() {
  const entries = {};
  for (const { from, optional } of CONTENTS) {
    if (!fs.existsSync(path.join(root, from))) {
      if (optional) continue;
      throw new Error(`release: ${from} is missing (run \`npm run build\` first)`);
    }
    for (const file of filesUnder(from)) entries[`${FOLDER}/${file}`] = new Uint8Array(fs.readFileSync(path.join(root, file)));
  }
  for (const [name, data] of Object.entries(await minifiedBundles())) entries[`${FOLDER}/dist/${name}`] = data;
  return entries;
}

/** Writes the zip and the npm tarball into `outDir`; returns their paths. */
async function writeRelease(outDir = path.join(root, 'build')) {
  const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  fs.mkdirSync(outDir, { recursive: true });
  const zip = path.join(outDir, `fxcallbacks-${version}.zip`);
  fs.writeFileSync(zip, zipSync(await releaseEntries(), { level: 9 }));
  // The package was just built: `prepare` need not build it again.
  execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', outDir], { cwd: root, encoding: 'utf8' });
  return { zip, tarball: path.join(outDir, `fxcallbacks-${version}.tgz`) };
}

module.exports = { writeRelease, minifiedBundles };

if (require.main === module) {
  writeRelease().then(
    (files) => {
      for (const file of Object.values(files)) console.log(`${path.relative(root, file)} (${Math.round(fs.statSync(file).size / 1024)} KiB)`);
    },
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
