/** Keyboard shortcuts of the whole app: undo, redo, delete the selection; and paste to import. */
import { isEditable, onPaste } from '../features/topbar';
import { redo, removeObjects, sessionStore, undo } from '../store';

function onKey(e: KeyboardEvent): void {
  if (isEditable(e.target)) return;
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  if (mod && key === 'z') {
    e.preventDefault();
    if (e.shiftKey) redo();
    else undo();
  } else if (mod && key === 'y') {
    e.preventDefault();
    redo();
  } else if (!mod && (e.key === 'Delete' || e.key === 'Backspace')) {
    const { selection, selectedKeys } = sessionStore.getState();
    const keys = selectedKeys.length > 0 ? selectedKeys : selection ? [selection] : [];
    if (keys.length > 0) {
      e.preventDefault();
      removeObjects(keys);
    }
  }
}

/** Installs the shortcuts; returns the function that removes them. */
export function installShortcuts(): () => void {
  window.addEventListener('keydown', onKey);
  window.addEventListener('paste', onPaste);
  return () => {
    window.removeEventListener('keydown', onKey);
    window.removeEventListener('paste', onPaste);
  };
}
