/** Client-only natives about the local player. */
import type { ClientMachine } from './client-machine';

/** The local player's index as `PlayerId()` returns it (a game index, not the server id). */
export const LOCAL_PLAYER_INDEX = 0;

export function clientNatives(client: ClientMachine): Record<string, (...args: any[]) => unknown> {
  return {
    PlayerId: () => LOCAL_PLAYER_INDEX,
    GetPlayerServerId: (index: unknown) => (Number(index) === LOCAL_PLAYER_INDEX ? client.playerId : 0),
    GetPlayerName: (index: unknown) => (Number(index) === LOCAL_PLAYER_INDEX ? client.playerName : '**Invalid**'),
  };
}
