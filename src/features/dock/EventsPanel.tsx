/**
 * All Events of the cluster, as `kubectl get events` shows them, newest at the bottom, with a filter by
 * type and text. Rows are rebuilt when Events come or go and once per simulated second (ages, counts),
 * not on every frame. Clicking an OBJECT selects it.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Event, KubeObject } from '../../engine';
import { getSimulation, select, useObjectKeys } from '../../store';
import { EventsTable, eventRow, useSimSecond, type EventRow } from '../inspector';
import { filterEvents, MAX_EVENT_ROWS, type EventTypeFilter } from './eventFilter';
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

export function EventsPanel() {
  // At 100x new Events arrive on every frame; the table follows at most four times a second.
  const keys = useThrottled(useObjectKeys('Event'), 250);
  // At 100x the simulated second changes a hundred times a wall second: ages follow at most 4x a second.
  const second = useThrottled(useSimSecond(), 250);
  const [text, setText] = useState('');
  const [type, setType] = useState<EventTypeFilter>('All');
  const matching = useMemo(() => {
    const store = getSimulation().store;
    const all = [];
    // Events come in creation order; the oldest beyond a bound are not worth a row (kubectl would page).
    for (const k of keys.length > MAX_CONSIDERED ? keys.slice(-MAX_CONSIDERED) : keys) {
      const e = store.getByKey<Event & KubeObject>(k);
      if (e) all.push(eventRow(e, second * 1000));
    }
    return filterEvents(all, { text, type }, Number.POSITIVE_INFINITY);
  }, [keys, second, text, type]);
  const rows = useMemo(() => (matching.length > MAX_ROWS ? matching.slice(-MAX_ROWS) : matching), [matching]);
  const scroller = useRef<HTMLDivElement>(null);
  // Follow new events while the person is at the bottom (judged against the height before this update).
  const lastHeight = useRef(0);
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (el.scrollTop + el.clientHeight >= lastHeight.current - 24) el.scrollTop = el.scrollHeight;
    lastHeight.current = el.scrollHeight;
  }, [rows]);
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
        <span className="ml-auto text-slate-400">
          {matching.length > rows.length
            ? `newest ${rows.length} of ${matching.length} shown; filter to see others`
            : `${rows.length} shown`}
        </span>
      </div>
      <div ref={scroller} className="min-h-0 flex-1 overflow-auto">
        <EventsTable rows={rows} label="Cluster events" onObject={selectObject} />
      </div>
    </div>
  );
}
