import { beforeEach, describe, expect, it } from 'vitest';
import {
  BUILT_IN_DECK_ID,
  createDeck,
  decksForProject,
  deckStore,
  loadDecks,
  openDeck,
  removeDeck,
  renameDeck,
  restoreDecks,
  setSlideIndex,
  updateDeckMarkdown,
  undoDeckEdit,
  redoDeckEdit,
  clearDeckHistory,
  deckHistoryState,
  DECK_HISTORY_LIMIT,
} from './deckStore';

beforeEach(() => deckStore.setState({ decks: [], activeId: BUILT_IN_DECK_ID, slideIndex: 0 }));

describe('deck commands', () => {
  it('A new deck is stored, opened at its first slide, and goes into the project file.', () => {
    setSlideIndex(4);
    const id = createDeck('Mine', '# One');
    expect(deckStore.getState()).toMatchObject({ activeId: id, slideIndex: 0 });
    expect(decksForProject()).toEqual([{ id, name: 'Mine', markdown: '# One' }]);
  });

  it('Editing, renaming and deleting change only the deck named; deleting the open deck opens the built-in one.', () => {
    const a = createDeck('A', 'a');
    const b = createDeck('B', 'b');
    updateDeckMarkdown(a, 'a2');
    renameDeck(b, 'Bee');
    expect(decksForProject().map((d) => [d.name, d.markdown])).toEqual([
      ['A', 'a2'],
      ['Bee', 'b'],
    ]);
    openDeck(a);
    removeDeck(a);
    expect(deckStore.getState().activeId).toBe(BUILT_IN_DECK_ID);
    expect(decksForProject().map((d) => d.id)).toEqual([b]);
  });

  it('New ids never collide with ids already taken.', () => {
    loadDecks([{ id: 'deck-2', name: 'x', markdown: '' }]);
    expect(createDeck('y', '')).toBe('deck-3');
  });

  it('Loading a project keeps the open deck only when it is still there.', () => {
    const id = createDeck('A', 'a');
    loadDecks([{ id, name: 'A', markdown: 'changed' }]);
    expect(deckStore.getState().activeId).toBe(id);
    loadDecks([]);
    expect(deckStore.getState().activeId).toBe(BUILT_IN_DECK_ID);
  });
});

describe('restoreDecks', () => {
  it.each([
    { name: 'Not a list gives no decks.', data: { decks: 1 }, out: [] },
    {
      name: 'Entries without Markdown text are dropped.',
      data: [null, 3, { id: 'a', markdown: 7 }, { id: 'b', name: 'B', markdown: '#' }],
      out: [{ id: 'b', name: 'B', markdown: '#' }],
    },
    {
      name: 'A missing name becomes "Untitled deck" and a missing id a fresh one.',
      data: [{ markdown: 'x' }],
      out: [{ id: 'deck-1', name: 'Untitled deck', markdown: 'x' }],
    },
    {
      name: 'Duplicate ids and the built-in id are made unique.',
      data: [
        { id: 'd', name: 'a', markdown: '' },
        { id: 'd', name: 'b', markdown: '' },
        { id: BUILT_IN_DECK_ID, name: 'c', markdown: '' },
      ],
      out: [
        { id: 'd', name: 'a', markdown: '' },
        { id: 'd-copy', name: 'b', markdown: '' },
        { id: 'deck-3', name: 'c', markdown: '' },
      ],
    },
  ])('$name', ({ data, out }) => {
    expect(restoreDecks(data)).toEqual(out);
  });
});

describe('deck edit history', () => {
  beforeEach(() => clearDeckHistory());

  it('undoes and redoes adding, editing and deleting, one edit at a time', () => {
    const id = createDeck('Talk', '# One');
    updateDeckMarkdown(id, '# One\n\n---\n\n# Two');
    removeDeck(id);
    expect(deckStore.getState().decks).toEqual([]);
    expect(deckStore.getState().activeId).toBe(BUILT_IN_DECK_ID);

    expect(undoDeckEdit()).toBe(true);
    expect(deckStore.getState().decks).toEqual([{ id, name: 'Talk', markdown: '# One\n\n---\n\n# Two' }]);
    expect(undoDeckEdit()).toBe(true);
    expect(deckStore.getState().decks[0]?.markdown).toBe('# One');
    expect(undoDeckEdit()).toBe(true);
    expect(deckStore.getState().decks).toEqual([]);
    expect(undoDeckEdit()).toBe(false);

    expect(redoDeckEdit()).toBe(true);
    expect(redoDeckEdit()).toBe(true);
    expect(deckStore.getState().decks[0]?.markdown).toBe('# One\n\n---\n\n# Two');
    expect(deckHistoryState()).toEqual({ canUndo: true, canRedo: true });
    // A new edit drops what could be redone.
    updateDeckMarkdown(id, '# Three');
    expect(deckHistoryState().canRedo).toBe(false);
  });

  it('keeps typing in one field as one edit, and separate fields as separate edits', () => {
    const id = createDeck('Talk', '# A');
    updateDeckMarkdown(id, '# AB', 'slide-0-body');
    updateDeckMarkdown(id, '# ABC', 'slide-0-body');
    updateDeckMarkdown(id, '# ABC\n\nNote: n', 'slide-0-notes');
    undoDeckEdit();
    expect(deckStore.getState().decks[0]?.markdown).toBe('# ABC');
    undoDeckEdit();
    expect(deckStore.getState().decks[0]?.markdown).toBe('# A');
  });

  it('keeps at most DECK_HISTORY_LIMIT edits', () => {
    const id = createDeck('Talk', '0');
    for (let i = 1; i <= DECK_HISTORY_LIMIT + 10; i++) updateDeckMarkdown(id, String(i));
    let n = 0;
    while (undoDeckEdit()) n++;
    expect(n).toBe(DECK_HISTORY_LIMIT);
  });
});
