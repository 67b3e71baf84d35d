/**
 * Decks as Markdown files, in the conventions of the common slide tools:
 * - slides are separated by a line holding only `---` (reveal.js, Marp, Slidev); blank lines around it are
 *   optional;
 * - speaker notes follow a line `Note:` or `Notes:` (reveal.js) up to the end of the slide, or sit in an
 *   HTML comment `<!-- ... -->` (Marp); comments are never shown on the slide;
 * - a fenced block ```scene holds the slide's live scene (YAML, see scene.ts) and ```diagram a drawn
 *   diagram (YAML, see diagram.ts).
 * Lines inside fenced code blocks are never separators or notes (a scene's YAML may hold `---`).
 * Serializing writes `---` between slides and a `Note:` section; parse(serialize(deck)) equals the deck.
 */
import type { Deck, Slide } from './types';

const FENCE_OPEN = /^\s{0,3}(`{3,}|~{3,})/;
const SEPARATOR = /^---\s*$/;
const NOTE = /^notes?:\s*(.*)$/i;

/**
 * The fence open after `line`, given the one open before it (null: none). A fence closes on a line of the
 * same character at least as long, as CommonMark says.
 */
export function nextFence(line: string, open: string | null): string | null {
  const m = FENCE_OPEN.exec(line);
  if (!m?.[1]) return open;
  if (open === null) return m[1];
  const closes =
    line.trim().replace(/[`~]+$/, '') === '' && m[1][0] === open[0] && m[1].length >= open.length;
  return closes ? null : open;
}

/** Splits Markdown text into slides (body and notes). An empty text gives a deck of one empty slide. */
export function parseDeck(text: string): Deck {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const chunks: string[][] = [[]];
  let fence: string | null = null;
  for (const line of lines) {
    const before = fence;
    fence = nextFence(line, fence);
    if (before === null && fence === null && SEPARATOR.test(line)) chunks.push([]);
    else chunks[chunks.length - 1]?.push(line);
  }
  // A leading `---` (front matter style) does not make an empty first slide.
  if (chunks.length > 1 && chunks[0]?.every((l) => l.trim() === '')) chunks.shift();
  return { slides: chunks.map(parseSlide) };
}

function parseSlide(lines: string[]): Slide {
  const body: string[] = [];
  const notes: string[] = [];
  let fence: string | null = null;
  let mode: 'body' | 'notes' | 'comment' = 'body';
  for (const line of lines) {
    if (mode === 'notes') {
      notes.push(line);
      continue;
    }
    if (mode === 'comment') {
      const end = line.indexOf('-->');
      notes.push(end >= 0 ? line.slice(0, end) : line);
      if (end >= 0) mode = 'body';
      continue;
    }
    const before = fence;
    fence = nextFence(line, fence);
    if (before !== null || fence !== null) {
      body.push(line);
      continue;
    }
    const note = NOTE.exec(line);
    if (note) {
      mode = 'notes';
      if (note[1]) notes.push(note[1]);
    } else if (line.trimStart().startsWith('<!--')) {
      const start = line.indexOf('<!--') + 4;
      const end = line.indexOf('-->', start);
      const text = (end >= 0 ? line.slice(start, end) : line.slice(start)).trim();
      if (text) notes.push(text);
      if (end < 0) mode = 'comment';
    } else body.push(line);
  }
  return { body: trimBlank(body.join('\n')), notes: trimBlank(notes.join('\n')) };
}

/** Removes blank lines at both ends and trailing spaces of the text, keeping inner layout. */
function trimBlank(text: string): string {
  return text.replace(/^(\s*\n)+/, '').replace(/\s+$/, '');
}

/** Writes a deck as Markdown: slides between `---` lines, notes after a `Note:` line. */
export function serializeDeck(deck: Deck): string {
  return `${deck.slides.map(serializeSlide).join('\n\n---\n\n')}\n`;
}

function serializeSlide(slide: Slide): string {
  const body = trimBlank(slide.body);
  const notes = trimBlank(slide.notes);
  if (!notes) return body;
  return body ? `${body}\n\nNote:\n${notes}` : `Note:\n${notes}`;
}

/** The slide's title: its first heading, else its first non-empty line, without Markdown marks. */
export function slideTitle(slide: Slide): string {
  const lines: string[] = [];
  let fence: string | null = null;
  for (const line of slide.body.split('\n')) {
    const before = fence;
    fence = nextFence(line, fence);
    if (before === null && fence === null && line.trim() !== '') lines.push(line);
  }
  const first = lines.find((l) => /^#{1,6}\s/.test(l)) ?? lines[0] ?? '';
  return first
    .replace(/^#{1,6}\s+/, '')
    .replace(/[*_`]/g, '')
    .trim();
}

/** A deck's title: the first slide's title, or a fallback. */
export function deckTitle(deck: Deck, fallback = 'Untitled deck'): string {
  const first = deck.slides[0];
  return (first && slideTitle(first)) || fallback;
}
