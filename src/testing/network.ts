/**
 * The wire between the server and the clients.
 *
 * - Every event is packed by the sender's context; the network carries the bytes, counts them, and delivers them
 *   after a one-way latency, always later than the sender's call (a separate clock task).
 * - Reliable events keep their order per direction and per player (FIFO): a late packet holds back the ones
 *   behind it. Different players' traffic may interleave in any order.
 * - Latent events travel in ~2 KiB fragments at the sender's bytes-per-second, on their own channel, and arrive
 *   whole when the last fragment does.
 * - The server applies FiveM's limits to what each client sends (see `limiter.ts`).
 * - Interceptors see every packet at send time and may drop or delay it (fault injection).
 */
import { hostUnpack } from './codec';
import { SERVER_NET_ID } from './client-machine';
import { DropReason } from './natives-server';
import { DEFAULT_LATENT_BPS, DEFAULT_NET_LIMITS, PlayerLimiter, type NetLimits, type TokenBucket } from './limiter';
import type { SeededRandom } from './random';
import type { World } from './world';

/** `'server'` or a player id. */
export type Endpoint = 'server' | number;

/** One-way latency in ms: fixed, or uniformly drawn per packet from the world's seeded PRNG. */
export type Latency =
  | number
  | {
      /** Least latency in ms, inclusive. */
      min: number;
      /** Greatest latency in ms, inclusive. */
      max: number;
    };

/** Size of a latent event fragment. */
export const LATENT_FRAGMENT_BYTES = 2048;

/** A packet as interceptors see it. */
export interface Packet {
  /** Sequence number, unique in the world. */
  readonly id: number;
  /** The sender. */
  readonly from: Endpoint;
  /** The receiver. */
  readonly to: Endpoint;
  /** Event name, or `'<command>'` for a console command forwarded by a client. */
  readonly name: string;
  /** The packed argument array, exactly as delivered (mutating it corrupts the delivery). */
  readonly bytes: Uint8Array;
  /** Sent as a latent event (`TriggerLatentClientEvent` / `TriggerLatentServerEvent`). */
  readonly latent: boolean;
  /** Bytes per second of a latent event, else null. */
  readonly bps: number | null;
  /** Virtual time it was sent at. */
  readonly sentAt: number;
  /** The arguments decoded in the Node realm (function references as `FunctionRefPreview`). */
  readonly args: unknown[];
}

/** What an interceptor decides for a packet. `void` means deliver. */
export type InterceptVerdict =
  | 'deliver'
  | 'drop'
  | {
      /** Extra ms before delivery, on top of the latency. */
      delayMs: number;
    };
/** A fault-injection hook; see {@link Network.intercept}. */
export type Interceptor = (packet: Packet) => InterceptVerdict | void;

/** Events sent and their packed payload size. */
export interface TrafficCounter {
  /** Events, one per packet. */
  events: number;
  /** Packed payload bytes. */
  bytes: number;
}

/** The network's traffic counters, as {@link Network.stats} gives them. */
export interface NetworkStats {
  /** Everything clients sent (reliable and latent), counted when sent. */
  toServer: TrafficCounter;
  /** Everything the server sent, one count per receiving player. */
  toClients: TrafficCounter;
  /** The latent part of the two above. */
  latent: {
    /** Latent events clients sent. */
    toServer: TrafficCounter;
    /** Latent events the server sent. */
    toClients: TrafficCounter;
  };
  /** Per event name. */
  byName: Record<
    string,
    {
      /** Events of this name clients sent. */
      toServer: TrafficCounter;
      /** Events of this name the server sent. */
      toClients: TrafficCounter;
    }
  >;
  /** Packets handed to the receiving machine. */
  delivered: TrafficCounter;
  /** Packets not delivered, by cause. */
  dropped: {
    /** Client events the server's event-rate limiter refused. */
    rateLimited: number;
    /** Packets an interceptor dropped. */
    intercepted: number;
    /** Packets whose sender or receiver had left when they arrived. */
    disconnected: number;
    /** Events sent to a client before its resources started (e.g. at `playerJoining`): nobody listened yet. */
    beforeResourcesStarted: number;
  };
  /** Players kicked by the limiters. */
  kicked: number;
}

