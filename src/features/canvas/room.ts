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

/**
 * The y each box is drawn at, for the boxes that move (a box not in the map stays where it is). Boxes
 * are taken top to bottom, so a box pushed down pushes in turn what stands below it.
 */
export function makeRoom(boxes: readonly RoomBox[]): Map<string, number> {
  const moved = new Map<string, number>();
  if (!boxes.some((b) => b.h > b.base)) return moved;
  const order = [...boxes].sort((a, b) => a.y - b.y);
  // Boxes that grew or moved, with the y they are drawn at: only they can push what is below them.
  const pushers: Array<RoomBox & { at: number }> = [];
  for (const b of order) {
    let at = b.y;
    for (const a of pushers) {
      if (a.x >= b.x + b.w || b.x >= a.x + a.w) continue;
      const gap = b.y - (a.y + a.base);
      if (gap < 0) continue;
      at = Math.max(at, a.at + a.h + Math.min(gap, ROOM_GAP));
    }
    if (at !== b.y) moved.set(b.key, at);
    if (at !== b.y || b.h > b.base) pushers.push({ ...b, at });
  }
  return moved;
}
