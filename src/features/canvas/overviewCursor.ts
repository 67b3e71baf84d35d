/**
 * The overview's current card: the one the keyboard is on while the cards are drawn as one overview
 * (nodes/OverviewNode.tsx outlines it and names it; keyboard.tsx moves it). One per page (one canvas).
 */
import { useSyncExternalStore } from 'react';

let cursor: string | null = null;
const listeners = new Set<() => void>();

/** The key of the card the keyboard is on in the overview (null: where it starts, see currentCard). */
export function overviewCursor(): string | null {
  return cursor;
}

export function setOverviewCursor(key: string | null): void {
  if (key === cursor) return;
  cursor = key;
  for (const l of listeners) l();
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useOverviewCursor(): string | null {
  return useSyncExternalStore(subscribe, overviewCursor);
}