function emptyStats(): NetworkStats {
  const counter = () => ({ events: 0, bytes: 0 });
  return {
    toServer: counter(),
    toClients: counter(),
    latent: { toServer: counter(), toClients: counter() },
    byName: {},
    delivered: counter(),
    dropped: { rateLimited: 0, intercepted: 0, disconnected: 0, beforeResourcesStarted: 0 },
    kicked: 0,
  };
}

class PacketImpl implements Packet {
  private preview: unknown[] | undefined;

  constructor(
    readonly id: number,
    readonly from: Endpoint,
    readonly to: Endpoint,
    readonly name: string,
    readonly bytes: Uint8Array,
    readonly bps: number | null,
    readonly sentAt: number,
  ) {}

  get latent(): boolean {
    return this.bps !== null;
  }

  get args(): unknown[] {
    if (!this.preview) {
      try {
        const decoded = hostUnpack(this.bytes);
        this.preview = Array.isArray(decoded) ? decoded : [decoded];
      } catch {
        this.preview = [];
      }
    }
    return this.preview;
  }
}

/**
 * The simulated network: carries packed events after a latency (reliable ones in order per link), applies the
 * server's limits to what clients send, counts traffic, and lets tests drop or delay packets. One per {@link World}.
 */
export class Network {
  private readonly interceptors: Interceptor[] = [];
  private readonly latencies = new Map<number, Latency>();
  private readonly lastArrival = new Map<string, number>();
  private readonly limiters = new Map<number, PlayerLimiter>();
  private readonly limits: NetLimits;
  private defaultLatency: Latency;
  private packetSeq = 0;
  private counters = emptyStats();

  /** @internal */
  constructor(
    private readonly world: World,
    latency: Latency,
    limits: Partial<NetLimits>,
    private readonly random: SeededRandom,
  ) {
    this.defaultLatency = checkLatency(latency);
    this.limits = { ...DEFAULT_NET_LIMITS, ...limits };
  }

  /** Live counters; see {@link resetStats}. */
  get stats(): NetworkStats {
    return this.counters;
  }

  /** Zeroes every counter. */
  resetStats(): void {
    this.counters = emptyStats();
  }

  /**
   * Adds a fault-injection hook, called for every packet at send time, in the order added. The first `'drop'`
   * wins; delays add up. Returns a function that removes the hook.
   */
  intercept(interceptor: Interceptor): () => void {
    this.interceptors.push(interceptor);
    return () => {
      const i = this.interceptors.indexOf(interceptor);
      if (i >= 0) this.interceptors.splice(i, 1);
    };
  }

  /** Sets the one-way latency of one player's link, or the default for every player without one. */
  setLatency(latency: Latency, playerId?: number): void {
    if (playerId === undefined) this.defaultLatency = checkLatency(latency);
    else this.latencies.set(playerId, checkLatency(latency));
  }

  /** The one-way latency of a player's link. */
  latencyOf(playerId: number): Latency {
    return this.latencies.get(playerId) ?? this.defaultLatency;
  }

  /** `GetPlayerPing`: the mean round trip in ms. */
  pingOf(playerId: number): number {
    const latency = this.latencyOf(playerId);
    return Math.round(typeof latency === 'number' ? 2 * latency : latency.min + latency.max);
  }

  /** @internal */
  addPlayer(id: number, latency?: Latency): void {
    if (latency !== undefined) this.latencies.set(id, checkLatency(latency));
    this.limiters.set(id, new PlayerLimiter(this.limits, this.world.now));
  }

  /** @internal Forgets a player's links; anything still in flight to or from them is discarded on arrival. */
  removePlayer(id: number): void {
    this.latencies.delete(id);
    this.limiters.delete(id);
    this.lastArrival.delete(`server>${id}`);
    this.lastArrival.delete(`${id}>server`);
  }

