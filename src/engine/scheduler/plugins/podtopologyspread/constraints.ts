/**
 * Topology spread constraints as the plugin uses them (podtopologyspread/common.go, plugin.go):
 * parsed selectors, node inclusion policies, and the system default constraints with the default selector
 * (helper/spread.go DefaultSelector).
 */
import {
  newRequirement,
  safeSelector,
  selectorFromSet,
  Selector,
  type Requirement,
} from '../../../api/labels';
import { controllerOf } from '../../../api/meta';
import type {
  KubeObject,
  Pod,
  ReplicaSet,
  Service,
  StatefulSet,
  TopologySpreadConstraint,
} from '../../../api/types';
import type { NodeInfo, PodInfo } from '../../framework/nodeInfo';
import type { ReadonlyStore } from '../../../core/objectStore';
import { podMatchesNodeSelectorAndAffinityTerms } from '../nodeaffinity/nodeAffinity';
import { doNotScheduleTaints, findUntoleratedTaint } from '../helper/taints';

export const HOSTNAME = 'kubernetes.io/hostname';

/** A constraint ready for counting (topologySpreadConstraint). */
export interface Constraint {
  /** labelCountKey of the selector in the incoming pod's namespace, when it has one. */
  countKey?: string | undefined;
  maxSkew: number;
  topologyKey: string;
  selector: Selector;
  minDomains: number;
  honorAffinity: boolean;
  honorTaints: boolean;
}

/** PodTopologySpreadArgs. */
export interface PodTopologySpreadArgs {
  defaultConstraints?: TopologySpreadConstraint[];
  defaultingType?: 'System' | 'List';
}

/** plugin.go systemDefaultConstraints. */
export const SYSTEM_DEFAULT_CONSTRAINTS: TopologySpreadConstraint[] = [
  { topologyKey: HOSTNAME, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 3 },
  { topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 5 },
];

function withMatchLabelKeys(c: TopologySpreadConstraint, pod: Pod): Selector {
  const base = safeSelector(c.labelSelector);
  const keys = c.matchLabelKeys ?? [];
  if (keys.length === 0 || base.nothing) return base;
  const extra: Requirement[] = [];
  const labels = pod.metadata?.labels ?? {};
  for (const k of keys) if (k in labels) extra.push(newRequirement(k, 'In', [labels[k] as string]));
  return new Selector([...base.requirements, ...extra]);
}

/** filterTopologySpreadConstraints: the pod's constraints with the given whenUnsatisfiable. */
export function podConstraints(pod: Pod, action: 'DoNotSchedule' | 'ScheduleAnyway'): Constraint[] {
  return (pod.spec?.topologySpreadConstraints ?? [])
    .filter((c) => c.whenUnsatisfiable === action)
    .map((c) => ({
      maxSkew: c.maxSkew,
      topologyKey: c.topologyKey,
      selector: withMatchLabelKeys(c, pod),
      minDomains: c.minDomains ?? 1,
      honorAffinity: (c.nodeAffinityPolicy ?? 'Honor') === 'Honor',
      honorTaints: (c.nodeTaintsPolicy ?? 'Ignore') === 'Honor',
    }));
}

/** helper.DefaultSelector: the services, and the controlling ReplicaSet or StatefulSet, selecting the pod. */
export function defaultSelector(pod: Pod & KubeObject, store: ReadonlyStore | undefined): Selector {
  if (!store) return new Selector([]);
  const set: Record<string, string> = {};
  const labels = pod.metadata.labels ?? {};
  for (const svc of store.list<Service & KubeObject>('Service', pod.metadata.namespace)) {
    const sel = svc.spec?.selector;
    if (!sel || Object.keys(sel).length === 0) continue;
    if (selectorFromSet(sel).matches(labels)) Object.assign(set, sel);
  }
  const reqs = [...selectorFromSet(set).requirements];
  const owner = controllerOf(pod);
  if (
    owner &&
    (owner.kind === 'ReplicaSet' || owner.kind === 'StatefulSet' || owner.kind === 'ReplicationController')
  ) {
    const o = store.get<(ReplicaSet | StatefulSet) & KubeObject>(
      owner.kind,
      pod.metadata.namespace,
      owner.name,
    );
    const sel = o?.spec?.selector;
    if (sel && owner.kind === 'ReplicationController')
      reqs.push(...selectorFromSet(sel as Record<string, string>).requirements);
    else if (sel) reqs.push(...safeSelector(sel).requirements);
  }
  return new Selector(reqs);
}

