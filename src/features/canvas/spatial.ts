/**
 * Spatial keyboard navigation on the canvas: an arrow key moves the focus to the nearest drawn element in
 * that direction, as the CSS Spatial Navigation draft (https://drafts.csswg.org/css-nav-1/) and the
 * browsers' spatial navigation do. Pure: boxes in, the id of the next one out.
 *
 * The canvas hands in each focusable element's box in flow coordinates; a Node that draws its pods is
 * handed in as its header band (name, badges, capacity bars) only, so its pods below the band sit beside
 * it rather than inside it: Down from a Node enters its pods, Up from its top row leaves to the header.
 */
import type { Node } from '@xyflow/react';
import { CARD_H, CARD_W, OVERVIEW_ID, UNSCHEDULED_ID, VM_HEADER, type OverviewData } from './layout';

export type Direction = 'left' | 'right' | 'up' | 'down';

/** A focusable element's box (flow coordinates). */
export interface Box {
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Arrow keys and the direction each moves the focus. */
export const ARROW_DIRECTIONS: Readonly<Record<string, Direction>> = {
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ArrowUp: 'up',
  ArrowDown: 'down',
};

/** Boxes that touch or overlap by this little still count as lying beyond one another. */
const EPSILON = 1;
/** How much a step sideways (out of line) costs against a step forward. */
const ORTHOGONAL_WEIGHT = 2;
/** How much the offset between centres, across the direction, costs: the aligned neighbour wins a tie. */
const ALIGNMENT_WEIGHT = 0.5;

interface Measure {
  /** Distance along the direction, from the near edge of `from` to the facing edge of the candidate. */
  gap: number;
  /** Distance across the direction between the two boxes' spans (0 when they overlap). */
  across: number;
  /** Offset between the centres, across the direction. */
  offset: number;
}

function span(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, b0 - a1, a0 - b1);
}

function measure(from: Box, c: Box, dir: Direction): Measure {
  const horizontal = dir === 'left' || dir === 'right';
  const gap =
    dir === 'right'
      ? c.x - (from.x + from.w)
      : dir === 'left'
        ? from.x - (c.x + c.w)
        : dir === 'down'
          ? c.y - (from.y + from.h)
          : from.y - (c.y + c.h);
  const across = horizontal
    ? span(from.y, from.y + from.h, c.y, c.y + c.h)
    : span(from.x, from.x + from.w, c.x, c.x + c.w);
  const offset = horizontal
    ? Math.abs(c.y + c.h / 2 - (from.y + from.h / 2))
    : Math.abs(c.x + c.w / 2 - (from.x + from.w / 2));
  return { gap, across, offset };
}

/** How far the candidate's centre lies beyond `from`'s centre in the direction (the fallback's gap). */
function centreGap(from: Box, c: Box, dir: Direction): number {
  const dx = c.x + c.w / 2 - (from.x + from.w / 2);
  const dy = c.y + c.h / 2 - (from.y + from.h / 2);
  return dir === 'right' ? dx : dir === 'left' ? -dx : dir === 'down' ? dy : -dy;
}

const score = (m: Measure): number =>
  Math.max(0, m.gap) + ORTHOGONAL_WEIGHT * m.across + ALIGNMENT_WEIGHT * m.offset;

/**
 * The id of the box nearest to `from` in the direction, or null when nothing lies that way. Candidates
 * lie wholly beyond `from`'s edge (within a pixel); when none does (boxes dragged over one another), those
 * whose centre lies beyond its centre are taken instead. Nearest means the smallest forward gap plus twice
 * the sideways distance plus half the offset between centres; ties go to the earlier box in the list.
 */
export function nearestInDirection(boxes: readonly Box[], from: Box, dir: Direction): string | null {
  let best: string | null = null;
  let bestScore = Infinity;
  for (const c of boxes) {
    if (c.id === from.id) continue;
    const m = measure(from, c, dir);
    if (m.gap < -EPSILON) continue;
    const s = score(m);
    if (s < bestScore) {
      bestScore = s;
      best = c.id;
    }
  }
  if (best !== null) return best;
  for (const c of boxes) {
    if (c.id === from.id) continue;
    const gap = centreGap(from, c, dir);
    if (gap <= EPSILON) continue;
    const s = score({ ...measure(from, c, dir), gap });
    if (s < bestScore) {
      bestScore = s;
      best = c.id;
    }
  }
  return best;
}

/**
 * The boxes of the canvas's focusable elements, from React Flow's nodes (a child's position is relative
 * to its parent): a Node with pods drawn inside counts as its header band; the overview of cards (zoomed
 * far out) counts as each of its cards, by the card's key, so that the arrows go from a Node to the card
 * nearest that way and from card to card; the Unscheduled area, which takes no focus, is left out, and so
 * is anything `drawn` does not hold (elements culled off screen).
 */
export function focusBoxes(nodes: readonly Node[], drawn?: ReadonlySet<string>): Box[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const parents = new Set<string>();
  for (const n of nodes) if (n.parentId) parents.add(n.parentId);
  const boxes: Box[] = [];
  for (const n of nodes) {
    if (n.id === UNSCHEDULED_ID || n.focusable === false || (drawn && !drawn.has(n.id))) continue;
    if (n.id === OVERVIEW_ID) {
      for (const c of (n.data as OverviewData).cards)
        boxes.push({ id: c.key, x: n.position.x + c.x, y: n.position.y + c.y, w: CARD_W, h: CARD_H });
      continue;
    }
    const parent = n.parentId ? byId.get(n.parentId) : undefined;
    const x = n.position.x + (parent?.position.x ?? 0);
    const y = n.position.y + (parent?.position.y ?? 0);
    const w = n.width ?? n.measured?.width ?? 0;
    const full = n.height ?? n.measured?.height ?? 0;
    const h = n.type === 'vm' && parents.has(n.id) ? Math.min(full, VM_HEADER) : full;
    boxes.push({ id: n.id, x, y, w, h });
  }
  return boxes;
}
