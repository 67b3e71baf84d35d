/**
 * The DefaultTolerationSeconds admission plugin (plugin/pkg/admission/defaulttolerationseconds): a created
 * pod that does not already tolerate `node.kubernetes.io/not-ready:NoExecute` (resp. `unreachable`) gets
 * a toleration for it with tolerationSeconds 300 (kube-apiserver's --default-not-ready-toleration-seconds
 * and --default-unreachable-toleration-seconds).
 */
import type { KubeObject, Pod, Toleration } from '../api/types';
import { TAINT_NOT_READY, TAINT_UNREACHABLE } from './taints';

/** --default-not-ready-toleration-seconds and --default-unreachable-toleration-seconds. */
export const DEFAULT_TOLERATION_SECONDS = 300;

function tolerates(ts: readonly Toleration[], key: string): boolean {
  return ts.some((t) => (t.key === key || !t.key) && (t.effect === 'NoExecute' || !t.effect));
}

/** The admission plugin: returns the pod with the tolerations added (other objects unchanged). */
export function defaultTolerationSeconds(obj: KubeObject): KubeObject {
  if (obj.kind !== 'Pod') return obj;
  const pod = obj as Pod & KubeObject;
  const existing = pod.spec?.tolerations ?? [];
  const add: Toleration[] = [];
  for (const key of [TAINT_NOT_READY, TAINT_UNREACHABLE])
    if (!tolerates(existing, key))
      add.push({
        key,
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: DEFAULT_TOLERATION_SECONDS,
      });
  if (add.length === 0) return obj;
  return {
    ...pod,
    spec: { ...pod.spec!, containers: pod.spec?.containers ?? [], tolerations: [...existing, ...add] },
  };
}
