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
