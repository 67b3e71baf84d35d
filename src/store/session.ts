/**
 * The session slice: what this tab is doing, never undone and (except the speed) never saved: selection,
 * play state and speed, open panels, and the messages shown to the person (import errors, engine errors).
 */
import { createStore } from 'zustand/vanilla';
import { keepText } from './persist';

/** Speeds the timeline offers (simulated ms per wall ms), slowest first; setSpeed keeps within them. */
export const SPEEDS = [0.25, 0.5, 1, 2, 5, 10, 25, 50, 100] as const;

/** A message for the person: what happened, in one line each. */
export interface Notice {
  id: number;
  tone: 'error' | 'info';
  title: string;
  lines: string[];
  /** Work under way (a big import): how far it is, shown as a bar; the notice stays until it ends. */
  progress?: { label: string; done: number; total: number };
  /** Shown as a Cancel button while the work is under way. */
  onCancel?: () => void;
  /** A button that acts on the message (e.g. Restore); such a notice stays until dismissed. */
  action?: { label: string; run: () => void };
  /** More buttons, beside `action` (a choice between two ways). */
  actions?: Array<{ label: string; run: () => void }>;
}

/** An import that failed validation: the person's text, kept to fix in the YAML panel and retry. */
export interface RejectedImport {
  id: number;
  file: string;
  text: string;
  errors: string[];
  /** Kept from before a reload: when it was last changed, ms since the epoch. */
  restoredFrom?: number;
}

/** Where rejected imports are kept across a reload (under persist's TEXT_PREFIX), by file. */
export const IMPORT_KEY = 'import:';

function keepImport(r: RejectedImport | undefined, file: string): void {
  keepText(
    `${IMPORT_KEY}${file}`,
    r && { file: r.file, text: r.text, errors: r.errors, savedAt: Date.now() },
  );
}

/** The session state (read it with useSession). */
export interface SessionState {
  selection: string | null;
  /** Every selected key when several are (box select, Shift+click); the primary one is `selection`. */
  selectedKeys: string[];
  playing: boolean;
  speed: number;
  panels: { inspector: boolean; dock: boolean };
  notices: Notice[];
  /** Grows when the whole view should be fitted again (a new design, a big import). */
  fitRequest: number;
  /** Imports that failed, oldest first, until retried successfully or discarded. */
  rejectedImports: RejectedImport[];
}

/** The session store (vanilla zustand); change it through the commands. */
export const sessionStore = createStore<SessionState>(() => ({
  selection: null,
  selectedKeys: [],
  playing: true,
  speed: 1,
  panels: { inspector: true, dock: true },
  notices: [],
  fitRequest: 0,
  rejectedImports: [],
}));

/** Asks the canvas to fit the whole design into view. */
export function requestFit(): void {
  sessionStore.setState((s) => ({ fitRequest: s.fitRequest + 1 }));
}

let noticeId = 0;

/** Shows a message; returns its id (to dismiss it). */
export function notify(tone: Notice['tone'], title: string, lines: string[] = []): number {
  const id = ++noticeId;
  sessionStore.setState((s) => ({ notices: [...s.notices.slice(-4), { id, tone, title, lines }] }));
  return id;
}

let rejectedId = 0;

/**
 * Keeps the text of a failed import (replacing an earlier one of the same file) and opens the dock, where
 * the YAML panel shows it with its errors; returns its id.
 */
export function keepRejectedImport(file: string, text: string, errors: string[]): number {
  const id = ++rejectedId;
  sessionStore.setState((s) => ({
    rejectedImports: [...s.rejectedImports.filter((r) => r.file !== file), { id, file, text, errors }],
    panels: { ...s.panels, dock: true },
  }));
  keepImport({ id, file, text, errors }, file);
  return id;
}

/**
 * Puts back the imports that had failed before a reload (their stored values), opening the dock on them
 * as when they failed; returns their files.
 */
export function restoreRejectedImports(kept: readonly unknown[]): string[] {
  const items: RejectedImport[] = [];
  for (const value of kept) {
    const v = value as { file?: unknown; text?: unknown; errors?: unknown; savedAt?: unknown } | undefined;
    if (typeof v?.file !== 'string' || typeof v.text !== 'string' || !Array.isArray(v.errors)) continue;
    items.push({
      id: ++rejectedId,
      file: v.file,
      text: v.text,
      errors: v.errors.filter((e): e is string => typeof e === 'string'),
      restoredFrom: typeof v.savedAt === 'number' ? v.savedAt : 0,
    });
  }
  if (items.length > 0)
    sessionStore.setState((s) => ({
      rejectedImports: [...s.rejectedImports, ...items],
      panels: { ...s.panels, dock: true },
    }));
  return items.map((r) => r.file);
}

/** Updates a kept import (the person's edited text, the errors of the last attempt). */
export function updateRejectedImport(
  id: number,
  patch: Partial<Pick<RejectedImport, 'text' | 'errors'>>,
): void {
  sessionStore.setState((s) => ({
    rejectedImports: s.rejectedImports.map((r) => (r.id === id ? { ...r, ...patch } : r)),
  }));
  const r = sessionStore.getState().rejectedImports.find((i) => i.id === id);
  if (r) keepImport(r, r.file);
}

/** Drops a kept import (retried successfully, or discarded); by id, or every one of a file. */
export function dropRejectedImport(which: { id: number } | { file: string }): void {
  const files = sessionStore
    .getState()
    .rejectedImports.filter((r) => ('id' in which ? r.id === which.id : r.file === which.file))
    .map((r) => r.file);
  for (const f of new Set(files)) keepImport(undefined, f);
  sessionStore.setState((s) => ({
    rejectedImports: s.rejectedImports.filter((r) =>
      'id' in which ? r.id !== which.id : r.file !== which.file,
    ),
  }));
}

/** Changes a message in place (progress of the work it reports); nothing when it was dismissed. */
export function updateNotice(id: number, patch: Partial<Omit<Notice, 'id'>>): void {
  sessionStore.setState((s) => ({
    notices: s.notices.map((n) => (n.id === id ? { ...n, ...patch } : n)),
  }));
}

/** Removes a message. */
export function dismissNotice(id: number): void {
  sessionStore.setState((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
}

/** Selects an object by key (null clears the selection). */
export function select(key: string | null): void {
  if (sessionStore.getState().selection !== key)
    sessionStore.setState({ selection: key, selectedKeys: key ? [key] : [] });
}

/** Selects several objects (the first is the primary selection the inspector shows). */
export function selectMany(keys: readonly string[]): void {
  const s = sessionStore.getState();
  if (keys.length === s.selectedKeys.length && keys.every((k, i) => k === s.selectedKeys[i])) return;
  const primary = s.selection && keys.includes(s.selection) ? s.selection : (keys[0] ?? null);
  sessionStore.setState({ selection: primary, selectedKeys: [...keys] });
}

/** Opens or closes a panel. */
export function togglePanel(panel: keyof SessionState['panels'], open?: boolean): void {
  sessionStore.setState((s) => ({ panels: { ...s.panels, [panel]: open ?? !s.panels[panel] } }));
}
