/** Starts a scenario of `bench/child.ts` in its own `node --expose-gc` process and returns its result. */
import { execFileSync } from 'child_process';
import * as path from 'path';

export function runChild<T>(scenario: string, args: Record<string, unknown>, maxHeapMb = 8192): T {
  const out = execFileSync(
    process.execPath,
    ['--expose-gc', `--max-old-space-size=${maxHeapMb}`, '--import', 'tsx', path.join(__dirname, '..', 'child.ts'), scenario, JSON.stringify(args)],
    { cwd: path.join(__dirname, '..', '..'), encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 << 20 },
  );
  return JSON.parse(out.trim().split('\n').pop()!) as T;
}