  /** @internal Sends one event. `bps` is null for reliable events. */
  send(from: Endpoint, to: Endpoint, name: string, payload: Uint8Array, bps: number | null): void {
    const now = this.world.now;
    const packet = new PacketImpl(++this.packetSeq, from, to, name, payload, bps, now);
    this.count(packet);
    if (to !== 'server' && this.world.isConnected(to) && !this.world.client(to).resourcesStarted) {
      // The client starts its resources only once connected; what reaches it before finds no listener.
      this.counters.dropped.beforeResourcesStarted++;
      this.world.note('warn', `event ${name} to player ${to} was sent before the player's resources started: lost`);
      return;
    }

    let delay = 0;
    for (const interceptor of [...this.interceptors]) {
      const verdict = interceptor(packet) ?? 'deliver';
      if (verdict === 'drop') {
        this.counters.dropped.intercepted++;
        return;
      }
      if (typeof verdict === 'object') delay += Math.max(0, Math.ceil(verdict.delayMs));
    }

    const player = from === 'server' ? (to as number) : from;
    const travel = this.sampleLatency(player) + delay;
    if (bps === null) {
      const arrival = this.fifo(`${from}>${to}`, now + travel);
      this.world.clock.schedule(arrival, () => this.arrive(packet), `net ${name}`);
      return;
    }
    // Latent: fragments leave as the byte budget allows; the last one leaves after size/bps seconds.
    const rate = bps > 0 ? bps : DEFAULT_LATENT_BPS;
    const firstFragment = Math.ceil((Math.min(payload.length, LATENT_FRAGMENT_BYTES) * 1000) / rate);
    const lastFragment = Math.ceil((payload.length * 1000) / rate);
    if (to === 'server') {
      this.world.clock.schedule(now + firstFragment + travel, () => this.latentStarts(packet), `latent start ${name}`);
    }
    this.world.clock.schedule(now + lastFragment + travel, () => this.arrive(packet), `latent ${name}`);
  }

  /**
   * @internal A notice the server sends a client over its reliable link (a resource started or stopped): runs on
   * arrival, after the link's latency and behind what the server sent before, if the player is still there.
   */
  notifyClient(player: number, run: () => void, label: string): void {
    const arrival = this.fifo(`server>${player}`, this.world.now + this.sampleLatency(player));
    this.world.clock.schedule(arrival, () => {
      if (this.world.isConnected(player)) run();
    }, label);
  }

  /** @internal A console command typed on a client that the client does not handle goes to the server. */
  sendCommand(from: number, line: string): void {
    const arrival = this.fifo(`${from}>server`, this.world.now + this.sampleLatency(from));
    this.world.clock.schedule(arrival, () => {
      if (this.world.isConnected(from)) this.world.server.executeCommand(line, from);
    });
  }

  /** Latent events the server is reassembling (their first fragment came in while a slot was free). */
  private readonly reassembling = new WeakSet<Packet>();

  /**
   * The first fragment of a latent event: the server reassembles at most `maxPendingLatent` events per client at
   * once and discards one that starts beyond that (`EventReassemblyComponent.cpp`).
   */
  private latentStarts(packet: PacketImpl): void {
    const limiter = this.limiters.get(packet.from as number);
    if (!limiter || limiter.pendingLatent >= this.limits.maxPendingLatent) return;
    limiter.pendingLatent++;
    this.reassembling.add(packet);
  }

  private arrive(packet: PacketImpl): void {
    const { from, to } = packet;
    const client = from === 'server' ? (to as number) : from;
    if (!this.world.isConnected(client)) {
      this.counters.dropped.disconnected++;
      return;
    }
    if (to === 'server' && !(packet.latent ? this.admitLatent(packet) : this.admitReliable(packet))) return;
    this.counters.delivered.events++;
    this.counters.delivered.bytes += packet.bytes.length;
    if (to === 'server') this.world.server.enqueueNetEvent(packet.name, packet.bytes, `net:${from}`);
    else this.world.client(to).enqueueNetEvent(packet.name, packet.bytes, `net:${SERVER_NET_ID}`);
  }

