/**
 * Column alignment as kubectl's printers.GetNewTabWriter sets up Go's text/tabwriter (minwidth 6,
 * padding 3, padded with spaces): every column but the last is as wide as its widest cell plus 3, and at
 * least 6; the last column is not padded.
 */

const MIN_WIDTH = 6;
const PADDING = 3;

/** Aligns a header row and data rows into kubectl's table text (no trailing newline). */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, col) =>
    Math.max(MIN_WIDTH, ...all.map((r) => (r[col] ?? '').length + PADDING)),
  );
  return all
    .map((r) => r.map((cell, col) => (col === r.length - 1 ? cell : cell.padEnd(widths[col] ?? 0))).join(''))
    .join('\n');
}
