/**
 * The deck slice: the user's decks (each a Markdown text, the file format of a deck), which deck is open,
 * and the slide shown. Decks belong to the document: they are saved locally (their own localStorage key,
 * beside the document's) and travel in the project file (`Project.decks`, see decksForProject and
 * restoreDecks). The slide index is session state and is not saved. The built-in talk deck is not stored:
 * features know it by BUILT_IN_DECK_ID.
 */
import { useSyncExternalStore } from 'react';
import { createStore, useStore } from 'zustand';
import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware';

/** One deck as stored and as written in the project file. */
export interface DeckDoc {
  id: string;
  name: string;
  /** The deck's Markdown (slides between `---` lines, `Note:` sections, ```scene blocks). */
  markdown: string;
}

export interface DeckState {
  decks: DeckDoc[];
  /** The open deck (a stored deck's id or BUILT_IN_DECK_ID). */
  activeId: string;
  slideIndex: number;
}

/** The id by which features name the built-in deck (the talk); never stored in `decks`. */
export const BUILT_IN_DECK_ID = 'builtin:kubernetes-talk';

/** localStorage key of the saved decks. */
export const DECKS_STORAGE_KEY = 'kubecanvas.decks.v1';

/** Bounds on what a project file or a saved state may bring in. */
const MAX_DECKS = 200;
const MAX_MARKDOWN_CHARS = 5_000_000;

const memory = new Map<string, string>();
const memoryStorage: StateStorage = {
  getItem: (k) => memory.get(k) ?? null,
  setItem: (k, v) => void memory.set(k, v),
  removeItem: (k) => void memory.delete(k),
};

/** The vanilla store (tests and non-React code); components use the hooks below. */
export const deckStore = createStore<DeckState>()(
  persist((): DeckState => ({ decks: [], activeId: BUILT_IN_DECK_ID, slideIndex: 0 }), {
    name: DECKS_STORAGE_KEY,
    version: 1,
    storage: createJSONStorage(() => (typeof localStorage === 'undefined' ? memoryStorage : localStorage)),
    partialize: (s) => ({ decks: s.decks, activeId: s.activeId }),
    merge: (saved, current) => {
      const s = (saved ?? {}) as Partial<DeckState>;
      const decks = restoreDecks(s.decks);
      const activeId =
        typeof s.activeId === 'string' && decks.some((d) => d.id === s.activeId)
          ? s.activeId
          : BUILT_IN_DECK_ID;
      return { ...current, decks, activeId };
    },
  }),
);

/**
 * Reads decks from untrusted data (a project file, an old saved state): keeps well-formed entries, drops
 * the rest, makes ids unique. Never throws.
 */
export function restoreDecks(data: unknown): DeckDoc[] {
  if (!Array.isArray(data)) return [];
  const out: DeckDoc[] = [];
  const ids = new Set<string>();
  for (const d of data.slice(0, MAX_DECKS)) {
    if (typeof d !== 'object' || d === null) continue;
    const { id, name, markdown } = d as Record<string, unknown>;
    if (typeof markdown !== 'string' || markdown.length > MAX_MARKDOWN_CHARS) continue;
    let unique = typeof id === 'string' && id && id !== BUILT_IN_DECK_ID ? id : `deck-${out.length + 1}`;
    while (ids.has(unique)) unique = `${unique}-copy`;
    ids.add(unique);
    out.push({ id: unique, name: typeof name === 'string' && name ? name : 'Untitled deck', markdown });
  }
  return out;
}

// ---- undo history of deck edits ----

/**
 * Deck edits have their own undo history (the document's zundo history covers the design): each entry is
 * the list of decks before an edit. Typing in one field of one slide is one entry, not one per key: an
 * edit with the same `mergeKey` as the previous one within MERGE_MS joins it.
 */
interface DeckHistory {
  past: DeckDoc[][];
  future: DeckDoc[][];
  lastKey: string | undefined;
  lastAt: number;
}

export const DECK_HISTORY_LIMIT = 100;
const MERGE_MS = 1000;
const history: DeckHistory = { past: [], future: [], lastKey: undefined, lastAt: 0 };
const historyListeners = new Set<() => void>();
let historyVersion = 0;

function historyChanged(): void {
  historyVersion++;
  for (const l of [...historyListeners]) l();
}

/** Sets the decks as one undoable edit (merged with the previous edit of the same `mergeKey`). */
function commitDecks(decks: DeckDoc[], extra: Partial<DeckState> = {}, mergeKey?: string): void {
  const before = deckStore.getState().decks;
  if (decks === before && Object.keys(extra).length === 0) return;
  const now = Date.now();
  const merge = mergeKey !== undefined && mergeKey === history.lastKey && now - history.lastAt < MERGE_MS;
  if (decks !== before && !merge) {
    history.past = [...history.past, before].slice(-DECK_HISTORY_LIMIT);
  }
  if (decks !== before) history.future = [];
  history.lastKey = mergeKey;
  history.lastAt = now;
  deckStore.setState({ decks, ...extra });
  historyChanged();
}

function keepActiveValid(decks: DeckDoc[]): Partial<DeckState> {
  const { activeId } = deckStore.getState();
  return activeId === BUILT_IN_DECK_ID || decks.some((d) => d.id === activeId)
    ? {}
    : { activeId: decks.at(-1)?.id ?? BUILT_IN_DECK_ID, slideIndex: 0 };
}

/** Undoes the last deck edit; false when there is none. */
export function undoDeckEdit(): boolean {
  const prev = history.past.at(-1);
  if (!prev) return false;
  history.past = history.past.slice(0, -1);
  history.future = [...history.future, deckStore.getState().decks];
  history.lastKey = undefined;
  deckStore.setState({ decks: prev, ...keepActiveValid(prev) });
  historyChanged();
  return true;
}

