/**
 * The fast path of import for the common case, a valid file, without positions: the block YAML reader
 * (./blockYaml.ts, several times faster than js-yaml) for documents in its subset, js-yaml (about twice as
 * fast as the position-tracking parser) for the others. Any doubt (a syntax error, aliases that expand, any
 * validation issue) returns undefined so the caller takes the positioned path of ./parse.ts, which gives
 * every message its line and column. Same value semantics: YAML 1.2 core schema (no timestamps, no merge
 * keys), duplicate keys refused, `__proto__` kept as an own property.
 */
import { CORE_SCHEMA, loadAll } from 'js-yaml';
import type { ParsedObject } from './parse';
import { isRecord, LIMITS } from './parse';
import { readBlockDocument } from './blockYaml';

/**
 * Characters that make js-yaml refuse a text or that YAML treats specially (non-printable characters,
 * surrogates, byte order marks, Unicode line separators): such a text is read by js-yaml alone.
 */
// eslint-disable-next-line no-control-regex -- these control characters are what it looks for
const SPECIAL = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\uD800-\uDFFF\uFEFF\uFFFE\uFFFF\u2028\u2029]/;

/** Parses without positions; undefined when the positioned parser must decide. */
export function fastParse(
  text: string,
  file: string,
  onProgress?: (phase: 'parsing', done: number, total: number) => void,
): ParsedObject[] | undefined {
  // Each document (a line starting with `---` always begins one) is read by the block reader
  // (./blockYaml.ts) when it is in its subset, else by js-yaml; progress is reported every 200 documents.
  const starts = documentStarts(text);
  const block = !SPECIAL.test(text);
  // Without aliases a document cannot hold more values than it has characters.
  const budget = { left: text.length + 1000 };
  const step = 200;
  const out: ParsedObject[] = [];
  for (let i = 0; i < starts.length; i++) {
    const slice = text.slice(starts[i], starts[i + 1] ?? text.length);
    const read = block ? readBlockDocument(slice) : undefined;
    if (read) {
      // A plain tree within the depth limit (the reader refuses anchors, aliases and deeper nesting).
      if (!addObjects(read.value, out, file, (item) => (isRecord(item) ? item : undefined))) return undefined;
    } else {
      let docs: unknown[];
      try {
        docs = loadAll(slice, null, { schema: CORE_SCHEMA, json: false });
      } catch {
        return undefined;
      }
      // Without anchors there are no aliases, so no shared values: js-yaml's tree is already a plain tree
      // (`__proto__` an own property), and only its depth needs checking. `&` inside a string only costs a copy.
      const shared = slice.includes('&');
      for (const doc of docs) {
        const ok = addObjects(doc, out, file, (item) => {
          if (!shared) return isRecord(item) && withinDepth(item, 0) ? item : undefined;
          const copy = plainCopy(item, budget, 0);
          return copy !== undefined && isRecord(copy) ? copy : undefined;
        });
        if (!ok) return undefined;
      }
    }
    if ((i + 1) % step === 0 || i + 1 === starts.length)
      onProgress?.('parsing', Math.min(i + 1, starts.length), starts.length);
  }
  return out;
}

/**
 * Adds the objects of one document (itself, or the items of a List) as `check` lets them through;
 * false when it refuses one (the positioned parser must decide).
 */
function addObjects(
  doc: unknown,
  out: ParsedObject[],
  file: string,
  check: (item: unknown) => Record<string, unknown> | undefined,
): boolean {
  if (doc === null || doc === undefined) return true;
  const items =
    isRecord(doc) &&
    typeof doc['kind'] === 'string' &&
    doc['kind'].endsWith('List') &&
    Array.isArray(doc['items'])
      ? (doc['items'] as unknown[])
      : [doc];
  for (const item of items) {
    const object = check(item);
    if (!object) return false;
    out.push({ object, file, positions: new Map() });
  }
  return true;
}

/** Offsets of the documents of a text: 0, then each line that starts with a `---` marker. */
function documentStarts(text: string): number[] {
  const starts = [0];
  const marker = /^---(?=[ \t\r\n]|$)/gm;
  for (let m = marker.exec(text); m; m = marker.exec(text)) if (m.index > 0) starts.push(m.index);
  return starts;
}

/** A tree copy (shared references become separate values) within the budget and depth, or undefined. */
function plainCopy(v: unknown, budget: { left: number }, depth: number): unknown {
  if (--budget.left < 0 || depth > LIMITS.maxDepth) return undefined;
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    for (const x of v) {
      const c = plainCopy(x, budget, depth + 1);
      if (c === undefined) return undefined;
      out.push(c);
    }
    return out;
  }
  if (isRecord(v)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) {
      const c = plainCopy(v[k], budget, depth + 1);
      if (c === undefined) return undefined;
      Object.defineProperty(out, k, { value: c, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return v;
}

/** Whether a tree nests no deeper than the limit. */
function withinDepth(v: unknown, depth: number): boolean {
  if (depth > LIMITS.maxDepth) return false;
  if (Array.isArray(v)) {
    for (const x of v) if (typeof x === 'object' && x !== null && !withinDepth(x, depth + 1)) return false;
  } else if (typeof v === 'object' && v !== null) {
    for (const k in v) {
      const x = (v as Record<string, unknown>)[k];
      if (typeof x === 'object' && x !== null && !withinDepth(x, depth + 1)) return false;
    }
  }
  return true;
}
