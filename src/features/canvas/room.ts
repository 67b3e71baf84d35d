/**
 * Room for a grown Node. A Node card is as tall as its pods need (a row of four more for every four
 * pods), and the Unscheduled area as tall as its pending pods; a design's positions (a template's, or
 * where a person dropped a card) were chosen for the size each had then. So that a Node of twenty pods
 * does not cover the cards below it, what stands below a box that grew is drawn lower, as far as needed
 * and no further:
 *
 * - only what lies below the box's smallest size (one row of pods) and beside it on the x axis moves;
 *   what a person put over a Node's header stays where it is;
 * - it keeps the gap it had below the box, up to ROOM_GAP, and whatever it now pushes moves too;
 * - the positions kept in the design are not changed: the object is drawn lower while the box needs the
 *   room and goes back to its place when the box shrinks (a Deployment scaled back down).
 */

/** An object of the canvas as the layout places it: `base` its smallest height, `h` its height now. */
export interface RoomBox {
  key: string;
  x: number;
  y: number;
  w: number;
  base: number;
  h: number;
}

/** The most of a gap kept between a grown box and what it pushes down. */
export const ROOM_GAP = 24;

/** Width of the strips of the canvas in which boxes are looked up (a big cluster has hundreds of Nodes). */
const STRIP = 256;

/**
 * The y each box is drawn at, for the boxes that move (a box not in the map stays where it is). Boxes
 * are taken top to bottom, so a box pushed down pushes in turn what stands below it.
 */
export function makeRoom(boxes: readonly RoomBox[]): Map<string, number> {
  const moved = new Map<string, number>();
  if (!boxes.some((b) => b.h > b.base)) return moved;
  const order = [...boxes].sort((a, b) => a.y - b.y);
  // Boxes that grew or moved, drawn at `at`: only they can push what is below them. Each is listed in
  // the vertical strips of the canvas it spans, so a box meets only those beside it on the x axis.
  const pushers: Array<{ x: number; right: number; floor: number; bottom: number }> = [];
  const strips = new Map<number, number[]>();
  for (const b of order) {
    const first = Math.floor(b.x / STRIP);
    const last = Math.floor((b.x + b.w) / STRIP);
    let at = b.y;
    for (let s = first; s <= last; s++)
      for (const i of strips.get(s) ?? []) {
        const a = pushers[i];
        if (!a || a.x >= b.x + b.w || b.x >= a.right) continue;
        // The gap between the box's smallest size and this one, kept up to ROOM_GAP.
        const gap = b.y - a.floor;
        if (gap >= 0) at = Math.max(at, a.bottom + Math.min(gap, ROOM_GAP));
      }
    if (at !== b.y) moved.set(b.key, at);
    if (at === b.y && b.h <= b.base) continue;
    const index = pushers.push({ x: b.x, right: b.x + b.w, floor: b.y + b.base, bottom: at + b.h }) - 1;
    for (let s = first; s <= last; s++) {
      const list = strips.get(s);
      if (list) list.push(index);
      else strips.set(s, [index]);
    }
  }
  return moved;
}
