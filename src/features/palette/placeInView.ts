/**
 * Where an object added by click (or Enter) goes: the first free spot in the visible part of the canvas,
 * scanning from its top-left corner in rows, so that what a person adds appears where they look. Reads
 * the canvas's viewport from the page (the palette does not hold the canvas).
 */
import type { XY } from '../../store';

/** A rectangle in flow coordinates. */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

const MARGIN = 24;
const STEP = 24;

const overlaps = (a: Rect, b: Rect): boolean =>
  a.x < b.x + b.w + MARGIN &&
  b.x < a.x + a.w + MARGIN &&
  a.y < b.y + b.h + MARGIN &&
  b.y < a.y + a.h + MARGIN;

/**
 * The first spot of `size` inside `view` (scanned in rows from its top-left, a margin in) that meets none
 * of `taken`; the view's centre when it is full. Pure.
 */
export function freeSpot(view: Rect, taken: readonly Rect[], size: { w: number; h: number }): XY {
  const x0 = view.x + MARGIN * 2;
  const y0 = view.y + MARGIN * 2;
  const x1 = view.x + view.w - size.w - MARGIN;
  const y1 = view.y + view.h - size.h - MARGIN;
  for (let y = y0; y <= y1; y += STEP)
    for (let x = x0; x <= x1; x += STEP) {
      const r = { x, y, w: size.w, h: size.h };
      if (!taken.some((t) => overlaps(r, t))) return { x: Math.round(x), y: Math.round(y) };
    }
  return { x: Math.round(view.x + (view.w - size.w) / 2), y: Math.round(view.y + (view.h - size.h) / 2) };
}

/** The visible part of the canvas and the objects drawn there, in flow coordinates, from the page. */
function readCanvas(): { view: Rect; taken: Rect[] } | null {
  const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
  const flowEl = viewport?.closest('.react-flow');
  if (!viewport || !flowEl) return null;
  const m = new DOMMatrixReadOnly(getComputedStyle(viewport).transform);
  const zoom = m.a || 1;
  const box = flowEl.getBoundingClientRect();
  if (box.width === 0 || box.height === 0) return null;
  const toFlow = (r: DOMRect): Rect => ({
    x: (r.left - box.left - m.e) / zoom,
    y: (r.top - box.top - m.f) / zoom,
    w: r.width / zoom,
    h: r.height / zoom,
  });
  const taken: Rect[] = [];
  for (const el of viewport.querySelectorAll('.react-flow__node:not(.react-flow__node-pod)'))
    taken.push(toFlow(el.getBoundingClientRect()));
  // Leave the corners with the zoom controls and the minimap free.
  const view = toFlow(new DOMRect(box.left, box.top, box.width, box.height));
  return { view: { ...view, x: view.x + 48 / zoom, w: view.w - 240 / zoom }, taken };
}

/** A free spot in view for something of `size` (flow units), or undefined when there is no canvas. */
export function spotInView(size: { w: number; h: number }): XY | undefined {
  const canvas = readCanvas();
  return canvas ? freeSpot(canvas.view, canvas.taken, size) : undefined;
}
