/**
 * Share links: the whole design (objects, positions, seed) and the user's decks compressed into the URL's
 * hash, so a colleague opens the same design and talk with no server involved. Opening a link loads the
 * design as one undoable step and keeps the design that was there before under a backup key; the link's
 * decks are added as copies beside the colleague's own (never replacing one), as one undoable deck edit.
 */
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import { addDeckCopies, decksForProject, restoreDecks, type DeckDoc } from './deck';
import { documentStore, type DocumentState } from './document';
import { parseSaved, serializeDocument, STORAGE_KEY } from './persist';

/** The hash prefix of a share link. */
export const SHARE_PREFIX = '#design=';

/** The text a link carries: the saved-document JSON, with the decks beside it when there are any. */
function payload(doc: DocumentState, decks: readonly DeckDoc[]): string {
  const text = serializeDocument(doc);
  if (decks.length === 0) return text;
  return JSON.stringify({ ...(JSON.parse(text) as object), decks });
}

/** The page's address without its hash and without `?demo=`/`?seed=` (the link carries the design). */
function linkBase(base: string): string {
  const page = base.split('#')[0] ?? base;
  const q = page.indexOf('?');
  if (q < 0) return page;
  const params = new URLSearchParams(page.slice(q));
  params.delete('demo');
  params.delete('seed');
  const rest = params.toString();
  return page.slice(0, q) + (rest ? `?${rest}` : '');
}

/** A link that opens the current design and decks (never a template's `?demo=`, which would open too). */
export function shareLink(base: string): string {
  const text = payload(documentStore.getState(), decksForProject());
  return `${linkBase(base)}${SHARE_PREFIX}${compressToEncodedURIComponent(text)}`;
}

function textOf(hash: string): string {
  const text = decompressFromEncodedURIComponent(hash.slice(SHARE_PREFIX.length));
  if (!text) throw new Error('the link is damaged (it could not be decompressed)');
  return text;
}

/** The design a share hash carries; throws when the link is damaged. */
export function designFromHash(hash: string): DocumentState {
  return parseSaved(textOf(hash));
}

/** The decks a share hash carries (none for a link made before decks travelled; tolerant of bad ones). */
export function decksFromHash(hash: string): DeckDoc[] {
  try {
    const data: unknown = JSON.parse(textOf(hash));
    return restoreDecks(typeof data === 'object' && data !== null ? (data as { decks?: unknown }).decks : []);
  } catch {
    return [];
  }
}

/** Adds the decks of a share hash as copies; returns how many. */
export function openSharedDecks(hash: string): number {
  return addDeckCopies(decksFromHash(hash)).length;
}

/** Keeps the locally saved design under a backup key before a link (or a `?demo=` template) replaces it. */
export function backUpSavedDesign(reason: 'before-link' | 'before-demo' = 'before-link'): void {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved) localStorage.setItem(`${STORAGE_KEY}:${reason}:${Date.now()}`, saved);
  } catch {
    // No storage: nothing was saved to lose.
  }
}
