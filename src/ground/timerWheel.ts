import { asyncScheduler, Subscription, type SchedulerAction, type SchedulerLike } from 'rxjs';
import { PriorityHeap, type HeapItem } from './priorityHeap';

/**
 * Every deadline and delay of one endpoint on ONE runtime timer. FiveM's timer loop visits every live timer on
 * every frame, so a timer per pending call would make each frame cost as much as the calls waiting: here 10,000
 * pending calls are 10,000 heap entries and one timer, armed for the earliest of them (re-armed only when an
 * earlier one comes; with one default timeout, later calls never re-arm it).
 *
 * It is a `SchedulerLike`, so RxJS's `timeout`, `timer` and `throttleTime` run on it unchanged: the operators stay
 * RxJS operators, only their clock is shared. Work runs at its due time as the runtime timer fires (FiveM runs a
 * timer on the first frame at or after it), in due order, earlier scheduled first among equals.
 */
export class TimerWheel implements SchedulerLike {
  private readonly due = new PriorityHeap<Due>();
  private armed: Subscription | undefined;
  private armedFor = Infinity;
  private order = 0;
  private firing = false;

  /** `clock` arms the one runtime timer (asyncScheduler: setInterval in FiveM and in the world). */
  constructor(private readonly clock: SchedulerLike = asyncScheduler) {}

  now(): number {
    return this.clock.now();
  }

  schedule<T>(work: (this: SchedulerAction<T>, state?: T) => void, delay = 0, state?: T): Subscription {
    return new WheelAction<T>(this, work).schedule(state, delay);
  }

  /** Deadlines waiting, for tests and the benchmark. */
  get size(): number {
    return this.due.size;
  }

  /** @internal */
  add(action: Due, delay: number): void {
    action.at = this.now() + Math.max(0, delay);
    action.priority = -action.at;
    action.order = this.order++;
    this.due.push(action);
    if (!this.firing && action.at < this.armedFor) this.arm(action.at);
  }

  /** @internal */
  remove(action: Due): void {
    this.due.remove(action);
    if (this.due.size === 0) this.disarm();
  }

  private arm(at: number): void {
    this.armed?.unsubscribe();
    this.armedFor = at;
    this.armed = this.clock.schedule(() => this.fire(), Math.max(0, at - this.now()));
  }

  private disarm(): void {
    if (this.firing) return;
    this.armed?.unsubscribe();
    this.armed = undefined;
    this.armedFor = Infinity;
  }

  /** Runs what is due: at least what the timer was armed for, even if the runtime's clock reads a little earlier. */
  private fire(): void {
    const upTo = Math.max(this.now(), this.armedFor);
    this.armed = undefined;
    this.armedFor = Infinity;
    this.firing = true;
    try {
      for (let next = this.due.peek(); next && next.at <= upTo; next = this.due.peek()) {
        this.due.remove(next);
        next.execute();
      }
    } finally {
      this.firing = false;
      const next = this.due.peek();
      if (next) this.arm(next.at);
    }
  }
}

/** What the wheel keeps of a piece of work: when it is due, and how to run it. */
interface Due extends HeapItem {
  priority: number;
  order: number;
  at: number;
  execute(): void;
}

/** One piece of scheduled work: a Subscription (unsubscribing takes it off the wheel) and a heap entry. */
class WheelAction<T> extends Subscription implements SchedulerAction<T>, Due {
  priority = 0;
  order = 0;
  index = -1;
  at = 0;
  private state: T | undefined;

  constructor(
    private readonly wheel: TimerWheel,
    private readonly work: (this: SchedulerAction<T>, state?: T) => void,
  ) {
    super();
  }

  schedule(state?: T, delay = 0): Subscription {
    if (this.closed) return this;
    this.state = state;
    this.wheel.remove(this);
    this.wheel.add(this, delay);
    return this;
  }

  execute(): void {
    if (!this.closed) this.work.call(this, this.state);
  }

  override unsubscribe(): void {
    if (this.closed) return;
    this.wheel.remove(this);
    super.unsubscribe();
  }
}
