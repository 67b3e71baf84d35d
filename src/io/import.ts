/**
 * Import: parse, then validate, then hand back the objects to apply, or the issues and nothing else. It
 * changes nothing itself: the caller applies `objects` (e.g. `sim.apply` each) only when `ok` is true.
 */
import { isClusterScoped, type KubeObject } from '../engine';
import { applyOrder, applyRank } from './applyOrder';
import { restoreSimulated } from './export';
import { fastParse } from './fastParse';
import { hasErrors, type Issue } from './issues';
import { isRecord, LIMITS, parseManifests, type ParsedObject } from './parse';
import { loadSchema, type Schema } from './schema';
import { objectLabel, validateObjects } from './validate';

/**
 * The result of an import: objects to apply (with warnings), or errors and no objects. `parsed` carries
 * field positions only when the file had issues (a valid file takes a faster path without positions).
 */
export type ImportResult =
  | { ok: true; objects: KubeObject[]; parsed: ParsedObject[]; warnings: Issue[] }
  | { ok: false; issues: Issue[] };

/** What the import needs to know of the design it goes into. */
/** Where an import is: reading the text (documents read so far) or validating (objects checked so far). */
export type ImportPhase = 'parsing' | 'validating';

/** Called as an import advances; `total` may be an estimate while parsing. */
export type ImportProgress = (phase: ImportPhase, done: number, total: number) => void;

export interface ImportTarget {
  /**
   * Namespaces that exist already. When given, an object in a namespace that neither exists nor is created
   * by the same file is an error, in the API server's words.
   */
  namespaces?: ReadonlySet<string>;
}

const SERVER_METADATA = [
  'uid',
  'resourceVersion',
  'managedFields',
  'creationTimestamp',
  'generation',
  'selfLink',
];

/**
 * Parses and validates manifest text against the schema (loaded lazily on first use). The objects come
 * back in apply order (Namespaces first), so applying them one by one succeeds whatever the file's order.
 */
export async function importManifests(
  text: string,
  file: string,
  target: ImportTarget = {},
): Promise<ImportResult> {
  return importManifestsWith(text, file, await loadSchema(), target);
}

/**
 * importManifests with a schema already loaded (synchronous: run it in a Web Worker for big files, see
 * src/store/importWorker.ts). `onProgress` hears how far parsing and validation are.
 */
export function importManifestsWith(
  text: string,
  file: string,
  schema: Schema,
  target: ImportTarget = {},
  onProgress?: ImportProgress,
): ImportResult {
  const fast =
    text.length <= LIMITS.maxBytes && !text.includes('{{') ? fastParse(text, file, onProgress) : undefined;
  if (
    fast &&
    validateObjects(fast, schema, onProgress).length === 0 &&
    checkNamespaces(fast, target).length === 0
  )
    return { ok: true, objects: toApply(fast), parsed: fast, warnings: [] };
  const parsed = parseManifests(text, file);
  if (hasErrors(parsed.issues)) return { ok: false, issues: parsed.issues };
  const issues = [...parsed.issues, ...validateObjects(parsed.objects, schema, onProgress)];
  if (!hasErrors(issues)) issues.push(...checkNamespaces(parsed.objects, target));
  if (hasErrors(issues)) return { ok: false, issues };
  return { ok: true, objects: toApply(parsed.objects), parsed: parsed.objects, warnings: issues };
}

/**
 * One part of a valid file (a run of whole documents of it, see importManifestsWith), read by the fast
 * path alone, so two parts can be read at once (two Web Workers). `objects` come in apply order, each with
 * its apply rank; `creates` names the Namespaces the part creates and `needs` those its objects are in that
 * neither exist (target.namespaces) nor are created by the part: the caller checks them against the other
 * parts. Undefined at any doubt or issue (a syntax error, a validation warning, a text over the size limit
 * or with template syntax): the caller then imports the whole file with importManifestsWith, which gives
 * every message its line and column. For a valid file, the parts' objects merged by rank (stable, parts in
 * order) are importManifestsWith's objects.
 */
