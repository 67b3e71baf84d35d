/**
 * The console's command history, as shells keep it: Up walks back through earlier lines, Down walks
 * forward and finally returns the line being typed before the walk began; running a line appends it
 * (not when it repeats the previous one) and ends the walk. Immutable: each step returns a new state.
 */

export interface HistoryState {
  /** Earlier lines, oldest first. */
  lines: readonly string[];
  /** Index in `lines` while walking, or null when not walking. */
  cursor: number | null;
  /** What was typed before the walk began. */
  draft: string;
}

/** The most lines kept. */
export const HISTORY_LIMIT = 200;

export const emptyHistory: HistoryState = { lines: [], cursor: null, draft: '' };

/** Records a line that was run. */
export function pushHistory(h: HistoryState, line: string): HistoryState {
  const trimmed = line.trim();
  if (!trimmed) return { ...h, cursor: null, draft: '' };
  const lines =
    h.lines[h.lines.length - 1] === trimmed ? h.lines : [...h.lines, trimmed].slice(-HISTORY_LIMIT);
  return { lines, cursor: null, draft: '' };
}

/** One step up (older) or down (newer); `current` is the input's text. Returns the state and the text. */
export function walkHistory(
  h: HistoryState,
  direction: 'up' | 'down',
  current: string,
): { state: HistoryState; text: string } {
  if (h.lines.length === 0) return { state: h, text: current };
  if (direction === 'up') {
    const cursor = h.cursor === null ? h.lines.length - 1 : Math.max(0, h.cursor - 1);
    const draft = h.cursor === null ? current : h.draft;
    return { state: { ...h, cursor, draft }, text: h.lines[cursor] ?? '' };
  }
  if (h.cursor === null) return { state: h, text: current };
  if (h.cursor >= h.lines.length - 1) return { state: { ...h, cursor: null }, text: h.draft };
  const cursor = h.cursor + 1;
  return { state: { ...h, cursor }, text: h.lines[cursor] ?? '' };
}
