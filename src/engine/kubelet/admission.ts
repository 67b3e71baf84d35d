/**
 * The kubelet's own admission of a pod bound to its node (pkg/kubelet/lifecycle/predicate.go
 * GeneralPredicates): the node's allocatable must hold the pod next to the pods already admitted, and the
 * pod's nodeSelector and required node affinity must match the node. A pod the scheduler placed always
 * passes; one written with spec.nodeName may not, and is then Failed with reason OutOfcpu, OutOfmemory,
 * OutOfpods or NodeAffinity.
 */
import { nodeSelectorMatches } from '../api/labels';
import { milliValue, value } from '../api/quantity';
import type { KubeObject, Node, Pod } from '../api/types';
import type { ReadonlyStore } from '../core/objectStore';
import { podRequests } from '../core/resources';

type P = Pod & KubeObject;

/** Why the kubelet refuses the pod, or undefined when it admits it. */
export function admissionFailure(
  pod: P,
  node: Node & KubeObject,
  store: ReadonlyStore,
): { reason: string; message: string } | undefined {
  const labels = node.metadata.labels ?? {};
  const selector = pod.spec?.nodeSelector ?? {};
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (
    Object.entries(selector).some(([k, v]) => labels[k] !== v) ||
    (required && !nodeSelectorMatches(required, node))
  )
    return {
      reason: 'NodeAffinity',
      message:
        "Pod was rejected: Predicate NodeAffinity failed: node(s) didn't match Pod's node affinity/selector",
    };
  const alloc = node.status?.allocatable ?? node.status?.capacity ?? {};
  let cpu = 0;
  let memory = 0;
  let pods = 0;
  for (const other of store.podsOnNode(node.metadata.name)) {
    if (other.metadata.uid === pod.metadata.uid) continue;
    const phase = other.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') continue;
    const r = podRequests(other);
    cpu += r.milliCpu;
    memory += r.memoryBytes;
    pods++;
  }
  const want = podRequests(pod);
  const checks: Array<[string, number, number, number]> = [
    ['cpu', want.milliCpu, cpu, alloc.cpu === undefined ? Infinity : milliValue(alloc.cpu)],
    ['memory', want.memoryBytes, memory, alloc.memory === undefined ? Infinity : value(alloc.memory)],
    ['pods', 1, pods, alloc.pods === undefined ? Infinity : value(alloc.pods)],
  ];
  for (const [name, requested, used, capacity] of checks)
    if (requested > 0 && used + requested > capacity)
      return {
        reason: `OutOf${name}`,
        message: `Pod was rejected: Node didn't have enough resource: ${name}, requested: ${requested}, used: ${used}, capacity: ${capacity}`,
      };
  return undefined;
}
