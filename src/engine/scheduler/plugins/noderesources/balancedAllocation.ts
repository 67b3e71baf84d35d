/** NodeResourcesBalancedAllocation (pkg/scheduler/framework/plugins/noderesources/balanced_allocation.go). */
import type { Plugin } from '../../framework/types';
import { HOT, HOT_STRIDE, type NodeInfo, type PodInfo } from '../../framework/nodeInfo';
import { SKIP } from '../../framework/types';
import { DEFAULT_RESOURCES, isScalarResourceName, podRequestOf, type ResourceSpec } from './resources';

/** HOT indexes as module constants (read once, not per node). */
const {
  allocatableMilliCpu: H_ALLOCATABLE_MILLI_CPU,
  allocatableMemory: H_ALLOCATABLE_MEMORY,
  requestedMilliCpu: H_REQUESTED_MILLI_CPU,
  requestedMemory: H_REQUESTED_MEMORY,
} = HOT;

/** Reused between calls: the fractions of one node (the engine is single-threaded). */
const fractions: number[] = [];

/** NodeResourcesBalancedAllocationArgs. */
export interface BalancedAllocationArgs {
  resources?: ResourceSpec[];
}

/** Score: 100 × (1 − standard deviation of the requested fractions), on actual requests. */
export function nodeResourcesBalancedAllocation(args: BalancedAllocationArgs = {}): Plugin {
  const resources = args.resources ?? DEFAULT_RESOURCES;
  return {
    name: 'NodeResourcesBalancedAllocation',
    preScore(state) {
      // A best-effort pod does not change any node's balance (upstream issue 129138).
      return resources.every((r) => podRequestOf(state.podInfo, r.name, false) === 0) ? SKIP : undefined;
    },
    scoreNodes(state, nodes, out, indexes) {
      if (resources !== DEFAULT_RESOURCES) {
        for (let i = 0; i < nodes.length; i++) out[i] = balanced(state.podInfo, nodes[i] as NodeInfo);
        return;
      }
      // cpu and memory: the standard deviation of two fractions is half their difference.
      const cpu = state.podInfo.requests.milliCpu;
      const mem = state.podInfo.requests.memoryBytes;
      const arena = indexes && state.snapshot.hotArena;
      for (let i = 0; i < nodes.length; i++) {
        let h: Float64Array;
        let b: number;
        if (arena && indexes) {
          h = arena;
          b = (indexes[i] as number) * HOT_STRIDE;
        } else {
          const node = nodes[i] as NodeInfo;
          h = node.hot;
          b = node.base;
        }
        const ac = h[b + H_ALLOCATABLE_MILLI_CPU] as number;
        const am = h[b + H_ALLOCATABLE_MEMORY] as number;
        if (ac === 0 || am === 0) {
          out[i] = balanced(state.podInfo, nodes[i] as NodeInfo);
          continue;
        }
        const fc = Math.min(1, ((h[b + H_REQUESTED_MILLI_CPU] as number) + cpu) / ac);
        const fm = Math.min(1, ((h[b + H_REQUESTED_MEMORY] as number) + mem) / am);
        out[i] = Math.trunc((1 - Math.abs((fc - fm) / 2)) * 100);
      }
    },
    score(state, node) {
      return balanced(state.podInfo, node);
    },
  };
  function balanced(p: PodInfo, node: NodeInfo): number {
    let n = 0;
    for (const r of resources) {
      const podReq = podRequestOf(p, r.name, false);
      if (podReq === 0 && isScalarResourceName(r.name)) continue;
      const a = node.allocatableOf(r.name);
      if (a === 0) continue;
      fractions[n++] = Math.min(1, node.requestedWith(podReq, r.name, false) / a);
    }
    let std = 0;
    if (n === 2) std = Math.abs(((fractions[0] as number) - (fractions[1] as number)) / 2);
    else if (n > 2) {
      let mean = 0;
      for (let i = 0; i < n; i++) mean += fractions[i] as number;
      mean /= n;
      let variance = 0;
      for (let i = 0; i < n; i++) variance += ((fractions[i] as number) - mean) ** 2;
      std = Math.sqrt(variance / n);
    }
    return Math.trunc((1 - std) * 100);
  }
}
