import { asyncScheduler, Subscription, type SchedulerAction } from 'rxjs';
import { timedOut, type CallbackError } from '../../ground/errors';
import type { Measurement } from '../../ground/metricsRegistry';
import type { TimerWheel } from '../../ground/timerWheel';
import type { AnswerValues } from '../answer/answer';
import type { AnswerLimits } from './callOptions';

/** A call waiting for its reply, as the caller's table keeps it: where its replies go. */
export interface PendingCall<P> {
  readonly peer: P;
  readonly id: number;
  readonly name: string;
  /** What the peer may answer. */
  readonly answerLimits: AnswerLimits;
  /** The caller packed its arguments and takes each answer's payload as it came (see `Caller.answerFor`). */
  readonly takesPacked?: boolean;
  /** One answer. */
  next(values: AnswerValues): void;
  /** The call failed; it is no longer pending, and the other side owes nothing more. */
  fail(error: CallbackError): void;
  /** The call ended; it is no longer pending. */
  complete(): void;
}

/** How a one-shot call reports, once: the last answer's values (undefined when none came), or the error. */
export type Settle = (error: CallbackError | null, values?: AnswerValues) => void;

/** The owner of plain calls: takes one out of its table and CANCELs it over there. */
interface Owner<P> {
  giveUp(call: PendingCall<P>): void;
}

/**
 * The RxJS-free twin of `Caller.call$` (caller.ts): a one-shot call without retries or a queue, as a record in the caller's table, settled directly by its reply, its deadline one
 * entry on the endpoint's timer wheel. It is the Subscription its caller holds: unsubscribing gives the call up
 * (CANCEL over there, nothing reported).
 */
export class PlainCall<P> extends Subscription implements PendingCall<P> {
  id = -1;
  private last: AnswerValues | undefined;
  private deadline: Subscription | undefined;
  private timeout = 0;
  private ended = false;

  constructor(
    private readonly owner: Owner<P>,
    readonly peer: P,
    readonly name: string,
    readonly answerLimits: AnswerLimits,
    private readonly measurement: Measurement,
    private readonly done: Settle,
    readonly takesPacked = false,
  ) {
    super();
  }

  /** Fails the call with TIMEOUT unless it ended within `ms`. */
  expireAfter(wheel: TimerWheel, ms: number): void {
    this.timeout = ms;
    this.deadline = wheel.schedule(expire, ms, this as PlainCall<unknown>);
  }

  next(values: AnswerValues): void {
    this.measurement.answer();
    this.last = values;
  }

  complete(): void {
    if (this.ended) return;
    this.measurement.succeed();
    this.finish(null, this.last);
  }

  fail(error: CallbackError): void {
    if (this.ended) return;
    this.measurement.fail(error);
    this.finish(error);
  }

  /** @internal The deadline passed. */
  expire(): void {
    if (this.ended) return;
    this.owner.giveUp(this);
    this.fail(timedOut(this.name, this.timeout));
  }

  override unsubscribe(): void {
    if (!this.ended) {
      this.ended = true;
      this.owner.giveUp(this);
      this.deadline?.unsubscribe();
      this.measurement.end();
    }
    super.unsubscribe();
  }

  private finish(error: CallbackError | null, values?: AnswerValues): void {
    this.ended = true;
    this.deadline?.unsubscribe();
    this.measurement.end();
    super.unsubscribe();
    report(this.done, error, values);
  }
}

/** Reports to `done`; if the caller's own callback throws, that is reported as RxJS reports it, on a timer. */
export function report(done: Settle, error: CallbackError | null, values?: AnswerValues): void {
  try {
    done(error, values);
  } catch (thrown) {
    asyncScheduler.schedule(() => {
      throw thrown;
    });
  }
}

/** The wheel's work for a deadline: one function for every call, the call as its state. */
function expire(this: SchedulerAction<PlainCall<unknown>>, call?: PlainCall<unknown>): void {
  call!.expire();
}
