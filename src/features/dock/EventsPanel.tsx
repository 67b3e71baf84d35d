/**
 * All Events of the cluster, as `kubectl get events` shows them, newest at the bottom, with a filter by
 * type and text. Rows follow the Events and the simulated second (ages, counts) at most four times a wall
 * second, not on every frame. Clicking an OBJECT selects it.
 *
 * Cost on a big cluster (thousands of Events): an Event's row is worked out once per Event object (a
 * changed Event is a new object), and without text to look for, only for the newest Events drawn (the rest
 * are sorted by when they happened alone); ages are computed for the rows drawn only; a drawn row keeps its object while its text is unchanged, so only changed rows re-render.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { humanDuration, parseTimestamp, type Event, type KubeObject } from '../../engine';
import { getSimulation, select, useObjectKeys } from '../../store';
import { eventLastTimestamp, eventRow, useSimSecond, type EventRow } from '../inspector';
import { EventsGrid } from './EventsGrid';
import {
  filterEvents,
  MAX_EVENT_ROWS,
  newestOfType,
  type EventRef,
  type EventTypeFilter,
} from './eventFilter';
import { useThrottled } from './useThrottled';

const selectObject = (r: EventRow): void => select(r.objectKey);

/** Events considered per update (the newest by creation). */
const MAX_CONSIDERED = 5000;

/**
 * Rows drawn at most: the newest after filtering (eventFilter's limit). A big cluster makes thousands of
 * Events, and laying out thousands of table rows several times a second would hold the main thread; the
 * filter narrows the rest down, as paging would in kubectl.
 */
export const MAX_ROWS = MAX_EVENT_ROWS;

/** An Event's row without its age (LAST SEEN is set per drawing), worked out once per Event object. */
const baseRows = new WeakMap<KubeObject, EventRow>();
function baseRow(e: Event & KubeObject): EventRow {
  let row = baseRows.get(e);
  if (!row) baseRows.set(e, (row = eventRow(e, 0)));
  return row;
}

/** When an Event last happened, in simulated ms (as eventRow's lastMs), worked out once per Event object. */
const lastMsCache = new WeakMap<KubeObject, number>();
function lastMsOf(e: Event & KubeObject): number {
  let ms = lastMsCache.get(e);
  if (ms === undefined) {
    const last = eventLastTimestamp(e);
    lastMsCache.set(e, (ms = last ? parseTimestamp(last) : 0));
  }
  return ms;
}

/** LAST SEEN at `nowMs`, as eventRow writes it (kubectl's `<unknown>` when the Event has no time). */
function lastSeen(e: Event & KubeObject, row: EventRow, nowMs: number): string {
  return eventLastTimestamp(e) ? humanDuration(nowMs - row.lastMs) : '<unknown>';
}

