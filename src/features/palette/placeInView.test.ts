import { describe, expect, it } from 'vitest';
import { freeSpot, reserve, reservedRects, type Rect } from './placeInView';

const overlap = (a: Rect, b: Rect): boolean =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('placing a clicked palette item in view', () => {
  const view = { x: 1000, y: 500, w: 800, h: 600 };
  const card = { w: 200, h: 72 };
  const inside = (r: Rect, v: Rect) =>
    r.x >= v.x && r.y >= v.y && r.x + r.w <= v.x + v.w && r.y + r.h <= v.y + v.h;

  it('puts it near the top-left of the visible part, wherever the view is', () => {
    const at = freeSpot(view, [], card);
    expect(at.inView).toBe(true);
    expect(inside({ ...at, ...card }, view)).toBe(true);
  });

  it('skips what is already drawn there, so two clicks do not stack two cards', () => {
    const first = freeSpot(view, [], card);
    const second = freeSpot(view, [{ ...first, ...card }], card);
    expect(second.inView).toBe(true);
    expect(overlap({ ...first, ...card }, { ...second, ...card })).toBe(false);
    expect(inside({ ...second, ...card }, view)).toBe(true);
  });

  it('ten clicks in a row give ten spots that overlap nothing drawn and each other', () => {
    // The Unscheduled area and a Node already in view.
    const drawn: Rect[] = [
      { x: 1100, y: 520, w: 466, h: 150 },
      { x: 1100, y: 720, w: 248, h: 300 },
    ];
    const t0 = 1_000_000;
    const given: Rect[] = [];
    for (let i = 0; i < 10; i++) {
      const spot = freeSpot(view, [...drawn, ...reservedRects(t0 + i, drawn)], card);
      const rect = { x: spot.x, y: spot.y, ...card };
      reserve(rect, t0 + i);
      for (const other of [...drawn, ...given])
        expect(overlap(rect, other), JSON.stringify(rect)).toBe(false);
      given.push(rect);
    }
    expect(given.filter((r) => inside(r, view)).length).toBeGreaterThanOrEqual(4);
    // Once drawn where it was given, a spot is no longer held; an old one is let go.
    expect(reservedRects(t0 + 20, given.slice(0, 3))).toHaveLength(7);
    expect(reservedRects(t0 + 60_000, [])).toEqual([]);
  });

  it('when the view is full, takes the nearest free spot just outside it (the canvas then fits)', () => {
    const full = [{ ...view }];
    const spot = freeSpot(view, full, card);
    expect(spot.inView).toBe(false);
    expect(overlap({ ...spot, ...card }, view)).toBe(false);
    // Not far away: within a card or two of the view's edge.
    const dx = Math.max(0, view.x - (spot.x + card.w), spot.x - (view.x + view.w));
    const dy = Math.max(0, view.y - (spot.y + card.h), spot.y - (view.y + view.h));
    expect(Math.max(dx, dy)).toBeLessThan(200);
  });

  it('never lands on a crowded cluster, whatever is drawn', () => {
    // A grid of Nodes filling the view and beyond, with a gap.
    const nodes: Rect[] = [];
    for (let i = 0; i < 6; i++)
      for (let j = 0; j < 4; j++)
        if (!(i === 4 && j === 2)) nodes.push({ x: 900 + i * 288, y: 400 + j * 220, w: 248, h: 180 });
    const spot = freeSpot(view, nodes, card);
    for (const n of nodes) expect(overlap({ ...spot, ...card }, n)).toBe(false);
  });
});
