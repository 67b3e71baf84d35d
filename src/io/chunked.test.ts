import { describe, expect, it } from 'vitest';
import { applyInChunks } from './chunked';

describe('applying in chunks', () => {
  it('applies every object in order, reports progress per chunk and yields between chunks', async () => {
    const applied: number[] = [];
    const progress: [number, number][] = [];
    let turns = 0;
    await applyInChunks([1, 2, 3, 4, 5], (o) => applied.push(o), {
      chunkSize: 2,
      onProgress: (d, t) => progress.push([d, t]),
      yieldTurn: async () => void turns++,
    });
    expect(applied).toEqual([1, 2, 3, 4, 5]);
    expect(progress).toEqual([
      [2, 5],
      [4, 5],
      [5, 5],
    ]);
    expect(turns).toBe(2);
  });
});
