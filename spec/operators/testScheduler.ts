import { TestScheduler } from 'rxjs/testing';

/**
 * A TestScheduler asserting with Jest. Errors are compared by name, code, message and details: Jest's `toEqual`
 * compares two Errors by message only, which would let a wrong error code pass.
 */
export function createTestScheduler(): TestScheduler {
  return new TestScheduler((actual, expected) => expect(comparable(actual)).toEqual(comparable(expected)));
}

function comparable(value: unknown): unknown {
  if (value instanceof Error) {
    const { code, details } = value as Error & { code?: unknown; details?: unknown };
    return { error: value.name, code, message: value.message, details: comparable(details) };
  }
  if (Array.isArray(value)) return value.map(comparable);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, comparable(field)]));
  }
  return value;
}
