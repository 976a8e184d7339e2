import { BehaviorSubject, Observable, type Subscription } from 'rxjs';
import { CallbackError, ErrorCode } from './errors';
import { checkNumber } from './checks';
import { PriorityHeap, type HeapItem } from './priorityHeap';

/** Options of {@link createRequestQueue}. */
export interface RequestQueueOptions {
  /** How many works may run at once. Integer `>= 1`. */
  concurrency: number;
  /** How many may wait for a slot; one more errors with `QUEUE_FULL`. Integer `>= 0`, or `Infinity`. */
  maxQueued: number;
}

/** How many works are running and waiting, for metrics. */
export interface QueueCounts {
  /** Works holding a slot. */
  running: number;
  /** Works waiting for one. */
  waiting: number;
}

/** A priority queue bounding how many works run at once, from {@link createRequestQueue}. */
export interface RequestQueue {
  /**
   * Runs `work$` through the queue, lazily: nothing happens until the result is subscribed. Then the work waits
   * for a free slot; when one frees, the waiting work with the highest `priority` starts first, first come first
   * served within one priority. Unsubscribing while waiting just leaves the queue; unsubscribing, completing or
   * failing while running frees the slot. If `maxQueued` works are already waiting, the subscription errors at once
   * with `QUEUE_FULL`. Each subscription queues anew, so a retried call queues again.
   *
   * @param priority a finite number, higher first. Default 0.
   * @throws CallbackError `INVALID_ARGUMENT` at once for a non-finite priority.
   */
  enqueue<T>(work$: Observable<T>, priority?: number): Observable<T>;
  /** Current counts. */
  readonly counts: QueueCounts;
  /** The counts now and at every change. */
  readonly counts$: Observable<QueueCounts>;
  /**
   * Starts nothing more: waiting work stays waiting until it is unsubscribed. For tearing a queue down (its player
   * dropped) without the work that was waiting starting as the running work is unsubscribed.
   */
  close(): void;
}

interface Waiting extends HeapItem {
  start(): void;
}

/**
 * Creates a priority queue bounding how many calls run at once (the specification's callback queue, which runs one
 * call at a time sorted by priority, generalised to `concurrency` slots). Starting and cancelling are O(log n) in
 * the number waiting.
 *
 * @throws CallbackError `INVALID_ARGUMENT` at once for invalid options.
 */
export function createRequestQueue(options: RequestQueueOptions): RequestQueue {
  const concurrency = checkNumber('createRequestQueue', 'concurrency', options.concurrency, { min: 1, integer: true });
  const maxQueued = checkNumber('createRequestQueue', 'maxQueued', options.maxQueued, {
    min: 0,
    integer: true,
    allowInfinity: true,
  });
  const waiting = new PriorityHeap<Waiting>();
  const counts$ = new BehaviorSubject<QueueCounts>({ running: 0, waiting: 0 });
  let running = 0;
  let arrivals = 0;
  let closed = false;

  const publish = (): void => counts$.next({ running, waiting: waiting.size });

  const startWaiting = (): void => {
    while (!closed && running < concurrency && waiting.size > 0) (waiting.pop() as Waiting).start();
  };

  const enqueue = <T>(work$: Observable<T>, priority = 0): Observable<T> => {
    checkNumber('enqueue', 'priority', priority);
    return new Observable<T>((subscriber) => {
      let started = false;
      let work: Subscription | undefined;
      const entry: Waiting = {
        priority,
        order: arrivals++,
        index: -1,
        start: () => {
          started = true;
          running++;
          publish();
          work = work$.subscribe({
            next: (value) => subscriber.next(value),
            error: (error: unknown) => subscriber.error(error),
            complete: () => subscriber.complete(),
          });
        },
      };
      if (!closed && running < concurrency && waiting.size === 0) {
        entry.start();
      } else if (waiting.size >= maxQueued) {
        const message = `Request queue is full (${maxQueued} waiting)`;
        subscriber.error(new CallbackError(ErrorCode.QUEUE_FULL, message, { maxQueued }));
        return;
      } else {
        waiting.push(entry);
        publish();
      }
      return () => {
        if (started) {
          work?.unsubscribe();
          running--;
          publish();
          startWaiting();
        } else {
          waiting.remove(entry);
          publish();
        }
      };
    });
  };

  return {
    enqueue,
    get counts() {
      return counts$.getValue();
    },
    counts$: counts$.asObservable(),
    close: () => {
      closed = true;
    },
  };
}
