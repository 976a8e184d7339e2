/**
 * Summarises a V8 `.cpuprofile` (from `node --cpu-prof`): self time per function and per source file. Functions
 * from a resource bundle (`@<resource>/client.js`) are attributed to the source file esbuild bundled them from,
 * found through the `// path/to/file.ts` markers esbuild writes into an unminified bundle.
 *
 *   npx tsx bench/support/cpuprofile.ts <file.cpuprofile> [top=40]
 */
import * as fs from 'fs';
import { bundle, type Side } from './bundle';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const ENTRIES: Record<string, [string, Side]> = {
  'bench_fxc/client.js': ['fx-client.ts', 'client'],
  'bench_fxc/server.js': ['fx-server.ts', 'server'],
  'bench_oxl/client.js': ['ox-client.ts', 'client'],
  'bench_oxl/server.js': ['ox-server.ts', 'server'],
  'bench_raw/client.js': ['raw-client.ts', 'client'],
  'bench_raw/server.js': ['raw-server.ts', 'server'],
};

const markerCache = new Map<string, Array<[number, string]>>();

/** Line -> source file, from esbuild's `// file` comments. */
function sourceOf(url: string, line: number): string {
  const key = Object.keys(ENTRIES).find((k) => url.endsWith(k));
  if (!key) return url.replace(/^.*node_modules\//, 'node_modules/').replace(/^.*\/work\/main\//, '');
  let markers = markerCache.get(key);
  if (!markers) {
    const [entry, side] = ENTRIES[key]!;
    markers = [];
    bundle(entry, side)
      .split('\n')
      .forEach((text, i) => {
        const m = /^\s*\/\/ ((?:src|node_modules|bench)\/\S+)$/.exec(text);
        if (m) markers!.push([i, m[1]!.replace(/^node_modules\/rxjs\/dist\/esm5?\/internal\//, 'rxjs/')]);
      });
    markerCache.set(key, markers);
  }
  let file = `${key}?`;
  for (const [at, name] of markers) {
    if (at > line) break;
    file = name;
  }
  return `${key.split('/')[1]!.replace('.js', '')}:${file}`;
}

export function summarise(profile: Profile, top = 40): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    const file = frame.url ? sourceOf(frame.url, frame.lineNumber) : '(native/vm)';
    const fn = `${frame.functionName || '(anonymous)'}  ${file}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
    byFile.set(file, (byFile.get(file) ?? 0) + us);
  }
  const table = (map: Map<string, number>) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => `${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${name}`)
      .join('\n');
  return `total ${(total / 1000).toFixed(0)} ms sampled\n\n-- self time by file --\n${table(byFile)}\n\n-- self time by function --\n${table(byFunction)}\n`;
}

if (require.main === module) {
  const [file, top] = process.argv.slice(2);
  if (!file) throw new Error('usage: cpuprofile.ts <file.cpuprofile> [top]');
  console.log(summarise(JSON.parse(fs.readFileSync(file, 'utf8')) as Profile, Number(top) || 40));
}
