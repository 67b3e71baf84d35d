/** Which links a person can draw on the canvas (checked on every pointer move while dragging an edge). */

/** Kinds a Service can be connected to (their pods carry the template's labels). */
export const CONNECTABLE_WORKLOADS = new Set([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'Job',
  'Pod',
]);

/** Whether dragging from `source` to `target` (kinds) means something. */
export function canConnect(source: string, target: string): boolean {
  return (
    (source === 'Service' && CONNECTABLE_WORKLOADS.has(target)) ||
    (source === 'Ingress' && target === 'Service')
  );
}

/** Whether an object of this kind is an end of some link a person can draw (a Pod is reached through its owner). */
export function canLink(kind: string): boolean {
  return kind !== 'Pod' && (kind === 'Service' || kind === 'Ingress' || CONNECTABLE_WORKLOADS.has(kind));
}
