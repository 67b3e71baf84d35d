/**
 * Merging a fresh layout into the nodes React Flow holds: an unchanged node keeps its object (React Flow
 * then skips it), a node being dragged keeps its drag position, and measurements and selection survive.
 */
import type { Edge, Node } from '@xyflow/react';

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

/** The next node list: `next` laid out, reusing `prev` objects where nothing changed. */
export function mergeNodes(prev: readonly Node[], next: readonly Node[]): Node[] {
  const byId = new Map(prev.map((n) => [n.id, n]));
  return next.map((n) => {
    const p = byId.get(n.id);
    if (!p) return n;
    const position =
      p.dragging || (p.position.x === n.position.x && p.position.y === n.position.y)
        ? p.position
        : n.position;
    const data = shallowEqual(p.data, n.data) ? p.data : n.data;
    if (
      position === p.position &&
      data === p.data &&
      p.parentId === n.parentId &&
      p.width === n.width &&
      p.height === n.height &&
      p.type === n.type
    )
      return p;
    const out: Node = { ...n, position, data };
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
