/**
 * Edits typed in the YAML panel, handled as `kubectl apply -f` handles a file: checked against the schema
 * while the person types (nothing changes), and applied only when they ask (Apply, Ctrl+S), as one undoable
 * command. An edit is planned against the objects the editor showed when the person started typing, so a
 * change made on the canvas meanwhile to an object the text did not touch is kept (a three-way merge);
 * an object the person took out of the text and one of the same kind they added is a rename, which keeps
 * its place in the design and on the canvas.
 */
import { keyOf, stableStringify, type KubeObject } from '../engine';
import { documentStore, normalizeObject, withObjects, type XY } from './document';
import { keepText, objectJson, rememberJson } from './persist';
import { getSimulation, objectKeys } from './runtime';
import { select, sessionStore } from './session';

/** The outcome of checking edited text: the objects it holds, or every error in `file:line:column` form. */
export type EditCheck =
  { ok: true; objects: KubeObject[]; warnings: string[] } | { ok: false; errors: string[] };

/** What an applied edit changed. */
export type EditOutcome =
  | { ok: true; changed: number; added: number; removed: number; renamed: number; warnings: string[] }
  | { ok: false; errors: string[] };

function namespaces(): Set<string> {
  const sim = getSimulation();
  const names = objectKeys('Namespace').map((k) => sim.store.getByKey(k)?.metadata.name ?? '');
  for (const o of documentStore.getState().objects) if (o.kind === 'Namespace') names.push(o.metadata.name);
  return new Set(names);
}

/** Parses and validates text as the import does (schema, names, namespaces); changes nothing. */
export async function checkManifests(text: string, file: string): Promise<EditCheck> {
  return check(text, file, false);
}

/**
 * The import's check. The import drops `status` (the server's); the editor's text is the authored copy,
 * whose status is the simulator's input (a Node's capacity), so `keepStatus` keeps it.
 */
async function check(text: string, file: string, keepStatus: boolean): Promise<EditCheck> {
  const io = await import('../io');
  try {
    const result = await io.importManifests(text, file, { namespaces: namespaces() });
    if (!result.ok)
      return { ok: false, errors: result.issues.filter((i) => i.severity === 'error').map(io.format) };
    const status = new Map<string, unknown>();
    if (keepStatus)
      for (const p of result.parsed)
        if (p.object['status'] !== undefined)
          status.set(keyOf(normalizeObject(io.withoutServerFields(p.object))), p.object['status']);
    const objects = result.objects.map((o) => {
      const n = normalizeObject(o);
      const s = status.get(keyOf(n));
      return s === undefined ? n : ({ ...n, status: s } as KubeObject);
    });
    return { ok: true, objects, warnings: result.warnings.map(io.format) };
  } catch (e) {
    return { ok: false, errors: [`${file}: ${(e as Error).message}`] };
  }
}

/** io's planEdit (what changed, what went), with the authored status compared too. */
async function planEdit(
  shown: readonly KubeObject[],
  edited: readonly KubeObject[],
): Promise<{ apply: KubeObject[]; remove: KubeObject[] }> {
  const io = await import('../io');
  const plan = io.planEdit(shown, edited);
  const before = new Map(shown.map((o) => [keyOf(o), o]));
  const applied = new Set(plan.apply);
  const statusChanged = edited.filter((o) => {
    const old = before.get(keyOf(o));
    return (
      !applied.has(o) && old && stableStringify(old.status ?? null) !== stableStringify(o.status ?? null)
    );
  });
  return { apply: [...plan.apply, ...statusChanged], remove: plan.remove };
}

/** Options of applyEdit. */
export interface ApplyEditOptions {
  /** The editor holds this object only: the text must be one document with this key. */
  only?: string;
}

/**
 * Applies edited text: `shown` are the objects the editor showed when the edit began. Objects new or
 * changed in the text are applied, objects taken out of it are removed, renames keep their place; the
 * rest of the design (canvas changes made meanwhile included) stays. One undo entry; nothing changes
 * when the text has errors.
 */
