import type { Observable } from 'rxjs';
import type { Packed } from '../ground/packed';
import type { Listen } from './wire/fromEvent';

/**
 * What the shared core needs of the CitizenFX runtime. Each side (client, server) implements it with its own
 * natives, so the core stays free of either side's globals and runs unchanged in tests. (The hub reaches the few
 * globals it needs in hub/runtime.ts, exports are defined through core/defineExport.ts, and the Lua exports read
 * their events in exports/luaEvents.ts.)
 *
 * `P` is how a side names the other end of a call: a player id on the server, the server on a client.
 */
export interface SideNatives<P> {
  readonly resourceName: string;
  /** Listen to a net event (marks the name net-safe); returns the remover. */
  readonly onNet: Listen;
  /** The runtime's `source` during the synchronous part of an event handler. */
  currentSource(): unknown;
  /** Turns a runtime `source` into a peer, or undefined when the event did not come from a valid peer. */
  peerFromSource(source: unknown): P | undefined;
  /** Whether a peer can still be reached (the player is connected). */
  isConnected(peer: P): boolean;
  emitNet(peer: P, eventName: string, payload: unknown): void;
  /** A latent net event: sent in fragments at `bytesPerSecond`, for large payloads. */
  emitNetLatent(peer: P, eventName: string, payload: unknown, bytesPerSecond: number): void;
  /**
   * Values a Lua state packed, unpacked as FiveM's JS runtime unpacks an event's arguments (what a JavaScript
   * handler or caller would get from Lua through FiveM).
   */
  unpack(packed: Packed): unknown[];
  /** Peers that went away (players dropping); never emits on a client. */
  readonly peerLeft$: Observable<P>;
  /** Emits once when this resource stops. */
  readonly resourceStopped$: Observable<void>;
  /** Milliseconds from the game timer, for latency figures. */
  now(): number;
  /** A convar read as an integer, for defaults an admin may override. */
  convarInt(name: string, fallback: number): number;
  log(message: string): void;
  /** Claims a callback name before it is registered, where names are shared with other resources (a hub):
   * throws a CallbackError when another resource owns it. */
  claimName?(name: string): void;
  /** Gives back a name this resource unregistered. */
  releaseName?(name: string): void;
}
