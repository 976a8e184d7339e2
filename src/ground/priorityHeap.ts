/** An item of a {@link PriorityHeap}; `index` is maintained by the heap so the item can be removed in O(log n). */
export interface HeapItem {
  readonly priority: number;
  /** Arrival order: among equal priorities the smaller goes first. */
  readonly order: number;
  index: number;
}

/**
 * A binary max-heap on (priority, then earliest order) that also removes any item in O(log n): what a queue needs
 * when waiting work can be cancelled at any time. `index` is -1 for an item not in the heap.
 */
export class PriorityHeap<T extends HeapItem> {
  private readonly items: T[] = [];

  get size(): number {
    return this.items.length;
  }

  push(item: T): void {
    item.index = this.items.length;
    this.items.push(item);
    this.siftUp(item.index);
  }

  /** The item that goes first, if any, left in the heap. */
  peek(): T | undefined {
    return this.items[0];
  }

  /** Removes and returns the item that goes first, if any. */
  pop(): T | undefined {
    const first = this.items[0];
    if (first !== undefined) this.remove(first);
    return first;
  }

  /** Removes `item`; does nothing if it is not in the heap. */
  remove(item: T): void {
    const index = item.index;
    if (this.items[index] !== item) return;
    const last = this.items.pop() as T;
    item.index = -1;
    if (last === item) return;
    this.place(last, index);
    this.siftDown(this.siftUp(index));
  }

  private goesBefore(a: T, b: T): boolean {
    return a.priority > b.priority || (a.priority === b.priority && a.order < b.order);
  }

  private place(item: T, index: number): void {
    this.items[index] = item;
    item.index = index;
  }

  /** Moves the item at `index` up while it goes before its parent; returns where it ends. */
  private siftUp(index: number): number {
    const item = this.items[index];
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = this.items[parentIndex];
      if (!this.goesBefore(item, parent)) break;
      this.place(parent, index);
      index = parentIndex;
    }
    this.place(item, index);
    return index;
  }

  private siftDown(index: number): void {
    const item = this.items[index];
    for (;;) {
      const left = 2 * index + 1;
      if (left >= this.items.length) break;
      const right = left + 1;
      const child =
        right < this.items.length && this.goesBefore(this.items[right], this.items[left]) ? right : left;
      if (!this.goesBefore(this.items[child], item)) break;
      this.place(this.items[child], index);
      index = child;
    }
    this.place(item, index);
  }
}
