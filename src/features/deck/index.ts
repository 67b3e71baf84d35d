/**
 * The deck feature: Markdown decks with live scenes, presentation mode, the presenter window, the deck
 * panel, and the talk as the built-in deck.
 *
 * The app shell mounts it like this (see the report of issue #9):
 *   const mode = usePresentMode();            // follows #present / #presenter
 *   if (mode === 'presenter') return <PresenterView />;
 *   if (mode === 'present') return <Presentation />;
 *   ... <DeckButton /> in the top bar, <DeckPanel /> in a panel.
 */
export { Presentation, type PresentationProps } from './Presentation';
export { PresenterView } from './PresenterView';
export { DeckPanel } from './DeckPanel';
export { DeckButton } from './DeckButton';
export {
  shouldPresent,
  isPresenterWindow,
  usePresentMode,
  startPresenting,
  stopPresenting,
  type PresentMode,
} from './presentMode';
export { BUILT_IN_DECK_MARKDOWN, BUILT_IN_DECK_NAME } from './talk/builtInDeck';
export { parseDeck, serializeDeck, type Deck, type Slide } from './model';
