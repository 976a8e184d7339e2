import { CallbackError, ErrorCode } from '../../ground/errors';
import type { Packed } from '../../ground/packed';
import type { Listen } from './fromEvent';

/** FiveM's `TriggerEventInternal(name, payload, length)`: a local event whose arguments are already packed. */
export type TriggerPacked = (eventName: string, payload: Uint8Array, length: number) => void;

/**
 * Unpacks values a Lua state packed exactly as FiveM's JS runtime unpacks an event's arguments, with the runtime's
 * own codec: the bytes are raised as a local event of this resource (`TriggerEventInternal`, what the runtime's
 * `emit` calls once it packed) and this resource's listener takes the values it is handed. A local event runs its
 * listeners before `TriggerEventInternal` returns. The event is local (not net-safe), so no client can raise it.
 */
export function localEventUnpacker(resourceName: string, listenLocal: Listen, triggerPacked: TriggerPacked): (packed: Packed) => unknown[] {
  const eventName = `__fxcb_unpack:${resourceName}`;
  let unpacked: unknown[] | undefined;
  listenLocal(eventName, (...values) => {
    unpacked = values;
  });
  return (packed) => {
    const bytes = new Uint8Array(packed);
    unpacked = undefined;
    triggerPacked(eventName, bytes, bytes.length);
    const values = unpacked;
    unpacked = undefined;
    if (!values) throw new CallbackError(ErrorCode.INVALID_ARGUMENT, 'packed values that are not a list of values');
    return values;
  };
}
