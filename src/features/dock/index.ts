/** The bottom dock (events, YAML, console, charts). Mount `Dock` (no props) lazily. */
export { Dock } from './Dock';
