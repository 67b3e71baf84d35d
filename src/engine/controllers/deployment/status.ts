/**
 * Deployment status and conditions: pkg/controller/deployment/sync.go calculateStatus and progress.go
 * syncRolloutStatus, with upstream's reasons and messages (deployment/util/deployment_util.go).
 */
import type { Deployment, KubeObject, ReplicaSet } from '../../api/types';
import { keyOf } from '../../api/meta';
import { parseTimestamp, timestamp } from '../../api/time';
import type { ControllerContext } from '../../core/controller';
import { resolveFenceposts } from '../util/rollout';
import { sameJson } from '../util/owned';

type D = Deployment & KubeObject;
type RS = ReplicaSet & KubeObject;
type DeploymentCondition = NonNullable<NonNullable<Deployment['status']>['conditions']>[number];

function setCondition(
  conds: DeploymentCondition[],
  c: Omit<DeploymentCondition, 'lastUpdateTime' | 'lastTransitionTime'>,
  now: string,
): DeploymentCondition[] {
  const prev = conds.find((x) => x.type === c.type);
  if (prev && prev.status === c.status && prev.reason === c.reason && prev.message === c.message)
    return conds;
  const lastTransitionTime = prev && prev.status === c.status ? (prev.lastTransitionTime ?? now) : now;
  const next = { ...c, lastUpdateTime: now, lastTransitionTime };
  return prev ? conds.map((x) => (x.type === c.type ? next : x)) : [...conds, next];
}

/** Writes the deployment's status (only when it changed) and schedules the progress deadline check. */
export function deploymentStatus(d: D, newRS: RS | undefined, all: RS[], ctx: ControllerContext): void {
  const desired = d.spec?.replicas ?? 1;
  const sum = (f: (r: RS) => number | undefined): number => all.reduce((s, r) => s + (f(r) ?? 0), 0);
  const replicas = sum((r) => r.status?.replicas);
  const available = sum((r) => r.status?.availableReplicas);
  const updated = newRS?.status?.replicas ?? 0;
  const ru = d.spec?.strategy?.rollingUpdate;
  const [, maxUnavailable] =
    d.spec?.strategy?.type === 'Recreate'
      ? [0, 0]
      : resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, desired);
  const now = timestamp(ctx.now);
  const prev = d.status;
  let conds = [...(prev?.conditions ?? [])];
  conds =
    available >= desired - maxUnavailable
      ? setCondition(
          conds,
          {
            type: 'Available',
            status: 'True',
            reason: 'MinimumReplicasAvailable',
            message: 'Deployment has minimum availability.',
          },
          now,
        )
      : setCondition(
          conds,
          {
            type: 'Available',
            status: 'False',
            reason: 'MinimumReplicasUnavailable',
            message: 'Deployment does not have minimum availability.',
          },
          now,
        );
  const rsName = newRS?.metadata.name ?? '';
  const complete = updated === desired && replicas === desired && available === desired;
  const progressed =
    !prev ||
    updated > (prev.updatedReplicas ?? 0) ||
    available > (prev.availableReplicas ?? 0) ||
    sum((r) => r.status?.readyReplicas) > (prev.readyReplicas ?? 0);
  const progressing = conds.find((c) => c.type === 'Progressing');
  const deadline = (d.spec?.progressDeadlineSeconds ?? 600) * 1000;
  if (d.spec?.paused) {
    conds = setCondition(
      conds,
      { type: 'Progressing', status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' },
      now,
    );
  } else if (complete && newRS) {
    conds = setCondition(
      conds,
      {
        type: 'Progressing',
        status: 'True',
        reason: 'NewReplicaSetAvailable',
        message: `ReplicaSet "${rsName}" has successfully progressed.`,
      },
      now,
    );
  } else if (newRS && (progressed || !progressing || progressing.reason === 'DeploymentPaused')) {
    const reason = progressing ? 'ReplicaSetUpdated' : 'NewReplicaSetCreated';
    const message = progressing
      ? `ReplicaSet "${rsName}" is progressing.`
      : `Created new replica set "${rsName}"`;
    conds = setCondition(conds, { type: 'Progressing', status: 'True', reason, message }, now);
    conds = conds.map((c) => (c.type === 'Progressing' ? { ...c, lastUpdateTime: now } : c));
    ctx.enqueueAfter(deadline + 1000, keyOf(d));
  } else if (
    newRS &&
    progressing &&
    progressing.status === 'True' &&
    progressing.reason !== 'NewReplicaSetAvailable'
  ) {
    const since = parseTimestamp(progressing.lastUpdateTime ?? now);
    if (since + deadline < ctx.now) {
      conds = setCondition(
        conds,
        {
          type: 'Progressing',
          status: 'False',
          reason: 'ProgressDeadlineExceeded',
          message: `ReplicaSet "${rsName}" has timed out progressing.`,
        },
        now,
      );
      ctx.event(
        d,
        'Warning',
        'ProgressDeadlineExceeded',
        `ReplicaSet "${rsName}" has timed out progressing.`,
      );
    }
  }
  const status = {
    ...prev,
    observedGeneration: d.metadata.generation ?? 1,
    replicas,
    updatedReplicas: updated,
    readyReplicas: sum((r) => r.status?.readyReplicas),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, desired - available),
    conditions: conds,
  };
  if (!sameJson(status, prev)) ctx.update({ ...d, status });
}
