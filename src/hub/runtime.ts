import { map, type Observable } from 'rxjs';
import { fromEvent, fromResourceStop, listenWith, type Listen } from '../core/wire/fromEvent';

/**
 * The few CitizenFX globals the hub uses; both sides have them with the same signatures, so the hub reaches them
 * once, here, instead of through each side's typings (which cannot share one program).
 */
interface CfxGlobals {
  exports: Record<string, Record<string, (...args: unknown[]) => unknown>>;
  GetInvokingResource(): string | null | undefined;
  GetResourceState(resource: string): string;
  GetConvar(name: string, fallback: string): string;
  on(eventName: string, listener: (...args: unknown[]) => void): void;
  removeEventListener(eventName: string, listener: (...args: unknown[]) => void): void;
  setTick(fn: () => void): number;
  clearTick(id: number): void;
}

const cfx = globalThis as unknown as CfxGlobals;

const listenLocal: Listen = listenWith(
  (eventName, listener) => cfx.on(eventName, listener),
  (eventName, listener) => cfx.removeEventListener(eventName, listener),
);

/** `exports[resource][name]`: throws `No such export` when the resource is not started. */
export function exportOf(resource: string, name: string): (...args: unknown[]) => unknown {
  return cfx.exports[resource]![name]!;
}

/** The resource that called the running export (another resource, or this one). */
export function invokingResource(self: string): string {
  return cfx.GetInvokingResource() ?? self;
}

export function isStarted(resource: string): boolean {
  return cfx.GetResourceState(resource) === 'started';
}

export function convar(name: string, fallback: string): string {
  return cfx.GetConvar(name, fallback);
}

/** `onResourceStop`: fires at once, with the name of each resource that stops. */
export function resourceStops$(): Observable<string> {
  return fromEvent('onResourceStop', listenLocal, () => undefined).pipe(map(({ args }) => String(args[0])));
}

export function resourceStopped$(resource: string): Observable<void> {
  return fromResourceStop(resource, listenLocal);
}

/** Runs `fn` once per game frame until the returned function is called. */
export function everyFrame(fn: () => void): () => void {
  const id = cfx.setTick(fn);
  return () => cfx.clearTick(id);
}
