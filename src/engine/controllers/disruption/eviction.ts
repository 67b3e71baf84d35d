/**
 * The eviction subresource (pkg/registry/core/pod/storage/eviction.go): refuses when a matching
 * PodDisruptionBudget allows no disruption, else decrements its disruptionsAllowed and deletes the pod
 * gracefully. Not done: DisruptedPods bookkeeping and unhealthyPodEvictionPolicy.
 */
import type { KubeObject, Pod, PodDisruptionBudget } from '../../api/types';
import { labelSelectorAsSelector } from '../../api/labels';
import { ApiError, type Simulation } from '../../core/simulation';
import { isPodReady } from '../util/rollout';

type PDB = PodDisruptionBudget & KubeObject;

/** upstream's refusal message (eviction.go). */
export const EVICTION_REFUSED = "Cannot evict pod as it would violate the pod's disruption budget.";

/** Evicts a pod as `kubectl drain` does; throws ApiError(EVICTION_REFUSED) when a budget forbids it. */
export function evictPod(sim: Simulation, pod: Pod & KubeObject): void {
  const pdbs = sim.store
    .list<PDB>('PodDisruptionBudget', pod.metadata.namespace)
    .filter((p) => labelSelectorAsSelector(p.spec?.selector).matches(pod.metadata.labels));
  // eviction.go: a pod that is not Ready (or not Running) can be evicted without consuming the budget.
  const counts = pod.status?.phase === 'Running' && isPodReady(pod);
  if (counts) {
    for (const pdb of pdbs) {
      if ((pdb.status?.disruptionsAllowed ?? 0) < 1) throw new ApiError(EVICTION_REFUSED, 'Conflict');
    }
    for (const pdb of pdbs) {
      const status = { ...pdb.status!, disruptionsAllowed: (pdb.status?.disruptionsAllowed ?? 0) - 1 };
      sim.store.apply({ type: 'update', object: { ...pdb, status } });
    }
  }
  sim.deleteObject(pod, {});
}
