import { Observable, type MonoTypeOperatorFunction } from 'rxjs';
import { checkName } from '../ground/checks';
import type { Direction } from '../ground/metricTypes';
import type { MetricsRegistry } from '../ground/metricsRegistry';

/**
 * Measures every subscription as one call of `name` in `metrics`: counts it on subscribe, its latency to the first
 * value or completion, and its outcome on completion (success), error (failure, by code) or unsubscription: a
 * subscriber that leaves while a value is handed to it took what it wanted (`firstValueFrom`, `take(1)`: a
 * success); one that leaves between values cancelled the call. Put it last in the pipe, after `timeoutAfter` and
 * `retryWithBackoff`, so one call counts once however many attempts it took.
 */
export function measure<T>(metrics: Pick<MetricsRegistry, 'start'>, name: string, direction: Direction): MonoTypeOperatorFunction<T> {
  checkName('measure', 'name', name);
  // One Observable rather than defer + tap: this wraps every call it is used on.
  return (source) =>
    new Observable<T>((subscriber) => {
      const measurement = metrics.start(name, direction);
      let delivering = false;
      const inner = source.subscribe({
        next: (value) => {
          measurement.answer();
          delivering = true;
          subscriber.next(value);
          delivering = false;
        },
        complete: () => {
          measurement.succeed();
          subscriber.complete();
        },
        error: (error: unknown) => {
          measurement.fail(error);
          subscriber.error(error);
        },
      });
      return () => {
        inner.unsubscribe();
        if (delivering) measurement.succeed();
        measurement.end();
      };
    });
}
