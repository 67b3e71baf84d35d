/**
 * Share links: the whole design (objects, positions, seed) compressed into the URL's hash, so a colleague
 * opens the same design with no server involved. Opening a link loads the design as one undoable step and
 * keeps the design that was there before under a backup key.
 */
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import { documentStore, type DocumentState } from './document';
import { parseSaved, serializeDocument, STORAGE_KEY } from './persist';

/** The hash prefix of a share link. */
export const SHARE_PREFIX = '#design=';

/** A link that opens the current design. */
export function shareLink(base: string): string {
  return `${base.split('#')[0] ?? base}${SHARE_PREFIX}${compressToEncodedURIComponent(serializeDocument(documentStore.getState()))}`;
}

/** The design a share hash carries; throws when the link is damaged. */
export function designFromHash(hash: string): DocumentState {
  const text = decompressFromEncodedURIComponent(hash.slice(SHARE_PREFIX.length));
  if (!text) throw new Error('the link is damaged (it could not be decompressed)');
  return parseSaved(text);
}

/** Keeps the locally saved design under a backup key before a link replaces it. */
export function backUpSavedDesign(): void {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved) localStorage.setItem(`${STORAGE_KEY}:before-link:${Date.now()}`, saved);
  } catch {
    // No storage: nothing was saved to lose.
  }
}
