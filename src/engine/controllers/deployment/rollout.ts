/**
 * What `kubectl rollout undo|restart|pause|resume` do to a Deployment (staging/src/k8s.io/kubectl/pkg/
 * polymorphichelpers/rollback.go and objectrestarter.go), through the authored copy so export keeps them.
 */
import type { Deployment, KubeObject, ReplicaSet } from '../../api/types';
import { controllerOf, objectKey } from '../../api/meta';
import { timestamp } from '../../api/time';
import { ApiError, type Simulation } from '../../core/simulation';
import { revisionOf } from './deploymentController';

type D = Deployment & KubeObject;
type RS = ReplicaSet & KubeObject;

function deployment(sim: Simulation, namespace: string, name: string): D {
  const d = sim.store.get<D>('Deployment', namespace, name);
  if (!d) throw new ApiError(`deployments.apps "${name}" not found`, 'NotFound');
  return d;
}

/**
 * `kubectl rollout undo [--to-revision=N]`: copies the template of the ReplicaSet with that revision
 * (default: the one before the current) into the deployment. Throws with kubectl's messages.
 */
export function rollbackDeployment(
  sim: Simulation,
  namespace: string,
  name: string,
  toRevision?: number,
): void {
  const d = deployment(sim, namespace, name);
  const owned = sim.store
    .list<RS>('ReplicaSet', namespace)
    .filter((r) => controllerOf(r)?.uid === d.metadata.uid)
    .sort((a, b) => revisionOf(b) - revisionOf(a));
  const target = toRevision
    ? owned.find((r) => revisionOf(r) === toRevision)
    : owned.find((r) => revisionOf(r) < revisionOf(owned[0] ?? r));
  if (!target) {
    throw new ApiError(
      toRevision
        ? `unable to find specified revision ${toRevision} in history`
        : 'no rollout history found for deployment "' + name + '"',
    );
  }
  const template = structuredClone(target.spec?.template ?? {});
  const labels = { ...template.metadata?.labels };
  delete labels['pod-template-hash'];
  template.metadata = { ...template.metadata, labels };
  sim.patchAuthored(objectKey('Deployment', namespace, name), (o) => ({
    ...o,
    spec: { ...(o.spec as object), template },
  }));
}

/** `kubectl rollout restart`: stamps kubectl.kubernetes.io/restartedAt on the pod template. */
export function restartDeployment(sim: Simulation, namespace: string, name: string): void {
  deployment(sim, namespace, name);
  sim.patchAuthored(objectKey('Deployment', namespace, name), (o) => {
    const spec = (o.spec ?? {}) as NonNullable<D['spec']>;
    const meta = spec.template?.metadata ?? {};
    const annotations = { ...meta.annotations, 'kubectl.kubernetes.io/restartedAt': timestamp(sim.now) };
    return { ...o, spec: { ...spec, template: { ...spec.template, metadata: { ...meta, annotations } } } };
  });
}

/** `kubectl rollout pause|resume`: sets spec.paused. */
export function setDeploymentPaused(sim: Simulation, namespace: string, name: string, paused: boolean): void {
  deployment(sim, namespace, name);
  sim.patchAuthored(objectKey('Deployment', namespace, name), (o) => ({
    ...o,
    spec: { ...(o.spec as object), paused },
  }));
}
