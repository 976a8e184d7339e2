/** The world's log: everything the scripts print, the runtime's error lines, and the simulator's own notes. */

/** A line's level, named after the `console` method that wrote it; Lua's `print` writes `'log'`. */
export type LogLevel = 'log' | 'info' | 'warn' | 'error' | 'debug' | 'trace';

/** One line of the world's log. */
export interface LogEntry {
  /** Virtual time (ms) the line was written at. */
  readonly time: number;
  /** `'server'`, `'client:<id>'`, or `'world'` for the simulator's own notes. */
  readonly machine: string;
  /** The resource that wrote it, or null for the runtime/simulator itself. */
  readonly resource: string | null;
  /** How it was written: `console.warn` gives `'warn'`. */
  readonly level: LogLevel;
  /** The formatted text, with FiveM's `^1`..`^7` colour codes left in (see {@link stripColors}). */
  readonly text: string;
}

/** Removes FiveM console colour codes (`^0`..`^9`). */
export function stripColors(text: string): string {
  return text.replace(/\^[0-9]/g, '');
}

/** Does this entry report an error? FiveM prints script errors with `console.log`, so the text counts too. */
export function isErrorEntry(entry: LogEntry): boolean {
  return entry.level === 'error' || entry.text.includes('SCRIPT ERROR');
}

/** The world's log: every line scripts print on any machine, the runtimes' error lines, the simulator's notes. */
export class WorldLog {
  private readonly list: LogEntry[] = [];

  constructor(private readonly onLog?: (entry: LogEntry) => void) {}

  /** Every entry so far, oldest first. */
  get entries(): readonly LogEntry[] {
    return this.list;
  }

  /** @internal */
  write(entry: LogEntry): void {
    this.list.push(entry);
    this.onLog?.(entry);
  }

  /** Entries that report errors: `console.error` lines and `SCRIPT ERROR` lines. */
  errors(): LogEntry[] {
    return this.list.filter(isErrorEntry);
  }

  /** Entries whose text contains `pattern` (a substring or a regular expression). */
  find(pattern: string | RegExp): LogEntry[] {
    return this.list.filter((e) => (typeof pattern === 'string' ? e.text.includes(pattern) : pattern.test(e.text)));
  }

  /** Entries written by one machine (`'server'`, `'client:1'`) and optionally one resource. */
  of(machine: string, resource?: string): LogEntry[] {
    return this.list.filter((e) => e.machine === machine && (resource === undefined || e.resource === resource));
  }

  /** Forgets every entry so far, e.g. between phases of a test. */
  clear(): void {
    this.list.length = 0;
  }

  /** All entries as printable lines, for failure messages. */
  toString(): string {
    return this.list.map(formatEntry).join('\n');
  }
}

/** One entry as a console line: `[   120ms] server/res: text`. */
export function formatEntry(e: LogEntry): string {
  const where = e.resource ? `${e.machine}/${e.resource}` : e.machine;
  return `[${String(e.time).padStart(7)}ms] ${where} ${e.level === 'log' ? '' : e.level + ': '}${stripColors(e.text)}`;
}