export function EventsPanel() {
  // At 100x new Events arrive on every frame and the simulated second changes a hundred times a wall
  // second: the table follows both together, at most four times a wall second.
  const liveKeys = useObjectKeys('Event');
  const liveSecond = useSimSecond();
  const live = useMemo(() => ({ keys: liveKeys, second: liveSecond }), [liveKeys, liveSecond]);
  const { keys, second } = useThrottled(live, 250);
  const [text, setText] = useState('');
  const [type, setType] = useState<EventTypeFilter>('All');
  const [wrap, setWrap] = useState(false);
  // Each row's Event, to age the drawn rows (filled with the matching rows).
  const eventOf = useRef(new Map<string, Event & KubeObject>());
  const matching = useMemo(() => {
    const store = getSimulation().store;
    const events = new Map<string, Event & KubeObject>();
    // Events come in creation order; the oldest beyond a bound are not worth a row (kubectl would page).
    const considered = keys.length > MAX_CONSIDERED ? keys.slice(-MAX_CONSIDERED) : keys;
    if (text.trim() === '') {
      // No text to look for: sorted by when they happened, only the drawn Events get their row.
      const refs: EventRef<Event & KubeObject>[] = [];
      for (const k of considered) {
        const e = store.getByKey<Event & KubeObject>(k);
        if (e) refs.push({ key: k, lastMs: lastMsOf(e), type: e.type ?? '', event: e });
      }
      const { newest, total } = newestOfType(refs, type, MAX_ROWS);
      const rows = newest.map((r) => {
        const row = baseRow(r.event);
        events.set(row.key, r.event);
        return row;
      });
      eventOf.current = events;
      return { rows, total };
    }
    const all: EventRow[] = [];
    for (const k of considered) {
      const e = store.getByKey<Event & KubeObject>(k);
      if (!e) continue;
      const row = baseRow(e);
      all.push(row);
      events.set(row.key, e);
    }
    eventOf.current = events;
    const found = filterEvents(all, { text, type }, Number.POSITIVE_INFINITY);
    return { rows: found.length > MAX_ROWS ? found.slice(-MAX_ROWS) : found, total: found.length };
  }, [keys, text, type]);
  // The drawn rows, aged; a row keeps its object while its Event and age are the same (its line is not
  // redrawn).
  const drawn = useRef(new Map<string, { base: EventRow; row: EventRow }>());
  const rows = useMemo(() => {
    const newest = matching.rows;
    const before = drawn.current;
    const next = new Map<string, { base: EventRow; row: EventRow }>();
    const out = newest.map((base) => {
      const e = eventOf.current.get(base.key);
      const seen = e ? lastSeen(e, base, second * 1000) : base.lastSeen;
      const prev = before.get(base.key);
      const row =
        prev && prev.base === base && prev.row.lastSeen === seen ? prev.row : { ...base, lastSeen: seen };
      next.set(base.key, { base, row });
      return row;
    });
    drawn.current = next;
    return out;
  }, [matching, second]);
  const scroller = useRef<HTMLDivElement>(null);
  // The grid draws the rows in the scroller's view: it is drawn once the scroller is there.
  const [scrollEl, setScrollEl] = useState<HTMLDivElement | null>(null);
  const scrollerRef = useCallback((el: HTMLDivElement | null) => {
    scroller.current = el;
    setScrollEl(el);
  }, []);
  const content = useRef<HTMLDivElement>(null);
  const bottom = useRef<HTMLDivElement>(null);
  // Follow new events while the person is at the bottom. Both are known from observers, which the browser
  // calls after laying the page out: whether the bottom is in view (an IntersectionObserver), and when
  // the rows' height changes (a ResizeObserver). Reading the scroll geometry in a scroll handler or after
  // an update would lay the page out mid-task, a big canvas changed in the same frame included.
  const follow = useRef(true);
  useEffect(() => {
    const el = scroller.current;
    const inner = content.current;
    const end = bottom.current;
    if (!el || !inner || !end) return;
    if (typeof ResizeObserver === 'undefined' || typeof IntersectionObserver === 'undefined') return;
    const atBottom = new IntersectionObserver(
      (entries) => {
        const last = entries[entries.length - 1];
        if (last) follow.current = last.isIntersecting;
      },
      { root: el, rootMargin: '0px 0px 24px 0px' },
    );
    const grown = new ResizeObserver(() => {
      if (follow.current) el.scrollTop = el.scrollHeight;
    });
    atBottom.observe(end);
    grown.observe(inner);
    return () => {
      atBottom.disconnect();
      grown.disconnect();
    };
  }, []);
  return (
    <div className="flex h-full min-h-0 flex-col bg-slate-900 text-xs text-slate-200">
      <div className="flex items-center gap-2 border-b border-slate-800 px-2 py-1">
        <label className="flex items-center gap-1">
          <span className="sr-only">Filter events</span>
          <input
            type="search"
            aria-label="Filter events"
            placeholder="Filter events (reason, object, message)"
            className="w-72 rounded border border-slate-600 bg-slate-950 px-1.5 py-0.5 text-slate-100"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        <label className="flex items-center gap-1">
          Type
          <select
            className="rounded border border-slate-600 bg-slate-950 px-1"
            value={type}
            onChange={(e) => setType(e.target.value as EventTypeFilter)}
          >
            <option>All</option>
            <option>Normal</option>
            <option>Warning</option>
          </select>
        </label>
        <label className="flex items-center gap-1" title="Show every message whole, on several lines">
          <input type="checkbox" checked={wrap} onChange={(e) => setWrap(e.target.checked)} />
          Wrap messages
        </label>
        <span className="ml-auto text-slate-400">
          {matching.total > rows.length
            ? `newest ${rows.length} of ${matching.total} shown; filter to see others`
            : `${rows.length} shown`}
        </span>
      </div>
      <div ref={scrollerRef} className="min-h-0 flex-1 overflow-auto">
        <div ref={content}>
          {scrollEl && (
            <EventsGrid
              rows={rows}
              label="Cluster events"
              onObject={selectObject}
              wrap={wrap}
              scroller={scrollEl}
            />
          )}
          <div ref={bottom} className="h-px" aria-hidden="true" />
        </div>
      </div>
    </div>
  );
}
