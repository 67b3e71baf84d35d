/**
 * Simulator faults, for the commands (`kubecanvas node fail`, the canvas's "break" actions) and scenarios.
 * They change the live objects only (never the authored copies, so nothing of this is exported):
 * - failNode / recoverNode set or remove the node's `kubecanvas.dev/fault: down` annotation: the machine is
 *   off (its kubelet stops posting status and renewing its Lease, its pods stop answering) or back on;
 * - breakPod edits one live pod: `liveness` makes its health endpoint fail (behaviour `healthy: false`),
 *   `readiness` makes only its readiness probes fail (annotation PROBE_FAULT_ANNOTATION, which the kubelet
 *   reads), `crash` makes its processes exit (behaviour `crashAfterSeconds: 0`, so they crash again on
 *   every restart: CrashLoopBackOff).
 * - healPod undoes one break: the readiness fault is removed, and `healthy` / `crashAfterSeconds` go back to
 *   what the pod was made with (its controller's template or the authored pod), not to the defaults.
 * Each throws an Error in kubectl's words when the object does not exist.
 */
import { controllerOf, keyOf } from '../api/meta';
import type { KubeObject } from '../api/types';
import { BEHAVIOR_ANNOTATION, NODE_FAULT_ANNOTATION, formatBehavior, parseBehavior } from '../behavior';
import type { ContainerBehavior } from '../behavior';
import type { Simulation } from '../core/simulation';
import { PROBE_FAULT_ANNOTATION } from '../kubelet';

export { PROBE_FAULT_ANNOTATION };

function setAnnotation(sim: Simulation, obj: KubeObject, key: string, value: string | undefined): void {
  const annotations = { ...(obj.metadata.annotations ?? {}) };
  if (value === undefined) delete annotations[key];
  else annotations[key] = value;
  sim.store.apply({ type: 'update', object: { ...obj, metadata: { ...obj.metadata, annotations } } });
}

function node(sim: Simulation, name: string): KubeObject {
  const n = sim.store.get('Node', undefined, name);
  if (!n) throw new Error(`Error from server (NotFound): nodes "${name}" not found`);
  return n;
}

/** Turns a node's machine off (see the file comment). Failing a failed node changes nothing. */
export function failNode(sim: Simulation, name: string): void {
  const n = node(sim, name);
  if (n.metadata.annotations?.[NODE_FAULT_ANNOTATION] === 'down') return;
  setAnnotation(sim, n, NODE_FAULT_ANNOTATION, 'down');
}

/** Turns a node's machine back on: its kubelet starts again and its containers restart. */
export function recoverNode(sim: Simulation, name: string): void {
  const n = node(sim, name);
  if (n.metadata.annotations?.[NODE_FAULT_ANNOTATION] === undefined) return;
  setAnnotation(sim, n, NODE_FAULT_ANNOTATION, undefined);
}

/** How a pod's application can be broken. */
export type PodBreak = 'liveness' | 'readiness' | 'crash';

/** Breaks one pod's application (see the file comment). */
export function breakPod(sim: Simulation, namespace: string, name: string, mode: PodBreak): void {
  const pod = sim.store.get('Pod', namespace, name);
  if (!pod) throw new Error(`Error from server (NotFound): pods "${name}" not found`);
  if (mode === 'readiness') {
    setAnnotation(sim, pod, PROBE_FAULT_ANNOTATION, 'readiness');
    return;
  }
  const parsed = parseBehavior(pod.metadata.annotations?.[BEHAVIOR_ANNOTATION]);
  const change: Partial<ContainerBehavior> =
    mode === 'liveness' ? { healthy: false } : { crashAfterSeconds: 0 };
  const defaults = { ...parsed.defaults, ...change };
  const containers: Record<string, ContainerBehavior> = {};
  for (const [k, b] of Object.entries(parsed.containers)) containers[k] = { ...b, ...change };
  setAnnotation(sim, pod, BEHAVIOR_ANNOTATION, formatBehavior({ defaults, containers }));
}

/** Where a pod's origin is looked up: the store's `get` (the live store or the page's mirror of it). */
export interface ObjectGetter {
  get(kind: string, namespace: string | undefined, name: string): KubeObject | undefined;
}

function readinessFaults(pod: KubeObject): string[] {
  const v = pod.metadata.annotations?.[PROBE_FAULT_ANNOTATION];
  return v === undefined
    ? []
    : v
        .split(',')
        .map((t) => t.trim())
        .filter((t) => t !== '');
}

/**
 * The behaviour annotation a pod was made with: its controller's pod template's (ReplicaSet, StatefulSet,
 * DaemonSet, Job), or the authored pod's for a pod the person made.
 */
export function originBehavior(
  store: ObjectGetter,
  pod: KubeObject,
  authored?: KubeObject,
): string | undefined {
  const owner = controllerOf(pod);
  if (owner) {
    const o = store.get(owner.kind, pod.metadata.namespace, owner.name);
    const template = (o?.spec as { template?: { metadata?: { annotations?: Record<string, string> } } })
      ?.template;
    return template?.metadata?.annotations?.[BEHAVIOR_ANNOTATION];
  }
  return authored?.metadata.annotations?.[BEHAVIOR_ANNOTATION];
}

/** The breaks a pod has now, compared with the behaviour it was made with (`origin`, see originBehavior). */
export function podBreaks(pod: KubeObject, origin: string | undefined): PodBreak[] {
  const out: PodBreak[] = [];
  const live = parseBehavior(pod.metadata.annotations?.[BEHAVIOR_ANNOTATION]).defaults;
  const made = parseBehavior(origin).defaults;
  if (!live.healthy && made.healthy) out.push('liveness');
  if (readinessFaults(pod).includes('readiness')) out.push('readiness');
  if (live.crashAfterSeconds === 0 && made.crashAfterSeconds !== 0) out.push('crash');
  return out;
}

/** Undoes one break of a pod (see the file comment); healing what is not broken changes nothing. */
export function healPod(sim: Simulation, namespace: string, name: string, mode: PodBreak): void {
  const pod = sim.store.get('Pod', namespace, name);
  if (!pod) throw new Error(`Error from server (NotFound): pods "${name}" not found`);
  if (mode === 'readiness') {
    const rest = readinessFaults(pod).filter((t) => t !== 'readiness');
    if (rest.length === readinessFaults(pod).length) return;
    setAnnotation(sim, pod, PROBE_FAULT_ANNOTATION, rest.length ? rest.join(',') : undefined);
    return;
  }
  const origin = parseBehavior(originBehavior(sim.store, pod, sim.authoredOf(keyOf(pod))));
  const live = parseBehavior(pod.metadata.annotations?.[BEHAVIOR_ANNOTATION]);
  const restore = (b: ContainerBehavior, from: ContainerBehavior): ContainerBehavior => {
    const next = { ...b };
    if (mode === 'liveness') next.healthy = from.healthy;
    else if (from.crashAfterSeconds === undefined) delete next.crashAfterSeconds;
    else next.crashAfterSeconds = from.crashAfterSeconds;
    return next;
  };
  const defaults = restore(live.defaults, origin.defaults);
  const containers: Record<string, ContainerBehavior> = {};
  for (const [k, b] of Object.entries(live.containers))
    containers[k] = restore(b, origin.containers[k] ?? origin.defaults);
  const text = formatBehavior({ defaults, containers });
  setAnnotation(sim, pod, BEHAVIOR_ANNOTATION, text === '{}' ? undefined : text);
}
