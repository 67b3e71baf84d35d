/**
 * Local persistence of the document: written to localStorage shortly after each change and when the tab
 * is hidden; read once at start. A saved document that cannot be read is moved aside (never deleted), so a
 * bad save, a crash or a newer format never destroys the person's work.
 */
import { canonicalKey, type KubeObject } from '../engine';
import type { DocumentState, XY } from './document';

/** localStorage key of the saved document. */
export const STORAGE_KEY = 'kubecanvas:document';
/** Prefix of the keys under which unreadable saves are kept. */
export const BROKEN_PREFIX = 'kubecanvas:document:unreadable:';
const FORMAT = 1;

interface Saved {
  formatVersion: number;
  objects: KubeObject[];
  positions: Record<string, XY>;
  seed: number;
}

function storage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isObject(v: unknown): v is KubeObject {
  return (
    isRecord(v) &&
    typeof v['kind'] === 'string' &&
    isRecord(v['metadata']) &&
    typeof v['metadata']['name'] === 'string'
  );
}

/** Parses a saved document; throws when it is not one this build can read. */
export function parseSaved(text: string): DocumentState {
  const data: unknown = JSON.parse(text);
  if (!isRecord(data) || data['formatVersion'] !== FORMAT) throw new Error('unknown document format');
  const objects = data['objects'];
  if (!Array.isArray(objects) || !objects.every(isObject)) throw new Error('objects are not API objects');
  const positions: Record<string, XY> = {};
  if (isRecord(data['positions']))
    for (const [k, p] of Object.entries(data['positions']))
      if (isRecord(p) && typeof p['x'] === 'number' && typeof p['y'] === 'number')
        positions[canonicalKey(k)] = { x: p['x'], y: p['y'] };
  const seed = typeof data['seed'] === 'number' ? data['seed'] : 1;
  return { objects, positions, seed };
}

/**
 * The JSON of each object, by object. Authored objects are never changed in place (a change replaces the
 * object), so an object's JSON is worked out once: a save after an edit or an import stringifies only the
 * objects that are new since the last one, and an import can hand over the JSON it already has.
 */
const OBJECT_JSON = new WeakMap<KubeObject, string>();

/** Records `json` (JSON.stringify of `obj`, e.g. the text an import received it as) for the next save. */
export function rememberJson(obj: KubeObject, json: string): void {
  OBJECT_JSON.set(obj, json);
}

function objectJson(obj: KubeObject): string {
  let json = OBJECT_JSON.get(obj);
  if (json === undefined) {
    json = JSON.stringify(obj);
    OBJECT_JSON.set(obj, json);
  }
  return json;
}

/** Serializes the document for localStorage: JSON.stringify of the saved form, each object's JSON kept. */
export function serializeDocument(doc: DocumentState): string {
  const rest = JSON.stringify({ positions: doc.positions, seed: doc.seed } satisfies Omit<
    Saved,
    'formatVersion' | 'objects'
  >);
  return `{"formatVersion":${FORMAT},"objects":[${doc.objects.map(objectJson).join(',')}],${rest.slice(1)}`;
}

/**
 * The saved document, or undefined when there is none. An unreadable one is copied aside under
 * BROKEN_PREFIX + time and reported through `onUnreadable`.
 */
export function loadSavedDocument(onUnreadable?: (why: string) => void): DocumentState | undefined {
  const s = storage();
  const text = s?.getItem(STORAGE_KEY);
  if (!s || text === null || text === undefined) return undefined;
  try {
    return parseSaved(text);
  } catch (e) {
    try {
      s.setItem(`${BROKEN_PREFIX}${Date.now()}`, text);
    } catch {
      // Storage full: the original stays under STORAGE_KEY until the next save.
    }
    onUnreadable?.((e as Error).message);
    return undefined;
  }
}

/** Writes the document now; returns false when storage refused it (full, or disabled). */
export function saveDocument(doc: DocumentState): boolean {
  const s = storage();
  if (!s) return false;
  try {
    s.setItem(STORAGE_KEY, serializeDocument(doc));
    return true;
  } catch {
    return false;
  }
}
