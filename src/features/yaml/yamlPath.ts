/**
 * Where the cursor is in a YAML manifest, found from indentation alone (works while the text is being
 * typed and is not valid YAML): the apiVersion and kind of the document and the keys leading to the line.
 */

/** The document's apiVersion and kind, and the field path of the line (list items are transparent). */
export interface CursorContext {
  apiVersion: string;
  kind: string;
  path: string[];
}

const KEY = /^(\s*)(?:-\s+)?([\w.\-/]+):/;

/** The context of line `lineIndex` (0-based) of `lines`. */
export function cursorContext(lines: readonly string[], lineIndex: number): CursorContext {
  let start = lineIndex;
  while (start > 0 && !/^---/.test(lines[start - 1] ?? '')) start--;
  let end = lineIndex;
  while (end + 1 < lines.length && !/^---/.test(lines[end + 1] ?? '')) end++;
  let apiVersion = '';
  let kind = '';
  for (let i = start; i <= end; i++) {
    const m = /^(apiVersion|kind):\s*["']?([^"'\s#]+)/.exec(lines[i] ?? '');
    if (m?.[1] === 'apiVersion') apiVersion = m[2] ?? '';
    if (m?.[1] === 'kind') kind = m[2] ?? '';
  }
  const current = lines[lineIndex] ?? '';
  let indent = indentOf(current);
  const path: string[] = [];
  for (let i = lineIndex - 1; i >= start && indent > 0; i--) {
    const line = lines[i] ?? '';
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    const m = KEY.exec(line);
    const lineIndent = indentOf(line);
    if (lineIndent < indent && m) {
      path.unshift(m[2] ?? '');
      indent = lineIndent;
    } else if (lineIndent < indent) indent = lineIndent;
  }
  return { apiVersion, kind, path };
}

/** Indentation of a line, counting a list dash as indentation of its first key. */
function indentOf(line: string): number {
  const m = /^(\s*)(-\s+)?/.exec(line);
  return (m?.[1]?.length ?? 0) + (m?.[2]?.length ?? 0);
}
