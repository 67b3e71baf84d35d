/**
 * The fast path of import for the common case, a valid file: js-yaml (about twice as fast as the
 * position-tracking parser) without positions. Any doubt (a syntax error, aliases that expand, any
 * validation issue) returns undefined so the caller takes the positioned path of ./parse.ts, which gives
 * every message its line and column. Same value semantics: YAML 1.2 core schema (no timestamps, no merge
 * keys), duplicate keys refused, `__proto__` kept as an own property.
 */
import { CORE_SCHEMA, loadAll } from 'js-yaml';
import type { ParsedObject } from './parse';
import { isRecord, LIMITS } from './parse';

/** Parses without positions; undefined when the positioned parser must decide. */
export function fastParse(
  text: string,
  file: string,
  onProgress?: (phase: 'parsing', done: number, total: number) => void,
): ParsedObject[] | undefined {
  const docs: unknown[] = [];
  // Parsed a slice of documents at a time (a line starting with `---` always begins a document), so
  // progress can be reported as it goes.
  const starts = documentStarts(text);
  const step = 200;
  try {
    for (let i = 0; i < starts.length; i += step) {
      const slice = text.slice(starts[i], starts[i + step] ?? text.length);
      for (const doc of loadAll(slice, null, { schema: CORE_SCHEMA, json: false })) docs.push(doc);
      onProgress?.('parsing', Math.min(i + step, starts.length), starts.length);
    }
  } catch {
    return undefined;
  }
  // Without aliases a document cannot hold more values than it has characters.
  const budget = { left: text.length + 1000 };
  // Without anchors there are no aliases, so no shared values: js-yaml's tree is already a plain tree
  // (`__proto__` an own property), and only its depth needs checking. `&` inside a string only costs a copy.
  const shared = text.includes('&');
  const out: ParsedObject[] = [];
  for (const doc of docs) {
    if (doc === null || doc === undefined) continue;
    const items =
      isRecord(doc) &&
      typeof doc['kind'] === 'string' &&
      doc['kind'].endsWith('List') &&
      Array.isArray(doc['items'])
        ? (doc['items'] as unknown[])
        : [doc];
    for (const item of items) {
      if (!shared) {
        if (!isRecord(item) || !withinDepth(item, 0)) return undefined;
        out.push({ object: item, file, positions: new Map() });
        continue;
      }
      const copy = plainCopy(item, budget, 0);
      if (copy === undefined || !isRecord(copy)) return undefined;
      out.push({ object: copy, file, positions: new Map() });
    }
  }
  return out;
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
