/**
 * The NodeGroup object kubecanvas uses for the cluster autoscaler (a cloud provider's node group or
 * autoscaling group; kubernetes/autoscaler's cloudprovider.NodeGroup):
 *
 *   apiVersion: kubecanvas.dev/v1alpha1
 *   kind: NodeGroup
 *   metadata: { name: workers }
 *   spec:
 *     minSize: 1
 *     maxSize: 5
 *     bootSeconds: 60          # from scale-up to the node registering (default 60)
 *     serverless: false        # true: one VM per pod, sized to the pod (a virtual node, "no nodes at all")
 *     template:
 *       labels: { pool: workers }
 *       capacity: { cpu: "4", memory: 16Gi, pods: "110" }
 *       taints: []
 *       zone: eu-west-1a
 *       instanceType: m5.xlarge
 *
 * As a cloud's node group does, a new group boots minSize nodes by itself. The autoscaler writes
 * `status: { targetSize, readyNodes, upcomingNodes: [{ name, readyAt }] }`.
 */
import type { KubeObject, Node, Taint } from '../../api/types';

/** The apiVersion of NodeGroup objects. */
export const NODE_GROUP_API_VERSION = 'kubecanvas.dev/v1alpha1';
/** The kind of NodeGroup objects. */
export const NODE_GROUP_KIND = 'NodeGroup';
/** The label carrying the group on its nodes. */
export const NODE_GROUP_LABEL = 'kubecanvas.dev/node-group';
/** The taint and label of serverless nodes: only the pod the VM was made for runs there. */
export const SERVERLESS_KEY = 'kubecanvas.dev/serverless';
/** A group's bootSeconds when it does not say. */
export const DEFAULT_BOOT_SECONDS = 60;

/** A NodeGroup as stored. */
export interface NodeGroup extends KubeObject {
  spec?: {
    minSize?: number;
    maxSize?: number;
    bootSeconds?: number;
    serverless?: boolean;
    template?: {
      labels?: Record<string, string>;
      capacity?: Record<string, string>;
      taints?: Taint[];
      zone?: string;
      instanceType?: string;
    };
  };
  status?: {
    targetSize?: number;
    readyNodes?: number;
    upcomingNodes?: Array<{ name: string; readyAt: string }>;
  };
}

/** The group's bounds, with defaults (min 0, max 10 for a regular group, 1000 for a serverless one). */
export function bounds(g: NodeGroup): { min: number; max: number } {
  const min = Math.max(0, g.spec?.minSize ?? 0);
  return { min, max: Math.max(min, g.spec?.maxSize ?? (g.spec?.serverless ? 1000 : 10)) };
}

/** A node of the group as it will register: labels, capacity, taints (the template node of the group). */
export function templateNode(
  g: NodeGroup,
  name: string,
  capacity?: Record<string, string>,
): Node & KubeObject {
  const t = g.spec?.template ?? {};
  const cap = capacity ?? { cpu: '2', memory: '8Gi', pods: '110', ...t.capacity };
  const taints = [...(t.taints ?? [])];
  if (g.spec?.serverless) taints.push({ key: SERVERLESS_KEY, value: 'true', effect: 'NoSchedule' });
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: {
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        ...(t.instanceType ? { 'node.kubernetes.io/instance-type': t.instanceType } : {}),
        ...(t.zone ? { 'topology.kubernetes.io/zone': t.zone } : {}),
        ...t.labels,
        [NODE_GROUP_LABEL]: g.metadata.name,
        ...(g.spec?.serverless ? { [SERVERLESS_KEY]: 'true' } : {}),
      },
    },
    spec: taints.length ? { taints } : {},
    status: {
      capacity: cap,
      allocatable: cap,
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady' }],
    },
  };
}
