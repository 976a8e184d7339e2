import { consoleLine } from '../../src/ground/consoleLine';
import { ThrottledLog } from '../../src/ground/throttledLog';

describe('consoleLine: text a client chose, made safe for the server console', () => {
  it('is one line without control characters, Unicode line breaks or colour codes', () => {
    const line = consoleLine('apple\n[    script:es_extended] ^1banned^7\r\u001b[31mred\u0085\u2028end\u0000');
    expect(line).toBe('apple [ script:es_extended] banned [31mred end');
  });

  it('is cut at 240 UTF-8 bytes, never inside a character', () => {
    expect(consoleLine('A'.repeat(5000))).toBe(`${'A'.repeat(240)}...`);
    expect(consoleLine('€'.repeat(100))).toBe(`${'€'.repeat(80)}...`);
  });
});

describe('ThrottledLog: per key and topic', () => {
  it('writes one line per key and topic per 10 s, counting the rest, and sanitises it', () => {
    const lines: string[] = [];
    let now = 0;
    const log = new ThrottledLog<number>((line) => lines.push(line), () => now);
    for (let i = 0; i < 5; i++) log.note(1, 'buy', 'buy failed\n^1forged', 'errors');
    log.note(1, 'sell', 'sell failed', 'errors');
    log.note(2, 'buy', 'buy failed', 'errors');
    expect(lines).toEqual(['buy failed forged', 'sell failed', 'buy failed']);
    now = 10_000;
    log.note(1, 'buy', 'buy failed', 'errors');
    expect(lines[3]).toBe('buy failed (5 errors in the last 10 s)');
  });
});
