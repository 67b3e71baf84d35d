/**
 * Merging a fresh layout into the nodes React Flow holds: an unchanged node keeps its object (React Flow
 * then skips it), a node being dragged keeps its drag position, and measurements and selection survive.
 */
import type { Edge, Node } from '@xyflow/react';
import { UNSCHEDULED_ID } from './layout';

const NONE: ReadonlySet<string> = new Set();

/** More new bound pods than this at once (an import, a big scale-up) appear in place, unanimated. */
const MAX_STAGED = 150;

function shallowEqual(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  if (a === b) return true;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => {
    const x = a[k];
    const y = b[k];
    if (x === y) return true;
    if (Array.isArray(x) && Array.isArray(y)) return x.length === y.length && x.every((v, i) => v === y[i]);
    if (x && y && typeof x === 'object' && typeof y === 'object')
      return shallowEqual(x as Record<string, unknown>, y as Record<string, unknown>);
    return false;
  });
}

/**
 * The next node list: `next` laid out, reusing `prev` objects where nothing changed. A node new to the
 * canvas is drawn selected when it is in `selected` (a card picked in the overview, then zoomed in on).
 */
export function mergeNodes(
  prev: readonly Node[],
  next: readonly Node[],
  selected: ReadonlySet<string> = NONE,
): Node[] {
  const byId = new Map(prev.map((n) => [n.id, n]));
  return next.map((n) => {
    const p = byId.get(n.id);
    if (!p) return selected.has(n.id) ? { ...n, selected: true } : n;
    const position =
      p.dragging || (p.position.x === n.position.x && p.position.y === n.position.y)
        ? p.position
        : n.position;
    const data = shallowEqual(p.data, n.data) ? p.data : n.data;
    // Handles given for a node not measured yet (layoutGraph) make way for the measured ones.
    const handles = p.measured ? undefined : n.handles;
    if (
      position === p.position &&
      data === p.data &&
      p.parentId === n.parentId &&
      p.width === n.width &&
      p.height === n.height &&
      p.type === n.type &&
      p.handles === handles
    )
      return p;
    const out: Node = { ...n, position, data };
    if (handles) out.handles = handles;
    else delete out.handles;
    if (p.measured) out.measured = p.measured;
    if (p.selected) out.selected = true;
    if (p.dragging) out.dragging = true;
    return out;
  });
}

/** The next edge list, reusing `prev` edge objects that did not change. */
export function mergeEdges(prev: readonly Edge[], next: readonly Edge[]): Edge[] {
  const byId = new Map(prev.map((e) => [e.id, e]));
  return next.map((e) => {
    const p = byId.get(e.id);
    return p && p.className === e.className ? p : e;
  });
}

/**
 * The layout with each newly appeared, already bound pod moved into the Unscheduled area (after the pods
 * waiting there), so that the next layout animates it to its node. Returns `next` itself when there is
 * nothing to stage (also on the first layout, and for large batches).
 */
export function stageArrivals(prev: readonly Node[], next: Node[]): Node[] {
  if (prev.length === 0) return next;
  const known = new Set(prev.map((n) => n.id));
  const arrivals = next.filter((n) => n.type === 'pod' && !known.has(n.id) && n.parentId !== UNSCHEDULED_ID);
  if (arrivals.length === 0 || arrivals.length > MAX_STAGED) return next;
  const waiting = next.filter((n) => n.parentId === UNSCHEDULED_ID);
  const slots = waiting.map((n) => n.position);
  const stepX = slots.length > 1 ? Math.abs((slots[1]?.x ?? 0) - (slots[0]?.x ?? 0)) || 64 : 64;
  const start = waiting[waiting.length - 1]?.position ?? { x: 12 - stepX, y: 36 };
  const staged = new Map(
    arrivals.map((n, i) => [
      n.id,
      { ...n, parentId: UNSCHEDULED_ID, position: { x: start.x + (i + 1) * stepX, y: start.y } },
    ]),
  );
  return next.map((n) => staged.get(n.id) ?? n);
}
