/** Runs a memory scenario of `memory-child.ts` in its own `node --expose-gc` process. */
import { execFileSync } from 'child_process';
import * as path from 'path';
import type { Layer } from '../support/rigs';

export function memoryScenario<T>(kind: 'pending' | 'settled', layer: Layer, calls: number): T {
  const out = execFileSync(
    process.execPath,
    ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', path.join(__dirname, '..', 'memory-child.ts'), kind, layer, String(calls)],
    { cwd: path.join(__dirname, '..', '..'), encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 },
  );
  const line = out.trim().split('\n').pop()!;
  return JSON.parse(line) as T;
}
