/** Server-only natives about players. Player ids may be given as numbers or strings, as in FiveM. */
import type { ScriptRuntime } from './runtime';
import type { ServerMachine } from './server-machine';

export function serverNatives(server: ServerMachine, runtime: ScriptRuntime): Record<string, (...args: any[]) => unknown> {
  const player = (id: unknown) => server.player(id);
  return {
    GetResourcePath: (resource: unknown) => server.world.resourcePath(String(resource)),
    GetNumPlayerIndices: () => server.playerIds().length,
    GetPlayerFromIndex: (index: unknown) => {
      const id = server.playerIds()[Number(index)];
      return id === undefined ? null : String(id);
    },
    GetPlayerName: (id: unknown) => player(id)?.name ?? null,
    DoesPlayerExist: (id: unknown) => player(id) !== undefined,
    IsPlayerAceAllowed: (id: unknown, ace: unknown) => {
      const p = player(id);
      return p ? server.world.acl.isAllowed(p.id, String(ace)) : false;
    },
    DropPlayer: (id: unknown, reason: unknown) => {
      const p = player(id);
      if (p) server.world.dropPlayer(p.id, String(reason ?? ''), { resource: runtime.resource, code: DropReason.RESOURCE });
    },
    GetPlayerPing: (id: unknown) => {
      const p = player(id);
      return p ? server.world.network.pingOf(p.id) : 0;
    },
    GetNumPlayerIdentifiers: (id: unknown) => player(id)?.identifiers.length ?? 0,
    GetPlayerIdentifier: (id: unknown, index: unknown) => player(id)?.identifiers[Number(index)] ?? null,
  };
}

/** FiveM's `ClientDropReason` codes, the third argument of `playerDropped`. */
export const DropReason = {
  /** A resource dropped the player (`DropPlayer`). */
  RESOURCE: 1,
  /** The client left (quit or disconnected). */
  CLIENT: 2,
  /** The server dropped the player. */
  SERVER: 3,
  /** Kicked for too many reliable net events, or too many of their bytes. */
  NET_EVENT_RATE_LIMIT: 9,
  /** Kicked for too many latent net events. */
  LATENT_NET_EVENT_RATE_LIMIT: 10,
} as const;
