/**
 * A reader for the block YAML that Kubernetes manifests are written in (what kubectl, Helm and most people
 * write): block mappings and sequences, `- key: value` items, plain, single- and double-quoted one-line
 * scalars, literal block scalars (`|`, `|-`), comments, empty `[]` and `{}`. It is several times faster
 * than a general YAML parser because it works line by line on that subset.
 *
 * It never guesses: anything outside the subset (anchors, aliases, tags, flow collections with content,
 * folded or kept block scalars, multi-line plain or quoted scalars, tabs, complex keys, directives, a
 * duplicate key, bad indentation, nesting deeper than LIMITS.maxDepth) makes it answer `undefined`, and
 * the caller reads that document with js-yaml instead. What it does read, it reads as js-yaml does with the
 * YAML 1.2 core schema: plain scalars are resolved by js-yaml's own CORE_SCHEMA resolvers (null, bool,
 * int, float, else string), keys become strings as js-yaml makes them, key order is kept, and `__proto__`
 * is an own data property. src/io/blockYaml.test.ts compares the two on real manifests and edge cases.
 */
import { CORE_SCHEMA } from 'js-yaml';
import { LIMITS } from './parse';

/** Thrown (one shared value, no stack) when a document leaves the subset. */
const OUTSIDE = { outside: true };

/** Characters that may not begin a plain scalar or key here (flow, anchors, tags, quotes, reserved...). */
const INDICATOR = new Set(['[', ']', '{', '}', ',', '#', '&', '*', '!', '|', '>', '%', '@', '`', '?']);

const SPACE = 32;
const HASH = 35;
const COLON = 58;
const DASH = 45;

/**
 * Reads one YAML document (the text between two `---` lines, the first line may be the `---`). Returns
 * `{ value }` (null for an empty document), or undefined when the document is outside the subset.
 */
export function readBlockDocument(text: string): { value: unknown } | undefined {
  if (text.includes('\t')) return undefined;
  let lines = text.split('\n');
  if (text.includes('\r')) {
    lines = lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
    if (lines.some((l) => l.includes('\r'))) return undefined;
  }
  try {
    return { value: new Reader(lines).document() };
  } catch (e) {
    if (e === OUTSIDE) return undefined;
    throw e;
  }
}

function indentOf(line: string): number {
  let i = 0;
  while (line.charCodeAt(i) === SPACE) i++;
  return i;
}

/** Whether position `at` of a line is its end or a comment (`#` after a space). */
function restIsEmpty(line: string, at: number): boolean {
  let i = at;
  while (line.charCodeAt(i) === SPACE) i++;
  return i >= line.length || (line.charCodeAt(i) === HASH && (i === 0 || line.charCodeAt(i - 1) === SPACE));
}

/** `line.slice(from, to)` without trailing spaces (only spaces: YAML keeps other white space). */
function trimSpaces(line: string, from: number, to: number): string {
  let end = to;
  while (end > from && line.charCodeAt(end - 1) === SPACE) end--;
  return line.slice(from, end);
}

function isSeqEntry(line: string, at: number): boolean {
  return line.charCodeAt(at) === DASH && (at + 1 === line.length || line.charCodeAt(at + 1) === SPACE);
}

/**
 * First characters of the plain scalars the core schema may read as other than a string (null: `~`, `n`,
 * `N` and empty; booleans: `t`, `T`, `f`, `F`; numbers: `-`, `+`, `.`, digits). Any other plain scalar is
 * its text (blockYaml.test.ts checks this against js-yaml).
 */
export const RESOLVED_FIRST = new Set('~nNtTfF-+.0123456789');

/** A plain scalar's value as js-yaml's core schema resolves it. */
function resolvePlain(text: string): unknown {
  if (text !== '' && !RESOLVED_FIRST.has(text[0] as string)) return text;
  return CORE_SCHEMA.resolveImplicitScalarTag(text).value;
}

