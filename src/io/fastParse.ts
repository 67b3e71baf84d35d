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
export function fastParse(text: string, file: string): ParsedObject[] | undefined {
  let docs: unknown[];
  try {
    docs = loadAll(text, null, { schema: CORE_SCHEMA, json: false });
  } catch {
    return undefined;
  }
  // Without aliases a document cannot hold more values than it has characters.
  const budget = { left: text.length + 1000 };
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
      const copy = plainCopy(item, budget, 0);
      if (copy === undefined || !isRecord(copy)) return undefined;
      out.push({ object: copy, file, positions: new Map() });
    }
  }
  return out;
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
