/** The top bar: play, speed, time, reset, undo and redo, import and export, present. */
export { Topbar, formatSimTime } from './Topbar';
export { importFiles, onPaste, isEditable, downloadYaml, downloadProject } from './files';
