/**
 * Which nodes run a DaemonSet's pod: pkg/controller/daemon/daemon_controller.go NodeShouldRunDaemonPod
 * (nodeSelector, required node affinity, NoSchedule/NoExecute taints against the template's
 * tolerations plus the ones upstream adds, pkg/controller/daemon/util AddOrUpdateDaemonPodTolerations).
 */
import type { KubeObject, Node, PodSpec, Toleration } from '../../api/types';
import { nodeSelectorMatches } from '../../api/labels';
import { findUntoleratedTaint } from '../../scheduler/plugins/helper/taints';

const exists = (key: string, effect: 'NoSchedule' | 'NoExecute'): Toleration => ({
  key,
  operator: 'Exists',
  effect,
});

/** The tolerations the DaemonSet controller adds to every daemon pod (hostNetwork adds one more). */
export function daemonPodTolerations(spec: PodSpec): Toleration[] {
  const added = [
    exists('node.kubernetes.io/not-ready', 'NoExecute'),
    exists('node.kubernetes.io/unreachable', 'NoExecute'),
    exists('node.kubernetes.io/disk-pressure', 'NoSchedule'),
    exists('node.kubernetes.io/memory-pressure', 'NoSchedule'),
    exists('node.kubernetes.io/pid-pressure', 'NoSchedule'),
    exists('node.kubernetes.io/unschedulable', 'NoSchedule'),
    ...(spec.hostNetwork ? [exists('node.kubernetes.io/network-unavailable', 'NoSchedule')] : []),
  ];
  const own = spec.tolerations ?? [];
  return [...own, ...added.filter((a) => !own.some((t) => t.key === a.key && t.effect === a.effect))];
}

/** True when the daemon pod of `spec` should run on the node. */
export function nodeShouldRunDaemonPod(spec: PodSpec, node: Node & KubeObject): boolean {
  const labels = node.metadata.labels ?? {};
  for (const [k, v] of Object.entries(spec.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const required = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (required && !nodeSelectorMatches(required, node)) return false;
  const keep = (t: { effect: string }): boolean => t.effect === 'NoSchedule' || t.effect === 'NoExecute';
  return findUntoleratedTaint(node.spec?.taints, daemonPodTolerations(spec), keep) === undefined;
}
