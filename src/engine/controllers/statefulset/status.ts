/**
 * StatefulSet status (stateful_set_control.go computeReplicaStatus and completeRollingUpdate): replicas,
 * ready, available, current and updated counts by revision, and currentRevision catching up with
 * updateRevision when a RollingUpdate has replaced and readied every pod.
 */
import type { KubeObject, Pod, StatefulSet } from '../../api/types';
import { REVISION_HASH } from '../util/history';
import { readySinceMs } from '../util/owned';
import { isPodAvailable, isPodReady } from '../util/rollout';

type SS = StatefulSet & KubeObject;
type P = Pod & KubeObject;

/** The status the controller writes after a sync. */
export function statefulSetStatus(
  set: SS,
  pods: readonly P[],
  currentRevision: string,
  updateRevision: string,
  collisionCount: number,
  nowMs: number,
): NonNullable<SS['status']> {
  const minReady = set.spec?.minReadySeconds ?? 0;
  let replicas = 0;
  let ready = 0;
  let available = 0;
  let current = 0;
  let updated = 0;
  for (const p of pods) {
    const created = !!p.status?.phase;
    if (created) replicas++;
    if (p.status?.phase === 'Running' && isPodReady(p)) {
      ready++;
      if (isPodAvailable(p, minReady, nowMs, readySinceMs)) available++;
    }
    if (created && !p.metadata.deletionTimestamp) {
      const rev = p.metadata.labels?.[REVISION_HASH];
      if (rev === currentRevision) current++;
      if (rev === updateRevision) updated++;
    }
  }
  const status: NonNullable<SS['status']> = {
    ...set.status,
    observedGeneration: set.metadata.generation ?? 1,
    replicas,
    readyReplicas: ready,
    availableReplicas: available,
    currentReplicas: current,
    updatedReplicas: updated,
    currentRevision,
    updateRevision,
    collisionCount,
  };
  if (
    (set.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate' &&
    updated === replicas &&
    ready === replicas
  ) {
    status.currentReplicas = updated;
    status.currentRevision = updateRevision;
  }
  return status;
}
