/**
 * The dock's Events as `kubectl get events` prints them: LAST SEEN, TYPE, REASON, OBJECT, MESSAGE
 * (the inspector's EventsTable without OBJECT for one object's few Events). Warnings stand out. Every
 * value is text.
 *
 * Drawn as an ARIA table of grid rows rather than an HTML table: a big cluster's dock holds hundreds of
 * rows that change several times a second, and an HTML table lays out every row again when one comes or
 * goes. Here the columns are as wide as their longest value (the font is monospaced, so `ch` measures
 * them exactly, as a table would size them), each row is laid out on its own, and rows out of sight are
 * skipped by the browser (`content-visibility: auto`) while staying in the document and its text.
 */
import { memo, type CSSProperties } from 'react';
import { EventObject, type EventRow } from '../inspector';

export interface EventsGridProps {
  rows: readonly EventRow[];
  showObject?: boolean;
  /** Clicking an OBJECT cell selects it (the dock passes this). */
  onObject?: (row: EventRow) => void;
  label?: string;
}

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

const ROW =
  'grid [grid-template-columns:var(--kc-event-cols)] gap-x-2 px-2 [content-visibility:auto] [contain-intrinsic-size:auto_16px]';

interface LineProps {
  row: EventRow;
  showObject: boolean;
  onObject: ((row: EventRow) => void) | undefined;
}

/** One Event; re-rendered only when its row changes (rows keep their identity while unchanged). */
const EventLine = memo(function EventLine({ row: r, showObject, onObject }: LineProps) {
  return (
    <div role="row" className={`${ROW} ${r.type === 'Warning' ? 'text-amber-300' : ''}`}>
      <span role="cell" className="whitespace-nowrap">
        {r.lastSeen}
        {r.count > 1 ? <span className="text-slate-400">{countText(r)}</span> : null}
      </span>
      <span role="cell">{r.type}</span>
      <span role="cell">{r.reason}</span>
      {showObject && (
        <span role="cell" className="whitespace-nowrap">
          <EventObject row={r} onObject={onObject} />
        </span>
      )}
      <span role="cell" className="break-words whitespace-pre-wrap">
        {r.message}
      </span>
    </div>
  );
});

/** Memoized: the dock re-renders it only when its rows change, and then only the rows that changed. */
export const EventsGrid = memo(function EventsGrid({
  rows,
  showObject = true,
  onObject,
  label = 'Events',
}: EventsGridProps) {
  if (rows.length === 0) return <p className="p-2 text-xs text-slate-400">No events.</p>;
  const style = { '--kc-event-cols': eventColumns(rows, showObject) } as CSSProperties;
  return (
    <div role="table" aria-label={label} className="text-left font-mono text-xs" style={style}>
      <div role="rowgroup" className="sticky top-0 z-10 bg-slate-900 text-slate-400">
        <div role="row" className={ROW}>
          <span role="columnheader" className="whitespace-nowrap">
            {HEADERS.lastSeen}
          </span>
          <span role="columnheader">{HEADERS.type}</span>
          <span role="columnheader">{HEADERS.reason}</span>
          {showObject && <span role="columnheader">{HEADERS.object}</span>}
          <span role="columnheader">MESSAGE</span>
        </div>
      </div>
      <div role="rowgroup" className="text-slate-200">
        {rows.map((r) => (
          <EventLine key={r.key} row={r} showObject={showObject} onObject={onObject} />
        ))}
      </div>
    </div>
  );
});
