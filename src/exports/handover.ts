/**
 * How the Lua exports (src/exports/*.lua, in this resource's Lua state) hand packed values to this resource's
 * JavaScript: a Lua string reaching JavaScript as an argument is decoded as UTF-8, which replaces the bytes that are
 * not, so the Lua layer raises a local event with the packed string (`TriggerEvent(name, packed)`) and a raw
 * listener here takes its bytes from the event's undecoded payload; the internal export the Lua layer calls next
 * (synchronously) takes them. The name is the one `src/exports/shared.lua` raises.
 */
import { stringArgumentBytes, type Packed } from '../ground/packed';

/** FiveM's JS runtime global, reached through `globalThis` as `defineExport` reaches `exports`. */
const runtime = globalThis as unknown as {
  addRawEventListener(name: string, listener: (payload: Uint8Array, source: string) => void): void;
  RegisterResourceAsEventHandler(name: string): void;
};

export interface Handover {
  /** The packed values the Lua layer handed over last; undefined when none waits. Taking them empties the slot. */
  take(): Packed | undefined;
}

export function listenForHandover(resourceName: string): Handover {
  let handed: Packed | undefined;
  const eventName = `__fxcb_packed:${resourceName}`;
  // A raw listener alone does not make FiveM send this resource the event: registering as its handler does.
  runtime.RegisterResourceAsEventHandler(eventName);
  runtime.addRawEventListener(eventName, (payload, source) => {
    // A raw listener hears net events of that name too: only this machine's own local events count.
    if (source.startsWith('net') || source.startsWith('internal-net')) return;
    handed = stringArgumentBytes(payload);
  });
  return {
    take: () => {
      const packed = handed;
      handed = undefined;
      return packed;
    },
  };
}
