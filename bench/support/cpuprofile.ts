/**
 * Summarises a V8 `.cpuprofile` (from `node --cpu-prof`): self time per function and per source file. Functions
 * from a resource bundle (`@<resource>/client.js`) are attributed to the source file esbuild bundled them from,
 * found through the `// path/to/file.ts` markers esbuild writes into an unminified bundle.
 *
 *   npx tsx bench/support/cpuprofile.ts <file.cpuprofile> [top=40]
 */
import * as fs from 'fs';
import * as path from 'path';
import type { BundleSide } from '../../src/testing';
import { bundle } from './bundle';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
}
export interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const markerCache = new Map<string, Array<[number, string]>>();

/** Line -> source file, from esbuild's `// file` comments in the bundle a resource script came from. */
function sourceOf(url: string, line: number): string {
  const match = /@([\w.-]+)\/([\w-]+)\.js$/.exec(url);
  if (!match) return url.replace(/^.*node_modules\//, 'node_modules/').replace(/^.*\/(src|bench)\//, '$1/');
  const entry = match[2]!;
  const side: BundleSide = entry.endsWith('client') ? 'client' : 'server';
  let markers = markerCache.get(entry);
  if (!markers) {
    markers = [];
    const source = path.join(__dirname, '..', 'resources', `${entry}.ts`);
    if (fs.existsSync(source)) {
      bundle(`${entry}.ts`, side)
        .split('\n')
        .forEach((text, i) => {
          // esbuild names each bundled file relative to the working directory, e.g. `// src/core/endpoint.ts`
          // or `// node_modules/rxjs/dist/esm/internal/Subscription.js` (with `../` when node_modules is linked).
          const m = /^\s*\/\/ (\S*?(?:src|node_modules|bench)\/\S+\.[cm]?[jt]s)$/.exec(text);
          if (m) {
            const file = m[1]!.replace(/^.*?node_modules\//, 'node_modules/').replace(/^(\.\.\/)+.*?\/(src|bench)\//, '$2/');
            markers!.push([i, file.replace(/^node_modules\/rxjs\/dist\/esm5?\/internal\//, 'rxjs/')]);
          }
        });
    }
    markerCache.set(entry, markers);
  }
  let file = '?';
  for (const [at, name] of markers) {
    if (at > line) break;
    file = name;
  }
  return `${side}:${file}`;
}

/** Who a sample's time belongs to. */
function ownerOf(file: string, functionName: string): string {
  const library = /^(client|server):(src|rxjs|node_modules)\//.exec(file);
  if (library) return `library on the ${library[1]} (its src and its bundled rxjs)`;
  if (/^(client|server):bench\//.test(file)) return 'benchmark resource scripts';
  if (file.includes('msgpack')) return 'codec (msgpack-lite in every context)';
  if (file.startsWith('src/testing') || file.startsWith('citizen:')) return 'simulated world (src/testing, citizen main.js)';
  if (functionName === '(garbage collector)') return 'garbage collector';
  if (functionName === '(program)') return 'VM (program)';
  if (file.startsWith('bench/')) return 'benchmark driver';
  return 'node and other';
}

export function summarise(profile: Profile, top = 40, calls?: number): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  // '(idle)' samples are time the thread was not running JavaScript or the VM (on a shared machine, mostly
  // time other processes had the CPU): listed, but left out of the percentages.
  const isIdle = (id: number) => byId.get(id)!.callFrame.functionName === '(idle)';
  let idle = 0;
  for (const [id, us] of selfUs) if (isIdle(id)) idle += us;
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0) - idle;
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  const byOwner = new Map<string, number>();
  for (const [id, us] of selfUs) {
    if (isIdle(id)) continue;
    const frame = byId.get(id)!.callFrame;
    const file = frame.url ? sourceOf(frame.url, frame.lineNumber) : '(native/vm)';
    const fn = `${frame.functionName || '(anonymous)'}  ${file}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
    byFile.set(file, (byFile.get(file) ?? 0) + us);
    const owner = ownerOf(file, frame.functionName);
    byOwner.set(owner, (byOwner.get(owner) ?? 0) + us);
  }
  const table = (map: Map<string, number>) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(
        ([name, us]) =>
          `${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms${calls ? `  ${(us / calls).toFixed(2).padStart(7)} us/call` : ''}  ${name}`,
      )
      .join('\n');
  return `${(total / 1000).toFixed(0)} ms busy (+ ${(idle / 1000).toFixed(0)} ms idle) sampled; percentages of busy time\n\n-- self time by owner --\n${table(byOwner)}\n\n-- self time by file --\n${table(byFile)}\n\n-- self time by function --\n${table(byFunction)}\n`;
}

if (require.main === module) {
  const [file, top] = process.argv.slice(2);
  if (!file) throw new Error('usage: cpuprofile.ts <file.cpuprofile> [top]');
  console.log(summarise(JSON.parse(fs.readFileSync(file, 'utf8')) as Profile, Number(top) || 40));
}
