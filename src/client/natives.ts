import { NEVER } from 'rxjs';
import { fromResourceStop, listenWith } from '../core/wire/fromEvent';
import type { SideNatives } from '../core/natives';
import { requireRuntimeGlobals } from '../core/runtimeGlobals';
import { localEventUnpacker, type TriggerPacked } from '../core/wire/unpack';

/** On a client the only peer is the server. */
export const SERVER = 'server';
export type ServerPeer = typeof SERVER;

/** FiveM sets `source` to 65535 for events that came from the server. */
const SOURCE_SERVER = 65535;

requireRuntimeGlobals('fxcallbacks/client', 'client', ['onNet', 'on', 'removeEventListener', 'emitNet', 'TriggerLatentServerEvent', 'GetCurrentResourceName', 'GetGameTimer', 'GetConvarInt', 'TriggerEventInternal']);

const listenNet = listenWith(onNet, removeEventListener);
const listenLocal = listenWith(on, removeEventListener);

export function clientNatives(): SideNatives<ServerPeer> {
  const resourceName = GetCurrentResourceName();
  return {
    resourceName,
    onNet: listenNet,
    currentSource: () => source,
    peerFromSource: (eventSource) => (eventSource === SOURCE_SERVER ? SERVER : undefined),
    isConnected: () => true,
    emitNet: (_server, eventName, payload) => emitNet(eventName, payload),
    emitNetLatent: (_server, eventName, payload, bytesPerSecond) => TriggerLatentServerEvent(eventName, bytesPerSecond, payload),
    peerLeft$: NEVER,
    resourceStopped$: fromResourceStop(resourceName, listenLocal),
    now: () => GetGameTimer(),
    convarInt: (name, fallback) => GetConvarInt(name, fallback),
    log: (message) => console.log(message),
    unpack: localEventUnpacker(resourceName, listenLocal, TriggerEventInternal as unknown as TriggerPacked),
  };
}
