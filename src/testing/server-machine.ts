/** The simulated FXServer: the players list, the server natives and the server side of `emitNet`. */
import { hostPack } from './codec';
import { Machine } from './machine';
import { serverNatives } from './natives-server';
import type { ResourceDefinition, Script, ScriptRuntime } from './runtime';
import type { World } from './world';

/** A connected player as the server knows it. */
export interface PlayerInfo {
  /** The player's server id (`source`). */
  readonly id: number;
  /** `GetPlayerName`. */
  readonly name: string;
  /** `GetPlayerIdentifier`s, e.g. `license:...`. */
  readonly identifiers: readonly string[];
}

/** The simulated FXServer: the players list, the server natives and the server side of `emitNet`. */
export class ServerMachine extends Machine {
  readonly kind = 'server' as const;
  readonly name = 'server';
  private readonly players = new Map<number, PlayerInfo>();
  protected readonly drainsPerCall: boolean;

  /** @internal */
  constructor(world: World) {
    super(world, world.options.serverFrameMs, 0);
    this.drainsPerCall = world.options.serverMicrotasks === 'perCall';
  }

  /** A connected player by id (number or numeric string, as natives receive it). */
  player(id: unknown): PlayerInfo | undefined {
    const n = typeof id === 'number' ? id : typeof id === 'string' && /^-?\d+$/.test(id.trim()) ? Number(id) : NaN;
    return this.players.get(n);
  }

  /** Ids of connected players, in join order. */
  playerIds(): number[] {
    return [...this.players.keys()];
  }

  /** @internal */
  addPlayer(info: PlayerInfo): void {
    this.players.set(info.id, info);
  }

  /** @internal */
  removePlayer(id: number): void {
    this.players.delete(id);
  }

  /** @internal Raises a server event about a player (`playerJoining`, `playerDropped`): source is the player. */
  triggerPlayerEvent(name: string, args: unknown[], playerId: number): void {
    this.triggerLocal(name, hostPack(args), `internal-net:${playerId}`);
  }

  protected scriptsOf(definition: ResourceDefinition): Script[] {
    return definition.server ?? [];
  }

  protected sideNatives(runtime: ScriptRuntime): Record<string, (...args: any[]) => unknown> {
    return serverNatives(this, runtime);
  }

  convar(name: string): string | undefined {
    return this.world.convar(name, 'server');
  }

  /**
   * `TriggerClientEventInternal`: the target goes through the native as a string; `-1` is every player, and a
   * player who is not connected gets nothing, silently.
   */
  override sendToClients(_caller: ScriptRuntime, name: string, target: unknown, payload: Uint8Array, bps: number | null): void {
    const id = parseInt(String(target), 10);
    const targets = id === -1 ? this.playerIds() : this.players.has(id) ? [id] : [];
    for (const player of targets) this.world.network.send('server', player, name, payload, bps);
  }

  protected override commandAllowed(source: number, name: string): boolean {
    return this.world.acl.isAllowed(source, `command.${name}`);
  }
}
