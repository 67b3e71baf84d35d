import { useMemo } from 'react';
import { BUILT_IN_DECK_ID, useActiveDeckId, useDecks } from '../../store';
import { parseDeck, type Deck } from './model';
import { BUILT_IN_DECK_MARKDOWN, BUILT_IN_DECK_NAME } from './talk/builtInDeck';

/** The open deck: its id, name, Markdown and slides, and whether it is the built-in (read-only) one. */
export interface OpenDeck {
  id: string;
  name: string;
  markdown: string;
  deck: Deck;
  builtIn: boolean;
}

/** The deck to show: the one open in the deck slice, or the built-in talk. */
export function useOpenDeck(): OpenDeck {
  const id = useActiveDeckId();
  const decks = useDecks();
  const stored = decks.find((d) => d.id === id);
  const markdown = stored?.markdown ?? BUILT_IN_DECK_MARKDOWN;
  const deck = useMemo(() => parseDeck(markdown), [markdown]);
  return stored
    ? { id: stored.id, name: stored.name, markdown, deck, builtIn: false }
    : { id: BUILT_IN_DECK_ID, name: BUILT_IN_DECK_NAME, markdown, deck, builtIn: true };
}
