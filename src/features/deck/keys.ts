/** What a key does in presentation mode (clickers send PageDown/PageUp, some send B or period). */
export type DeckAction =
  'next' | 'prev' | 'first' | 'last' | 'black' | 'overview' | 'fullscreen' | 'presenter' | 'reset' | 'exit';

const KEYS: Record<string, DeckAction> = {
  ArrowRight: 'next',
  ArrowDown: 'next',
  ' ': 'next',
  PageDown: 'next',
  Enter: 'next',
  n: 'next',
  ArrowLeft: 'prev',
  ArrowUp: 'prev',
  PageUp: 'prev',
  Backspace: 'prev',
  p: 'prev',
  Home: 'first',
  End: 'last',
  b: 'black',
  '.': 'black',
  o: 'overview',
  f: 'fullscreen',
  s: 'presenter',
  r: 'reset',
  Escape: 'exit',
};

/** The action of a key press, or null (typing in a field, or a shortcut with a modifier, is never one). */
export function deckAction(
  e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'target'>,
): DeckAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  const t = e.target as { tagName?: string; isContentEditable?: boolean } | null;
  if (
    t &&
    (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable)
  )
    return null;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  return KEYS[key] ?? null;
}
