/**
 * How deeply a YAML (or JSON) text nests, found in one pass before any parser sees it. The YAML parser and
 * every walker after it (conversion, validation, the engine's copies) recurse, so a text nested thousands
 * of levels deep would end in "Maximum call stack size exceeded" (one per document, hundreds of lines) or
 * worse. The scan is linear in the text and uses no recursion: it counts open flow collections (`[`, `{`
 * outside quotes and comments) and block collections (deeper indentation, `- ` entries, `key:` on a
 * `- ` line), skipping block scalars (`|`, `>`) and quoted strings. It may count a little more than a
 * parser would (a multi-line plain scalar's continuation lines), never far less for deep input.
 */

/** Where the nesting first goes deeper than `limit`, 1-based; undefined when it never does. */
export function deepNesting(text: string, limit: number): { line: number; column: number } | undefined {
  const scan = new DepthScan(text, limit);
  return scan.run();
}

const SPACE = 32;
const TAB = 9;
const NL = 10;
const CR = 13;

class DepthScan {
  private flow = 0;
  /** Columns of the open block collections. */
  private readonly block: number[] = [];
  /** Inside a quoted scalar: its quote character code, or 0. */
  private quote = 0;
  /** Inside a block scalar: the indentation of the line that opened it, or -1. */
  private blockScalar = -1;
  private line = 1;
  private lineStart = 0;

  constructor(
    private readonly text: string,
    private readonly limit: number,
  ) {}

  run(): { line: number; column: number } | undefined {
    const t = this.text;
    let i = 0;
    while (i <= t.length) {
      let end = t.indexOf('\n', i);
      if (end < 0) end = t.length;
      const at = this.scanLine(i, end);
      if (at !== undefined) return { line: this.line, column: at - i + 1 };
      i = end + 1;
      this.line++;
      this.lineStart = i;
    }
    return undefined;
  }

  private tooDeep(): boolean {
    return this.block.length + this.flow > this.limit;
  }

  /** Scans one line [start, end); returns the offset where nesting got too deep, if it did. */
  private scanLine(start: number, end: number): number | undefined {
    const t = this.text;
    let indent = 0;
    while (start + indent < end && t.charCodeAt(start + indent) === SPACE) indent++;
    let p = start + indent;
    const blank = p >= end || t.charCodeAt(p) === CR || t.charCodeAt(p) === TAB;
    if (this.blockScalar >= 0) {
      if (blank || indent > this.blockScalar) return undefined;
      this.blockScalar = -1;
    }
    if (this.quote === 0 && this.flow === 0) {
      if (blank || t.charCodeAt(p) === 35 /* # */) return undefined;
      if (indent === 0 && (t.startsWith('---', p) || t.startsWith('...', p))) {
        const after = t.charCodeAt(p + 3);
        if (p + 3 >= end || after === SPACE || after === CR || after === TAB) {
          this.block.length = 0;
          p += 3;
          return this.scanValue(p, end, indent);
        }
      }
      while (this.block.length > 0 && (this.block[this.block.length - 1] as number) > indent)
        this.block.pop();
      // A `- ` entry or a `key:` more indented than the open collections opens one.
      const entry =
        (t.charCodeAt(p) === 45 && (p + 1 >= end || isSpace(t.charCodeAt(p + 1)))) ||
        this.keyEnd(p, end) >= 0;
      if (entry && (this.block.length === 0 || (this.block[this.block.length - 1] as number) < indent)) {
        this.block.push(indent);
        if (this.tooDeep()) return p;
      }
      // `- - key: value`: each further entry on the line, and a mapping after a dash, opens a level.
      let dashes = 0;
      while (t.charCodeAt(p) === 45 /* - */ && (p + 1 >= end || isSpace(t.charCodeAt(p + 1)))) {
        p++;
        while (p < end && t.charCodeAt(p) === SPACE) p++;
        if (p >= end) return undefined;
        dashes++;
        if (t.charCodeAt(p) === 45 && (p + 1 >= end || isSpace(t.charCodeAt(p + 1)))) {
          this.block.push(p - this.lineStart);
          if (this.tooDeep()) return p;
        }
      }
      const colon = this.keyEnd(p, end);
      if (colon >= 0) {
        if (dashes > 0) {
          this.block.push(p - this.lineStart);
          if (this.tooDeep()) return p;
        }
        return this.scanValue(colon + 1, end, indent);
      }
      return this.scanValue(p, end, indent);
    }
    return this.scanInside(p, end);
  }

  /** After `key:` (or a dash, or `---`): a flow collection, a quoted or block scalar, or plain text. */
  private scanValue(p: number, end: number, indent: number): number | undefined {
    const t = this.text;
    for (;;) {
      while (p < end && isSpace(t.charCodeAt(p))) p++;
      const c = t.charCodeAt(p);
      // Anchors and tags before a value.
      if (p < end && (c === 38 /* & */ || c === 33) /* ! */) {
        while (p < end && !isSpace(t.charCodeAt(p))) p++;
        continue;
      }
      break;
    }
    if (p >= end) return undefined;
    const c = t.charCodeAt(p);
    if (c === 124 /* | */ || c === 62 /* > */) {
      this.blockScalar = indent;
      return undefined;
    }
    if (c === 91 /* [ */ || c === 123 /* { */ || c === 34 /* " */ || c === 39 /* ' */)
      return this.scanInside(p, end);
    return undefined;
  }

  /** Inside flow collections or a quoted scalar, which may go on over several lines. */
  private scanInside(p: number, end: number): number | undefined {
    const t = this.text;
    for (; p < end; p++) {
      const c = t.charCodeAt(p);
      if (this.quote !== 0) {
        if (this.quote === 34 && c === 92 /* \ */) p++;
        else if (c === this.quote) {
          if (this.quote === 39 && t.charCodeAt(p + 1) === 39) p++;
          else this.quote = 0;
        }
        continue;
      }
      if (c === 34 || c === 39) this.quote = c;
      else if (c === 35 /* # */ && (p === this.lineStart || isSpace(t.charCodeAt(p - 1)))) return undefined;
      else if (c === 91 || c === 123) {
        this.flow++;
        if (this.tooDeep()) return p;
      } else if ((c === 93 /* ] */ || c === 125) /* } */ && this.flow > 0) this.flow--;
      else if (this.flow === 0) return undefined;
    }
    return undefined;
  }

  /** The offset of the `:` ending a mapping key that starts at p (plain or quoted), or -1. */
  private keyEnd(p: number, end: number): number {
    const t = this.text;
    const first = t.charCodeAt(p);
    if (first === 34 || first === 39) {
      let q = p + 1;
      for (; q < end; q++) {
        const c = t.charCodeAt(q);
        if (first === 34 && c === 92) q++;
        else if (c === first) break;
      }
      return t.charCodeAt(q + 1) === 58 /* : */ && (q + 2 >= end || isSpace(t.charCodeAt(q + 2)))
        ? q + 1
        : -1;
    }
    if (first === 91 || first === 123) return -1;
    for (let q = p; q < end; q++) {
      const c = t.charCodeAt(q);
      if (c === 35 && q > p && isSpace(t.charCodeAt(q - 1))) return -1;
      if (c === 58 && (q + 1 >= end || isSpace(t.charCodeAt(q + 1)))) return q;
    }
    return -1;
  }
}

function isSpace(c: number): boolean {
  return c === SPACE || c === TAB || c === CR || c === NL;
}
