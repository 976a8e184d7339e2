import { of } from 'rxjs';
import { CallbackError, ErrorCode } from '../../src/ground/errors';
import { createRequestQueue, type QueueCounts } from '../../src/ground';
import { queued } from '../../src/operators';
import { createTestScheduler } from './testScheduler';

const invalid = expect.objectContaining({ code: ErrorCode.INVALID_ARGUMENT });

describe('createRequestQueue', () => {
  it('starts the highest priority first when a slot frees, first come first served within a priority', () => {
    createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const queue = createRequestQueue({ concurrency: 1, maxQueued: 10 });
      const a = cold('---a|');
      const b = cold('-b|');
      const c = cold('-c|');
      const d = cold('-d|');
      expectObservable(queue.enqueue(a)).toBe('---a|');
      expectObservable(queue.enqueue(b, 0), '-^').toBe('---------b|');
      expectObservable(queue.enqueue(c, 5), '--^').toBe('-----c|');
      expectObservable(queue.enqueue(d, 5), '---^').toBe('-------d|');
      expectSubscriptions(c.subscriptions).toBe('----^-!');
      expectSubscriptions(d.subscriptions).toBe('------^-!');
      expectSubscriptions(b.subscriptions).toBe('--------^-!');
    });
  });

  it('is cold: nothing runs or queues until subscribed', () => {
    const queue = createRequestQueue({ concurrency: 1, maxQueued: 0 });
    let runs = 0;
    const work$ = queue.enqueue(of(1));
    queue.enqueue(of(2));
    expect(queue.counts).toEqual({ running: 0, waiting: 0 });
    work$.subscribe(() => runs++);
    work$.subscribe(() => runs++);
    expect(runs).toBe(2);
  });

  it('runs `concurrency` works at once', () => {
    createTestScheduler().run(({ cold, expectObservable }) => {
      const queue = createRequestQueue({ concurrency: 2, maxQueued: 10 });
      const work = cold('--x|');
      expectObservable(queue.enqueue(work)).toBe('--x|');
      expectObservable(queue.enqueue(work)).toBe('--x|');
      expectObservable(queue.enqueue(work)).toBe('-----x|');
    });
  });

  it('unsubscribing while waiting leaves the queue and frees nothing else', () => {
    createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const queue = createRequestQueue({ concurrency: 1, maxQueued: 10 });
      const a = cold('----a|');
      const b = cold('-b|');
      const c = cold('-c|');
      expectObservable(queue.enqueue(a)).toBe('----a|');
      expectObservable(queue.enqueue(b, 9), '-^-!').toBe('');
      expectObservable(queue.enqueue(c), '--^').toBe('------c|');
      expectSubscriptions(b.subscriptions).toBe([]);
      expectSubscriptions(c.subscriptions).toBe('-----^-!');
    });
  });

  it('unsubscribing, failing or completing running work frees its slot', () => {
    createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const queue = createRequestQueue({ concurrency: 1, maxQueued: 10 });
      const error = new CallbackError(ErrorCode.HANDLER_ERROR, 'boom');
      const slow = cold('-----a|');
      const failing = cold('-#', undefined, error);
      const last = cold('-c|');
      expectObservable(queue.enqueue(slow), '^-!').toBe('');
      expectObservable(queue.enqueue(failing), '-^').toBe('---#', undefined, error);
      expectObservable(queue.enqueue(last), '-^').toBe('----c|');
      expectSubscriptions(slow.subscriptions).toBe('^-!');
      expectSubscriptions(failing.subscriptions).toBe('--^!');
      expectSubscriptions(last.subscriptions).toBe('---^-!');
    });
  });

  it('errors at once with QUEUE_FULL when maxQueued works are waiting', () => {
    createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const queue = createRequestQueue({ concurrency: 1, maxQueued: 1 });
      const work = cold('---x|');
      const refused = cold('x|');
      expectObservable(queue.enqueue(work)).toBe('---x|');
      expectObservable(queue.enqueue(work)).toBe('-------x|');
      expectObservable(queue.enqueue(refused, 100), '--^').toBe(
        '--#',
        undefined,
        new CallbackError(ErrorCode.QUEUE_FULL, 'Request queue is full (1 waiting)', { maxQueued: 1 }),
      );
      expectSubscriptions(refused.subscriptions).toBe([]);
    });
  });

  it('publishes running and waiting counts', () => {
    createTestScheduler().run(({ cold, flush }) => {
      const queue = createRequestQueue({ concurrency: 1, maxQueued: 5 });
      const counts: QueueCounts[] = [];
      queue.counts$.subscribe((current) => counts.push(current));
      const work = cold('-x|');
      queue.enqueue(work).subscribe();
      queue.enqueue(work).subscribe();
      flush();
      expect(counts).toEqual([
        { running: 0, waiting: 0 },
        { running: 1, waiting: 0 },
        { running: 1, waiting: 1 },
        { running: 0, waiting: 1 },
        { running: 1, waiting: 0 },
        { running: 0, waiting: 0 },
      ]);
      expect(queue.counts).toEqual({ running: 0, waiting: 0 });
    });
  });

  it('drains works that finish synchronously', () => {
    const queue = createRequestQueue({ concurrency: 1, maxQueued: 10 });
    const seen: number[] = [];
    [1, 2, 3].forEach((n) => queue.enqueue(of(n)).subscribe((value) => seen.push(value)));
    expect(seen).toEqual([1, 2, 3]);
    expect(queue.counts).toEqual({ running: 0, waiting: 0 });
  });

  it('keeps order under churn: many waiting works cancelled in any order', () => {
    createTestScheduler().run(({ cold, flush }) => {
      const queue = createRequestQueue({ concurrency: 1, maxQueued: 1000 });
      const started: number[] = [];
      queue.enqueue(cold('-|')).subscribe();
      const subscriptions = Array.from({ length: 300 }, (_, n) =>
        queue.enqueue(cold('(x|)', { x: n }), n % 7).subscribe((value) => started.push(value)),
      );
      subscriptions.forEach((subscription, n) => n % 3 === 0 && subscription.unsubscribe());
      flush();
      const expected = Array.from({ length: 300 }, (_, n) => n)
        .filter((n) => n % 3 !== 0)
        .sort((x, y) => y % 7 - x % 7 || x - y);
      expect(started).toEqual(expected);
    });
  });

  it.each([
    { concurrency: 0, maxQueued: 1 },
    { concurrency: 1.5, maxQueued: 1 },
    { concurrency: 1, maxQueued: -1 },
    { concurrency: 1, maxQueued: NaN },
  ])('refuses %p at once', (options) => {
    expect(() => createRequestQueue(options)).toThrow(invalid);
  });

  it('accepts maxQueued: Infinity', () => {
    expect(createRequestQueue({ concurrency: 1, maxQueued: Infinity }).counts).toEqual({ running: 0, waiting: 0 });
  });

  it('refuses a non-finite priority at once', () => {
    const queue = createRequestQueue({ concurrency: 1, maxQueued: 1 });
    expect(() => queue.enqueue(of(1), NaN)).toThrow(invalid);
    expect(() => queued(queue, Infinity)).toThrow(invalid);
  });
});

describe('queued', () => {
  it('is the operator form of enqueue', () => {
    createTestScheduler().run(({ cold, expectObservable }) => {
      const queue = createRequestQueue({ concurrency: 1, maxQueued: 5 });
      expectObservable(cold('--a|').pipe(queued(queue))).toBe('--a|');
      expectObservable(cold('-b|').pipe(queued(queue, 1))).toBe('------b|');
      expectObservable(cold('-c|').pipe(queued(queue, 2))).toBe('----c|');
    });
  });
});
