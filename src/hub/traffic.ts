/**
 * What the hub's one net event carries, as the router sees it: events, frames and bytes each way, frames held back
 * by the pace, refused frames by reason (with the last few for the dashboard), and each player's event rate
 * against FiveM's net-event limiter. Plain counters, updated per envelope (not per frame), read by the metrics
 * endpoint and the dashboard.
 *
 * Bytes are the hub's own estimates, not msgpack's exact size (the runtime packs events after the hub hands them
 * over): sent, what the outbox's byte budget counted; received, the rough walk of `inspectValues`.
 */
import { inspectValues } from '../ground/sendable';

/** Why the router refused a frame or an envelope. */
export type RefusalReason = 'malformed' | 'not_connected' | 'unknown_callback' | 'too_many_requests';

export const REFUSAL_REASONS: readonly RefusalReason[] = ['malformed', 'not_connected', 'unknown_callback', 'too_many_requests'];

/** One refused frame, for the dashboard. */
export interface Refusal {
  /** Game time, ms. */
  at: number;
  player: string;
  reason: RefusalReason;
  /** E.g. the unknown callback's name (cut to 64 characters). */
  detail: string;
}

/** One way of the hub's event. */
export interface Flow {
  events: number;
  frames: number;
  bytes: number;
}

/** One player's events per second on the hub's event, over the last full second. */
export interface PlayerBudget {
  player: string;
  receivedPerSecond: number;
  sentPerSecond: number;
  /** At 80 % or more of FiveM's net-event limiter (the hub's event alone: other resources' events count too). */
  nearLimiter: boolean;
}

export interface TrafficSnapshot {
  sent: Flow;
  received: Flow;
  /** Over the last full second. */
  perSecond: { sent: Flow; received: Flow };
  /** Frames that waited for the pace (the hub's event budget per player) before leaving. */
  framesHeldBack: number;
  refused: Record<RefusalReason, number>;
  /** The most recent first. */
  lastRefused: Refusal[];
  /** FiveM's net-event rate per player the budgets are measured against. */
  limiterRate: number;
  players: PlayerBudget[];
}

const LAST_REFUSED = 20;
const NEAR_LIMITER = 0.8;

const emptyFlow = (): Flow => ({ events: 0, frames: 0, bytes: 0 });

/** Counts of the current second and the rate of the last full one. */
class Window {
  private start: number;
  private current = emptyFlow();
  last = emptyFlow();

  constructor(now: number) {
    this.start = now;
  }

  add(now: number, frames: number, bytes: number): void {
    this.roll(now);
    this.current.events++;
    this.current.frames += frames;
    this.current.bytes += bytes;
  }

  /** Moves to the second `now` falls in; a gap of more than a second leaves a last second of nothing. */
  roll(now: number): void {
    if (now - this.start < 1000) return;
    this.last = now - this.start < 2000 ? this.current : emptyFlow();
    this.current = emptyFlow();
    this.start = now - ((now - this.start) % 1000);
  }
}

export class HubTraffic<P> {
  private readonly sent = emptyFlow();
  private readonly received = emptyFlow();
  private readonly sentWindow: Window;
  private readonly receivedWindow: Window;
  private readonly players = new Map<P, { sent: Window; received: Window }>();
  private readonly refusals = Object.fromEntries(REFUSAL_REASONS.map((reason) => [reason, 0])) as Record<RefusalReason, number>;
  private readonly lastRefused: Refusal[] = [];
  private framesHeldBack = 0;

  constructor(
    private readonly now: () => number,
    /** FiveM's net-event rate per player the budgets are measured against. */
    readonly limiterRate: number,
  ) {
    this.sentWindow = new Window(now());
    this.receivedWindow = new Window(now());
  }

  /** An envelope arrived from `peer` (a connected player), holding `frames` frames. */
  receivedEnvelope(peer: P, raw: unknown, frames: number): void {
    const bytes = inspectValues([raw]).size;
    count(this.received, frames, bytes);
    const now = this.now();
    this.receivedWindow.add(now, frames, bytes);
    this.player(peer, now).received.add(now, frames, bytes);
  }