export function importPartWith(
  part: string,
  file: string,
  schema: Schema,
  wholeLength: number,
  target: ImportTarget = {},
  onProgress?: ImportProgress,
): { objects: KubeObject[]; ranks: number[]; creates: string[]; needs: string[] } | undefined {
  if (wholeLength > LIMITS.maxBytes || part.includes('{{')) return undefined;
  const fast = fastParse(part, file, onProgress);
  if (!fast || validateObjects(fast, schema, onProgress).length > 0) return undefined;
  const nameOf = (p: ParsedObject): unknown => (p.object['metadata'] as { name?: unknown }).name;
  const creates = fast.filter((p) => p.object['kind'] === 'Namespace').map(nameOf);
  const needs = new Set<string>();
  const created = new Set(creates);
  for (const p of fast) {
    const ns = (p.object['metadata'] as { namespace?: unknown }).namespace;
    if (isClusterScoped(String(p.object['kind'])) || typeof ns !== 'string' || created.has(ns)) continue;
    if (target.namespaces && !target.namespaces.has(ns)) needs.add(ns);
  }
  const objects = toApply(fast);
  return {
    objects,
    ranks: objects.map((o) => applyRank(o.kind)),
    creates: creates.filter((n): n is string => typeof n === 'string'),
    needs: [...needs],
  };
}

function toApply(parsed: readonly ParsedObject[]): KubeObject[] {
  return applyOrder(parsed.map((p) => restoreSimulated(withoutServerFields(p.object))));
}

/** Objects in a namespace that neither exists nor is created by the same file. */
function checkNamespaces(objects: readonly ParsedObject[], target: ImportTarget): Issue[] {
  const known = target.namespaces;
  if (!known) return [];
  const nameOf = (p: ParsedObject): unknown => (p.object['metadata'] as { name?: unknown }).name;
  const created = new Set(objects.filter((p) => p.object['kind'] === 'Namespace').map(nameOf));
  const issues: Issue[] = [];
  for (const p of objects) {
    const ns = (p.object['metadata'] as { namespace?: unknown }).namespace;
    if (
      isClusterScoped(String(p.object['kind'])) ||
      typeof ns !== 'string' ||
      known.has(ns) ||
      created.has(ns)
    )
      continue;
    const pos = p.positions.get('metadata.namespace') ?? { line: 1, column: 1 };
    const object = objectLabel(p.object);
    issues.push({
      file: p.file,
      ...pos,
      object,
      path: 'metadata.namespace',
      message: `namespaces "${ns}" not found`,
      severity: 'error',
    });
  }
  return issues;
}

/**
 * The object without what the API server writes (uid, resourceVersion, managedFields, status...). A Node
 * keeps its size (`nodeSize`): in the simulator a Node is a machine the design describes, and
 * `kubectl get node -o yaml` carries that machine's size only in its status.
 */
export function withoutServerFields(obj: Record<string, unknown>): KubeObject {
  const meta = { ...(obj['metadata'] as Record<string, unknown>) };
  for (const k of SERVER_METADATA) delete meta[k];
  const out: Record<string, unknown> = { ...obj, metadata: meta };
  delete out['status'];
  const size = obj['kind'] === 'Node' ? nodeSize(obj['status']) : undefined;
  if (size) out['status'] = size;
  return out as KubeObject;
}

/**
 * A Node's size from its status: `capacity` and `allocatable` (cpu, memory, pods, ephemeral-storage,
 * hugepages, extended resources), the rest (conditions, addresses, images...) being the kubelet's to
 * report. As the kubelet's MachineInfo setter does, every resource in capacity is allocatable, less what
 * the kubelet reserves: none here (no system-reserved, kube-reserved or eviction thresholds), so a
 * resource the status gives no allocatable for is allocatable in full. Undefined without either map.
 */
export function nodeSize(
  status: unknown,
): { capacity?: Record<string, string>; allocatable?: Record<string, string> } | undefined {
  if (!isRecord(status)) return undefined;
  const list = (v: unknown): Record<string, string> | undefined => {
    if (!isRecord(v)) return undefined;
    const out: Record<string, string> = {};
    for (const [k, q] of Object.entries(v))
      if (typeof q === 'string' || typeof q === 'number') out[k] = String(q);
    return Object.keys(out).length ? out : undefined;
  };
  const capacity = list(status['capacity']);
  const given = list(status['allocatable']);
  if (!capacity && !given) return undefined;
  const allocatable = { ...capacity, ...given };
  return { ...(capacity ? { capacity } : {}), allocatable };
}
