/**
 * The truth of a failed node's machine, shown at once: the VM is off from the moment it fails
 * (`kubecanvas.dev/fault: down`), while Kubernetes only learns it when the node lifecycle controller finds
 * the node's Lease not renewed for --node-monitor-grace-period (checked every --node-monitor-period), and
 * then sets Ready to Unknown (src/engine/nodes/nodeLifecycle.ts). The countdown uses the engine's values.
 * Pure: no React.
 */
import {
  NODE_FAULT_ANNOTATION,
  NODE_MONITOR_GRACE_PERIOD_MS,
  NODE_MONITOR_PERIOD_MS,
  parseTimestamp,
  type KubeObject,
  type Node,
} from '../../engine';

/** Namespace of the kubelet's heartbeat Leases. */
export const NODE_LEASE_NAMESPACE = 'kube-node-lease';

/** The node-monitor grace period in whole seconds (as the badge says it). */
export const GRACE_SECONDS = Math.round(NODE_MONITOR_GRACE_PERIOD_MS / 1000);

/** Whether the node's machine is off (a simulator fault). */
export function machineDown(node: KubeObject): boolean {
  return node.metadata.annotations?.[NODE_FAULT_ANNOTATION] === 'down';
}

/** Whether the API server's Node still says Ready (the node controller has not noticed yet). */
export function apiSaysReady(node: Node): boolean {
  return node.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
}

/**
 * The simulated time at which the node controller will notice a silent node: the first monitor tick
 * after the last Lease renewal plus the grace period. Undefined without a Lease.
 */
export function noticeAt(lease: KubeObject | undefined): number | undefined {
  const renew = (lease?.spec as { renewTime?: string } | undefined)?.renewTime;
  if (!renew) return undefined;
  const deadline = parseTimestamp(renew) + NODE_MONITOR_GRACE_PERIOD_MS;
  return (Math.floor(deadline / NODE_MONITOR_PERIOD_MS) + 1) * NODE_MONITOR_PERIOD_MS;
}

/** What the fault badge says. */
export interface FaultText {
  title: string;
  detail: string;
}

/**
 * The badge of a failed node at `now`: the seconds until Kubernetes notices while the Node still says
 * Ready, then what Kubernetes has concluded.
 */
export function faultText(node: Node & KubeObject, lease: KubeObject | undefined, now: number): FaultText {
  if (!apiSaysReady(node)) return { title: 'VM down', detail: 'Kubernetes marked the node NotReady' };
  const at = noticeAt(lease);
  const left = at === undefined ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
  return {
    title: 'VM down',
    detail:
      left === undefined || left === 0
        ? `Kubernetes notices after ${GRACE_SECONDS} s without a heartbeat`
        : `Kubernetes notices in ${left} s (grace period ${GRACE_SECONDS} s)`,
  };
}