/** The default constraints for a pod without its own (empty when the default selector is empty). */
export function defaultConstraints(
  pod: Pod & KubeObject,
  args: PodTopologySpreadArgs,
  store: ReadonlyStore | undefined,
  action: 'DoNotSchedule' | 'ScheduleAnyway',
): Constraint[] {
  const list =
    (args.defaultingType ?? 'System') === 'System'
      ? SYSTEM_DEFAULT_CONSTRAINTS
      : (args.defaultConstraints ?? []);
  const chosen = list.filter((c) => c.whenUnsatisfiable === action);
  if (chosen.length === 0) return [];
  const selector = defaultSelector(pod, store);
  if (selector.requirements.length === 0) return [];
  return chosen.map((c) => ({
    maxSkew: c.maxSkew,
    topologyKey: c.topologyKey,
    selector,
    minDomains: c.minDomains ?? 1,
    honorAffinity: true,
    honorTaints: false,
  }));
}

/** nodeLabelsMatchSpreadConstraints: the node has every constraint's topology key. */
export function nodeHasAllKeys(node: NodeInfo, cs: readonly Constraint[]): boolean {
  for (const c of cs) if (!(c.topologyKey in node.labels)) return false;
  return true;
}

/** topologySpreadConstraint.matchNodeInclusionPolicies. */
export function nodeIncluded(c: Constraint, pod: Pod, node: NodeInfo): boolean {
  if (c.honorAffinity && !podMatchesNodeSelectorAndAffinityTerms(pod, node.node)) return false;
  if (
    c.honorTaints &&
    findUntoleratedTaint(node.node.spec?.taints, pod.spec?.tolerations, doNotScheduleTaints)
  )
    return false;
  return true;
}

/**
 * The NodeInfo.labelCounts key answering a one-label selector (`k=v`, `k in (v)`) in a namespace, or
 * undefined when the selector needs a scan.
 */
export function labelCountKey(selector: Selector, namespace: string): string | undefined {
  if (selector.nothing || selector.requirements.length !== 1) return undefined;
  const r = selector.requirements[0] as Requirement;
  const single = r.operator === '=' || r.operator === '==' || (r.operator === 'In' && r.values.length === 1);
  return single ? `${namespace}\0${r.key}\0${r.values[0] as string}` : undefined;
}

const equalityKeyCache = new WeakMap<Selector, { namespace: string; keys: string[] }>();

/**
 * The labelCounts keys of a selector's single-value equality requirements (`k=v`, `k in (v)`): a pod
 * matching the selector carries every one of them, so a node lacking one has no matching pod.
 */
function equalityKeys(selector: Selector, namespace: string): string[] {
  const hit = equalityKeyCache.get(selector);
  if (hit && hit.namespace === namespace) return hit.keys;
  const keys: string[] = [];
  for (const r of selector.requirements) {
    if (r.operator === '=' || r.operator === '==' || (r.operator === 'In' && r.values.length === 1))
      keys.push(`${namespace}\0${r.key}\0${r.values[0] as string}`);
  }
  equalityKeyCache.set(selector, { namespace, keys });
  return keys;
}

/**
 * countPodsMatchSelector: pods of the namespace, not terminating, whose labels match. A one-label
 * selector reads the node's label counts; a wider one (a ReplicaSet's `app` + `pod-template-hash`, as the
 * default spreading constraints use) first rules out nodes missing one of its labels, and only then
 * scans the node's pods, so the cost does not grow with the pods of other workloads.
 */
export function countMatching(node: NodeInfo, selector: Selector, namespace: string, key?: string): number {
  if (key !== undefined) return node.labelCounts.get(key) ?? 0;
  if (selector.nothing || node.pods.size === 0) return 0;
  for (const k of equalityKeys(selector, namespace)) if (!node.labelCounts.has(k)) return 0;
  let n = 0;
  for (const p of node.pods.values()) {
    if (p.namespace !== namespace || p.pod.metadata.deletionTimestamp) continue;
    if (selector.matches(p.labels)) n++;
  }
  return n;
}

export type { PodInfo };
