/**
 * The dock's Events as `kubectl get events` prints them: LAST SEEN, TYPE, REASON, OBJECT, MESSAGE
 * (the inspector's EventsTable without OBJECT for one object's few Events). Warnings stand out. Every
 * value is text.
 *
 * One line per Event, as kubectl prints them (a long message is cut with an ellipsis; the whole text is
 * its title). Drawn as an ARIA table of grid rows, and only the rows in view (and a few around them) are
 * in the document: a big cluster makes hundreds of Events a second, and creating and laying out hundreds
 * of rows several times a second held the main thread. The columns are as wide as their longest value
 * (the font is monospaced, so `ch` measures them exactly, as a table would size them); every row is one
 * line high, so the rows' places are known without measuring them. Screen readers get the table's row
 * count and each row's index.
 */
import { memo, type CSSProperties } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { EventObject, type EventRow } from '../inspector';

export interface EventsGridProps {
  rows: readonly EventRow[];
  showObject?: boolean;
  /** Clicking an OBJECT cell selects it (the dock passes this). */
  onObject?: (row: EventRow) => void;
  label?: string;
  /** The element that scrolls the grid: only the rows in its view are drawn. */
  scroller: HTMLElement;
}

/** The height of a row (one line of text-xs), in px. */
export const EVENT_ROW_H = 16;
/** Rows drawn above and below the view (kept while scrolling a little). */
const OVERSCAN = 12;

const HEADERS = { lastSeen: 'LAST SEEN', type: 'TYPE', reason: 'REASON', object: 'OBJECT' };

/** The LAST SEEN cell's count suffix, as kubectl prints repeated Events. */
const countText = (r: EventRow): string => (r.count > 1 ? ` (x${r.count})` : '');

/** Column widths in `ch`: each column as wide as its longest value or header, the message takes the rest. */
export function eventColumns(rows: readonly EventRow[], showObject: boolean): string {
  let seen = HEADERS.lastSeen.length;
  let type = HEADERS.type.length;
  let reason = HEADERS.reason.length;
  let object = HEADERS.object.length;
  for (const r of rows) {
    seen = Math.max(seen, r.lastSeen.length + countText(r).length);
    type = Math.max(type, r.type.length);
    reason = Math.max(reason, r.reason.length);
    if (showObject) object = Math.max(object, r.object.length);
  }
  return `${seen}ch ${type}ch ${reason}ch ${showObject ? `${object}ch ` : ''}minmax(0,1fr)`;
}

const ROW = 'grid [grid-template-columns:var(--kc-event-cols)] gap-x-2 px-2 h-4 leading-4 whitespace-nowrap';
const CELL = 'overflow-hidden text-ellipsis';

interface LineProps {
  row: EventRow;
  index: number;
  showObject: boolean;
  onObject: ((row: EventRow) => void) | undefined;
}

/** One Event; re-rendered only when its row or place changes (rows keep their identity while unchanged). */
const EventLine = memo(function EventLine({ row: r, index, showObject, onObject }: LineProps) {
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      className={`${ROW} absolute inset-x-0 ${r.type === 'Warning' ? 'text-amber-300' : ''}`}
      style={{ top: index * EVENT_ROW_H }}
    >
      <span role="cell" className={CELL}>
        {r.lastSeen}
        {r.count > 1 ? <span className="text-slate-400">{countText(r)}</span> : null}
      </span>
      <span role="cell" className={CELL}>
        {r.type}
      </span>
      <span role="cell" className={CELL} title={r.reason}>
        {r.reason}
      </span>
      {showObject && (
        <span role="cell" className={CELL}>
          <EventObject row={r} onObject={onObject} />
        </span>
      )}
      <span role="cell" className={CELL} title={r.message}>
        {r.message}
      </span>
    </div>
  );
});

/** Memoized: the dock re-renders it only when its rows change, and then only the rows in view. */
export const EventsGrid = memo(function EventsGrid({
  rows,
  showObject = true,
  onObject,
  label = 'Events',
  scroller,
}: EventsGridProps) {
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller,
    // Where the scroller is now (it follows the newest rows): the grid never moves it by itself.
    initialOffset: () => scroller.scrollTop,
    estimateSize: () => EVENT_ROW_H,
    overscan: OVERSCAN,
    // The header row above the rows is sticky and one row high.
    scrollMargin: EVENT_ROW_H,
  });
  if (rows.length === 0) return <p className="p-2 text-xs text-slate-400">No events.</p>;
  const style = { '--kc-event-cols': eventColumns(rows, showObject) } as CSSProperties;
  return (
    <div
      role="table"
      aria-label={label}
      aria-rowcount={rows.length + 1}
      className="text-left font-mono text-xs"
      style={style}
    >
      <div role="rowgroup" className="sticky top-0 z-10 bg-slate-900 text-slate-400">
        <div role="row" aria-rowindex={1} className={ROW}>
          <span role="columnheader">{HEADERS.lastSeen}</span>
          <span role="columnheader">{HEADERS.type}</span>
          <span role="columnheader">{HEADERS.reason}</span>
          {showObject && <span role="columnheader">{HEADERS.object}</span>}
          <span role="columnheader">MESSAGE</span>
        </div>
      </div>
      <div role="rowgroup" className="relative text-slate-200" style={{ height: rows.length * EVENT_ROW_H }}>
        {virtual.getVirtualItems().map((v) => {
          const r = rows[v.index];
          return r ? (
            <EventLine key={r.key} row={r} index={v.index} showObject={showObject} onObject={onObject} />
          ) : null;
        })}
      </div>
    </div>
  );
});
