/**
 * Keyboard shortcuts of the whole app: undo, redo, delete the selection, copy, paste and duplicate the
 * selected objects; and paste to import manifests. The canvas's own keys (arrows move the focus, Shift+arrows
 * nudge, C connects, ...) are in features/canvas/keyboard.tsx, whose list (`?` on the canvas) names these too.
 */
import {
  copySelection,
  duplicateSelection,
  hasClipboard,
  pasteClipboard,
  pasteText,
} from '../features/canvas';
import { isEditable, onPaste } from '../features/topbar';
import { redo, removeObjects, sessionStore, undo } from '../store';

/** Set by Ctrl+V: when the browser sends no paste event, the copies are pasted anyway. */
let pasteFallback: ReturnType<typeof setTimeout> | undefined;
/** When that fallback last pasted (a late paste event must not paste a second time). */
let fallbackPastedAt = -Infinity;

function hasTextSelection(): boolean {
  const s = window.getSelection();
  return !!s && !s.isCollapsed && s.toString().trim() !== '';
}

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
  } else if (mod && !e.shiftKey && key === 'c') {
    // Copying selected text (an event message, a status) stays the browser's.
    if (!hasTextSelection() && copySelection() > 0) e.preventDefault();
  } else if (mod && !e.shiftKey && key === 'd') {
    e.preventDefault();
    void duplicateSelection();
  } else if (mod && !e.shiftKey && key === 'v') {
    // The paste event decides (our copies, or manifests to import); if none comes, paste our copies.
    clearTimeout(pasteFallback);
    if (hasClipboard())
      pasteFallback = setTimeout(() => {
        pasteFallback = undefined;
        fallbackPastedAt = performance.now();
        void pasteClipboard();
      }, 300);
  } else if (!mod && (e.key === 'Delete' || e.key === 'Backspace')) {
    const { selection, selectedKeys } = sessionStore.getState();
    const keys = selectedKeys.length > 0 ? selectedKeys : selection ? [selection] : [];
    if (keys.length > 0) {
      e.preventDefault();
      removeObjects(keys);
    }
  }
}

function onPasteEvent(e: ClipboardEvent): void {
  clearTimeout(pasteFallback);
  pasteFallback = undefined;
  if (isEditable(e.target)) return;
  const text = e.clipboardData?.getData('text/plain') ?? '';
  if (performance.now() - fallbackPastedAt < 3000 && hasClipboard()) {
    // The paste event came late: our copies were pasted already.
    fallbackPastedAt = -Infinity;
    e.preventDefault();
    return;
  }
  if (pasteText(text)) {
    e.preventDefault();
    return;
  }
  onPaste(e);
}

/** Installs the shortcuts; returns the function that removes them. */
export function installShortcuts(): () => void {
  window.addEventListener('keydown', onKey);
  window.addEventListener('paste', onPasteEvent);
  return () => {
    window.removeEventListener('keydown', onKey);
    window.removeEventListener('paste', onPasteEvent);
  };
}
