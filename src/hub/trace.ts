/**
 * `fxcallbacks trace <player id | callback name> [seconds]`: one console line per matching call as it ends, read
 * off the hub's router, which sees every frame of every resource (members, and Lua resources through the hub's own
 * endpoint), so tracing costs the calls nothing while it is off (the router checks one field per frame).
 *
 * A call's outcome comes from its final frame; a call its caller gives up is `cancelled`, or `timed out` when the
 * calling resource reported a timeout of that name just before (members report timeouts only while a trace runs).
 */
import { FrameType, isFinal, type Frame, type Payload, type ReplyFrame } from '../core/wire/protocol';
import { payloadSize } from '../ground/packed';

/** Which calls a trace prints. */
export type TraceFilter = { player: string } | { callback: string };

/** The game clock the trace measures with: ms, and frames counted while the trace runs. */
export interface TraceClock {
  now(): number;
  frame(): number;
}

interface TracedCall {
  direction: 'in' | 'out';
  name: string;
  resource: string;
  player: string;
  bytesIn: number;
  bytesOut: number;
  startedAt: number;
  startFrame: number;
}

/** Calls followed at once; beyond, the oldest is forgotten (a trace must not grow without bound). */
const MAX_TRACED_CALLS = 10_000;

export class CallTrace<P> {
  private readonly calls = new Map<string, TracedCall>();
  /** Timeouts reported by resources, by `resource\0name`, until the CANCEL they cause reaches the router. */
  private readonly timeouts = new Map<string, number>();
  private secondStart: number;
  private linesThisSecond = 0;
  private notShown = 0;

  constructor(
    readonly filter: TraceFilter,
    private readonly clock: TraceClock,
    private readonly print: (line: string) => void,
    private readonly maxLinesPerSecond: number,
  ) {
    this.secondStart = clock.now();
  }

  // ---- what the router sees ----------------------------------------------------------------------------------

  /** A peer's REQUEST routed to `resource` (the hub's own name for Lua resources' callbacks). */
  requestIn(resource: string, peer: P, id: number, name: string, args: Payload): void {
    this.start(key('in', peer, id), 'in', name, resource, peer, payloadSize(args), 0);
  }

  /** A member's REQUEST leaving under `wireId`. A retry resends the same id: the call keeps its start. */
  requestOut(resource: string, peer: P, wireId: number, name: string, args: Payload): void {
    if (!this.calls.has(key('out', peer, wireId))) this.start(key('out', peer, wireId), 'out', name, resource, peer, 0, payloadSize(args));
  }

  /** A member's answer to a peer's request. */
  answerOut(peer: P, id: number, frame: Frame): void {
    const call = this.calls.get(key('in', peer, id));
    if (!call) return;
    call.bytesOut += replyBytes(frame);
    if (isFinal(frame)) this.end(key('in', peer, id), outcomeOf(frame as ReplyFrame));
  }

  /** A peer's reply to a member's call. */
  replyIn(peer: P, wireId: number, frame: Frame): void {
    const call = this.calls.get(key('out', peer, wireId));
    if (!call) return;
    call.bytesIn += replyBytes(frame);
    if (isFinal(frame)) this.end(key('out', peer, wireId), outcomeOf(frame as ReplyFrame));
  }

  /** The peer gave its request up. */
  cancelIn(peer: P, id: number): void {
    this.end(key('in', peer, id), 'cancelled');
  }

  /** A member gave its call up: timed out if it just said so, else cancelled. */
  cancelOut(resource: string, peer: P, wireId: number): void {
    const call = this.calls.get(key('out', peer, wireId));
    if (!call) return;
    const timeoutKey = `${resource}\u0000${call.name}`;
    const timeouts = this.timeouts.get(timeoutKey) ?? 0;
    if (timeouts > 0) {
      if (timeouts === 1) this.timeouts.delete(timeoutKey);
      else this.timeouts.set(timeoutKey, timeouts - 1);
    }
    this.end(key('out', peer, wireId), timeouts > 0 ? 'timed out' : 'cancelled');
  }

  /** The router answered a peer's request itself (no such callback, too many requests). */
  refusedIn(resource: string, peer: P, id: number, name: string, args: Payload, code: string): void {
    this.requestIn(resource, peer, id, name, args);
    this.end(key('in', peer, id), `error ${code}`);
  }

  /** `resource`'s call of `name` timed out (its CANCEL follows). */
  timedOut(resource: string, name: string): void {
    const timeoutKey = `${resource}\u0000${name}`;
    this.timeouts.set(timeoutKey, (this.timeouts.get(timeoutKey) ?? 0) + 1);
  }

  /** The player left: their calls end so. */
  peerLeft(peer: P): void {
    for (const [callKey, call] of this.calls) if (call.player === String(peer)) this.end(callKey, 'player left');
  }

  /** Once per frame: the count of lines not shown is printed when their second is over; stale timeouts go. */
  tick(): void {
    this.timeouts.clear();
    this.rollSecond();
  }

  /** Prints what the last second did not show. */
  stop(): void {
    this.rollSecond(true);
  }

  // ---- lines -------------------------------------------------------------------------------------------------

  private start(callKey: string, direction: 'in' | 'out', name: string, resource: string, peer: P, bytesIn: number, bytesOut: number): void {
    const player = String(peer);
    if ('player' in this.filter ? this.filter.player !== player : this.filter.callback !== name) return;
    if (this.calls.size >= MAX_TRACED_CALLS) this.calls.delete(this.calls.keys().next().value!);
    this.calls.set(callKey, { direction, name, resource, player, bytesIn, bytesOut, startedAt: this.clock.now(), startFrame: this.clock.frame() });
  }

  private end(callKey: string, outcome: string): void {
    const call = this.calls.get(callKey);
    if (!call) return;
    this.calls.delete(callKey);
    this.rollSecond();
    if (this.linesThisSecond >= this.maxLinesPerSecond) {
      this.notShown++;
      return;
    }
    this.linesThisSecond++;
    const ms = this.clock.now() - call.startedAt;
    const frames = this.clock.frame() - call.startFrame;
    const arrow = call.direction === 'in' ? `player ${call.player} -> ${call.resource}` : `${call.resource} -> player ${call.player}`;
    this.print(
      `fxcallbacks trace: ${call.direction} ${call.name} ${arrow} bytes in ${call.bytesIn} out ${call.bytesOut} latency ${frames} frames ${ms} ms ${outcome}`,
    );
  }

  private rollSecond(force = false): void {
    const now = this.clock.now();
    if (!force && now - this.secondStart < 1000) return;
    if (this.notShown > 0) this.print(`fxcallbacks trace: ${this.notShown} more calls ended in that second, not shown (at most ${this.maxLinesPerSecond} lines a second)`);
    this.notShown = 0;
    this.linesThisSecond = 0;
    this.secondStart = now;
  }
}

function key(direction: 'in' | 'out', peer: unknown, id: number): string {
  return `${direction}\u0000${String(peer)}\u0000${id}`;
}

function replyBytes(frame: Frame): number {
  return frame[0] === FrameType.NEXT || frame[0] === FrameType.RESULT ? payloadSize(frame[2]) : 0;
}

/** answered, or the error's code. */
function outcomeOf(frame: ReplyFrame): string {
  return frame[0] === FrameType.ERROR ? `error ${frame[2]}` : 'answered';
}
