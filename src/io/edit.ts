/**
 * What an edit of the YAML editor changes: given the objects the editor showed and the objects its new
 * text holds (after importManifests succeeded), the objects to apply (new or changed) and the objects to
 * delete (documents the person removed). Unchanged objects are left alone so the simulation does not
 * restart them. It compares authored copies (as export writes them), not live objects.
 */
import { keyOf, stableStringify, type KubeObject } from '../engine';
import { cleanForExport } from './export';

/** The changes of one editor edit. */
export interface EditPlan {
  apply: KubeObject[];
  remove: KubeObject[];
}

/** Plans an edit from the shown objects to the edited ones. */
export function planEdit(shown: readonly KubeObject[], edited: readonly KubeObject[]): EditPlan {
  const canon = (o: KubeObject): string => stableStringify(cleanForExport(o, true));
  const before = new Map(shown.map((o) => [keyOf(o), o]));
  const after = new Set<string>();
  const apply: KubeObject[] = [];
  for (const o of edited) {
    const key = keyOf(o);
    after.add(key);
    const old = before.get(key);
    if (!old || canon(old) !== canon(o)) apply.push(o);
  }
  return { apply, remove: shown.filter((o) => !after.has(keyOf(o))) };
}
