import { describe, expect, it } from 'vitest';
import { sameJson } from './owned';

describe('sameJson', () => {
  it('answers as comparing JSON.stringify of both, for every pair of a table of awkward values', () => {
    const values: unknown[] = [
      undefined,
      null,
      0,
      -0,
      1,
      1.5,
      NaN,
      Infinity,
      '',
      '0',
      'null',
      true,
      false,
      [],
      [null],
      [undefined],
      [1, 2],
      [2, 1],
      {},
      { a: 1 },
      { a: 1, b: undefined },
      { b: undefined, a: 1 },
      { a: 1, b: 2 },
      { b: 2, a: 1 },
      { a: undefined },
      { a: null },
      { a: NaN },
      { a: [1, { c: 'x' }] },
      { a: [1, { c: 'y' }] },
      { a: () => 1 },
      { toJSON: () => 'x' },
      'x',
      new Map(),
      Object.create(null) as unknown,
      { replicas: 3, conditions: [{ type: 'Available', status: 'True' }] },
      { replicas: 3, conditions: [{ status: 'True', type: 'Available' }] },
    ];
    for (const a of values)
      for (const b of values) {
        expect(sameJson(a, b), `${String(JSON.stringify(a))} vs ${String(JSON.stringify(b))}`).toBe(
          JSON.stringify(a) === JSON.stringify(b),
        );
        const wa = { status: a, list: [a] };
        const wb = { status: b, list: [b] };
        expect(sameJson(wa, wb)).toBe(JSON.stringify(wa) === JSON.stringify(wb));
      }
  });
});
