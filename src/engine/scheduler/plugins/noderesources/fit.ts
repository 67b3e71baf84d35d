/** NodeResourcesFit (pkg/scheduler/framework/plugins/noderesources/fit.go and its scorers). */
import type { Plugin, ScoreArray } from '../../framework/types';
import { HOT, HOT_STRIDE, type NodeInfo, type PodInfo } from '../../framework/nodeInfo';
import { DEFAULT_RESOURCES, podRequestOf, isScalarResourceName, type ResourceSpec } from './resources';
import { buildBrokenLinearFunction, type ShapePoint } from './shape';

/** HOT indexes as module constants (read once, not per node). */
const {
  freePods: H_FREE_PODS,
  freeMilliCpu: H_FREE_MILLI_CPU,
  freeMemory: H_FREE_MEMORY,
  freeEphemeralStorage: H_FREE_EPHEMERAL_STORAGE,
  allocatableMilliCpu: H_ALLOCATABLE_MILLI_CPU,
  nonZeroMilliCpu: H_NON_ZERO_MILLI_CPU,
  allocatableMemory: H_ALLOCATABLE_MEMORY,
  nonZeroMemory: H_NON_ZERO_MEMORY,
} = HOT;

/** config.ScoringStrategyType. */
export type ScoringStrategyType = 'LeastAllocated' | 'MostAllocated' | 'RequestedToCapacityRatio';

/** NodeResourcesFitArgs as kubescheduler.config.k8s.io/v1 writes them. */
export interface NodeResourcesFitArgs {
  ignoredResources?: string[];
  ignoredResourceGroups?: string[];
  scoringStrategy?: {
    type?: ScoringStrategyType;
    resources?: ResourceSpec[];
    requestedToCapacityRatio?: { shape?: ShapePoint[] };
  };
}

/** One resource the pod does not get on a node (InsufficientResource). */
export interface InsufficientResource {
  resourceName: string;
  reason: string;
  requested: number;
  used: number;
  capacity: number;
  unresolvable: boolean;
}

function check(out: InsufficientResource[], name: string, req: number, used: number, cap: number): void {
  if (req > 0 && req > cap - used)
    out.push({
      resourceName: name,
      reason: `Insufficient ${name}`,
      requested: req,
      used,
      capacity: cap,
      unresolvable: req > cap,
    });
}

/** A fast path of fitsRequest for the common case: room for cpu, memory, storage and pods, no scalars. */
function quickFits(p: PodInfo, node: NodeInfo): boolean {
  const r = p.requests;
  const h = node.hot;
  const b = node.base;
  return (
    p.scalarNames.length === 0 &&
    (h[b + H_FREE_PODS] as number) >= 1 &&
    r.milliCpu <= (h[b + H_FREE_MILLI_CPU] as number) &&
    r.memoryBytes <= (h[b + H_FREE_MEMORY] as number) &&
    r.ephemeralStorageBytes <= (h[b + H_FREE_EPHEMERAL_STORAGE] as number)
  );
}

/** fitsRequest: every resource the pod lacks on the node, pod count first. */
export function fitsRequest(
  p: PodInfo,
  node: NodeInfo,
  args: NodeResourcesFitArgs = {},
): InsufficientResource[] {
  const out: InsufficientResource[] = [];
  const allowed = node.allocatable.pods;
  if (node.pods.size + 1 > allowed)
    out.push({
      resourceName: 'pods',
      reason: 'Too many pods',
      requested: 1,
      used: node.pods.size,
      capacity: allowed,
      unresolvable: false,
    });
  const r = p.requests;
  const scalarNames = Object.keys(r.scalar);
  if (
    r.milliCpu === 0 &&
    r.memoryBytes === 0 &&
    r.ephemeralStorageBytes === 0 &&
    scalarNames.every((k) => r.scalar[k] === 0)
  )
    return out;
  check(out, 'cpu', r.milliCpu, node.requested.milliCpu, node.allocatable.milliCpu);
  check(out, 'memory', r.memoryBytes, node.requested.memory, node.allocatable.memory);
  check(
    out,
    'ephemeral-storage',
    r.ephemeralStorageBytes,
    node.requested.ephemeralStorage,
    node.allocatable.ephemeralStorage,
  );
  for (const name of scalarNames) {
    const q = r.scalar[name] as number;
    if (q === 0) continue;
    if (!name.startsWith('hugepages-') && !name.startsWith('kubernetes.io/') && name.includes('/')) {
      if (args.ignoredResources?.includes(name)) continue;
      if (args.ignoredResourceGroups?.includes(name.split('/')[0] as string)) continue;
    }
    check(out, name, q, node.requested.scalar.get(name) ?? 0, node.allocatable.scalar.get(name) ?? 0);
  }
  return out;
}

/** A strategy's per-resource score, and whether only positive scores count (RequestedToCapacityRatio). */
interface Scorer {
  resource: (requested: number, allocatable: number) => number;
  ratio: boolean;
}

const leastAllocated: Scorer = {
  resource: (q, a) => (q > a ? 0 : Math.trunc(((a - q) * 100) / a)),
  ratio: false,
};

