/** InterPodAffinity (pkg/scheduler/framework/plugins/interpodaffinity/plugin.go). */
import type { CycleState, Plugin } from '../../framework/types';
import { SKIP } from '../../framework/types';
import {
  computeFilterState,
  existingAntiMaySelect,
  filterNode,
  quickPasses,
  updateWithPod,
  type FilterState,
} from './filtering';
import {
  computeScoreState,
  normalize,
  scoreNode,
  type InterPodAffinityArgs,
  type TopologyScore,
} from './scoring';

export type { InterPodAffinityArgs };

/** Filter: required pod affinity and anti-affinity (both ways). Score: preferred terms and hard affinity. */
export function interPodAffinity(args: InterPodAffinityArgs = {}): Plugin {
  const F = 'InterPodAffinity/filter';
  const S = 'InterPodAffinity/score';
  // The filter state of the cycle seen last: Filter runs per node, the lookup once per cycle state.
  let lastState: CycleState | undefined;
  let lastFilter: FilterState | undefined;
  return {
    name: 'InterPodAffinity',
    preFilter(state) {
      const me = state.podInfo;
      // Nothing to count (the common pod): no terms of its own, no existing term that can select it.
      if (
        me.requiredAffinity.length === 0 &&
        me.requiredAntiAffinity.length === 0 &&
        !existingAntiMaySelect(state)
      )
        return SKIP;
      const s = computeFilterState(state);
      if (
        me.requiredAffinity.length === 0 &&
        me.requiredAntiAffinity.length === 0 &&
        s.existingAnti.size === 0
      )
        return SKIP;
      state.data.set(F, s);
      return undefined;
    },
    addPod(state, pod, node) {
      updateWithPod(state, state.data.get(F) as FilterState, pod, node, 1);
    },
    removePod(state, pod, node) {
      updateWithPod(state, state.data.get(F) as FilterState, pod, node, -1);
    },
    filter(state, node) {
      if (state !== lastState) {
        lastState = state;
        lastFilter = state.data.get(F) as FilterState;
      }
      return filterNode(state, lastFilter as FilterState, node);
    },
    passes(state) {
      const s = state.data.get(F) as FilterState | undefined;
      return s ? quickPasses(state, s) : undefined;
    },
    preScore(state) {
      const m = computeScoreState(state, args);
      if (!m) return SKIP;
      state.data.set(S, m);
      return undefined;
    },
    score(state, node) {
      return scoreNode(state.data.get(S) as TopologyScore, node);
    },
    normalizeScore(_state, scores) {
      normalize(scores);
    },
  };
}
