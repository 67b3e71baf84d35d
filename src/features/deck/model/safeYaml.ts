import { parse } from 'yaml';

/** Largest block a deck may carry (a scene of a few hundred objects fits easily). */
export const MAX_BLOCK_CHARS = 1_000_000;

/** A parsed value, or the reason it could not be parsed (never throws). */
export type YamlResult = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * Parses one YAML document from a deck's block. Hostile input is bounded: block size, alias expansion
 * (billion laughs), duplicate keys refused; `__proto__` stays a plain own key (the yaml package defines it).
 * src/io is out of reach from a feature (layer rules), so the yaml package is used here with io's limits.
 */
export function parseYaml(text: string): YamlResult {
  if (text.length > MAX_BLOCK_CHARS)
    return { ok: false, error: `block is too large (${text.length} characters)` };
  try {
    return { ok: true, value: parse(text, { maxAliasCount: 100, uniqueKeys: true, prettyErrors: false }) };
  } catch (e) {
    return { ok: false, error: ((e as Error).message.split('\n')[0] ?? 'invalid YAML').trim() };
  }
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
