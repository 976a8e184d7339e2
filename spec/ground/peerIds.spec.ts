import { PeerIds } from '../../src/ground/peerIds';

describe('PeerIds: short request ids per peer', () => {
  it('counts up per peer within the range, wraps, and skips ids still in use', () => {
    const ids = new PeerIds<number>(8);
    const inUse = new Set<number>();
    const taken = Array.from({ length: 8 }, () => {
      const id = ids.allocate(1, (candidate) => inUse.has(candidate));
      inUse.add(id);
      return id;
    });
    expect([...taken].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    for (let i = 1; i < taken.length; i++) expect(taken[i]).toBe((taken[i - 1]! + 1) % 8);
    inUse.delete(taken[5]!);
    // Every other id is still held: the only free one is given, wherever the counter stands.
    expect(ids.allocate(1, (candidate) => inUse.has(candidate))).toBe(taken[5]);
  });

  it('keeps a sequence per peer, and a peer that left starts afresh', () => {
    const ids = new PeerIds<string>(1 << 16);
    const a1 = ids.allocate('a', () => false);
    const b1 = ids.allocate('b', () => false);
    expect(ids.allocate('a', () => false)).toBe((a1 + 1) % (1 << 16));
    expect(ids.allocate('b', () => false)).toBe((b1 + 1) % (1 << 16));
    for (const id of [a1, b1]) expect(id).toBeLessThan(1 << 16);
    ids.forget('a');
    expect(ids.allocate('a', () => false)).toBeLessThan(1 << 16);
  });

  it('never hands out an id in use: with every id held it refuses (LIMIT_EXCEEDED)', () => {
    const ids = new PeerIds<number>(4);
    const inUse = new Set<number>();
    for (let i = 0; i < 4; i++) inUse.add(ids.allocate(1, (candidate) => inUse.has(candidate)));
    expect(() => ids.allocate(1, (candidate) => inUse.has(candidate))).toThrow(expect.objectContaining({ code: 'LIMIT_EXCEEDED' }));
  });
});
