/**
 * `kubectl taint` specs and their effect on a node, ported from staging/src/k8s.io/kubectl/pkg/cmd/
 * taint/utils.go: parseTaints (`key=value:Effect`, `key:Effect` to add; `key[:Effect]-` to remove),
 * reorganizeTaints (new taints first, then the old ones not replaced, then removals; the operation word
 * `tainted`, `untainted` or `modified`) and checkIfTaintsAlreadyExists (the --overwrite check).
 */
import { isQualifiedName, isValidLabelValue } from '../api/labels';
import type { Taint } from '../api/types';

/** A taint as the spec gives it (value '' when none). */
export interface TaintSpec {
  key: string;
  value: string;
  effect: string;
}

const EFFECTS = new Set(['NoSchedule', 'PreferNoSchedule', 'NoExecute']);

/** Taint.ToString(): `key=value:effect`, `key:effect`, `key=value` or `key`. */
export function taintString(t: { key: string; value?: string; effect?: string }): string {
  return `${t.key}${t.value ? `=${t.value}` : ''}${t.effect ? `:${t.effect}` : ''}`;
}

/** parseTaint: one `key=value:effect`, `key:effect` or `key`. */
function parseTaint(st: string): TaintSpec | string {
  const parts = st.split(':');
  let key: string;
  let value = '';
  let effect = '';
  if (parts.length === 1) key = parts[0] as string;
  else if (parts.length === 2) {
    effect = parts[1] as string;
    if (!EFFECTS.has(effect)) return `invalid taint effect: ${effect}, unsupported taint effect`;
    const kv = (parts[0] as string).split('=');
    if (kv.length > 2) return `invalid taint spec: ${st}`;
    key = kv[0] as string;
    if (kv.length === 2) {
      value = kv[1] as string;
      if (!isValidLabelValue(value))
        return `invalid taint spec: ${st}, a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`;
    }
  } else return `invalid taint spec: ${st}`;
  if (!isQualifiedName(key))
    return `invalid taint spec: ${st}, name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`;
  return { key, value, effect };
}

/** parseTaints: taints to add and to remove, or the error (without kubectl's `error: ` prefix). */
export function parseTaints(specs: readonly string[]): { add: TaintSpec[]; remove: TaintSpec[] } | string {
  const add: TaintSpec[] = [];
  const remove: TaintSpec[] = [];
  const unique = new Set<string>();
  for (const spec of specs) {
    if (spec.endsWith('-')) {
      const t = parseTaint(spec.slice(0, -1));
      if (typeof t === 'string') return t;
      remove.push({ key: t.key, value: '', effect: t.effect });
      continue;
    }
    const t = parseTaint(spec);
    if (typeof t === 'string') return t;
    if (t.effect === '') return `invalid taint spec: ${spec}`;
    const id = `${t.effect}\u0000${t.key}`;
    if (unique.has(id))
      return `duplicated taints with the same key and effect: {${t.key} ${t.value} ${t.effect} <nil>}`;
    unique.add(id);
    add.push(t);
  }
  return { add, remove };
}

/** Keys of taints to add that the node already has with the same effect, comma-separated. */
export function taintsAlreadyThere(old: readonly Taint[], add: readonly TaintSpec[]): string {
  const keys: string[] = [];
  for (const t of add) for (const o of old) if (t.key === o.key && t.effect === o.effect) keys.push(t.key);
  return keys.join(',');
}

function toTaint(t: TaintSpec): Taint {
  return { key: t.key, effect: t.effect, ...(t.value ? { value: t.value } : {}) };
}

/** reorganizeTaints: the operation word, the node's new taints, and any "not found" errors. */
export function reorganizeTaints(
  old: readonly Taint[],
  overwrite: boolean,
  add: readonly TaintSpec[],
  remove: readonly TaintSpec[],
): { operation: 'tainted' | 'untainted' | 'modified'; taints: Taint[]; errors: string[] } {
  let taints = add.map(toTaint);
  for (const o of old) if (!taints.some((t) => t.key === o.key && t.effect === o.effect)) taints.push(o);
  const added = old.length !== taints.length;
  const errors: string[] = [];
  let removed = false;
  for (const r of remove) {
    const before = taints.length;
    taints = taints.filter((t) => !(t.key === r.key && (r.effect === '' || t.effect === r.effect)));
    removed = taints.length !== before;
    if (!removed) errors.push(`taint "${taintString(r)}" not found`);
  }
  const operation = (added && removed) || overwrite ? 'modified' : added ? 'tainted' : 'untainted';
  return { operation, taints, errors };
}
