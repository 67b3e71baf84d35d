/** Shared helpers of the workload controllers: owned pods, watch mapping, status comparison. */
import type { KubeObject, Pod } from '../../api/types';
import { controllerOf, keyOf } from '../../api/meta';
import type { ReadonlyStore } from '../../core/objectStore';
import { parseTimestamp } from '../../api/time';
import { readyCondition } from './rollout';

/** The objects of `kind` whose controller is `owner` (through the store's owner index; no scan). */
export function ownedOf<T extends KubeObject>(store: ReadonlyStore, owner: KubeObject, kind: string): T[] {
  const uid = owner.metadata.uid;
  if (!uid) return [];
  const out: T[] = [];
  for (const d of store.dependents(uid)) {
    if (d.kind === kind && controllerOf(d)?.uid === uid) out.push(d as T);
  }
  return out;
}

/** The store key of an object's controller of the given kind, if the controller still exists. */
export function ownerKeyOf(store: ReadonlyStore, obj: KubeObject, kind: string): string | undefined {
  const ref = controllerOf(obj);
  if (!ref || ref.kind !== kind) return undefined;
  const owner = store.getByUid(ref.uid);
  return owner ? keyOf(owner) : undefined;
}

/** True while a pod counts toward its controller: not terminating and not finished (controller_utils IsPodActive). */
export function isPodActive(pod: Pod & KubeObject): boolean {
  const phase = pod.status?.phase;
  return pod.metadata.deletionTimestamp === undefined && phase !== 'Succeeded' && phase !== 'Failed';
}

/** When the pod's Ready condition last changed, in simulated ms (0 when unknown). */
export function readySinceMs(pod: Pod): number {
  const t = readyCondition(pod)?.lastTransitionTime;
  return t ? parseTimestamp(t) : 0;
}

/**
 * Whether two values write the same JSON (status comparison before writing): JSON.stringify(a) ===
 * JSON.stringify(b), key order included, worked out by walking both instead of writing them. Values
 * the walk does not model (NaN, functions, class instances, toJSON...) are compared by writing them.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const same = jsonEqual(a, b);
  return same ?? JSON.stringify(a) === JSON.stringify(b);
}

/** True or false when decided, undefined when the values hold something only JSON.stringify can judge. */
function jsonEqual(a: unknown, b: unknown): boolean | undefined {
  if (a === b) return plainJson(a) ? true : undefined;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    if (!plainJson(a) || !plainJson(b)) return undefined;
    // Distinct plain scalars (finite numbers, strings, booleans, null) write distinct JSON.
    return false;
  }
  const arrayA = Array.isArray(a);
  if (arrayA !== Array.isArray(b)) return plainObject(a) && plainObject(b) ? false : undefined;
  if (arrayA) {
    const x = a as unknown[];
    const y = b as unknown[];
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) {
      if (unwritten(x[i]) || unwritten(y[i])) return undefined;
      const same = jsonEqual(x[i], y[i]);
      if (same !== true) return same;
    }
    return true;
  }
  if (!plainObject(a) || !plainObject(b)) return undefined;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const kx = Object.keys(x);
  const ky = Object.keys(y);
  let i = 0;
  let j = 0;
  for (;;) {
    // Properties whose value is undefined are not written (functions and symbols neither: those are
    // left to JSON.stringify).
    for (; i < kx.length && unwritten(x[kx[i] as string]); i++) if (x[kx[i] as string] !== undefined) return;
    for (; j < ky.length && unwritten(y[ky[j] as string]); j++) if (y[ky[j] as string] !== undefined) return;
    if (i === kx.length || j === ky.length) return i === kx.length && j === ky.length;
    const k = kx[i] as string;
    if (k !== ky[j]) return false;
    const same = jsonEqual(x[k], y[k]);
    if (same !== true) return same;
    i++;
    j++;
  }
}

/** A value JSON.stringify leaves out of an object (and writes as null in a list). */
function unwritten(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol';
}

/** A value this walk models: null, a boolean, a finite number, a string, a plain array or object. */
function plainJson(v: unknown): boolean {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(v);
    case 'object':
      return v === null || Array.isArray(v) || plainObject(v);
    default:
      return false;
  }
}

function plainObject(v: unknown): boolean {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return (
    (proto === Object.prototype || proto === null) && typeof (v as { toJSON?: unknown }).toJSON !== 'function'
  );
}
