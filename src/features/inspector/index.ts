/**
 * The inspector feature: the selected object's form, live status, events and scheduler explanation.
 * Mount `Inspector` (no props) lazily. The kubectl formatting and the events table are shared with the
 * dock.
 */
export { Inspector } from './Inspector';
export { EventObject, EventsTable, type EventsTableProps } from './EventsTable';
export { eventRow, eventLastTimestamp, age, type EventRow } from './kubectlFormat';
export { useSimSecond } from './useSimSecond';
