/**
 * Runs `fxcallbacks trace`: one {@link CallTrace} at a time on the router, a frame counter while it runs, and the
 * members' timeout reports switched on for its duration only.
 */
import { filter, type Subscription } from 'rxjs';
import type { Metrics } from '../core/metrics';
import type { SideNatives } from '../core/natives';
import type { PeerId } from '../core/endpointOptions';
import { ErrorCode } from '../ground/errors';
import type { WatchTimeouts } from './member';
import type { Router } from './router';
import { everyFrame } from './runtime';
import { CallTrace, type TraceFilter } from './trace';

/** A member's side of the timeout reports: subscribes to its metrics' events only while a trace runs. */
export function watchOwnTimeouts(metrics: () => Metrics): WatchTimeouts {
  let reports: Subscription | undefined;
  return (report) => {
    reports?.unsubscribe();
    reports = report
      ? metrics()
          .events$.pipe(filter((event) => event.type === 'failure' && event.code === ErrorCode.TIMEOUT && event.direction === 'outgoing'))
          .subscribe((event) => report(event.name))
      : undefined;
  };
}

export class Tracing<P extends PeerId> {
  private readonly watchers = new Map<string, WatchTimeouts>();
  private ending: (() => void) | undefined;

  constructor(
    private readonly router: Router<P>,
    private readonly natives: SideNatives<P>,
  ) {}

  watch(resource: string, watchTimeouts: WatchTimeouts): void {
    this.watchers.set(resource, watchTimeouts);
    const trace = this.router.trace;
    if (trace) this.report(resource, watchTimeouts, trace);
  }

  unwatch(resource: string): void {
    this.watchers.delete(resource);
  }

  /** Starts a trace (ending any other) for `seconds`, printing at most `maxLinesPerSecond` lines a second. */
  start(traceFilter: TraceFilter, seconds: number, maxLinesPerSecond: number, print: (line: string) => void): void {
    this.stop();
    // Frames whose tick ran; the current frame's tick may have run already (promise callbacks run after it).
    let frames = 0;
    let lastTickAt = Number.NaN;
    const frame = () => (lastTickAt === this.natives.now() ? frames - 1 : frames);
    const trace = new CallTrace<P>(traceFilter, { now: () => this.natives.now(), frame }, print, maxLinesPerSecond);
    const until = this.natives.now() + seconds * 1000;
    const stopTicking = everyFrame(() => {
      frames++;
      lastTickAt = this.natives.now();
      trace.tick();
      if (this.natives.now() >= until) this.stop();
    });
    this.router.trace = trace;
    for (const [resource, watchTimeouts] of this.watchers) this.report(resource, watchTimeouts, trace);
    this.ending = () => {
      stopTicking();
      trace.stop();
      this.router.trace = undefined;
      for (const watchTimeouts of this.watchers.values()) safely(() => watchTimeouts(null));
      print('fxcallbacks trace: off');
    };
  }

  /** Ends the running trace, if any; returns whether there was one. */
  stop(): boolean {
    const ending = this.ending;
    this.ending = undefined;
    ending?.();
    return ending !== undefined;
  }

  private report(resource: string, watchTimeouts: WatchTimeouts, trace: CallTrace<P>): void {
    safely(() => watchTimeouts((name) => trace.timedOut(resource, name)));
  }
}

/** A member stopped before the hub heard of it: its reports are gone anyway. */
function safely(call: () => void): void {
  try {
    call();
  } catch {
    // See above.
  }
}

/** How long a trace runs when the command gives no duration, and at most. */
export const TRACE_SECONDS = { default: 60, max: 3600 } as const;

const USAGE = 'usage: fxcallbacks trace <player id | callback name> [seconds] | fxcallbacks trace off';

/**
 * The console command `fxcallbacks trace ...`, with its arguments after `fxcallbacks`. A number is a player id,
 * anything else a callback name.
 */
export function traceCommand<P extends PeerId>(tracing: Tracing<P>, args: string[], maxLinesPerSecond: number, print: (line: string) => void): void {
  const [verb, target, duration] = args;
  if (verb !== 'trace' || target === undefined) return print(USAGE);
  if (target === 'off') return void (tracing.stop() || print('fxcallbacks trace: no trace is running'));
  const seconds = duration === undefined ? TRACE_SECONDS.default : Number(duration);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > TRACE_SECONDS.max) return print(`fxcallbacks trace: seconds must be a number from 1 to ${TRACE_SECONDS.max}; ${USAGE}`);
  const traceFilter = /^\d+$/.test(target) ? { player: target } : { callback: target };
  tracing.start(traceFilter, seconds, maxLinesPerSecond, print);
  print(`fxcallbacks trace: ${'player' in traceFilter ? `player ${target}` : `callback ${target}`} for ${seconds} s, at most ${maxLinesPerSecond} lines a second (fxcallbacks trace off to stop)`);
}
