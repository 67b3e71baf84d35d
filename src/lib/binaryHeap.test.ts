import { describe, expect, it } from 'vitest';
import { BinaryHeap } from './binaryHeap';
import { Prng } from './prng';

describe('BinaryHeap', () => {
  it('pops items in comparator order, breaking ties by insertion sequence when asked to', () => {
    type Item = { t: number; seq: number };
    const heap = new BinaryHeap<Item>((a, b) => a.t < b.t || (a.t === b.t && a.seq < b.seq));
    const rng = new Prng(1);
    const input = Array.from({ length: 500 }, (_, seq) => ({ t: rng.int(20), seq }));
    input.forEach((i) => heap.push(i));
    const out: Item[] = [];
    while (heap.size) out.push(heap.pop() as Item);
    const expected = [...input].sort((a, b) => a.t - b.t || a.seq - b.seq);
    expect(out).toEqual(expected);
  });

  it('returns undefined from an empty heap', () => {
    expect(new BinaryHeap<number>((a, b) => a < b).pop()).toBeUndefined();
  });
});

describe('Prng', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    const a = new Prng(7);
    const b = new Prng(7);
    const c = new Prng(8);
    const sa = Array.from({ length: 10 }, () => a.next());
    expect(Array.from({ length: 10 }, () => b.next())).toEqual(sa);
    expect(Array.from({ length: 10 }, () => c.next())).not.toEqual(sa);
    expect(sa.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});
