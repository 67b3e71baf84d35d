/**
 * One bucket of traffic: route every source (phase one), let the ingress controller pods answer and pass
 * on what they serve (the backend stage), let every pod answer its total load, then sum the outcomes per
 * Service, pod, source and edge.
 */
import type { Prng } from '../../../lib';
import type { ReadonlyStore } from '../../core/objectStore';
import type { ProxyMode } from '../proxy';
import { LatencyMix } from './latency';
import { evaluatePod, type PodVerdict } from './podModel';
import type { RoutingState } from './routing';
import { type Delivery, type RouteContext } from './routing';
import { routeIngressBackend, routeSource } from './sources';
import { noOutcomes, type Outcome, type OutcomeCounts, type TrafficFlow, type TrafficSource } from './types';

/** The sums of one bucket for one Service, pod or source. */
export interface Tally {
  offered: number;
  outcomes: OutcomeCounts;
  latency: LatencyMix;
  cpuMilli?: number;
}

/** The result of one bucket. */
export interface BucketResult {
  services: Map<string, Tally>;
  pods: Map<string, Tally>;
  sources: Map<string, Tally>;
  flows: TrafficFlow[];
  /** CPU of every pod that received requests, millicores. */
  podCpu: Map<string, number>;
}

function tally(map: Map<string, Tally>, key: string): Tally {
  let t = map.get(key);
  if (!t) map.set(key, (t = { offered: 0, outcomes: noOutcomes(), latency: new LatencyMix() }));
  return t;
}

/** Runs one bucket of `bucketMs` ending at `now` for the given sources and their request counts. */
export function runBucket(
  store: ReadonlyStore,
  rng: Prng,
  mode: ProxyMode,
  state: RoutingState,
  now: number,
  bucketMs: number,
  sources: ReadonlyArray<[TrafficSource, number]>,
): BucketResult {
  state.prune(now);
  const ctx: RouteContext = { store, rng, mode, state, now, out: [], memo: new Map() };
  for (const [src, count] of sources) routeSource(ctx, src, count);
  const seconds = bucketMs / 1000;
  const verdicts = new Map<string, PodVerdict>();
  const judge = (stage: (d: Delivery) => boolean): void => {
    const load = new Map<string, [number, number | undefined]>();
    for (const d of ctx.out)
      if (d.pod && !d.failure && !verdicts.has(d.pod) && stage(d)) {
        const l = load.get(d.pod);
        load.set(d.pod, [(l?.[0] ?? 0) + d.count, l?.[1] ?? d.port]);
      }
    for (const [pod, [count, port]] of load)
      verdicts.set(pod, evaluatePod(store, pod, port, count, seconds, now));
  };
  // Ingress controller pods answer first (with all their load): what they serve goes on to the backends.
  const ingressPods = new Set(ctx.out.filter((d) => d.stage === 'ingress' && d.pod).map((d) => d.pod));
  judge((d) => ingressPods.has(d.pod));
  const bySource = new Map(sources.map(([s]) => [`${s.kind}/${s.metadata.namespace}/${s.metadata.name}`, s]));
  const firstStage = ctx.out.length;
  for (let i = 0; i < firstStage; i++) {
    const d = ctx.out[i] as Delivery;
    if (d.stage !== 'ingress') continue;
    settle(d, verdicts);
    const src = bySource.get(d.source);
    if (src && d.success > 0) routeIngressBackend(ctx, src, i, d, d.success);
  }
  judge(() => true);
  for (let i = firstStage; i < ctx.out.length; i++) settle(ctx.out[i] as Delivery, verdicts);
  for (let i = 0; i < firstStage; i++) {
    const d = ctx.out[i] as Delivery;
    if (d.stage !== 'ingress') settle(d, verdicts);
  }
  return aggregate(ctx.out, verdicts);
}

function settle(d: Delivery, verdicts: Map<string, PodVerdict>): void {
  if (d.failure || !d.pod) return;
  const v = verdicts.get(d.pod);
  if (!v || v.down) {
    if (v?.down === 'timeout') d.timeout = d.count;
    else d.refused = d.count;
    return;
  }
  d.timeout = d.count * v.overloadFraction;
  d.success = d.count - d.timeout;
  d.medianMs = v.medianMs;
}

function addOutcomes(t: Tally, d: Delivery, success: number, medianMs: number): void {
  t.offered += d.count;
  if (d.failure) t.outcomes[d.failure] += d.count;
  t.outcomes.timeout += d.timeout;
  t.outcomes.refused += d.refused;
  t.outcomes.success += success;
  t.latency.add(success, medianMs);
}

function aggregate(out: readonly Delivery[], verdicts: Map<string, PodVerdict>): BucketResult {
  const res: BucketResult = {
    services: new Map(),
    pods: new Map(),
    sources: new Map(),
    flows: [],
    podCpu: new Map(),
  };
  const edges = new Map<string, [number, number]>();
  const edge = (from: string, to: string, count: number, failed: number): void => {
    const k = `${from}\u0000${to}`;
    const e = edges.get(k);
    if (e) {
      e[0] += count;
      e[1] += failed;
    } else edges.set(k, [count, failed]);
  };
  // Successes of the backend stage, per ingress-stage delivery, for its end-to-end figures.
  const passed = new Map<number, number>();
  for (const d of out)
    if (d.parent !== undefined) passed.set(d.parent, (passed.get(d.parent) ?? 0) + d.success);
  out.forEach((d, i) => {
    const finalSuccess = d.stage === 'ingress' ? (passed.get(i) ?? 0) : d.success;
    const failed = d.count - finalSuccess;
    if (d.to.startsWith('Service/')) addOutcomes(tally(res.services, d.to), d, d.success, d.medianMs);
    if (d.pod) addOutcomes(tally(res.pods, d.pod), d, d.success, d.medianMs);
    if (d.stage === 'backend') {
      const up = d.parent !== undefined ? out[d.parent] : undefined;
      const src = tally(res.sources, d.source);
      addEndToEnd(src, d, (up?.medianMs ?? 0) + d.medianMs);
      edge(d.from, d.ingress ?? d.to, d.count, failed);
      if (d.ingress && d.ingress !== d.to) edge(d.ingress, d.to, d.count, failed);
    } else {
      if (d.stage === 'direct' || d.failure || !d.pod)
        addEndToEnd(tally(res.sources, d.source), d, d.medianMs);
      else if (d.stage === 'ingress') addLost(tally(res.sources, d.source), d);
      edge(d.from, d.to, d.count, failed);
    }
    if (d.pod) edge(d.to, d.pod, d.count, failed);
  });
  for (const [pod, v] of verdicts) {
    res.podCpu.set(pod, v.cpuMilli);
    const t = res.pods.get(pod);
    if (t) t.cpuMilli = v.cpuMilli;
  }
  for (const [k, [count, failed]] of edges) {
    const [from, to] = k.split('\u0000') as [string, string];
    res.flows.push({ from, to, rps: count, failureRate: count > 0 ? failed / count : 0 });
  }
  return res;
}

/** A source's end-to-end figures from a final delivery. */
function addEndToEnd(t: Tally, d: Delivery, medianMs: number): void {
  addOutcomes(t, d, d.success, medianMs);
}

/** The requests an ingress controller pod failed itself (the rest is counted at the backend stage). */
function addLost(t: Tally, d: Delivery): void {
  const lost: Outcome[] = ['timeout', 'refused'];
  for (const o of lost) {
    const n = o === 'timeout' ? d.timeout : d.refused;
    t.outcomes[o] += n;
    t.offered += n;
  }
}