  /** An envelope left for `peer` with `frames` frames, costing `bytes` as the outbox's budget counted it. */
  sentEnvelope(peer: P, frames: number, bytes: number): void {
    count(this.sent, frames, bytes);
    const now = this.now();
    this.sentWindow.add(now, frames, bytes);
    this.player(peer, now).sent.add(now, frames, bytes);
  }

  refused(reason: RefusalReason, peer: P | undefined, detail = ''): void {
    this.refusals[reason]++;
    this.lastRefused.unshift({ at: this.now(), player: peer === undefined ? '?' : String(peer), reason, detail: detail.slice(0, 64) });
    if (this.lastRefused.length > LAST_REFUSED) this.lastRefused.pop();
  }

  /** Envelopes or frames refused so far for `reason`. */
  refusedFor(reason: RefusalReason): number {
    return this.refusals[reason];
  }

  heldBack(frames: number): void {
    this.framesHeldBack += frames;
  }

  /** The player left: their rates go. */
  forget(peer: P): void {
    this.players.delete(peer);
  }

  snapshot(): TrafficSnapshot {
    const now = this.now();
    this.sentWindow.roll(now);
    this.receivedWindow.roll(now);
    const players: PlayerBudget[] = [];
    for (const [peer, windows] of this.players) {
      windows.received.roll(now);
      windows.sent.roll(now);
      const receivedPerSecond = windows.received.last.events;
      players.push({ player: String(peer), receivedPerSecond, sentPerSecond: windows.sent.last.events, nearLimiter: receivedPerSecond >= NEAR_LIMITER * this.limiterRate });
    }
    return {
      sent: { ...this.sent },
      received: { ...this.received },
      perSecond: { sent: { ...this.sentWindow.last }, received: { ...this.receivedWindow.last } },
      framesHeldBack: this.framesHeldBack,
      refused: { ...this.refusals },
      lastRefused: this.lastRefused.slice(),
      limiterRate: this.limiterRate,
      players,
    };
  }

  /**
   * This snapshot with `others` added (direct members' traffic, measured in their runtimes): flows, rates and
   * refusals summed, each player's rates summed and measured against the limiter again.
   */
  static merged(own: TrafficSnapshot, others: TrafficSnapshot[]): TrafficSnapshot {
    const merged: TrafficSnapshot = { ...own, players: [], lastRefused: [...own.lastRefused] };
    const players = new Map(own.players.map((player) => [player.player, { ...player }]));
    for (const other of others) {
      merged.sent = addFlows(merged.sent, other.sent);
      merged.received = addFlows(merged.received, other.received);
      merged.perSecond = { sent: addFlows(merged.perSecond.sent, other.perSecond.sent), received: addFlows(merged.perSecond.received, other.perSecond.received) };
      merged.framesHeldBack += other.framesHeldBack;
      merged.refused = Object.fromEntries(REFUSAL_REASONS.map((reason) => [reason, merged.refused[reason] + other.refused[reason]])) as Record<RefusalReason, number>;
      merged.lastRefused.push(...other.lastRefused);
      for (const player of other.players) {
        const sum = players.get(player.player);
        if (!sum) players.set(player.player, { ...player });
        else {
          sum.receivedPerSecond += player.receivedPerSecond;
          sum.sentPerSecond += player.sentPerSecond;
        }
      }
    }
    merged.lastRefused = merged.lastRefused.sort((a, b) => b.at - a.at).slice(0, LAST_REFUSED);
    merged.players = [...players.values()].map((player) => ({ ...player, nearLimiter: player.receivedPerSecond >= NEAR_LIMITER * own.limiterRate }));
    return merged;
  }

  private player(peer: P, now: number): { sent: Window; received: Window } {
    let windows = this.players.get(peer);
    if (!windows) this.players.set(peer, (windows = { sent: new Window(now), received: new Window(now) }));
    return windows;
  }
}

function addFlows(a: Flow, b: Flow): Flow {
  return { events: a.events + b.events, frames: a.frames + b.frames, bytes: a.bytes + b.bytes };
}

function count(flow: Flow, frames: number, bytes: number): void {
  flow.events++;
  flow.frames += frames;
  flow.bytes += bytes;
}
