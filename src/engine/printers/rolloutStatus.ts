/**
 * `kubectl rollout status` messages: a port of staging/src/k8s.io/kubectl/pkg/polymorphichelpers/
 * rollout_status.go (DeploymentStatusViewer with its warning suffix, DaemonSetStatusViewer,
 * StatefulSetStatusViewer). Each returns the message (with its newline), whether the rollout is done,
 * or an error in kubectl's words.
 */
import type { KubeObject, Pod } from '../api/types';

/* eslint-disable @typescript-eslint/no-explicit-any -- reads status fields of three kinds */
type Any = any;

/** One poll of a rollout: the message kubectl prints, done, or an error. */
export interface RolloutStatus {
  message: string;
  done: boolean;
  error?: string;
}

const WARN_REASONS = new Set([
  'ImagePullBackOff',
  'ErrImagePull',
  'CrashLoopBackOff',
  'CreateContainerConfigError',
  'CreateContainerError',
]);

/** appendWarning: the first unschedulable or failing pod of the deployment, as a suffix. */
function withWarning(base: string, pods: readonly (Pod & KubeObject)[]): string {
  for (const pod of pods) {
    for (const c of pod.status?.conditions ?? []) {
      if (c.type === 'PodScheduled' && c.status === 'False' && c.reason === 'Unschedulable')
        return `${base.trim()} (Warning: ${c.message ?? ''})\n`;
    }
    for (const s of pod.status?.containerStatuses ?? []) {
      const w = s.state?.waiting;
      if (w?.reason && WARN_REASONS.has(w.reason))
        return `${base.trim()} (Warning: ${w.reason} - ${w.message ?? ''})\n`;
    }
  }
  return base;
}

function deploymentStatus(d: Any, pods: readonly (Pod & KubeObject)[]): RolloutStatus {
  const name = d.metadata.name;
  const s = d.status ?? {};
  if ((d.metadata.generation ?? 0) <= (s.observedGeneration ?? 0)) {
    const progressing = (s.conditions ?? []).find((c: Any) => c.type === 'Progressing');
    if (progressing?.reason === 'ProgressDeadlineExceeded')
      return { message: '', done: false, error: `deployment "${name}" exceeded its progress deadline` };
    const replicas = d.spec?.replicas;
    const updated = s.updatedReplicas ?? 0;
    if (replicas !== undefined && updated < replicas) {
      const msg = `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${replicas} new replicas have been updated...\n`;
      return { message: withWarning(msg, pods), done: false };
    }
    if ((s.replicas ?? 0) > updated) {
      const msg = `Waiting for deployment "${name}" rollout to finish: ${(s.replicas ?? 0) - updated} old replicas are pending termination...\n`;
      return { message: withWarning(msg, pods), done: false };
    }
    if ((s.availableReplicas ?? 0) < updated) {
      const msg = `Waiting for deployment "${name}" rollout to finish: ${s.availableReplicas ?? 0} of ${updated} updated replicas are available...\n`;
      return { message: withWarning(msg, pods), done: false };
    }
    return { message: `deployment "${name}" successfully rolled out\n`, done: true };
  }
  return {
    message: withWarning('Waiting for deployment spec update to be observed...\n', pods),
    done: false,
  };
}

function daemonSetStatus(d: Any): RolloutStatus {
  if ((d.spec?.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate')
    return {
      message: '',
      done: true,
      error: 'rollout status is only available for RollingUpdate strategy type',
    };
  const s = d.status ?? {};
  const name = d.metadata.name;
  if ((d.metadata.generation ?? 0) <= (s.observedGeneration ?? 0)) {
    const desired = s.desiredNumberScheduled ?? 0;
    if ((s.updatedNumberScheduled ?? 0) < desired)
      return {
        message: `Waiting for daemon set "${name}" rollout to finish: ${s.updatedNumberScheduled ?? 0} out of ${desired} new pods have been updated...\n`,
        done: false,
      };
    if ((s.numberAvailable ?? 0) < desired)
      return {
        message: `Waiting for daemon set "${name}" rollout to finish: ${s.numberAvailable ?? 0} of ${desired} updated pods are available...\n`,
        done: false,
      };
    return { message: `daemon set "${name}" successfully rolled out\n`, done: true };
  }
  return { message: 'Waiting for daemon set spec update to be observed...\n', done: false };
}

function statefulSetStatus(o: Any): RolloutStatus {
  const strategy = o.spec?.updateStrategy ?? { type: 'RollingUpdate' };
  if ((strategy.type ?? 'RollingUpdate') !== 'RollingUpdate')
    return {
      message: '',
      done: true,
      error: 'rollout status is only available for RollingUpdate strategy type',
    };
  const s = o.status ?? {};
  if (!s.observedGeneration || (o.metadata.generation ?? 0) > s.observedGeneration)
    return { message: 'Waiting for statefulset spec update to be observed...\n', done: false };
  const replicas = o.spec?.replicas;
  if (replicas !== undefined && (s.readyReplicas ?? 0) < replicas)
    return { message: `Waiting for ${replicas - (s.readyReplicas ?? 0)} pods to be ready...\n`, done: false };
  if (strategy.rollingUpdate) {
    const partition = strategy.rollingUpdate.partition;
    if (replicas !== undefined && partition !== undefined && (s.updatedReplicas ?? 0) < replicas - partition)
      return {
        message: `Waiting for partitioned roll out to finish: ${s.updatedReplicas ?? 0} out of ${replicas - partition} new pods have been updated...\n`,
        done: false,
      };
    return {
      message: `partitioned roll out complete: ${s.updatedReplicas ?? 0} new pods have been updated...\n`,
      done: true,
    };
  }
  if (s.updateRevision !== s.currentRevision)
    return {
      message: `waiting for statefulset rolling update to complete ${s.updatedReplicas ?? 0} pods at revision ${s.updateRevision}...\n`,
      done: false,
    };
  return {
    message: `statefulset rolling update complete ${s.currentReplicas ?? 0} pods at revision ${s.currentRevision}...\n`,
    done: true,
  };
}

/**
 * The rollout status of a Deployment, DaemonSet or StatefulSet (`pods`: the deployment's pods, for the
 * warning suffix). Other kinds get kubectl's "no status viewer" error.
 */
export function rolloutStatus(obj: KubeObject, pods: readonly (Pod & KubeObject)[] = []): RolloutStatus {
  switch (obj.kind) {
    case 'Deployment':
      return deploymentStatus(obj, pods);
    case 'DaemonSet':
      return daemonSetStatus(obj);
    case 'StatefulSet':
      return statefulSetStatus(obj);
    default:
      return { message: '', done: false, error: `no status viewer has been implemented for ${obj.kind}` };
  }
}
