/**
 * Import: parse, then validate, then hand back the objects to apply, or the issues and nothing else. It
 * changes nothing itself: the caller applies `objects` (e.g. `sim.apply` each) only when `ok` is true.
 */
import type { KubeObject } from '../engine';
import { hasErrors, type Issue } from './issues';
import { fastParse } from './fastParse';
import { LIMITS, parseManifests, type ParsedObject } from './parse';
import { loadSchema, type Schema } from './schema';
import { validateObjects } from './validate';

/**
 * The result of an import: objects to apply (with warnings), or errors and no objects. `parsed` carries
 * field positions only when the file had issues (a valid file takes a faster path without positions).
 */
export type ImportResult =
  | { ok: true; objects: KubeObject[]; parsed: ParsedObject[]; warnings: Issue[] }
  | { ok: false; issues: Issue[] };

const SERVER_METADATA = [
  'uid',
  'resourceVersion',
  'managedFields',
  'creationTimestamp',
  'generation',
  'selfLink',
];

/** Parses and validates manifest text against the schema; loads the schema lazily on first use. */
export async function importManifests(text: string, file: string): Promise<ImportResult> {
  return importManifestsWith(text, file, await loadSchema());
}

/** importManifests with a schema already loaded (synchronous). */
export function importManifestsWith(text: string, file: string, schema: Schema): ImportResult {
  const fast = text.length <= LIMITS.maxBytes && !text.includes('{{') ? fastParse(text, file) : undefined;
  if (fast && validateObjects(fast, schema).length === 0)
    return { ok: true, objects: fast.map((p) => withoutServerFields(p.object)), parsed: fast, warnings: [] };
  const parsed = parseManifests(text, file);
  if (hasErrors(parsed.issues)) return { ok: false, issues: parsed.issues };
  const issues = [...parsed.issues, ...validateObjects(parsed.objects, schema)];
  if (hasErrors(issues)) return { ok: false, issues };
  return {
    ok: true,
    objects: parsed.objects.map((p) => withoutServerFields(p.object)),
    parsed: parsed.objects,
    warnings: issues,
  };
}

/** The object without what the API server writes (uid, resourceVersion, managedFields, status...). */
export function withoutServerFields(obj: Record<string, unknown>): KubeObject {
  const meta = { ...(obj['metadata'] as Record<string, unknown>) };
  for (const k of SERVER_METADATA) delete meta[k];
  const out: Record<string, unknown> = { ...obj, metadata: meta };
  delete out['status'];
  return out as KubeObject;
}
