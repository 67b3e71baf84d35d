/**
 * The bottom dock (events, YAML, console, charts). Mount `Dock` (no props) lazily; `openWhatIf` opens
 * its Charts tab on the What if… view for a workload.
 */
export { Dock } from './Dock';
export { openWhatIf } from './whatIfRequest';
