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

/** An Event as the filter without text sorts it: its store key, when it last happened, its type. */
export interface EventRef<E> {
  key: string;
  lastMs: number;
  type: string;
  event: E;
}

/**
 * filterEvents for a filter without text: the Events of `type`, sorted as filterEvents sorts rows (last
 * seen, ties by key), the newest `limit` of them and how many matched. No row is worked out here: a big
 * cluster makes thousands of Events at once, and only the drawn ones need their row.
 */
export function newestOfType<E>(
  refs: readonly EventRef<E>[],
  type: EventTypeFilter,
  limit = MAX_EVENT_ROWS,
): { newest: EventRef<E>[]; total: number } {
  const matched = type === 'All' ? refs.slice() : refs.filter((r) => r.type === type);
  const before = (a: EventRef<E>, b: EventRef<E>): number =>
    a.lastMs - b.lastMs || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  // Events mostly arrive in the order they happen: sorting is skipped when they already are in order.
  let sorted = true;
  for (let i = 1; i < matched.length && sorted; i++)
    sorted = before(matched[i - 1] as EventRef<E>, matched[i] as EventRef<E>) <= 0;
  if (!sorted) matched.sort(before);
  const total = matched.length;
  return { newest: total > limit ? matched.slice(total - limit) : matched, total };
}
