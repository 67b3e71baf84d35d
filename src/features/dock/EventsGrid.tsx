/**
 * The dock's Events as `kubectl get events` prints them: LAST SEEN, TYPE, REASON, OBJECT, MESSAGE
 * (the inspector's EventsTable without OBJECT for one object's few Events). Warnings stand out. Every
 * value is text.
 *
 * One line per Event, as kubectl prints them: a long MESSAGE (or OBJECT) ends in an ellipsis, its full
 * text in the cell's tooltip and in the document (what a screen reader reads); `wrap` shows every message
 * whole. Drawn as an ARIA table of grid rows, and, one line each, only the rows in view (and a few around
 * them) are in the document: a big cluster makes hundreds of Events a second, and creating and laying out
 * hundreds of rows several times a second held the main thread. Every row being one line high, their
 * places are known without measuring them. The columns are as wide as their longest value (the font is
 * monospaced, so `ch` measures them exactly, as a table would size them). Screen readers get the table's
 * row count and each row's index. Wrapped, every row is drawn, in the flow.
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
  /** Messages shown whole, on as many lines as they take (otherwise one line per Event). */
  wrap?: boolean;
  /** The element that scrolls the grid: one line per Event, only the rows in its view are drawn. */
  scroller: HTMLElement;
}

/** The height of a row (one line of text-xs), in px. */
export const EVENT_ROW_H = 16;
/** Rows drawn above and below the view (kept while scrolling a little). */
const OVERSCAN = 12;

const HEADERS = { lastSeen: 'LAST SEEN', type: 'TYPE', reason: 'REASON', object: 'OBJECT' };

/** The LAST SEEN cell's count suffix, as kubectl prints repeated Events. */
const countText = (r: EventRow): string => (r.count > 1 ? ` (x${r.count})` : '');

/** OBJECT at most this wide (`ch`): a long generated name ends in an ellipsis rather than squeeze MESSAGE. */
export const MAX_OBJECT_CH = 40;

/**
 * Column widths in `ch`: each column as wide as its longest value or header (OBJECT at most
 * MAX_OBJECT_CH), the message takes the rest.
 */
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
  return `${seen}ch ${type}ch ${reason}ch ${showObject ? `${Math.min(object, MAX_OBJECT_CH)}ch ` : ''}minmax(0,1fr)`;
}

const ROW =
  'grid [grid-template-columns:var(--kc-event-cols)] gap-x-2 px-2 leading-4 whitespace-nowrap min-h-4';
/** A cell that ends in an ellipsis when its value is wider than its column. */
const CELL = 'min-w-0 overflow-hidden text-ellipsis';
/** The OBJECT cell: its link ends in an ellipsis too; whole when messages are wrapped. */
const OBJECT_CELL = `${CELL} [&>button]:max-w-full [&>button]:overflow-hidden [&>button]:text-left [&>button]:text-ellipsis [&>button]:align-top group-data-[wrap=true]:break-all group-data-[wrap=true]:whitespace-normal`;
/** The MESSAGE cell: one line, or whole when the grid wraps messages. */
const MESSAGE_CELL = `${CELL} group-data-[wrap=true]:break-words group-data-[wrap=true]:whitespace-pre-wrap`;

interface LineProps {
  row: EventRow;
  index: number;
  /** One line high at its place (`index` rows down), or in the flow (wrapped). */
  placed: boolean;
  showObject: boolean;
  onObject: ((row: EventRow) => void) | undefined;
}

/** One Event; re-rendered only when its row or place changes (rows keep their identity while unchanged). */
const EventLine = memo(function EventLine({ row: r, index, placed, showObject, onObject }: LineProps) {
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      className={`${ROW} ${placed ? 'absolute inset-x-0 h-4' : ''} ${r.type === 'Warning' ? 'text-amber-300' : ''}`}
      style={placed ? { top: index * EVENT_ROW_H } : undefined}
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
        <span role="cell" className={OBJECT_CELL}>
          <EventObject row={r} onObject={onObject} />
        </span>
      )}
      <span role="cell" className={MESSAGE_CELL} title={r.message}>
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
  wrap = false,
  scroller,
}: EventsGridProps) {
  const virtual = useVirtualizer({
    count: rows.length,
    enabled: !wrap,
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
  const line = (r: EventRow, index: number, placed: boolean) => (
    <EventLine
      key={r.key}
      row={r}
      index={index}
      placed={placed}
      showObject={showObject}
      onObject={onObject}
    />
  );
  return (
    <div
      role="table"
      aria-label={label}
      aria-rowcount={rows.length + 1}
      data-wrap={wrap}
      className="group text-left font-mono text-xs"
      style={style}
    >
      <div role="rowgroup" className="sticky top-0 z-10 bg-slate-900 text-slate-400">
        <div role="row" aria-rowindex={1} className={`${ROW} h-4`}>
          <span role="columnheader">{HEADERS.lastSeen}</span>
          <span role="columnheader">{HEADERS.type}</span>
          <span role="columnheader">{HEADERS.reason}</span>
          {showObject && <span role="columnheader">{HEADERS.object}</span>}
          <span role="columnheader">MESSAGE</span>
        </div>
      </div>
      {wrap ? (
        <div role="rowgroup" className="text-slate-200">
          {rows.map((r, i) => line(r, i, false))}
        </div>
      ) : (
        <div
          role="rowgroup"
          className="relative text-slate-200"
          style={{ height: rows.length * EVENT_ROW_H }}
        >
          {virtual.getVirtualItems().map((v) => {
            const r = rows[v.index];
            return r ? line(r, v.index, true) : null;
          })}
        </div>
      )}
    </div>
  );
});
