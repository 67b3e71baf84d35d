import { beforeEach, describe, expect, it } from 'vitest';
import { BUILT_IN_DECK_ID, clearDeckHistory, createDeck, deckStore, undoDeckEdit } from './deck';
import { documentStore } from './document';
import { decksFromHash, designFromHash, openSharedDecks, shareLink, SHARE_PREFIX } from './share';
import { exampleCluster } from './templates';

beforeEach(() => {
  deckStore.setState({ decks: [], activeId: BUILT_IN_DECK_ID, slideIndex: 0 });
  clearDeckHistory();
});

const hashOf = (link: string) => link.slice(link.indexOf('#'));

describe('share links', () => {
  it('carry the whole design in the hash and open it again', () => {
    const doc = { objects: exampleCluster(), positions: { 'Node//node-1': { x: 3, y: 4 } }, seed: 9 };
    documentStore.setState(doc);
    const link = shareLink('http://localhost/app?x=1#present');
    expect(link.startsWith(`http://localhost/app?x=1${SHARE_PREFIX}`)).toBe(true);
    expect(designFromHash(hashOf(link))).toEqual(doc);
    expect(decksFromHash(hashOf(link))).toEqual([]);
  });

  it('made on a ?demo= or ?seed= page, do not carry them (the link is the design, not the template)', () => {
    documentStore.setState({ objects: exampleCluster(), positions: {}, seed: 4 });
    expect(shareLink('http://localhost/app?demo=talk-app#x').split('#')[0]).toBe('http://localhost/app');
    expect(shareLink('http://localhost/?seed=3&engine=main&demo=web').split('#')[0]).toBe(
      'http://localhost/?engine=main',
    );
    expect(designFromHash(hashOf(shareLink('http://localhost/?demo=web'))).seed).toBe(4);
  });

  it('refuse a damaged link', () => {
    expect(() => designFromHash(`${SHARE_PREFIX}garbage`)).toThrow();
    expect(decksFromHash(`${SHARE_PREFIX}garbage`)).toEqual([]);
  });

  it('carry the decks, and opening the link adds them as copies beside the ones already there', () => {
    documentStore.setState({ objects: exampleCluster(), positions: {}, seed: 3 });
    createDeck('My talk', '# One\n\n---\n\n# Two\n\nNote: say hello');
    const link = shareLink('http://localhost/');
    expect(designFromHash(hashOf(link)).seed).toBe(3);

    // The colleague already has a deck with the same id and name: nothing of theirs is replaced.
    deckStore.setState({ decks: [{ id: 'deck-1', name: 'My talk', markdown: '# Mine' }] });
    clearDeckHistory();
    expect(openSharedDecks(hashOf(link))).toBe(1);
    expect(deckStore.getState().decks).toEqual([
      { id: 'deck-1', name: 'My talk', markdown: '# Mine' },
      { id: 'deck-1-shared', name: 'My talk (shared)', markdown: '# One\n\n---\n\n# Two\n\nNote: say hello' },
    ]);
    // One undoable step.
    expect(undoDeckEdit()).toBe(true);
    expect(deckStore.getState().decks).toEqual([{ id: 'deck-1', name: 'My talk', markdown: '# Mine' }]);
  });
});
