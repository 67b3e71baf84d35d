/**
 * Two-finger scrolling on a trackpad pans the canvas, as in other canvas editors; a mouse wheel and a
 * pinch (which the browser sends as a wheel event with ctrlKey) zoom, as React Flow does by default.
 *
 * The browser does not say which device sent a wheel event, so the usual tells are read: a trackpad
 * scrolls in pixels with small or fractional steps and often sideways; a mouse wheel moves in whole
 * notches (about 100 px in Chromium, more with some drivers) straight up or down, or in lines or pages.
 */
import { useEffect, type RefObject } from 'react';

/** The subset of a WheelEvent the decision reads. */
export interface WheelLike {
  deltaX: number;
  deltaY: number;
  deltaMode: number;
  ctrlKey: boolean;
  metaKey: boolean;
}

/** The smallest step a mouse wheel notch makes in pixels (Chromium: 100; Firefox and macOS differ). */
const NOTCH_PX = 50;

/** Whether a wheel event is a trackpad's two-finger scroll (pan) rather than a wheel or a pinch (zoom). */
export function isTrackpadPan(e: WheelLike): boolean {
  if (e.ctrlKey || e.metaKey) return false; // a pinch, or Ctrl+wheel: zoom
  if (e.deltaMode !== 0) return false; // lines or pages: a mouse wheel
  if (e.deltaX !== 0) return true; // sideways: a trackpad (or a tilt wheel, which also means pan)
  const dy = Math.abs(e.deltaY);
  return dy > 0 && (dy < NOTCH_PX || !Number.isInteger(e.deltaY));
}

/** The viewport functions the hook needs (React Flow's `useReactFlow()` has them). */
export interface Pannable {
  getViewport(): { x: number; y: number; zoom: number };
  setViewport(v: { x: number; y: number; zoom: number }): unknown;
}

/**
 * Pans the canvas under `ref` by a trackpad's two-finger scroll. It listens before React Flow's zoom
 * handler (capture phase) and stops only the events it takes; everything else reaches React Flow.
 */
export function useTrackpadPan(ref: RefObject<HTMLElement | null>, flow: Pannable): void {
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const onWheel = (e: WheelEvent): void => {
      if (!isTrackpadPan(e)) return;
      // Only over the canvas itself, not over a menu, the minimap or a panel drawn on top of it.
      const target = e.target as Element | null;
      if (!target?.closest('.react-flow__pane, .react-flow__node, .react-flow__edge, .react-flow__renderer'))
        return;
      e.preventDefault();
      e.stopPropagation();
      const v = flow.getViewport();
      flow.setViewport({ x: v.x - e.deltaX, y: v.y - e.deltaY, zoom: v.zoom });
    };
    el.addEventListener('wheel', onWheel, { capture: true, passive: false });
    return () => el.removeEventListener('wheel', onWheel, { capture: true });
  }, [ref, flow]);
}
