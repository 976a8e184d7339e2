/** Natives both sides have. Each runtime gets its own table, bound to it (for `GetCurrentResourceName`). */
import type { Machine } from './machine';
import { CLIENT_NATIVE_NAMES, SERVER_NATIVE_NAMES } from './native-names';
import type { ScriptRuntime } from './runtime';

export function sharedNatives(machine: Machine, runtime: ScriptRuntime): Record<string, (...args: any[]) => unknown> {
  return {
    GetCurrentResourceName: () => runtime.resource,
    GetInvokingResource: () => machine.invokingResource(),
    GetResourceState: (name: unknown) => machine.resourceState(String(name)),
    IsDuplicityVersion: () => machine.kind === 'server',
    GetGameName: () => (machine.kind === 'server' ? 'fxserver' : 'fivem'),
    GetGameTimer: () => machine.gameTimer(),
    GetConvar: (name: unknown, defaultValue: unknown) => machine.convar(String(name)) ?? String(defaultValue),
    GetConvarInt: (name: unknown, defaultValue: unknown) => {
      const raw = machine.convar(String(name));
      const value = raw === undefined ? NaN : parseInt(raw, 10);
      return Number.isNaN(value) ? Number(defaultValue) | 0 : value;
    },
    ExecuteCommand: (line: unknown) => void machine.executeCommand(String(line), 0),
    LoadResourceFile: (resource: unknown, file: unknown) => machine.world.resourceFile(String(resource), String(file), machine),
    GetNumResourceMetadata: (resource: unknown, key: unknown) => machine.world.resourceMetadata(String(resource), String(key), machine).length,
    GetResourceMetadata: (resource: unknown, key: unknown, index: unknown) =>
      machine.world.resourceMetadata(String(resource), String(key), machine)[Number(index)] ?? null,
  };
}

const nativeNames: Partial<Record<'server' | 'client', Set<string>>> = {};

/** Is `name` one of FiveM's natives on that side (per the @citizenfx typings)? */
export function isFiveMNative(side: 'server' | 'client', name: string): boolean {
  nativeNames[side] ??= new Set((side === 'server' ? SERVER_NATIVE_NAMES : CLIENT_NATIVE_NAMES).split(' '));
  return nativeNames[side].has(name);
}
