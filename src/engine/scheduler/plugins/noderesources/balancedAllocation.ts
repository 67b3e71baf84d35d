/** NodeResourcesBalancedAllocation (pkg/scheduler/framework/plugins/noderesources/balanced_allocation.go). */
import type { Plugin } from '../../framework/types';
import { SKIP } from '../../framework/types';
import { DEFAULT_RESOURCES, allocatableAndRequested, podRequestOf, type ResourceSpec } from './resources';

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
    score(state, node) {
      const fractions: number[] = [];
      for (const r of resources) {
        const [a, q] = allocatableAndRequested(node, state.podInfo, r.name, false);
        if (a === 0) continue;
        fractions.push(Math.min(1, q / a));
      }
      let std = 0;
      if (fractions.length === 2) std = Math.abs(((fractions[0] as number) - (fractions[1] as number)) / 2);
      else if (fractions.length > 2) {
        const mean = fractions.reduce((s, f) => s + f, 0) / fractions.length;
        const variance = fractions.reduce((s, f) => s + (f - mean) * (f - mean), 0) / fractions.length;
        std = Math.sqrt(variance);
      }
      return Math.trunc((1 - std) * 100);
    },
  };
}
