import { describe, expect, it } from 'vitest';
import { createDeck, deckStore, loadDecks } from './deck';
import { documentStore } from './document';
import { exportProject, importText } from './io';
import { exampleCluster } from './templates';

describe('project files', () => {
  it("carry the user's decks with the design, and bring them back when opened", async () => {
    documentStore.setState({ objects: exampleCluster(), positions: {}, seed: 1 });
    loadDecks([]);
    createDeck('My talk', '# Hello\n\n---\n\n# Second slide\n');
    const file = await exportProject();
    loadDecks([]);
    expect(deckStore.getState().decks.some((d) => d.name === 'My talk')).toBe(false);
    const outcome = await importText(file, 'talk.kubecanvas.json');
    expect(outcome).toEqual({ ok: true, count: exampleCluster().length });
    const deck = deckStore.getState().decks.find((d) => d.name === 'My talk');
    expect(deck?.markdown).toBe('# Hello\n\n---\n\n# Second slide\n');
  });
});
