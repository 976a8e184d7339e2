import { firstValueFrom, of, timer, type Observable } from 'rxjs';
import { CallbackError, ErrorCode } from '../../src/ground/errors';
import { createMetrics } from '../../src/core/metrics';
import { formatTable, OTHER_NAME, type CallbackMetrics, type MetricEvent } from '../../src/ground';
import { LATENCY_BUCKETS_MS } from '../../src/ground/metricTypes';
import { createTestScheduler } from '../operators/testScheduler';

const timeout = new CallbackError(ErrorCode.TIMEOUT, 'Callback "getMoney" timed out after 5 ms');

function figures(overrides: Partial<CallbackMetrics>): CallbackMetrics {
  return {
    name: 'getMoney',
    direction: 'outgoing',
    calls: 0,
    successes: 0,
    failures: 0,
    cancelled: 0,
    timeouts: 0,
    retries: 0,
    inFlight: 0,
    queueLength: 0,
    errors: {},
    latency: { samples: 0, p50: null, p95: null, p99: null },
    histogram: { counts: new Array(LATENCY_BUCKETS_MS.length + 1).fill(0), sum: 0 },
    ...overrides,
  };
}

describe('createMetrics', () => {
  it('counts calls, outcomes by code, in-flight calls and latency to the first answer', () => {
    createTestScheduler().run(({ cold, expectObservable, flush }) => {
      const metrics = createMetrics();
      const measured = <T>(call$: Observable<T>) => call$.pipe(metrics.measure<T>('getMoney', 'outgoing'));
      expectObservable(measured(cold('--a-b|'))).toBe('--a-b|');
      expectObservable(measured(cold('----|'))).toBe('----|');
      expectObservable(measured(cold('-----#', undefined, timeout))).toBe('-----#', undefined, timeout);
      expectObservable(measured(cold('-#', undefined, new Error('boom')))).toBe('-#', undefined, new Error('boom'));
      expectObservable(measured(cold('------a')), '^--!').toBe('');
      expectObservable(measured(cold('-a-----')), '^--!').toBe('-a');
      const during: CallbackMetrics[] = [];
      timer(2).subscribe(() => during.push(...metrics.snapshot().callbacks));
      flush();
      expect(during[0].inFlight).toBe(5);
      expect(metrics.snapshot()).toEqual({
        at: 5,
        callbacks: [
          figures({
            calls: 6,
            successes: 2,
            failures: 2,
            cancelled: 2,
            timeouts: 1,
            errors: { TIMEOUT: 1, HANDLER_ERROR: 1 },
            latency: { samples: 3, p50: 2, p95: 4, p99: 4 },
            histogram: { counts: [3, 0, 0, 0, 0, 0, 0, 0, 0, 0], sum: expect.any(Number) as number },
          }),
        ],
      });
    });
  });

  it('keeps latency percentiles over the last windowSize answers (nearest rank)', () => {
    createTestScheduler().run(({ flush }) => {
      const metrics = createMetrics({ windowSize: 100 });
      for (let ms = 1; ms <= 150; ms++) timer(ms).pipe(metrics.measure('load', 'incoming')).subscribe();
      flush();
      // The last 100 latencies are 51..150 ms.
      expect(metrics.snapshot().callbacks[0].latency).toEqual({ samples: 100, p50: 100, p95: 145, p99: 149 });
      // The histogram counts every answer since the start: 1..50 ms, 51..100, 101..150.
      expect(metrics.snapshot().callbacks[0].histogram).toEqual({ counts: [50, 50, 50, 0, 0, 0, 0, 0, 0, 0], sum: (150 * 151) / 2 });
    });
  });

  it('counts a call answered by firstValueFrom as a success, not a cancellation', async () => {
    const metrics = createMetrics();
    await firstValueFrom(of(1, 2).pipe(metrics.measure('x', 'outgoing')));
    expect(metrics.snapshot().callbacks[0]).toMatchObject({ calls: 1, successes: 1, cancelled: 0, inFlight: 0 });
  });

  it('counts a stream the caller unsubscribed from between answers as cancelled, whatever it had answered', () => {
    createTestScheduler().run(({ cold, flush }) => {
      const metrics = createMetrics();
      const subscription = cold('-a-b-c-d|').pipe(metrics.measure('download', 'outgoing')).subscribe();
      cold('----|').subscribe({ complete: () => subscription.unsubscribe() });
      flush();
      expect(metrics.snapshot().callbacks[0]).toMatchObject({ calls: 1, successes: 0, failures: 0, cancelled: 1, inFlight: 0 });
      expect(metrics.snapshot().callbacks[0]!.latency.samples).toBe(1);
    });
  });

  it('keeps directions and names apart, sorted, and records retries and queue lengths', () => {
    createTestScheduler().run(() => {
      const metrics = createMetrics();
      of(1).pipe(metrics.measure('b', 'incoming')).subscribe();
      of(1).pipe(metrics.measure('b', 'outgoing')).subscribe();
      of(1).pipe(metrics.measure('a', 'incoming')).subscribe();
      metrics.recordRetry('b');
      metrics.recordRetry('b');
      metrics.setQueueLength('a', 'incoming', 4);
      const callbacks = metrics.snapshot().callbacks;
      expect(callbacks.map(({ name, direction }) => `${name}/${direction}`)).toEqual(['a/incoming', 'b/incoming', 'b/outgoing']);
      expect(callbacks.map(({ retries, queueLength }) => [retries, queueLength])).toEqual([
        [0, 4],
        [0, 0],
        [2, 0],
      ]);
    });
  });

  it('emits every event as it happens', () => {
    createTestScheduler().run(({ cold, flush }) => {
      const metrics = createMetrics();
      const events: MetricEvent[] = [];
      metrics.events$.subscribe((event) => events.push(event));
      cold('--a|').pipe(metrics.measure('get', 'outgoing')).subscribe();
      cold('-#', undefined, timeout).pipe(metrics.measure('get', 'incoming')).subscribe({ error: () => undefined });
      cold('-----a').pipe(metrics.measure('get', 'outgoing')).subscribe().unsubscribe();
      metrics.recordRetry('get');
      metrics.setQueueLength('get', 'outgoing', 2);
      flush();
      const base = { name: 'get', direction: 'outgoing' } as const;
      expect(events).toEqual([
        { type: 'call', ...base, at: 0 },
        { type: 'call', ...base, direction: 'incoming', at: 0 },
        { type: 'call', ...base, at: 0 },
        { type: 'cancel', ...base, at: 0 },
        { type: 'retry', ...base, at: 0 },
        { type: 'queue', length: 2, ...base, at: 0 },
        { type: 'failure', code: ErrorCode.TIMEOUT, ...base, direction: 'incoming', at: 1 },
        { type: 'answer', latency: 2, ...base, at: 2 },
        { type: 'success', ...base, at: 3 },
      ]);
    });
  });

  it('counts names beyond maxCallbacks together, so memory stays bounded', () => {
    const metrics = createMetrics({ maxCallbacks: 2 });
    for (const name of ['a', 'b', 'c', 'd']) of(1).pipe(metrics.measure(name, 'incoming')).subscribe();
    expect(metrics.snapshot().callbacks.map(({ name, calls }) => [name, calls])).toEqual([
      [OTHER_NAME, 2],
      ['a', 1],
      ['b', 1],
    ]);
  });

  it('makes plain data that survives a JSON round trip unchanged', () => {
    const metrics = createMetrics();
    of(1).pipe(metrics.measure('a', 'incoming')).subscribe();
    const snapshot = metrics.snapshot();
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
  });

  it.each([{ windowSize: 0 }, { windowSize: 2.5 }, { maxCallbacks: 0 }])('refuses %p at once', (options) => {
    expect(() => createMetrics(options)).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_ARGUMENT }));
  });

  it('refuses a negative queue length or an empty name', () => {
    const metrics = createMetrics();
    const invalid = expect.objectContaining({ code: ErrorCode.INVALID_ARGUMENT });
    expect(() => metrics.setQueueLength('a', 'outgoing', -1)).toThrow(invalid);
    expect(() => metrics.measure('', 'outgoing')).toThrow(invalid);
  });
});

describe('formatTable', () => {
  it('prints a header and one aligned row per callback', () => {
    const lines = formatTable({
      at: 0,
      callbacks: [
        figures({
          calls: 12,
          successes: 10,
          failures: 2,
          timeouts: 1,
          retries: 3,
          errors: { TIMEOUT: 1, HANDLER_ERROR: 1 },
          latency: { samples: 10, p50: 12.4, p95: 40.5, p99: 55 },
        }),
        figures({ name: 'heal', direction: 'incoming', calls: 1, inFlight: 1 }),
      ],
    });
    expect(lines).toEqual([
      'callback  dir  calls  ok  failed  cancelled  timeouts  retries  in flight  queued  p50 ms  p95 ms  p99 ms  errors',
      'getMoney  out     12  10       2          0         1        3          0       0      12      41      55  TIMEOUT=1 HANDLER_ERROR=1',
      'heal      in       1   0       0          0         0        0          1       0       -       -       -',
    ]);
  });

  it('prints only the header when nothing was measured', () => {
    expect(formatTable({ at: 0, callbacks: [] })).toHaveLength(1);
  });
});