const mostAllocated: Scorer = {
  resource: (q, a) => Math.trunc((Math.min(q, a) * 100) / a),
  ratio: false,
};

function ratioScorer(shape: ShapePoint[]): Scorer {
  const f = buildBrokenLinearFunction(
    shape.map((s) => ({ utilization: s.utilization, score: s.score * 10 })),
  );
  return { resource: (q, a) => f(q > a ? 100 : Math.trunc((q * 100) / a)), ratio: true };
}

/**
 * resourceAllocationScorer.score over the configured resources (non-zero cpu/memory requests): the
 * weighted mean of the per-resource scores, skipping resources the node does not have.
 */
export function allocationScore(
  p: PodInfo,
  node: NodeInfo,
  resources: readonly ResourceSpec[],
  scorer: Scorer,
): number {
  let score = 0;
  let weights = 0;
  for (const r of resources) {
    const podReq = podRequestOf(p, r.name, true);
    // An extended resource the pod does not request is left out of the score entirely.
    if (podReq === 0 && isScalarResourceName(r.name)) continue;
    const a = node.allocatableOf(r.name);
    if (a === 0) continue;
    const q = node.requestedWith(podReq, r.name, true);
    const s = scorer.resource(q, a);
    if (scorer.ratio && s <= 0) continue;
    score += s * r.weight;
    weights += r.weight;
  }
  if (weights === 0) return 0;
  return scorer.ratio ? Math.round(score / weights) : Math.trunc(score / weights);
}

/** Filter: resources and pod count; Score: the configured strategy (LeastAllocated by default). */
export function nodeResourcesFit(args: NodeResourcesFitArgs = {}): Plugin {
  const strategy = args.scoringStrategy?.type ?? 'LeastAllocated';
  const resources = args.scoringStrategy?.resources ?? DEFAULT_RESOURCES;
  const scorer =
    strategy === 'LeastAllocated'
      ? leastAllocated
      : strategy === 'MostAllocated'
        ? mostAllocated
        : ratioScorer(args.scoringStrategy?.requestedToCapacityRatio?.shape ?? []);
  return {
    name: 'NodeResourcesFit',
    filter(state, node) {
      if (quickFits(state.podInfo, node)) return undefined;
      const insufficient = fitsRequest(state.podInfo, node, args);
      if (insufficient.length === 0) return undefined;
      const code = insufficient.some((i) => i.unresolvable)
        ? 'UnschedulableAndUnresolvable'
        : 'Unschedulable';
      return { code, reasons: insufficient.map((i) => i.reason) };
    },
    passes(state) {
      const p = state.podInfo;
      if (p.scalarNames.length !== 0) return undefined;
      const h = state.snapshot.hotArena;
      const cpu = p.requests.milliCpu;
      const memory = p.requests.memoryBytes;
      const storage = p.requests.ephemeralStorageBytes;
      return (i) => {
        const b = i * HOT_STRIDE;
        return (
          (h[b + H_FREE_PODS] as number) >= 1 &&
          cpu <= (h[b + H_FREE_MILLI_CPU] as number) &&
          memory <= (h[b + H_FREE_MEMORY] as number) &&
          storage <= (h[b + H_FREE_EPHEMERAL_STORAGE] as number)
        );
      };
    },
    score(state, node) {
      return allocationScore(state.podInfo, node, resources, scorer);
    },
    scoreNodes(state, nodes, out, indexes) {
      if (resources === DEFAULT_RESOURCES)
        cpuMemoryScores(state.podInfo, nodes, scorer, out, indexes && state.snapshot.hotArena, indexes);
      else
        for (let i = 0; i < nodes.length; i++)
          out[i] = allocationScore(state.podInfo, nodes[i] as NodeInfo, resources, scorer);
    },
  };
}

/** allocationScore for the default resources (cpu and memory, weight 1 each), node after node. */
function cpuMemoryScores(
  p: PodInfo,
  nodes: readonly NodeInfo[],
  scorer: Scorer,
  out: ScoreArray,
  arena?: Float64Array,
  indexes?: ArrayLike<number>,
): void {
  const cpu = p.nonZeroMilliCpu;
  const mem = p.nonZeroMemory;
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
    let score = 0;
    let weights = 0;
    const ac = h[b + H_ALLOCATABLE_MILLI_CPU] as number;
    if (ac !== 0) {
      const s = scorer.resource((h[b + H_NON_ZERO_MILLI_CPU] as number) + cpu, ac);
      if (!scorer.ratio || s > 0) {
        score += s;
        weights++;
      }
    }
    const am = h[b + H_ALLOCATABLE_MEMORY] as number;
    if (am !== 0) {
      const s = scorer.resource((h[b + H_NON_ZERO_MEMORY] as number) + mem, am);
      if (!scorer.ratio || s > 0) {
        score += s;
        weights++;
      }
    }
    out[i] = weights === 0 ? 0 : scorer.ratio ? Math.round(score / weights) : Math.trunc(score / weights);
  }
}

export { isScalarResourceName };
