// Packs the FiveM resource a server owner drops into `resources/`: build/fxcallbacks-<version>.zip holding one
// folder, `fxcallbacks`, with the manifest, the built scripts (dist/), the compat/ shims when there are any, the
// Lua annotation file for editors, the license and the README. Run after `npm run build` (`npm run release` does).
const fs = require('fs');
const path = require('path');
const { zipSync } = require('fflate');

const root = __dirname;
const FOLDER = 'fxcallbacks';
/** Files and folders of the resource, relative to the repository; the optional ones are packed when they exist. */
const CONTENTS = [
  { from: 'fxmanifest.lua' },
  { from: 'dist' },
  { from: 'compat', optional: true },
  { from: 'lua/import.lua' },
  { from: 'lua/helpers.lua' },
  { from: 'types/fxcallbacks.lua' },
  { from: 'LICENSE' },
  { from: 'README.md' },
];

/** Every file under `relative` (a file or a folder), as paths relative to the repository. */
function filesUnder(relative) {
  const full = path.join(root, relative);
  if (!fs.statSync(full).isDirectory()) return [relative];
  return fs
    .readdirSync(full)
    .sort()
    .flatMap((name) => filesUnder(path.posix.join(relative, name)));
}

/** The zip's entries: `fxcallbacks/<path>` to file contents. Throws if a required part is missing (not built). */
function releaseEntries() {
  const entries = {};
  for (const { from, optional } of CONTENTS) {
    if (!fs.existsSync(path.join(root, from))) {
      if (optional) continue;
      throw new Error(`release: ${from} is missing (run \`npm run build\` first)`);
    }
    for (const file of filesUnder(from)) entries[`${FOLDER}/${file}`] = new Uint8Array(fs.readFileSync(path.join(root, file)));
  }
  return entries;
}

/** Writes the zip into `outDir` and returns its path. */
function writeRelease(outDir = path.join(root, 'build')) {
  const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const zip = zipSync(releaseEntries(), { level: 9 });
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `fxcallbacks-${version}.zip`);
  fs.writeFileSync(file, zip);
  return file;
}

module.exports = { writeRelease };

if (require.main === module) {
  const file = writeRelease();
  console.log(`${path.relative(root, file)} (${Math.round(fs.statSync(file).size / 1024)} KiB)`);
}
