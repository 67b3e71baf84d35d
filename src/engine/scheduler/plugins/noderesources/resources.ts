/**
 * The resource views shared by NodeResourcesFit and NodeResourcesBalancedAllocation
 * (pkg/scheduler/framework/plugins/noderesources/resource_allocation.go).
 */
import type { NodeInfo, PodInfo } from '../../framework/nodeInfo';

/** config.ResourceSpec: a resource name and its weight in scoring. */
export interface ResourceSpec {
  name: string;
  weight: number;
}

export const DEFAULT_RESOURCES: ResourceSpec[] = [
  { name: 'cpu', weight: 1 },
  { name: 'memory', weight: 1 },
];

/** schedutil.IsScalarResourceName: extended, hugepages-, attachable-volumes- and kubernetes.io/ names. */
export function isScalarResourceName(name: string): boolean {
  return name !== 'cpu' && name !== 'memory' && name !== 'ephemeral-storage' && name !== 'pods';
}

/** The pod's request for one resource; with nonZero, cpu and memory use the scoring defaults. */
export function podRequestOf(p: PodInfo, name: string, nonZero: boolean): number {
  switch (name) {
    case 'cpu':
      return nonZero ? p.nonZeroMilliCpu : p.requests.milliCpu;
    case 'memory':
      return nonZero ? p.nonZeroMemory : p.requests.memoryBytes;
    case 'ephemeral-storage':
      return p.requests.ephemeralStorageBytes;
    default:
      return p.requests.scalar[name] ?? 0;
  }
}

/** The node's allocatable amount of a resource (0 when it has none). */
export function allocatableOf(node: NodeInfo, name: string): number {
  switch (name) {
    case 'cpu':
      return node.allocatable.milliCpu;
    case 'memory':
      return node.allocatable.memory;
    case 'ephemeral-storage':
      return node.allocatable.ephemeralStorage;
    default:
      return node.allocatable.scalar.get(name) ?? 0;
  }
}

/** What the node would have requested with the pod (calculateResourceAllocatableRequest's second half). */
export function requestedWith(node: NodeInfo, podRequest: number, name: string, nonZero: boolean): number {
  switch (name) {
    case 'cpu':
      return (nonZero ? node.nonZeroMilliCpu : node.requested.milliCpu) + podRequest;
    case 'memory':
      return (nonZero ? node.nonZeroMemory : node.requested.memory) + podRequest;
    case 'ephemeral-storage':
      return node.requested.ephemeralStorage + podRequest;
    default:
      return (node.requested.scalar.get(name) ?? 0) + podRequest;
  }
}
