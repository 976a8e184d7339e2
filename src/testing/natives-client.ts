/** Client-only natives: the local player, and NUI (recorded by the client's `nui`). */
import type { ClientMachine } from './client-machine';
import type { ScriptRuntime } from './runtime';

/** The local player's index as `PlayerId()` returns it (a game index, not the server id). */
export const LOCAL_PLAYER_INDEX = 0;

export function clientNatives(client: ClientMachine, runtime: ScriptRuntime): Record<string, (...args: any[]) => unknown> {
  const resource = runtime.resource;
  return {
    RegisterNuiCallbackType: (type: unknown) => client.nui.registerType(resource, String(type)),
    SendNuiMessage: (json: unknown) => {
      client.nui.send(resource, String(json));
      return true;
    },
    SetNuiFocus: (hasFocus: unknown, hasCursor: unknown) => client.nui.setFocus(resource, { hasFocus: hasFocus === true, hasCursor: hasCursor === true }),
    SetNuiFocusKeepInput: (keepInput: unknown) => client.nui.setFocus(resource, { keepInput: keepInput === true }),
    IsNuiFocused: () => client.nui.focused,
    IsNuiFocusKeepingInput: () => client.nui.focusOf(resource).keepInput,
    PlayerId: () => LOCAL_PLAYER_INDEX,
    GetPlayerServerId: (index: unknown) => (Number(index) === LOCAL_PLAYER_INDEX ? client.playerId : 0),
    GetPlayerName: (index: unknown) => (Number(index) === LOCAL_PLAYER_INDEX ? client.playerName : '**Invalid**'),
  };
}
