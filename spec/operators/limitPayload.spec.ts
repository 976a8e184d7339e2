import { firstValueFrom, of } from 'rxjs';
import { limitPayload } from '../../src/operators';
import { inspectValues } from '../../src/ground/sendable';

/** An array that counts how many of its elements were read. */
function counting(length: number, element: unknown): { array: unknown[]; reads: () => number } {
  let reads = 0;
  const array = new Proxy(new Array<unknown>(length).fill(element), {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
      return Reflect.get(target, key, receiver);
    },
  });
  return { array, reads: () => reads };
}

describe('limitPayload', () => {
  // Regression (issue 13): the walk went on over the whole payload after it was already over the cap.
  it('stops measuring a payload as soon as it is over maxBytes', async () => {
    const { array, reads } = counting(100_000, 'x'.repeat(100));
    const refused = firstValueFrom(of({ name: 'big', args: [array] }).pipe(limitPayload({ maxBytes: 1000, maxDepth: 4 })));
    await expect(refused).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { maxBytes: 1000 } });
    expect(reads()).toBeLessThan(20);
  });

  it('refuses more arguments than maxValues with LIMIT_EXCEEDED, before walking them', async () => {
    const { array, reads } = counting(300, 1);
    const refused = firstValueFrom(of({ name: 'many', args: array }).pipe(limitPayload({ maxBytes: 1e6, maxDepth: 4, maxValues: 256 })));
    await expect(refused).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED', details: { maxValues: 256 } });
    expect(reads()).toBe(0);
  });

  it('passes a payload exactly at the caps', async () => {
    const request = { name: 'ok', args: ['x'.repeat(99)] };
    await expect(firstValueFrom(of(request).pipe(limitPayload({ maxBytes: 100, maxDepth: 4, maxValues: 1 })))).resolves.toBe(request);
  });
});

describe('inspectValues with a byte cap', () => {
  it('reports tooLarge, not a problem, and a size past the cap', () => {
    const shape = inspectValues([{ a: 'y'.repeat(50) }, 'z'.repeat(50)], 16, 40);
    expect(shape).toMatchObject({ tooLarge: true });
    expect(shape.problem).toBeUndefined();
    expect(shape.size).toBeGreaterThan(40);
  });
});
