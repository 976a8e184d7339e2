/** A simulated game client: one player, its resources, the client side of `emitNet`. */
import { MAX_RELIABLE_CLIENT_EVENT_BYTES } from './limiter';
import { Machine } from './machine';
import { clientNatives } from './natives-client';
import { Nui } from './nui';
import type { ResourceDefinition, Script, ScriptRuntime } from './runtime';
import type { World } from './world';

/** Server id FiveM uses as `source` for events a client receives from the server. */
export const SERVER_NET_ID = 65535;

/** A simulated game client: one player, its resources, the client side of `emitNet`. Made by {@link World.connect}. */
export class ClientMachine extends Machine {
  readonly kind = 'client' as const;
  readonly name: string;
  /** False until the player's resources started: FiveM starts client resources after the player connected. */
  resourcesStarted = false;
  /** V8 on the client runs a microtask checkpoint when each call into the runtime ends. */
  protected readonly drainsPerCall = true;
  /** The player's NUI: what resources sent to their pages, their focus and callbacks; `nui.post` drives them. */
  readonly nui = new Nui(this);

  /** @internal */
  constructor(
    world: World,
    /** The player's server id (`GetPlayerServerId(PlayerId())`, `source` on the server). */
    readonly playerId: number,
    /** `GetPlayerName`. */
    readonly playerName: string,
    clockOffsetMs: number,
  ) {
    super(world, world.options.clientFrameMs, clockOffsetMs);
    this.name = `client:${playerId}`;
  }

  protected scriptsOf(definition: ResourceDefinition): Script[] {
    return definition.client ?? [];
  }

  protected sideNatives(runtime: ScriptRuntime): Record<string, (...args: any[]) => unknown> {
    return clientNatives(this, runtime);
  }

  /** @internal A stopped resource's page goes with it: its NUI focus and callback types too. */
  override stopResource(name: string): void {
    super.stopResource(name);
    this.nui.forget(name);
  }

  /** Clients only see replicated convars (`setr`). */
  convar(name: string): string | undefined {
    return this.world.convar(name, 'client');
  }

  /** A reliable event over 384 KiB cannot be serialized by the client: it is silently not sent. */
  override sendToServer(_caller: ScriptRuntime, name: string, payload: Uint8Array, bps: number | null): void {
    if (bps === null && payload.length > MAX_RELIABLE_CLIENT_EVENT_BYTES) {
      this.world.note('warn', `player ${this.playerId}: reliable event ${name} of ${payload.length} bytes is too large and was not sent`);
      return;
    }
    this.world.network.send(this.playerId, 'server', name, payload, bps);
  }

  /**
   * Runs a command typed in this client's console: a client command if one is registered here, otherwise the
   * line goes to the server, which runs it with `source` = this player.
   */
  override executeCommand(line: string, source = 0): boolean {
    if (super.executeCommand(line, source)) return true;
    if (!this.alive) return false;
    this.world.network.sendCommand(this.playerId, line);
    return true;
  }
}
