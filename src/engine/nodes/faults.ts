/**
 * Simulator faults, for the commands (`kubecanvas node fail`, the canvas's "break" actions) and scenarios.
 * They change the live objects only (never the authored copies, so nothing of this is exported):
 * - failNode / recoverNode set or remove the node's `kubecanvas.dev/fault: down` annotation: the machine is
 *   off (its kubelet stops posting status and renewing its Lease, its pods stop answering) or back on;
 * - breakPod edits one live pod: `liveness` makes its health endpoint fail (behaviour `healthy: false`),
 *   `readiness` makes only its readiness probes fail (annotation PROBE_FAULT_ANNOTATION, which the kubelet
 *   reads), `crash` makes its processes exit (behaviour `crashAfterSeconds: 0`, so they crash again on
 *   every restart: CrashLoopBackOff).
 * Each throws an Error in kubectl's words when the object does not exist.
 */
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

/** Breaks one pod's application (see the file comment). */
export function breakPod(
  sim: Simulation,
  namespace: string,
  name: string,
  mode: 'liveness' | 'readiness' | 'crash',
): void {
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
