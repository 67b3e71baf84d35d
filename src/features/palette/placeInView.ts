/**
 * Where an object added by click (or Enter) goes: the first free spot in the visible part of the canvas,
 * scanning from its top-left corner in rows, so that what a person adds appears where they look, never on
 * top of what is drawn there. Spots given in the last few seconds count as taken until the canvas draws
 * what went there (quick clicks do not stack), and the Unscheduled area counts with the room its Pending
 * pods will take. When the view has no room, the spot is the nearest free one outside it, and the canvas
 * is fitted to show it. Reads the canvas's viewport from the page (the palette does not hold the canvas).
 */
import { engineSettled, requestFit, type XY } from '../../store';

/** A rectangle in flow coordinates. */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

const MARGIN = 24;
const STEP = 24;
/** The least room the Unscheduled area is given (its header and three rows of pods). */
export const UNSCHEDULED_ROOM = 36 + 3 * 30 + 12;
/** How long a spot just given stays reserved if nothing is drawn there (wall milliseconds). */
const RESERVE_MS = 4000;

const overlaps = (a: Rect, b: Rect): boolean =>
  a.x < b.x + b.w + MARGIN &&
  b.x < a.x + a.w + MARGIN &&
  a.y < b.y + b.h + MARGIN &&
  b.y < a.y + a.h + MARGIN;

/** A free spot and whether it lies in the view. */
export interface Spot extends XY {
  inView: boolean;
}

/**
 * The first spot of `size` inside `view` (scanned in rows from its top-left, a margin in) that meets none
 * of `taken`; when the view is full, the free spot outside it nearest to the view's top-left (scanned in
 * growing rings, so it always finds one). Pure.
 */
export function freeSpot(view: Rect, taken: readonly Rect[], size: { w: number; h: number }): Spot {
  const free = (x: number, y: number) => !taken.some((t) => overlaps({ x, y, w: size.w, h: size.h }, t));
  const x0 = view.x + MARGIN * 2;
  const y0 = view.y + MARGIN * 2;
  const x1 = view.x + view.w - size.w - MARGIN;
  const y1 = view.y + view.h - size.h - MARGIN;
  for (let y = y0; y <= y1; y += STEP)
    for (let x = x0; x <= x1; x += STEP)
      if (free(x, y)) return { x: Math.round(x), y: Math.round(y), inView: true };
  // Outside the view: rings of growing radius around its top-left corner, right and down first.
  const step = STEP * 4;
  for (let ring = 1; ; ring++) {
    const r = ring * step;
    const xs = [x0 + r, x0 - r];
    const ys = [y0 + r, y0 - r];
    for (let d = -r; d <= r; d += step) {
      for (const x of xs)
        if (free(x, y0 + d)) return { x: Math.round(x), y: Math.round(y0 + d), inView: false };
      for (const y of ys)
        if (free(x0 + d, y)) return { x: Math.round(x0 + d), y: Math.round(y), inView: false };
    }
  }
}

/** Spots given lately, until the canvas draws what went there. */
let reserved: Array<{ rect: Rect; until: number }> = [];

/** The spots still reserved at wall time `now`, forgetting those drawn over (by `drawn`) or expired. */
export function reservedRects(now: number, drawn: readonly Rect[]): Rect[] {
  reserved = reserved.filter(
    (r) => r.until > now && !drawn.some((d) => Math.abs(d.x - r.rect.x) < 2 && Math.abs(d.y - r.rect.y) < 2),
  );
  return reserved.map((r) => r.rect);
}

/** Reserves a spot just given (see reservedRects). */
export function reserve(rect: Rect, now: number): void {
  reserved.push({ rect, until: now + RESERVE_MS });
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
  for (const el of viewport.querySelectorAll('.react-flow__node:not(.react-flow__node-pod)')) {
    const r = toFlow(el.getBoundingClientRect());
    // The Unscheduled area grows as pods wait in it: keep room for them.
    if (el.classList.contains('react-flow__node-unscheduled')) r.h = Math.max(r.h, UNSCHEDULED_ROOM);
    taken.push(r);
  }
  // Leave the corners with the zoom controls and the minimap free.
  const view = toFlow(new DOMRect(box.left, box.top, box.width, box.height));
  return { view: { ...view, x: view.x + 48 / zoom, w: view.w - 240 / zoom }, taken };
}

/**
 * A free spot for something of `size` (flow units): in view when there is room, else next to it (and the
 * canvas is fitted to show it); undefined when there is no canvas.
 */
export function spotInView(size: { w: number; h: number }): XY | undefined {
  const canvas = readCanvas();
  if (!canvas) return undefined;
  const now = performance.now();
  const taken = [...canvas.taken, ...reservedRects(now, canvas.taken)];
  const spot = freeSpot(canvas.view, taken, size);
  reserve({ x: spot.x, y: spot.y, ...size }, now);
  // Fitted once the object, added by the caller next, has reached the engine and the canvas: a fit asked
  // for now ran before it was drawn and left it out of sight.
  if (!spot.inView) setTimeout(() => void engineSettled().then(requestFit), 0);
  return { x: spot.x, y: spot.y };
}
