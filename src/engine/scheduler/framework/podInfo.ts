/**
 * What the scheduler precomputes once per pod (framework.PodInfo): requests, non-zero requests for
 * scoring, parsed affinity terms and host ports, so a cycle never re-parses a pod it has seen.
 */
import { EVERYTHING, NOTHING, safeSelector, type Labels, type Selector } from '../../api/labels';
import type { Container, KubeObject, Pod, PodAffinityTerm } from '../../api/types';
import { milliValue, podRequests, value, type Requests } from '../../core/resources';
import { keyOf } from '../../api/meta';

/** A pod (anti-)affinity term with its selectors parsed (framework.AffinityTerm). */
export interface AffinityTerm {
  selector: Selector;
  namespaces: ReadonlySet<string>;
  /** Nothing when the term has no namespaceSelector. */
  namespaceSelector: Selector;
  topologyKey: string;
  weight: number;
  /**
   * `namespace\0key\0value` when the term selects one label in one namespace (no namespaceSelector): the
   * key of the snapshot's label indexes, so matching pods are found without a scan.
   */
  indexKey: string | undefined;
}

/** A host port a container asks for (protocol, hostIP, hostPort). */
export interface HostPort {
  protocol: string;
  ip: string;
  port: number;
}

export interface PodInfo {
  readonly pod: Pod & KubeObject;
  readonly key: string;
  readonly namespace: string;
  readonly labels: Labels;
  readonly requests: Requests;
  /** cpu and memory with upstream's defaults for containers that request none (scoring only). */
  readonly nonZeroMilliCpu: number;
  readonly nonZeroMemory: number;
  readonly requiredAffinity: AffinityTerm[];
  readonly requiredAntiAffinity: AffinityTerm[];
  readonly preferredAffinity: AffinityTerm[];
  readonly preferredAntiAffinity: AffinityTerm[];
  readonly hostPorts: HostPort[];
  readonly priority: number;
  /** Names of the extended resources the pod requests. */
  readonly scalarNames: string[];
}

/** schedutil.DefaultMilliCPURequest and DefaultMemoryRequest (pkg/scheduler/util/pod_resources.go). */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

function nonZero(c: Container): [number, number] {
  const req = c.resources?.requests ?? {};
  return [
    req.cpu === undefined ? DEFAULT_MILLI_CPU_REQUEST : milliValue(req.cpu),
    req.memory === undefined ? DEFAULT_MEMORY_REQUEST : value(req.memory),
  ];
}

/** PodRequests with NonMissingContainerRequests for cpu and memory (the scoring view). */
export function nonZeroRequests(pod: Pod): [number, number] {
  const spec = pod.spec;
  if (!spec) return [0, 0];
  let cpu = 0;
  let mem = 0;
  for (const c of spec.containers ?? []) {
    const [a, b] = nonZero(c);
    cpu += a;
    mem += b;
  }
  let sideCpu = 0;
  let sideMem = 0;
  let initCpu = 0;
  let initMem = 0;
  for (const c of spec.initContainers ?? []) {
    const [a, b] = nonZero(c);
    if (c.restartPolicy === 'Always') {
      cpu += a;
      mem += b;
      sideCpu += a;
      sideMem += b;
      initCpu = Math.max(initCpu, sideCpu);
      initMem = Math.max(initMem, sideMem);
    } else {
      initCpu = Math.max(initCpu, a + sideCpu);
      initMem = Math.max(initMem, b + sideMem);
    }
  }
  cpu = Math.max(cpu, initCpu) + milliValue(spec.overhead?.cpu);
  mem = Math.max(mem, initMem) + value(spec.overhead?.memory);
  return [cpu, mem];
}

function term(t: PodAffinityTerm, ownNamespace: string, weight: number): AffinityTerm {
  const namespaces = new Set(t.namespaces ?? []);
  if (namespaces.size === 0 && !t.namespaceSelector) namespaces.add(ownNamespace);
  const selector = safeSelector(t.labelSelector);
  const namespaceSelector = t.namespaceSelector ? safeSelector(t.namespaceSelector) : NOTHING;
  const r = selector.requirements[0];
  const single =
    !selector.nothing &&
    selector.requirements.length === 1 &&
    r !== undefined &&
    (r.operator === '=' || r.operator === '==' || (r.operator === 'In' && r.values.length === 1));
  const indexKey =
    single && namespaces.size === 1 && namespaceSelector.nothing
      ? `${[...namespaces][0] as string}\0${r.key}\0${r.values[0] as string}`
      : undefined;
  return { selector, namespaces, namespaceSelector, topologyKey: t.topologyKey, weight, indexKey };
}

