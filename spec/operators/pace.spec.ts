import { from, map, range, timestamp } from 'rxjs';
import { ErrorCode } from '../../src/ground/errors';
import { pace } from '../../src/operators';
import { createTestScheduler } from './testScheduler';

describe('pace', () => {
  it('lets a burst through, then delays the rest to `rate` per second, in order, completing after the last', () => {
    createTestScheduler().run(({ cold, expectObservable }) => {
      // 100 per second: one every 10 ms.
      expectObservable(cold('(abcde|)').pipe(pace({ rate: 100, burst: 2 }))).toBe('(ab) 6ms c 9ms d 9ms (e|)');
    });
  });

  it('refills the burst during quiet periods, and never delays what fits', () => {
    createTestScheduler().run(({ cold, expectObservable }) => {
      const items = cold('(abc) 45ms (def)');
      // c waits until 10 ms; by 50 ms the bucket is full again (2 tokens), so d and e pass at once.
      expectObservable(items.pipe(pace({ rate: 100, burst: 2 }))).toBe('(ab) 6ms c 39ms (de) 6ms f');
    });
  });

  it('never drops: 1000 items at once with the FiveM defaults (50/s, burst 200) take 16 s', () => {
    createTestScheduler().run(({ flush }) => {
      const times: number[] = [];
      range(0, 1000)
        .pipe(pace(), timestamp(), map(({ timestamp: at }) => at))
        .subscribe((at) => times.push(at));
      flush();
      expect(times).toHaveLength(1000);
      expect(times.slice(0, 200)).toEqual(Array(200).fill(0));
      expect(times.slice(200, 203)).toEqual([20, 40, 60]);
      expect(times[999]).toBe(16_000);
    });
  });

  it('keeps one bucket per subscription', () => {
    createTestScheduler().run(({ expectObservable }) => {
      const paced = from(['a', 'b']).pipe(pace({ rate: 100, burst: 1 }));
      expectObservable(paced).toBe('a 9ms (b|)');
      expectObservable(paced).toBe('a 9ms (b|)');
    });
  });

  it.each([{ rate: 0 }, { rate: -5 }, { rate: Infinity }, { burst: 0 }, { burst: 2.5 }])('refuses %p at once', (options) => {
    expect(() => pace(options)).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_ARGUMENT }));
  });
});
