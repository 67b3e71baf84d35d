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

/** Structural equality of two JSON values (status comparison before writing). */
export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