/** AffinityTerm.Matches: the pod is in one of the term's namespaces and its labels match. */
export function termMatches(
  t: AffinityTerm,
  pod: PodInfo,
  namespaceLabels: (ns: string) => Labels | undefined,
): boolean {
  if (!t.namespaces.has(pod.namespace)) {
    if (t.namespaceSelector.nothing) return false;
    if (t.namespaceSelector !== EVERYTHING && !t.namespaceSelector.matches(namespaceLabels(pod.namespace)))
      return false;
  }
  return t.selector.matches(pod.labels);
}

function hostPorts(pod: Pod): HostPort[] {
  const out: HostPort[] = [];
  const containers = [
    ...(pod.spec?.containers ?? []),
    ...(pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always'),
  ];
  for (const c of containers)
    for (const p of c.ports ?? [])
      if ((p.hostPort ?? 0) > 0)
        out.push({ protocol: p.protocol || 'TCP', ip: p.hostIP || '0.0.0.0', port: p.hostPort as number });
  return out;
}

const cache = new WeakMap<object, PodInfo>();

/** The PodInfo of a stored pod, cached per object. */
export function podInfoOf(pod: Pod & KubeObject): PodInfo {
  const hit = cache.get(pod);
  if (hit) return hit;
  const ns = pod.metadata.namespace ?? 'default';
  const a = pod.spec?.affinity;
  const [cpu, mem] = nonZeroRequests(pod);
  const requests = podRequests(pod);
  const info: PodInfo = {
    pod,
    key: keyOf(pod),
    namespace: ns,
    labels: pod.metadata.labels ?? {},
    requests,
    nonZeroMilliCpu: cpu,
    nonZeroMemory: mem,
    requiredAffinity: (a?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) =>
      term(t, ns, 1),
    ),
    requiredAntiAffinity: (a?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map(
      (t) => term(t, ns, 1),
    ),
    preferredAffinity: (a?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w) =>
      term(w.podAffinityTerm, ns, w.weight),
    ),
    preferredAntiAffinity: (a?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map(
      (w) => term(w.podAffinityTerm, ns, w.weight),
    ),
    hostPorts: hostPorts(pod),
    priority: pod.spec?.priority ?? 0,
    scalarNames: Object.keys(requests.scalar),
  };
  cache.set(pod, info);
  return info;
}

/**
 * The PodInfo of a new version of a pod, carried over from its previous version when nothing PodInfo reads
 * changed (binding sets spec.nodeName and the status only); computed afresh otherwise.
 */
export function podInfoCarried(pod: Pod & KubeObject, previous: Pod & KubeObject): PodInfo {
  const hit = cache.get(pod);
  if (hit) return hit;
  const prev = cache.get(previous);
  const a = pod.spec;
  const b = previous.spec;
  if (
    !prev ||
    pod.metadata.labels !== previous.metadata.labels ||
    pod.metadata.deletionTimestamp !== previous.metadata.deletionTimestamp ||
    pod.metadata.name !== previous.metadata.name ||
    pod.metadata.namespace !== previous.metadata.namespace ||
    a?.containers !== b?.containers ||
    a?.initContainers !== b?.initContainers ||
    a?.affinity !== b?.affinity ||
    a?.overhead !== b?.overhead ||
    a?.priority !== b?.priority ||
    (a as { resources?: unknown } | undefined)?.resources !==
      (b as { resources?: unknown } | undefined)?.resources
  )
    return podInfoOf(pod);
  const info: PodInfo = { ...prev, pod };
  cache.set(pod, info);
  return info;
}

const labelKeyCache = new WeakMap<object, { namespace: string; keys: string[] }>();

/**
 * The `namespace\0key\0value` strings of a pod's labels (the keys of NodeInfo.labelCounts), made once per
 * labels object and namespace.
 */
export function podLabelKeys(p: PodInfo): readonly string[] {
  const hit = labelKeyCache.get(p.labels);
  if (hit && hit.namespace === p.namespace) return hit.keys;
  const keys: string[] = [];
  for (const k in p.labels) keys.push(`${p.namespace}\0${k}\0${p.labels[k] as string}`);
  labelKeyCache.set(p.labels, { namespace: p.namespace, keys });
  return keys;
}
