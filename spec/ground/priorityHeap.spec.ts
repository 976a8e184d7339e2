import fc from 'fast-check';
import { PriorityHeap, type HeapItem } from '../../src/ground/priorityHeap';

type Step = { push: number } | { pop: true } | { remove: number };

describe('PriorityHeap', () => {
  it('pops like a list sorted by priority then arrival, whatever is pushed, popped or removed', () => {
    const step = fc.oneof(
      fc.record({ push: fc.integer({ min: -3, max: 3 }) }),
      fc.constant({ pop: true as const }),
      fc.record({ remove: fc.nat(50) }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 200 }), (steps: Step[]) => {
        const heap = new PriorityHeap<HeapItem>();
        const model: HeapItem[] = [];
        const pushed: HeapItem[] = [];
        for (const s of steps) {
          if ('push' in s) {
            const item = { priority: s.push, order: pushed.length, index: -1 };
            pushed.push(item);
            heap.push(item);
            model.push(item);
          } else if ('pop' in s) {
            model.sort((a, b) => b.priority - a.priority || a.order - b.order);
            expect(heap.pop()).toBe(model.shift());
          } else if (pushed.length > 0) {
            const item = pushed[s.remove % pushed.length];
            heap.remove(item);
            if (model.includes(item)) model.splice(model.indexOf(item), 1);
          }
          expect(heap.size).toBe(model.length);
        }
      }),
    );
  });
});
