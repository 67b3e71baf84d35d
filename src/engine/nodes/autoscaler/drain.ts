/**
 * What the cluster autoscaler may move when it removes a node (cluster-autoscaler/simulator/drainability
 * rules, with the default flags), and a node's utilization (simulator/utilization).
 */
import { controllerOf } from '../../api/meta';
import { labelSelectorAsSelector } from '../../api/labels';
import { milliValue, value } from '../../api/quantity';
import type { KubeObject, Node, Pod, PodDisruptionBudget } from '../../api/types';
import type { ReadonlyStore } from '../../core/objectStore';
import { podRequests } from '../../core/resources';

type P = Pod & KubeObject;
type PDB = PodDisruptionBudget & KubeObject;

/** A pod annotation: "false" blocks the removal of its node, "true" allows it whatever else. */
export const SAFE_TO_EVICT = 'cluster-autoscaler.kubernetes.io/safe-to-evict';
/** A node annotation: "true" keeps the autoscaler from removing the node. */
export const SCALE_DOWN_DISABLED = 'cluster-autoscaler.kubernetes.io/scale-down-disabled';

function terminal(p: P): boolean {
  return p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
}

/** DaemonSet pods stay (and do not block); they go with the node. */
export function isDaemonPod(p: P): boolean {
  return controllerOf(p)?.kind === 'DaemonSet';
}

/** Why a pod blocks the removal of its node, in the autoscaler's words, or undefined. */
export function blockingReason(p: P, store: ReadonlyStore): string | undefined {
  if (terminal(p) || isDaemonPod(p) || p.metadata.deletionTimestamp) return undefined;
  const safe = p.metadata.annotations?.[SAFE_TO_EVICT];
  if (safe === 'false') return 'NotSafeToEvictAnnotation';
  if (safe === 'true') return undefined;
  if (!controllerOf(p)) return 'NotReplicated';
  const pdbs = store
    .list<PDB>('PodDisruptionBudget', p.metadata.namespace)
    .filter((b) => labelSelectorAsSelector(b.spec?.selector).matches(p.metadata.labels));
  if (p.metadata.namespace === 'kube-system' && pdbs.length === 0) return 'UnmovableKubeSystemPod';
  if ((p.spec?.volumes ?? []).some((v) => v.emptyDir || v.hostPath)) return 'LocalStorageRequested';
  if (pdbs.some((b) => (b.status?.disruptionsAllowed ?? 0) < 1)) return 'NotEnoughPdb';
  return undefined;
}

/** The pods that must move for the node to go (not DaemonSet, not terminal, not already leaving). */
export function podsToMove(node: string, store: ReadonlyStore): P[] {
  return store
    .podsOnNode(node)
    .filter((p) => !terminal(p) && !isDaemonPod(p) && !p.metadata.deletionTimestamp);
}

/** The larger of the node's CPU and memory requests over allocatable (0 to 1). */
export function utilization(node: Node & KubeObject, store: ReadonlyStore): number {
  const alloc = node.status?.allocatable ?? node.status?.capacity ?? {};
  let cpu = 0;
  let mem = 0;
  for (const p of store.podsOnNode(node.metadata.name)) {
    if (terminal(p)) continue;
    const r = podRequests(p);
    cpu += r.milliCpu;
    mem += r.memoryBytes;
  }
  const c = milliValue(alloc.cpu ?? '0');
  const m = value(alloc.memory ?? '0');
  return Math.max(c > 0 ? cpu / c : 0, m > 0 ? mem / m : 0);
}
