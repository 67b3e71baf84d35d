/**
 * The deck slice: the user's decks (each a Markdown text, the file format of a deck), which deck is open,
 * and the slide shown. Decks belong to the document: they are saved locally (their own localStorage key,
 * beside the document's) and travel in the project file (`Project.decks`, see decksForProject and
 * restoreDecks). The slide index is session state and is not saved. The built-in talk deck is not stored:
 * features know it by BUILT_IN_DECK_ID.
 */
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
  deckStore.setState({ decks: [...decks, { id, name, markdown }], activeId: id, slideIndex: 0 });
  return id;
}

/** Replaces a stored deck's Markdown (an edit of its slides). Unknown ids are ignored. */
export function updateDeckMarkdown(id: string, markdown: string): void {
  const { decks } = deckStore.getState();
  deckStore.setState({
    decks: decks.map((d) => (d.id === id && d.markdown !== markdown ? { ...d, markdown } : d)),
  });
}

/** Renames a stored deck. */
export function renameDeck(id: string, name: string): void {
  const { decks } = deckStore.getState();
  deckStore.setState({ decks: decks.map((d) => (d.id === id ? { ...d, name } : d)) });
}

/** Deletes a stored deck; the built-in deck opens when it was the open one. */
export function removeDeck(id: string): void {
  const { decks, activeId } = deckStore.getState();
  deckStore.setState({
    decks: decks.filter((d) => d.id !== id),
    ...(activeId === id ? { activeId: BUILT_IN_DECK_ID, slideIndex: 0 } : {}),
  });
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
  deckStore.setState({
    decks,
    ...(decks.some((d) => d.id === activeId) ? {} : { activeId: BUILT_IN_DECK_ID, slideIndex: 0 }),
  });
}

// ---- hooks ----

const selectDecks = (s: DeckState) => s.decks;
const selectActiveId = (s: DeckState) => s.activeId;
const selectSlideIndex = (s: DeckState) => s.slideIndex;

/** The stored decks (stable identity while unchanged). */
export const useDecks = (): DeckDoc[] => useStore(deckStore, selectDecks);
/** The open deck's id. */
export const useActiveDeckId = (): string => useStore(deckStore, selectActiveId);
/** The slide shown. */
export const useSlideIndex = (): number => useStore(deckStore, selectSlideIndex);
