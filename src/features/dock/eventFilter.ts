/**
 * The dock's Events tab: all Events of the cluster as `kubectl get events --sort-by=.lastTimestamp`
 * prints them (oldest first, newest at the bottom), narrowed by a type and by text that must appear in
 * any column (case-insensitive; several words must all appear), and capped to the newest rows.
 */
import type { EventRow } from '../inspector';

export type EventTypeFilter = 'All' | 'Normal' | 'Warning';

export interface EventFilter {
  text: string;
  type: EventTypeFilter;
}

/** The most rows drawn (the newest ones). */
export const MAX_EVENT_ROWS = 300;

/** Filters, sorts by last seen (ties by name) and keeps the newest `limit` rows. */
export function filterEvents(rows: readonly EventRow[], f: EventFilter, limit = MAX_EVENT_ROWS): EventRow[] {
  const words = f.text.toLowerCase().split(/\s+/).filter(Boolean);
  const out = rows.filter((r) => {
    if (f.type !== 'All' && r.type !== f.type) return false;
    if (words.length === 0) return true;
    const hay = `${r.type} ${r.reason} ${r.object} ${r.message}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
  out.sort((a, b) => a.lastMs - b.lastMs || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return out.length > limit ? out.slice(out.length - limit) : out;
}
