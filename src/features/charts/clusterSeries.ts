/**
 * Cluster-wide figures over time for the Charts tab: Pending pods and each node's CPU and memory
 * requested against allocatable (as kube-ops-view shows utilisation: requests, not usage). Sampled from
 * the store once per simulated second into a bounded history that is cut back when time goes back: a
 * seek back replays the same run up to the moment it goes to (the engine is deterministic), so the samples
 * up to that moment stay and the later ones go; a reset goes back to 0 and so keeps nothing.
 */
import {
  milliValue,
  podRequests,
  value,
  type KubeObject,
  type Node,
  type Pod,
  type ReadonlyStore,
} from '../../engine';

/** One moment of the cluster. */
export interface ClusterSample {
  t: number;
  pending: number;
  /** Requested CPU over allocatable, percent, per node name. */
  cpuPct: Record<string, number>;
  memPct: Record<string, number>;
  /** Requested over allocatable summed over all nodes, percent. */
  cpuAllPct: number;
  memAllPct: number;
}

/** Counts and ratios of the store's current state at simulated time `t`. */
export function sampleCluster(store: ReadonlyStore, t: number): ClusterSample {
  const cpu: Record<string, number> = {};
  const mem: Record<string, number> = {};
  let pending = 0;
  for (const p of store.each<Pod & KubeObject>('Pod')) {
    const phase = p.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') continue;
    const node = p.spec?.nodeName;
    if (!node) {
      pending++;
      continue;
    }
    const r = podRequests(p);
    cpu[node] = (cpu[node] ?? 0) + r.milliCpu;
    mem[node] = (mem[node] ?? 0) + r.memoryBytes;
  }
  const cpuPct: Record<string, number> = {};
  const memPct: Record<string, number> = {};
  let cpuReq = 0;
  let cpuAlloc = 0;
  let memReq = 0;
  let memAlloc = 0;
  for (const n of store.each<Node & KubeObject>('Node')) {
    const alloc = n.status?.allocatable ?? {};
    const name = n.metadata.name;
    const c = milliValue(alloc['cpu']);
    const m = value(alloc['memory']);
    cpuPct[name] = c > 0 ? (100 * (cpu[name] ?? 0)) / c : 0;
    memPct[name] = m > 0 ? (100 * (mem[name] ?? 0)) / m : 0;
    cpuReq += cpu[name] ?? 0;
    cpuAlloc += c;
    memReq += mem[name] ?? 0;
    memAlloc += m;
  }
  return {
    t,
    pending,
    cpuPct,
    memPct,
    cpuAllPct: cpuAlloc > 0 ? (100 * cpuReq) / cpuAlloc : 0,
    memAllPct: memAlloc > 0 ? (100 * memReq) / memAlloc : 0,
  };
}

/** A bounded history of samples, oldest first. */
export class SampleHistory<T extends { t: number }> {
  private samples: T[] = [];
  constructor(private readonly limit: number) {}

  /** Adds a sample; samples at or after its time are dropped first (time went back, or the same second). */
  push(s: T): void {
    this.dropFrom(s.t);
    this.samples.push(s);
    if (this.samples.length > this.limit) this.samples.splice(0, this.samples.length - this.limit);
  }

  /**
   * Drops the samples at or after `t` (the moment a replay went back to; its own sample comes next), so
   * a reset to 0 keeps nothing of the run before it.
   */
  dropFrom(t: number): void {
    let n = this.samples.length;
    while (n > 0 && (this.samples[n - 1] as T).t >= t) n--;
    this.samples.length = n;
  }

  /** The samples, oldest first (a copy). */
  list(): T[] {
    return [...this.samples];
  }
}
