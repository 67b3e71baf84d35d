/**
 * Small builders for tests: `aPod({ cpu: '500m' })`, `aNode({ name: 'node-1', zone: 'a' })`. They build
 * plain API objects with only what a test states plus what the API requires, so a test reads as its case.
 */
import type { Deployment, KubeObject, Node, Pod, Taint, Toleration } from '../api/types';

export interface PodOptions {
  name?: string;
  namespace?: string;
  labels?: Record<string, string>;
  cpu?: string;
  memory?: string;
  nodeName?: string;
  image?: string;
  priority?: number;
  tolerations?: Toleration[];
  nodeSelector?: Record<string, string>;
  spec?: Partial<NonNullable<Pod['spec']>>;
}

export function aPod(o: PodOptions = {}): Pod & KubeObject {
  const requests: Record<string, string> = {};
  if (o.cpu) requests.cpu = o.cpu;
  if (o.memory) requests.memory = o.memory;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: o.name ?? 'pod',
      namespace: o.namespace ?? 'default',
      ...(o.labels ? { labels: o.labels } : {}),
    },
    spec: {
      containers: [
        {
          name: 'app',
          image: o.image ?? 'app:1.0',
          ...(Object.keys(requests).length ? { resources: { requests } } : {}),
        },
      ],
      ...(o.nodeName ? { nodeName: o.nodeName } : {}),
      ...(o.priority !== undefined ? { priority: o.priority } : {}),
      ...(o.tolerations ? { tolerations: o.tolerations } : {}),
      ...(o.nodeSelector ? { nodeSelector: o.nodeSelector } : {}),
      ...o.spec,
    },
  };
}

export interface NodeOptions {
  name?: string;
  cpu?: string;
  memory?: string;
  pods?: string;
  zone?: string;
  labels?: Record<string, string>;
  taints?: Taint[];
  unschedulable?: boolean;
  ready?: boolean;
}

export function aNode(o: NodeOptions = {}): Node & KubeObject {
  const name = o.name ?? 'node-1';
  const resources = { cpu: o.cpu ?? '4', memory: o.memory ?? '16Gi', pods: o.pods ?? '110' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: {
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        ...(o.zone ? { 'topology.kubernetes.io/zone': o.zone } : {}),
        ...o.labels,
      },
    },
    spec: { ...(o.taints ? { taints: o.taints } : {}), ...(o.unschedulable ? { unschedulable: true } : {}) },
    status: {
      capacity: resources,
      allocatable: resources,
      conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True', reason: 'KubeletReady' }],
    },
  };
}

export interface DeploymentOptions {
  name?: string;
  replicas?: number;
  image?: string;
  cpu?: string;
  memory?: string;
  labels?: Record<string, string>;
}

export function aDeployment(o: DeploymentOptions = {}): Deployment & KubeObject {
  const name = o.name ?? 'web';
  const labels = o.labels ?? { app: name };
  const requests: Record<string, string> = {};
  if (o.cpu) requests.cpu = o.cpu;
  if (o.memory) requests.memory = o.memory;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default', labels },
    spec: {
      ...(o.replicas !== undefined ? { replicas: o.replicas } : {}),
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [
            {
              name,
              image: o.image ?? `${name}:1.0`,
              ...(Object.keys(requests).length ? { resources: { requests } } : {}),
            },
          ],
        },
      },
    },
  };
}
