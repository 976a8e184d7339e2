/**
 * FiveM's script timers (citizen `timer.js`), kept on the host side so the machine knows which frames it must
 * run. The rules are FiveM's, not Node's or the browser's:
 *
 * - Timers only fire on a game frame. A timer remembers `lastRun`, the time of the last frame its runtime
 *   finished when it was created, and fires on the first frame with `frame - lastRun > interval`.
 * - The interval is clamped to at least 1 ms, so `setTimeout(fn, 0)` waits for a later frame.
 * - Handles are objects; `clearTimeout` reads `handle.id`, so passing a number clears nothing.
 * - `setTick` handlers run every frame; one whose previous call returned a pending promise is skipped until it
 *   settles (and one whose promise rejected is never called again).
 * - A frame runs the due timers, then the tick handlers, then animation frames, all in one call into the
 *   script (microtasks run after the whole frame of that runtime, as with V8's automatic microtask policy).
 */

/** What the timer table needs from its machine. */
export interface TimerHost {
  /** The time of the last frame this runtime finished (FiveM's `gameTime` inside timer.js). */
  gameTime(): number;
  /** Make sure the machine runs a frame at or after `at`. */
  requestFrame(at: number): void;
  /** Frame period of the machine. */
  readonly frameMs: number;
}

interface Timer {
  callback: () => void;
  interval: number;
  lastRun: number;
}

interface Ticker {
  callback: () => unknown;
  promise: unknown;
}

/** FiveM's `normalizeInterval`: integer in [1, 2^31 - 1]. */
export function normalizeInterval(interval: unknown): number {
  return Math.max(1, Math.min(2147483647, Number(interval) || 1)) | 0;
}

export class TimerTable {
  private lastTimerId = 0;
  private lastTickerId = 0;
  private readonly timers = new Map<number, Timer>();
  private readonly tickers = new Map<number, Ticker>();
  private animationFrames: Array<() => void> = [];

  constructor(
    private readonly host: TimerHost,
    private readonly onError: (where: string, error: unknown) => void,
  ) {}

  /** Is anything waiting for a frame? */
  get active(): boolean {
    return this.timers.size > 0 || this.tickers.size > 0 || this.animationFrames.length > 0;
  }

  /** Counts, for tests and diagnostics. */
  get counts(): { timers: number; tickers: number } {
    return { timers: this.timers.size, tickers: this.tickers.size };
  }

  nextTimerId(): number {
    return ++this.lastTimerId;
  }

  setTimer(id: number, callback: () => void, interval: unknown): void {
    const timer: Timer = { callback, interval: normalizeInterval(interval), lastRun: this.host.gameTime() };
    this.timers.set(id, timer);
    this.host.requestFrame(timer.lastRun + timer.interval + 1);
  }

  /** `clearTimeout(handle)` passes `handle.id`; anything that is not a known id is ignored. */
  clearTimer(id: unknown): void {
    if (typeof id === 'number') this.timers.delete(id);
  }

  /** `handle.refresh()`: restart the countdown from the last frame. */
  refreshTimer(id: number): void {
    const timer = this.timers.get(id);
    if (!timer) return;
    timer.lastRun = this.host.gameTime();
    this.host.requestFrame(timer.lastRun + timer.interval + 1);
  }

  setTick(callback: () => unknown): number {
    const id = ++this.lastTickerId;
    this.tickers.set(id, { callback, promise: null });
    this.host.requestFrame(this.host.gameTime() + this.host.frameMs);
    return id;
  }

  clearTick(id: unknown): void {
    if (!id) return;
    this.tickers.delete(Number(id));
  }

  requestAnimationFrame(callback: () => void): void {
    this.animationFrames.push(callback);
    this.host.requestFrame(this.host.gameTime() + this.host.frameMs);
  }

  /** Everything is dropped when the resource stops. */
  clearAll(): void {
    this.timers.clear();
    this.tickers.clear();
    this.animationFrames = [];
  }

  /** One frame of timer.js's `onTick`. Synchronous: the caller wraps it in one entry into the runtime. */
  runFrame(frameTime: number): void {
    // Timers created while this loop runs are not visited (V8's for-in over a snapshot of keys).
    for (const id of [...this.timers.keys()]) {
      const timer = this.timers.get(id);
      if (!timer) continue;
      if (frameTime - timer.lastRun > timer.interval) {
        try {
          timer.callback();
        } catch (error) {
          this.onError('timer', error);
        }
        timer.lastRun = frameTime;
      }
    }

    for (const id of [...this.tickers.keys()]) {
      const ticker = this.tickers.get(id);
      if (!ticker) continue;
      if (ticker.promise !== null && ticker.promise !== undefined) continue;
      let result: unknown;
      try {
        result = ticker.callback();
      } catch (error) {
        this.onError('ticker', error);
        continue;
      }
      if (result !== undefined && result !== null && typeof (result as { then?: unknown }).then === 'function') {
        const thenable = result as Promise<unknown>;
        ticker.promise = thenable
          .then(() => {
            const current = this.tickers.get(id);
            if (current) current.promise = null;
          })
          .catch((error: unknown) => this.onError('ticker', error));
      }
    }

    if (this.animationFrames.length !== 0) {
      const frames = this.animationFrames;
      this.animationFrames = [];
      let i = frames.length;
      while (i--) {
        try {
          frames[i]!();
        } catch (error) {
          this.onError('animationFrame', error);
        }
      }
    }

    this.scheduleNext(frameTime);
  }

  private scheduleNext(frameTime: number): void {
    for (const timer of this.timers.values()) this.host.requestFrame(timer.lastRun + timer.interval + 1);
    if (this.tickers.size > 0 || this.animationFrames.length > 0) this.host.requestFrame(frameTime + this.host.frameMs);
  }
}