  /** A reliable client event: the player's event and byte buckets, shared by every resource. */
  private admitReliable(packet: PacketImpl): boolean {
    const limiter = this.limiters.get(packet.from as number);
    if (!limiter) return false;
    const { netEvent, netEventFlood } = limiter;
    return this.admitEvent(packet, netEvent, netEventFlood, 'Reliable network event overflow.', DropReason.NET_EVENT_RATE_LIMIT) && this.admitSize(packet, limiter);
  }

  /** A latent client event, when reassembled: its own event buckets, no byte bucket. */
  private admitLatent(packet: PacketImpl): boolean {
    const limiter = this.limiters.get(packet.from as number);
    if (!limiter || !this.reassembling.has(packet)) return false;
    limiter.pendingLatent--;
    const { latentEvent, latentEventFlood } = limiter;
    return this.admitEvent(packet, latentEvent, latentEventFlood, 'Unreliable network event overflow.', DropReason.LATENT_NET_EVENT_RATE_LIMIT);
  }

  /** FiveM: over the event rate the event is dropped; if the flood bucket is empty too, the player is kicked. */
  private admitEvent(packet: PacketImpl, rate: TokenBucket, flood: TokenBucket, kickReason: string, code: number): boolean {
    const player = packet.from as number;
    const now = this.world.now;
    if (rate.consume(now)) return true;
    this.counters.dropped.rateLimited++;
    if (!flood.consume(now)) {
      this.kick(player, kickReason, code);
    } else {
      this.world.note('warn', `net event ${packet.name} from player ${player} dropped by the netEvent rate limiter`);
    }
    return false;
  }

  /** Reliable bytes, event name included: over the byte rate (or one event over the burst) kicks the player. */
  private admitSize(packet: PacketImpl, limiter: PlayerLimiter): boolean {
    if (limiter.netEventSize.consume(this.world.now, Buffer.byteLength(packet.name) + packet.bytes.length)) return true;
    this.kick(packet.from as number, `Reliable network event size overflow: ${packet.name}`, DropReason.NET_EVENT_RATE_LIMIT);
    return false;
  }

  private kick(player: number, reason: string, code: number): void {
    this.counters.kicked++;
    this.world.note('warn', `player ${player} kicked: ${reason}`);
    this.world.dropPlayer(player, reason, { resource: '', code });
  }

  private fifo(link: string, arrival: number): number {
    const at = Math.max(arrival, this.lastArrival.get(link) ?? Number.NEGATIVE_INFINITY);
    this.lastArrival.set(link, at);
    return at;
  }

  private sampleLatency(player: number): number {
    const latency = this.latencyOf(player);
    return typeof latency === 'number' ? latency : this.random.int(latency.min, latency.max);
  }

  private count(packet: PacketImpl): void {
    const direction = packet.to === 'server' ? 'toServer' : 'toClients';
    const size = packet.bytes.length;
    const add = (c: TrafficCounter) => {
      c.events++;
      c.bytes += size;
    };
    add(this.counters[direction]);
    if (packet.latent) add(this.counters.latent[direction]);
    const byName = (this.counters.byName[packet.name] ??= { toServer: { events: 0, bytes: 0 }, toClients: { events: 0, bytes: 0 } });
    add(byName[direction]);
  }
}

function checkLatency(latency: Latency): Latency {
  const ok = (n: number) => Number.isInteger(n) && n >= 0;
  if (typeof latency === 'number' ? ok(latency) : ok(latency.min) && ok(latency.max) && latency.min <= latency.max) return latency;
  throw new RangeError(`latency must be a non-negative integer or {min, max} of them, got ${JSON.stringify(latency)}`);
}