function setKey(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (Object.prototype.hasOwnProperty.call(obj, key)) throw OUTSIDE;
  if (key === '__proto__')
    Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

const ESCAPES: Record<string, string> = {
  '\\': '\\',
  '"': '"',
  '/': '/',
  n: '\n',
  t: '\t',
  r: '\r',
  b: '\b',
  f: '\f',
  '0': '\0',
};

class Reader {
  /** The line the reader is at. */
  private i = 0;

  constructor(private readonly lines: readonly string[]) {}

  /** Moves to the next line with content (not blank, not only a comment); false at the end. */
  private toContent(): boolean {
    const { lines } = this;
    for (; this.i < lines.length; this.i++) {
      const line = lines[this.i] as string;
      const at = indentOf(line);
      if (at < line.length && line.charCodeAt(at) !== HASH) return true;
    }
    return false;
  }

  document(): unknown {
    if (!this.toContent()) return null;
    const first = this.lines[this.i] as string;
    if (first.startsWith('---')) {
      if (!restIsEmpty(first, 3) || (first.length > 3 && first.charCodeAt(3) !== SPACE)) throw OUTSIDE;
      this.i++;
      if (!this.toContent()) return null;
    }
    const line = this.lines[this.i] as string;
    if (line.startsWith('%') || line.startsWith('...') || line.startsWith('---')) throw OUTSIDE;
    const value = this.block(indentOf(line), 0);
    if (this.toContent()) throw OUTSIDE;
    return value;
  }

  /** The block node whose first line is the current one, at indentation `indent`. */
  private block(indent: number, depth: number): unknown {
    const line = this.lines[this.i] as string;
    if (isSeqEntry(line, indent)) return this.sequence(indent, depth);
    return this.mapping(this.i, indent, depth);
  }

  private sequence(indent: number, depth: number): unknown[] {
    if (depth > LIMITS.maxDepth) throw OUTSIDE;
    const out: unknown[] = [];
    while (this.toContent()) {
      const line = this.lines[this.i] as string;
      const at = indentOf(line);
      if (at < indent) break;
      if (at > indent) throw OUTSIDE;
      if (!isSeqEntry(line, at)) break;
      let col = at + 1;
      while (line.charCodeAt(col) === SPACE) col++;
      out.push(this.inline(this.i, col, indent, depth + 1, true));
    }
    return out;
  }

  /** A mapping at column `col`, its first key on line `first` at that column. */
  private mapping(first: number, col: number, depth: number): Record<string, unknown> {
    if (depth > LIMITS.maxDepth) throw OUTSIDE;
    const out: Record<string, unknown> = {};
    let row = first;
    for (;;) {
      const line = this.lines[row] as string;
      const [key, after] = this.key(line, col);
      let at = after;
      while (line.charCodeAt(at) === SPACE) at++;
      setKey(out, key, this.inline(row, at, col, depth + 1, false));
      if (!this.toContent()) break;
      const next = this.lines[this.i] as string;
      const indent = indentOf(next);
      if (indent < col) break;
      if (indent > col) throw OUTSIDE;
      row = this.i;
    }
    return out;
  }

  /** The key of a mapping entry at `col` and the position after its `:`. */
  private key(line: string, col: number): [string, number] {
    const c = line[col] as string;
    if (c === '"' || c === "'") {
      const [key, end] = c === '"' ? doubleQuoted(line, col) : singleQuoted(line, col);
      if (line.charCodeAt(end) !== COLON || !(end + 1 === line.length || line.charCodeAt(end + 1) === SPACE))
        throw OUTSIDE;
      return [key, end + 1];
    }
    if (INDICATOR.has(c) || isIndicatorBeforeSpace(line, col)) throw OUTSIDE;
    for (let i = col; i < line.length; i++) {
      const ch = line.charCodeAt(i);
      if (ch === HASH && line.charCodeAt(i - 1) === SPACE) throw OUTSIDE;
      if (ch === COLON && (i + 1 === line.length || line.charCodeAt(i + 1) === SPACE)) {
        const text = trimSpaces(line, col, i);
        if (!text) throw OUTSIDE;
        return [String(resolvePlain(text)), i + 1];
      }
    }
    throw OUTSIDE;
  }

  /**
   * The value that starts at `col` of line `row` (after `key:` or `- `), owned by a node at `indent`.
   * Leaves the reader on the line after the value.
   */
  private inline(row: number, col: number, indent: number, depth: number, inSequence: boolean): unknown {
    const line = this.lines[row] as string;
    if (restIsEmpty(line, col)) {
      this.i = row + 1;
      if (!this.toContent()) return null;
      const next = this.lines[this.i] as string;
      const at = indentOf(next);
      if (at > indent) return this.block(at, depth);
      // kubectl's style: a mapping's sequence value at the key's own indentation.
      if (!inSequence && at === indent && isSeqEntry(next, at)) return this.sequence(at, depth);
      return null;
    }
    const c = line[col] as string;
    if (c === '|') return this.literal(row, col, indent);
    if (c === '[' || c === '{') {
      if (depth > LIMITS.maxDepth) throw OUTSIDE;
      const [value, end] = c === '[' ? flowSequence(line, col) : [{}, emptyFlowMapping(line, col)];
      if (!restIsEmpty(line, end)) throw OUTSIDE;
      this.i = row + 1;
      return value;
    }
    if (c === '"' || c === "'") {
      const [value, end] = c === '"' ? doubleQuoted(line, col) : singleQuoted(line, col);
      if (restIsEmpty(line, end)) {
        this.i = row + 1;
        return value;
      }
      if (inSequence && line.charCodeAt(end) === COLON) return this.mapping(row, col, depth);
      throw OUTSIDE;
    }
    if (INDICATOR.has(c) || isIndicatorBeforeSpace(line, col)) throw OUTSIDE;
    let end = line.length;
    for (let i = col; i < line.length; i++) {
      const ch = line.charCodeAt(i);
      if (ch === HASH && line.charCodeAt(i - 1) === SPACE) {
        end = i;
        break;
      }
      if (ch === COLON && (i + 1 === line.length || line.charCodeAt(i + 1) === SPACE)) {
        // `- key: value`: a mapping inside the sequence item; after `key:` a second `: ` is an error.
        if (inSequence) return this.mapping(row, col, depth);
        throw OUTSIDE;
      }
    }
    this.i = row + 1;
    return resolvePlain(trimSpaces(line, col, end));
  }

  /** A literal block scalar (`|` or `|-`) whose header is at `col` of line `row`, owned by a node at `indent`. */
  private literal(row: number, col: number, indent: number): string {
    const line = this.lines[row] as string;
    let at = col + 1;
    const strip = line[at] === '-';
    if (strip) at++;
    if (at < line.length && line.charCodeAt(at) !== SPACE) throw OUTSIDE;
    if (!restIsEmpty(line, at)) throw OUTSIDE;
    const { lines } = this;
    const parts: string[] = [];
    let content = -1;
    let blankIndent = 0;
    let j = row + 1;
    for (; j < lines.length; j++) {
      const l = lines[j] as string;
      const n = indentOf(l);
      if (n === l.length) {
        // A blank line; one with more spaces than the content's indentation would keep them: not read here.
        if (content < 0) blankIndent = Math.max(blankIndent, n);
        else if (n > content) throw OUTSIDE;
        parts.push('');
        continue;
      }
      if (content < 0) {
        if (n <= indent) break;
        if (blankIndent > n) throw OUTSIDE;
        content = n;
      } else if (n < content) break;
      parts.push(l.slice(content));
    }
    this.i = j;
    let last = parts.length;
    while (last > 0 && parts[last - 1] === '') last--;
    if (last === 0) return '';
    const body = parts.slice(0, last).join('\n');
    return strip ? body : `${body}\n`;
  }
}

/** `{}` at `col`: the position after it (a flow mapping with content is left to js-yaml). */
function emptyFlowMapping(line: string, col: number): number {
  let i = col + 1;
  while (line.charCodeAt(i) === SPACE) i++;
  if (line[i] !== '}') throw OUTSIDE;
  return i + 1;
}

/**
 * A one-line flow sequence of scalars at `col`, e.g. `['/bin/grpc_health_probe', '-addr=:8080']` or `[]`:
 * its items and the position after `]`. Nested collections, pairs and empty items are left to js-yaml.
 */
function flowSequence(line: string, col: number): [unknown[], number] {
  const out: unknown[] = [];
  let i = col + 1;
  for (;;) {
    while (line.charCodeAt(i) === SPACE) i++;
    if (out.length === 0 && line[i] === ']') return [out, i + 1];
    const c = line[i];
    if (c === undefined) throw OUTSIDE;
    if (c === '"' || c === "'") {
      const [value, end] = c === '"' ? doubleQuoted(line, i) : singleQuoted(line, i);
      out.push(value);
      i = end;
    } else {
      if (INDICATOR.has(c) || isIndicatorBeforeSpace(line, i)) throw OUTSIDE;
      let end = i;
      for (; end < line.length; end++) {
        const ch = line[end];
        if (ch === ',' || ch === ']') break;
        if (ch === '[' || ch === '{' || ch === '}') throw OUTSIDE;
        if (ch === '#' && line[end - 1] === ' ') throw OUTSIDE;
        if (ch === ':') {
          const after = line[end + 1];
          if (after === undefined || after === ' ' || after === ',' || after === ']') throw OUTSIDE;
        }
      }
      const text = trimSpaces(line, i, end);
      if (!text) throw OUTSIDE;
      out.push(resolvePlain(text));
      i = end;
    }
    while (line.charCodeAt(i) === SPACE) i++;
    if (line[i] === ']') return [out, i + 1];
    if (line[i] !== ',') throw OUTSIDE;
    i++;
    // `[a, b,]`: a trailing comma is left to js-yaml.
    while (line.charCodeAt(i) === SPACE) i++;
    if (line[i] === ']') throw OUTSIDE;
  }
}

/** `-`, `?` or `:` followed by a space or the end: an indicator, not the start of a plain scalar. */
function isIndicatorBeforeSpace(line: string, col: number): boolean {
  const c = line.charCodeAt(col);
  if (c !== DASH && c !== COLON && c !== 63) return false;
  return col + 1 === line.length || line.charCodeAt(col + 1) === SPACE;
}

/** A one-line double-quoted scalar starting at `col`: its value and the position after the closing quote. */
function doubleQuoted(line: string, col: number): [string, number] {
  let out = '';
  let from = col + 1;
  for (let i = from; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') return [out + line.slice(from, i), i + 1];
    if (ch !== '\\') continue;
    out += line.slice(from, i);
    const e = line[i + 1] ?? '';
    if (e === 'u' || e === 'x') {
      const len = e === 'u' ? 4 : 2;
      const hex = line.slice(i + 2, i + 2 + len);
      if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) throw OUTSIDE;
      const code = parseInt(hex, 16);
      // A lone surrogate half is left to js-yaml.
      if (code >= 0xd800 && code <= 0xdfff) throw OUTSIDE;
      out += String.fromCharCode(code);
      i += 1 + len;
    } else {
      const s = ESCAPES[e];
      if (s === undefined) throw OUTSIDE;
      out += s;
      i += 1;
    }
    from = i + 1;
  }
  throw OUTSIDE;
}

/** A one-line single-quoted scalar starting at `col` (`''` is a quote). */
function singleQuoted(line: string, col: number): [string, number] {
  let out = '';
  let from = col + 1;
  for (let i = from; i < line.length; i++) {
    if (line[i] !== "'") continue;
    if (line[i + 1] === "'") {
      out += line.slice(from, i + 1);
      i++;
      from = i + 1;
      continue;
    }
    return [out + line.slice(from, i), i + 1];
  }
  throw OUTSIDE;
}
