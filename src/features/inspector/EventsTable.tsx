/**
 * Events as `kubectl get events` prints them: LAST SEEN, TYPE, REASON, OBJECT, MESSAGE (the OBJECT
 * column is left out when the table shows one object's events). Warnings stand out. Every value is text.
 */
import { memo } from 'react';
import type { EventRow } from './kubectlFormat';

export interface EventsTableProps {
  rows: readonly EventRow[];
  showObject?: boolean;
  /** Clicking an OBJECT cell selects it (the dock passes this). */
  onObject?: (row: EventRow) => void;
  label?: string;
}

/** Memoized: the dock re-renders it only when its rows change. */
export const EventsTable = memo(function EventsTable({
  rows,
  showObject = true,
  onObject,
  label = 'Events',
}: EventsTableProps) {
  if (rows.length === 0) return <p className="p-2 text-xs text-slate-400">No events.</p>;
  return (
    <table
      className="w-full border-separate border-spacing-x-2 text-left font-mono text-xs"
      aria-label={label}
    >
      <thead className="sticky top-0 bg-slate-900 text-slate-400">
        <tr>
          <th scope="col" className="font-normal whitespace-nowrap">
            LAST SEEN
          </th>
          <th scope="col" className="font-normal">
            TYPE
          </th>
          <th scope="col" className="font-normal">
            REASON
          </th>
          {showObject && (
            <th scope="col" className="font-normal">
              OBJECT
            </th>
          )}
          <th scope="col" className="w-full font-normal">
            MESSAGE
          </th>
        </tr>
      </thead>
      <tbody className="text-slate-200">
        {rows.map((r) => (
          <tr key={r.key} className={r.type === 'Warning' ? 'text-amber-300' : ''}>
            <td className="align-top whitespace-nowrap">
              {r.lastSeen}
              {r.count > 1 ? <span className="text-slate-400"> (x{r.count})</span> : null}
            </td>
            <td className="align-top">{r.type}</td>
            <td className="align-top">{r.reason}</td>
            {showObject && (
              <td className="align-top whitespace-nowrap">
                <EventObject row={r} onObject={onObject} />
              </td>
            )}
            <td className="align-top break-words whitespace-pre-wrap">{r.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
});

/** An Event's object (`pod/web-1`): a link that selects it when the table has `onObject`, else text. */
export function EventObject({
  row,
  onObject,
}: {
  row: EventRow;
  onObject?: ((row: EventRow) => void) | undefined;
}) {
  if (!onObject) return <>{row.object}</>;
  return (
    <button
      type="button"
      className="text-sky-300 hover:underline"
      onClick={() => onObject(row)}
      title="Select this object"
    >
      {row.object}
    </button>
  );
}
