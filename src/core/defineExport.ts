import { entry } from '../ground/runEnd';

export type ExportFunction = (...args: never[]) => unknown;

/**
 * Defines a FiveM export of this resource. `exports(name, fn)` is a runtime global on both sides; a CommonJS
 * bundle may shadow the name `exports`, so it is reached through `globalThis`. An export call is an
 * {@link entry}: what it queued leaves when it returns.
 */
export function defineExport(name: string, fn: ExportFunction): void {
  (globalThis as unknown as { exports: (name: string, fn: ExportFunction) => void }).exports(name, entry(fn as (...args: unknown[]) => unknown));
}