/** Redoes the last undone deck edit; false when there is none. */
export function redoDeckEdit(): boolean {
  const next = history.future.at(-1);
  if (!next) return false;
  history.future = history.future.slice(0, -1);
  history.past = [...history.past, deckStore.getState().decks];
  history.lastKey = undefined;
  deckStore.setState({ decks: next, ...keepActiveValid(next) });
  historyChanged();
  return true;
}

/** Forgets the deck edit history (tests, a loaded project). */
export function clearDeckHistory(): void {
  history.past = [];
  history.future = [];
  history.lastKey = undefined;
  historyChanged();
}

/** Whether there is an edit to undo and to redo. */
export function deckHistoryState(): { canUndo: boolean; canRedo: boolean } {
  return { canUndo: history.past.length > 0, canRedo: history.future.length > 0 };
}

// ---- commands ----

function nextId(decks: DeckDoc[]): string {
  const taken = new Set(decks.map((d) => d.id));
  let n = decks.length + 1;
  while (taken.has(`deck-${n}`)) n++;
  return `deck-${n}`;
}

/** Adds a deck and opens it at its first slide; returns its id. */
export function createDeck(name: string, markdown: string): string {
  const { decks } = deckStore.getState();
  const id = nextId(decks);
  commitDecks([...decks, { id, name, markdown }], { activeId: id, slideIndex: 0 });
  return id;
}

/**
 * Replaces a stored deck's Markdown (an edit of its slides), as one undoable edit. Edits with the same
 * `mergeKey` in quick succession (typing in one text field) are one edit. Unknown ids are ignored.
 */
export function updateDeckMarkdown(id: string, markdown: string, mergeKey?: string): void {
  const { decks } = deckStore.getState();
  if (!decks.some((d) => d.id === id && d.markdown !== markdown)) return;
  commitDecks(
    decks.map((d) => (d.id === id ? { ...d, markdown } : d)),
    {},
    mergeKey === undefined ? undefined : `${id}:${mergeKey}`,
  );
}

/** Renames a stored deck (undoable; typing the name is one edit). */
export function renameDeck(id: string, name: string): void {
  const { decks } = deckStore.getState();
  if (!decks.some((d) => d.id === id && d.name !== name)) return;
  commitDecks(
    decks.map((d) => (d.id === id ? { ...d, name } : d)),
    {},
    `${id}:name`,
  );
}

/** Deletes a stored deck (undoable); the built-in deck opens when it was the open one. */
export function removeDeck(id: string): void {
  const { decks, activeId } = deckStore.getState();
  if (!decks.some((d) => d.id === id)) return;
  commitDecks(
    decks.filter((d) => d.id !== id),
    activeId === id ? { activeId: BUILT_IN_DECK_ID, slideIndex: 0 } : {},
  );
}

/**
 * Adds decks that came with a share link, as copies beside the user's own (ids and names made unique,
 * nothing of the user's replaced); undoable. Returns the ids given to them.
 */
export function addDeckCopies(incoming: unknown): string[] {
  const copies = restoreDecks(incoming);
  if (copies.length === 0) return [];
  const { decks } = deckStore.getState();
  const taken = new Set(decks.map((d) => d.id));
  const names = new Set(decks.map((d) => d.name));
  const added: DeckDoc[] = [];
  for (const c of copies) {
    let id = c.id;
    while (taken.has(id)) id = `${id}-shared`;
    taken.add(id);
    let name = c.name;
    if (names.has(name)) name = `${name} (shared)`;
    names.add(name);
    added.push({ id, name, markdown: c.markdown });
  }
  commitDecks([...decks, ...added]);
  return added.map((d) => d.id);
}

/** Opens a deck (a stored one or the built-in one) at its first slide. */
export function openDeck(id: string): void {
  deckStore.setState({ activeId: id, slideIndex: 0 });
}

/** Shows slide n (not bounded here: the presentation clamps it to the deck it shows). */
export function setSlideIndex(n: number): void {
  if (deckStore.getState().slideIndex !== n) deckStore.setState({ slideIndex: Math.max(0, Math.floor(n)) });
}

/** The decks to write in the project file (`Project.decks`). */
export function decksForProject(): DeckDoc[] {
  return deckStore.getState().decks;
}

/** Replaces the decks by those of a loaded project file (tolerant: see restoreDecks). */
export function loadDecks(data: unknown): void {
  const decks = restoreDecks(data);
  const { activeId } = deckStore.getState();
  commitDecks(
    decks,
    decks.some((d) => d.id === activeId) ? {} : { activeId: BUILT_IN_DECK_ID, slideIndex: 0 },
  );
}

// ---- hooks ----

/** Whether deck edits can be undone and redone (re-renders when the history changes). */
export function useDeckHistory(): { canUndo: boolean; canRedo: boolean } {
  useSyncExternalStore(
    (l) => {
      historyListeners.add(l);
      return () => historyListeners.delete(l);
    },
    () => historyVersion,
  );
  return deckHistoryState();
}

const selectDecks = (s: DeckState) => s.decks;
const selectActiveId = (s: DeckState) => s.activeId;
const selectSlideIndex = (s: DeckState) => s.slideIndex;

/** The stored decks (stable identity while unchanged). */
export const useDecks = (): DeckDoc[] => useStore(deckStore, selectDecks);
/** The open deck's id. */
export const useActiveDeckId = (): string => useStore(deckStore, selectActiveId);
/** The slide shown. */
export const useSlideIndex = (): number => useStore(deckStore, selectSlideIndex);
