/**
 * Function references owned by the test host rather than a resource: a script on the machine calls one like any
 * other reference (e.g. the reply callback of a simulated NUI request). It takes part in the machine's
 * reference registry as a pseudo-runtime that runs no scripts.
 */
import { hostPack, hostUnpack } from './codec';
import type { Script, ScriptRuntime } from './runtime';

/** The resource name host references carry: `__host:<instance>:<index>`. */
export const HOST_RESOURCE = '__host';

interface Entry {
  readonly fn: (...args: unknown[]) => unknown;
  holders: number;
}

export class HostFunctions implements ScriptRuntime {
  readonly resource = HOST_RESOURCE;
  readonly language = 'host';
  readonly stopped = false;
  private readonly entries = new Map<number, Entry>();
  private nextIndex = 0;

  constructor(readonly instance: number) {}

  /** Registers `fn`; returns its index. It lives until the last script holding it dropped it. */
  add(fn: (...args: unknown[]) => unknown): number {
    const index = this.nextIndex++;
    this.entries.set(index, { fn, holders: 0 });
    return index;
  }

  callRef(ref: number, args: Uint8Array): Uint8Array {
    const entry = this.entries.get(ref);
    if (!entry) return hostPack([false]);
    const result = entry.fn(...(hostUnpack(args) as unknown[]));
    return hostPack(result === undefined ? [true] : [true, result]);
  }

  duplicateRef(ref: number): number {
    const entry = this.entries.get(ref);
    if (!entry) return -1;
    entry.holders++;
    return ref;
  }

  deleteRef(ref: number): void {
    const entry = this.entries.get(ref);
    if (entry && --entry.holders <= 0) this.entries.delete(ref);
  }

  // A host runtime runs no scripts and hears no events.
  load(_scripts: Script[]): void {}
  handlesEvent(_name: string): boolean {
    return false;
  }
  dispatchEvent(_name: string, _payload: Uint8Array, _source: string): void {}
  callCommand(_handler: unknown, _args: Uint8Array): void {}
  runFrame(_frameTime: number): boolean {
    return false;
  }
  ownsPromise(_promise: unknown): boolean {
    return false;
  }
  reportUnhandledRejection(_reason: unknown): void {}
  stop(): void {}
}
