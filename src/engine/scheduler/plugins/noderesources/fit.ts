/** NodeResourcesFit (pkg/scheduler/framework/plugins/noderesources/fit.go and its scorers). */
import type { Plugin } from '../../framework/types';
import type { NodeInfo, PodInfo } from '../../framework/nodeInfo';
import {
  DEFAULT_RESOURCES,
  allocatableAndRequested,
  isScalarResourceName,
  type ResourceSpec,
} from './resources';
import { buildBrokenLinearFunction, type ShapePoint } from './shape';

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

type Scorer = (requested: number[], allocatable: number[], weights: number[]) => number;

const leastAllocated: Scorer = (req, alloc, w) => {
  let score = 0;
  let sum = 0;
  for (let i = 0; i < req.length; i++) {
    const a = alloc[i] as number;
    if (a === 0) continue;
    const q = req[i] as number;
    score += (q > a ? 0 : Math.trunc(((a - q) * 100) / a)) * (w[i] as number);
    sum += w[i] as number;
  }
  return sum === 0 ? 0 : Math.trunc(score / sum);
};

const mostAllocated: Scorer = (req, alloc, w) => {
  let score = 0;
  let sum = 0;
  for (let i = 0; i < req.length; i++) {
    const a = alloc[i] as number;
    if (a === 0) continue;
    score += Math.trunc((Math.min(req[i] as number, a) * 100) / a) * (w[i] as number);
    sum += w[i] as number;
  }
  return sum === 0 ? 0 : Math.trunc(score / sum);
};

function ratioScorer(shape: ShapePoint[]): Scorer {
  const f = buildBrokenLinearFunction(
    shape.map((s) => ({ utilization: s.utilization, score: s.score * 10 })),
  );
  return (req, alloc, w) => {
    let score = 0;
    let sum = 0;
    for (let i = 0; i < req.length; i++) {
      const a = alloc[i] as number;
      if (a === 0) continue;
      const q = req[i] as number;
      const s = f(q > a ? 100 : Math.trunc((q * 100) / a));
      if (s > 0) {
        score += s * (w[i] as number);
        sum += w[i] as number;
      }
    }
    return sum === 0 ? 0 : Math.round(score / sum);
  };
}

/** resourceAllocationScorer.score over the configured resources (non-zero cpu/memory requests). */
export function allocationScore(
  p: PodInfo,
  node: NodeInfo,
  resources: readonly ResourceSpec[],
  scorer: Scorer,
): number {
  const req: number[] = [];
  const alloc: number[] = [];
  const w: number[] = [];
  for (const r of resources) {
    const [a, q] = allocatableAndRequested(node, p, r.name, true);
    if (a === 0) continue;
    alloc.push(a);
    req.push(q);
    w.push(r.weight);
  }
  return scorer(req, alloc, w);
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
      const insufficient = fitsRequest(state.podInfo, node, args);
      if (insufficient.length === 0) return undefined;
      const code = insufficient.some((i) => i.unresolvable)
        ? 'UnschedulableAndUnresolvable'
        : 'Unschedulable';
      return { code, reasons: insufficient.map((i) => i.reason) };
    },
    score(state, node) {
      return allocationScore(state.podInfo, node, resources, scorer);
    },
  };
}

export { isScalarResourceName };
