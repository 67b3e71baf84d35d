/**
 * Invariants of a simulated cluster, checked after every step in tests and in debug mode:
 * - a pod is bound to a node that exists (pods of a deleted node are being garbage-collected);
 * - the requests of the pods on a node never exceed its allocatable (what the scheduler guarantees);
 * - owner references point at existing objects (the garbage collector removes the rest at once);
 * - names are unique per kind and namespace (the store's key guarantees it; checked by count here).
 */
import { keyOf } from '../api/meta';
import { milliValue, value } from '../api/quantity';
import type { KubeObject, Node, Pod } from '../api/types';
import type { ReadonlyStore } from './objectStore';
import { podRequests } from './resources';

export function checkInvariants(store: ReadonlyStore): string[] {
  const violations: string[] = [];
  const seen = new Set<string>();
  for (const pod of store.each<Pod & KubeObject>('Pod')) {
    const key = keyOf(pod);
    if (seen.has(key)) violations.push(`duplicate name ${key}`);
    seen.add(key);
    const nodeName = pod.spec?.nodeName;
    if (nodeName && !store.get('Node', undefined, nodeName) && !pod.metadata.deletionTimestamp) {
      violations.push(`pod ${key} is bound to node ${nodeName}, which does not exist`);
    }
    for (const ref of pod.metadata.ownerReferences ?? []) {
      if (!store.getByUid(ref.uid) && !pod.metadata.deletionTimestamp) {
        violations.push(
          `pod ${key} has an ownerReference to ${ref.kind} ${ref.name} (${ref.uid}), which does not exist`,
        );
      }
    }
  }
  for (const node of store.each<Node & KubeObject>('Node')) {
    const alloc = node.status?.allocatable ?? node.status?.capacity ?? {};
    let cpu = 0;
    let memory = 0;
    let pods = 0;
    for (const pod of store.podsOnNode(node.metadata.name)) {
      const phase = pod.status?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') continue;
      const r = podRequests(pod);
      cpu += r.milliCpu;
      memory += r.memoryBytes;
      pods++;
    }
    if (alloc.cpu !== undefined && cpu > milliValue(alloc.cpu)) {
      violations.push(`node ${node.metadata.name}: pods request ${cpu}m CPU, allocatable is ${alloc.cpu}`);
    }
    if (alloc.memory !== undefined && memory > value(alloc.memory)) {
      violations.push(
        `node ${node.metadata.name}: pods request ${memory} bytes of memory, allocatable is ${alloc.memory}`,
      );
    }
    if (alloc.pods !== undefined && pods > value(alloc.pods)) {
      violations.push(`node ${node.metadata.name}: ${pods} pods, allocatable is ${alloc.pods}`);
    }
  }
  for (const kind of ['ReplicaSet', 'ControllerRevision', 'PersistentVolumeClaim', 'EndpointSlice', 'Job']) {
    for (const obj of store.each(kind)) {
      for (const ref of obj.metadata.ownerReferences ?? []) {
        if (!store.getByUid(ref.uid) && !obj.metadata.deletionTimestamp) {
          violations.push(
            `${keyOf(obj)} has an ownerReference to ${ref.kind} ${ref.name}, which does not exist`,
          );
        }
      }
    }
  }
  return violations;
}
