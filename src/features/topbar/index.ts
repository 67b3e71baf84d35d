/** The top bar: undo and redo, new, import and export, share, present. */
export { Topbar } from './Topbar';
export { importFiles, onPaste, isEditable, downloadYaml, downloadProject } from './files';
