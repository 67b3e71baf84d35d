/**
 * What the API server refuses in an update beyond the object's own validation: checks that read the
 * stored object and the cluster (its status, another object). Today a claim's size: it may not drop to
 * its status.capacity, and may grow only when bound and of a StorageClass with `allowVolumeExpansion`
 * (the engine's claimUpdateRefusal, as ValidatePersistentVolumeClaimUpdate and the
 * PersistentVolumeClaimResize admission plugin say it).
 */
import { claimUpdateRefusal, keyOf, type KubeObject } from '../engine';
import type { SimulationView } from './runtime';

type Claim = Parameters<typeof claimUpdateRefusal>[0];
type ClaimSpec = NonNullable<Claim['spec']>;

/**
 * The refusal of an edit that turns the live object into `after` (an authored object), or undefined.
 * The live claim's status and what the cluster filled in its spec (class, volume) stay as kubectl apply's
 * merge keeps them.
 */
export function updateRefusal(sim: SimulationView, after: KubeObject): string | undefined {
  if (after.kind !== 'PersistentVolumeClaim') return undefined;
  const live = sim.store.getByKey<Claim>(keyOf(after));
  if (!live) return undefined;
  const liveSpec: ClaimSpec = live.spec ?? {};
  const spec: ClaimSpec = { ...liveSpec, ...(after.spec as ClaimSpec | undefined) };
  if (spec.storageClassName === undefined && liveSpec.storageClassName !== undefined)
    spec.storageClassName = liveSpec.storageClassName;
  if (liveSpec.volumeName) spec.volumeName = liveSpec.volumeName;
  const updated: Claim = { ...live, metadata: { ...live.metadata, ...after.metadata }, spec };
  return claimUpdateRefusal(live, updated, (name) => sim.store.get('StorageClass', undefined, name))?.message;
}