export async function applyEdit(
  text: string,
  file: string,
  shown: readonly KubeObject[],
  options: ApplyEditOptions = {},
): Promise<EditOutcome> {
  const checked = await check(text, file, true);
  if (!checked.ok) return checked;
  const { only } = options;
  if (
    only !== undefined &&
    (checked.objects.length !== 1 || keyOf(checked.objects[0] as KubeObject) !== only)
  )
    return {
      ok: false,
      errors: [
        `${file}:1:1 this editor holds ${only} only: kind, namespace and name cannot change here (edit the whole design with nothing selected)`,
      ],
    };
  const plan = await planEdit(shown, checked.objects);
  const shownKeys = new Set(shown.map(keyOf));
  const added = plan.apply.filter((o) => !shownKeys.has(keyOf(o)));
  // Renames: each object taken out pairs with the first object of its kind new in the text.
  const renamed = new Map<string, KubeObject>();
  const free = [...added];
  for (const gone of plan.remove) {
    const i = free.findIndex((o) => o.kind === gone.kind);
    if (i < 0) continue;
    renamed.set(keyOf(gone), free[i] as KubeObject);
    free.splice(i, 1);
  }
  const removed = new Set(plan.remove.map(keyOf));
  const renamedTo = new Set([...renamed.values()].map(keyOf));
  const s = documentStore.getState();
  const kept = s.objects.flatMap((o) => {
    const key = keyOf(o);
    const next = renamed.get(key);
    return next ? [next] : removed.has(key) ? [] : [o];
  });
  const objects = withObjects(
    kept,
    plan.apply.filter((o) => !renamedTo.has(keyOf(o))),
  );
  let positions: Record<string, XY> = s.positions;
  if (removed.size > 0) {
    positions = { ...s.positions };
    for (const key of removed) {
      const to = renamed.get(key);
      const at = positions[key];
      if (to && at) positions[keyOf(to)] = at;
      delete positions[key];
    }
  }
  if (plan.apply.length > 0 || removed.size > 0) documentStore.setState({ objects, positions });
  const selection = sessionStore.getState().selection;
  if (selection && removed.has(selection)) select(null);
  return {
    ok: true,
    changed: plan.apply.length - added.length,
    added: added.length - renamed.size,
    removed: removed.size - renamed.size,
    renamed: renamed.size,
    warnings: checked.warnings,
  };
}

/** Text typed in a YAML editor and not applied, with what the editor showed when the person began. */
export interface EditDraft {
  text: string;
  /** The text the editor showed (from the design) when the edit began. */
  base: string;
  /** The objects that text held: Apply changes what the text changed from them. */
  shown: readonly KubeObject[];
  /** Kept from before a reload (the editor says so): when it was last typed in, ms since the epoch. */
  restoredFrom?: number;
}

/** The id of the whole design's editor (an object's editor has the object's key). */
export const DESIGN_DRAFT = 'design';
/** Where drafts are kept (under persist's TEXT_PREFIX). */
export const DRAFT_KEY = 'draft:';

/**
 * Unapplied edits by editor (DESIGN_DRAFT, or an object's key): kept while the panel shows something else
 * (another selection, the Import tab), and across a reload or a crash, until applied or discarded.
 */
const drafts = new Map<string, EditDraft>();

/** The unapplied draft of an editor. */
export function getEditDraft(id: string): EditDraft | undefined {
  return drafts.get(id);
}

/** Keeps (or, with undefined, drops) the draft of an editor, here and in the browser's storage. */
export function setEditDraft(id: string, draft: EditDraft | undefined): void {
  if (draft) drafts.set(id, draft);
  else drafts.delete(id);
  keepText(
    `${DRAFT_KEY}${id}`,
    draft && {
      text: draft.text,
      base: draft.base,
      shown: draft.shown.map(objectJson),
      savedAt: Date.now(),
    },
  );
}

/** Puts back drafts kept before a reload (`[editor id, stored value]`); returns the ids restored. */
export function restoreDrafts(kept: ReadonlyArray<readonly [string, unknown]>): string[] {
  const ids: string[] = [];
  for (const [id, value] of kept) {
    const v = value as { text?: unknown; base?: unknown; shown?: unknown; savedAt?: unknown } | undefined;
    if (
      typeof v?.text !== 'string' ||
      typeof v.base !== 'string' ||
      !Array.isArray(v.shown) ||
      !v.shown.every((s) => typeof s === 'string')
    )
      continue;
    let shown: KubeObject[];
    try {
      shown = (v.shown as string[]).map((json) => {
        const o = JSON.parse(json) as KubeObject;
        rememberJson(o, json);
        return o;
      });
    } catch {
      continue;
    }
    drafts.set(id, {
      text: v.text,
      base: v.base,
      shown,
      restoredFrom: typeof v.savedAt === 'number' ? v.savedAt : 0,
    });
    ids.push(id);
  }
  return ids;
}
