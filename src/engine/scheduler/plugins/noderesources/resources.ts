/**
 * The resource views shared by NodeResourcesFit and NodeResourcesBalancedAllocation
 * (pkg/scheduler/framework/plugins/noderesources/resource_allocation.go).
 */
import type { PodInfo } from '../../framework/nodeInfo';

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
