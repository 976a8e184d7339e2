import { filter, map } from 'rxjs';
import { fromEvent, fromResourceStop, listenWith } from '../core/wire/fromEvent';
import type { SideNatives } from '../core/natives';
import { requireRuntimeGlobals } from '../core/runtimeGlobals';
import { localEventUnpacker, type TriggerPacked } from '../core/wire/unpack';

/** On the server a peer is a player, named by the server id FiveM gives as `source`. */
export type PlayerId = number;

requireRuntimeGlobals('fxcallbacks/server', 'server', ['onNet', 'on', 'removeEventListener', 'emitNet', 'TriggerLatentClientEvent', 'GetCurrentResourceName', 'DoesPlayerExist', 'IsPlayerAceAllowed', 'GetGameTimer', 'GetConvarInt', 'TriggerEventInternal']);

const listenNet = listenWith(onNet, removeEventListener);
const listenLocal = listenWith(on, removeEventListener);

/** A net event's `source` is the sending player's id; anything else (a local `emit`) is not a player. */
function playerFromSource(eventSource: unknown): PlayerId | undefined {
  return typeof eventSource === 'number' && Number.isInteger(eventSource) && eventSource > 0 ? eventSource : undefined;
}

/**
 * The sender of a net event, if still connected. FXServer queues net events per frame and does not purge a
 * player's queue when the player drops, so events can be dispatched after `playerDropped` with the departed
 * player as `source`: they are refused like any event from no player, before they can rebuild per-player state.
 */
function connectedSender(eventSource: unknown): PlayerId | undefined {
  const player = playerFromSource(eventSource);
  return player !== undefined && DoesPlayerExist(String(player)) ? player : undefined;
}

export function serverNatives(): SideNatives<PlayerId> {
  const resourceName = GetCurrentResourceName();
  const currentSource = () => source as unknown;
  return {
    resourceName,
    onNet: listenNet,
    currentSource,
    peerFromSource: connectedSender,
    isConnected: (player) => DoesPlayerExist(String(player)),
    emitNet: (player, eventName, payload) => emitNet(eventName, player, payload),
    emitNetLatent: (player, eventName, payload, bytesPerSecond) => TriggerLatentClientEvent(eventName, player, bytesPerSecond, payload),
    peerLeft$: fromEvent('playerDropped', listenLocal, currentSource).pipe(
      map(({ source: dropped }) => playerFromSource(dropped)),
      filter((player): player is PlayerId => player !== undefined),
    ),
    resourceStopped$: fromResourceStop(resourceName, listenLocal),
    now: () => GetGameTimer(),
    convarInt: (name, fallback) => GetConvarInt(name, fallback),
    log: (message) => console.log(message),
    unpack: localEventUnpacker(resourceName, listenLocal, TriggerEventInternal as unknown as TriggerPacked),
  };
}
