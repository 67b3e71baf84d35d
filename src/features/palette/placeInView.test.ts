import { describe, expect, it } from 'vitest';
import { freeSpot } from './placeInView';

describe('placing a clicked palette item in view', () => {
  const view = { x: 1000, y: 500, w: 800, h: 600 };
  const card = { w: 200, h: 72 };

  it('puts it near the top-left of the visible part, wherever the view is', () => {
    const at = freeSpot(view, [], card);
    expect(at.x).toBeGreaterThanOrEqual(view.x);
    expect(at.y).toBeGreaterThanOrEqual(view.y);
    expect(at.x + card.w).toBeLessThanOrEqual(view.x + view.w);
    expect(at.y + card.h).toBeLessThanOrEqual(view.y + view.h);
  });

  it('skips what is already drawn there, so two clicks do not stack two cards', () => {
    const first = freeSpot(view, [], card);
    const second = freeSpot(view, [{ ...first, ...card }], card);
    const apart =
      second.x >= first.x + card.w || second.y >= first.y + card.h || second.x + card.w <= first.x;
    expect(apart).toBe(true);
    expect(second.y + card.h).toBeLessThanOrEqual(view.y + view.h);
  });

  it('falls back to the centre of a full view', () => {
    expect(freeSpot(view, [view], card)).toEqual({ x: 1300, y: 764 });
  });
});
