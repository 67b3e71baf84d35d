/**
 * What the palette makes: real API objects with sensible defaults and a unique name (web, web-2...), as a
 * person would write them for the talk's examples. Pure functions of the names already taken.
 */
import { objectKey, type KubeObject } from '../../engine';
import { standardStorageClass as defaultStorageClass } from '../../store';

/** One palette entry: its accessible name is the kind people know. */
export interface PaletteItem {
  id: string;
  label: string;
  hint: string;
  icon: string;
  color: string;
}

export const PALETTE_ITEMS: readonly PaletteItem[] = [
  { id: 'Node', label: 'Node', hint: 'A VM: 2 CPU, 4 GiB', icon: 'node', color: '#326ce5' },
  { id: 'NodeGroup', label: 'Node group', hint: 'Autoscaled: 1 to 5 nodes', icon: 'ng', color: '#326ce5' },
  { id: 'Pod', label: 'Pod', hint: 'Drop on a Node to pin it', icon: 'pod', color: '#2563eb' },
  { id: 'Deployment', label: 'Deployment', hint: 'web × 3', icon: 'deploy', color: '#326ce5' },
  { id: 'StatefulSet', label: 'StatefulSet', hint: 'db-0, db-1, db-2', icon: 'sts', color: '#7c5cdb' },
  { id: 'DaemonSet', label: 'DaemonSet', hint: 'One pod per node', icon: 'ds', color: '#0d7f74' },
  { id: 'Job', label: 'Job', hint: 'Runs to completion', icon: 'job', color: '#8f5a12' },
  { id: 'Service', label: 'Service', hint: 'Routes by labels', icon: 'svc', color: '#047857' },
  { id: 'Ingress', label: 'Ingress', hint: 'HTTP from outside', icon: 'ing', color: '#c05621' },
  {
    id: 'PersistentVolumeClaim',
    label: 'PersistentVolumeClaim',
    hint: '1 GiB, ReadWriteOnce',
    icon: 'pvc',
    color: '#6b7280',
  },
  { id: 'NfsServer', label: 'NFS server', hint: 'A shared volume', icon: 'nfs', color: '#6b7280' },
  { id: 'ConfigMap', label: 'ConfigMap', hint: 'Settings as data', icon: 'cm', color: '#6b7280' },
];

/**
 * The default StorageClass a claim needs to be provisioned, as kind's clusters have it (`standard`,
 * rancher.io/local-path, WaitForFirstConsumer): added with the first StatefulSet or claim of a design that
 * has none, so that volumeClaimTemplates bind instead of waiting for a class forever.
 */
function standardStorageClass(taken: Taken): KubeObject[] {
  return taken(objectKey('StorageClass', undefined, 'standard')) ? [] : [defaultStorageClass()];
}

/** Is this key taken (authored or live)? */
export type Taken = (key: string) => boolean;

/** `base`, or `base-2`, `base-3`... whichever is free for the kind in the namespace. */
export function uniqueName(kind: string, base: string, taken: Taken, namespace = 'default'): string {
  if (!taken(objectKey(kind, namespace, base))) return base;
  for (let i = 2; ; i++) if (!taken(objectKey(kind, namespace, `${base}-${i}`))) return `${base}-${i}`;
}

function nextNodeName(taken: Taken, prefix = 'node'): string {
  for (let i = 1; ; i++) if (!taken(objectKey('Node', undefined, `${prefix}-${i}`))) return `${prefix}-${i}`;
}

/**
 * A node group for the cluster autoscaler (kubecanvas.dev/v1alpha1 NodeGroup): it boots one node by
 * itself, and the autoscaler adds nodes (up to 5) when pods are Pending for lack of room.
 */
export function aNodeGroup(name: string): KubeObject {
  return {
    apiVersion: 'kubecanvas.dev/v1alpha1',
    kind: 'NodeGroup',
    metadata: { name },
    spec: {
      minSize: 1,
      maxSize: 5,
      bootSeconds: 60,
      template: { capacity: { cpu: '2', memory: '4Gi', pods: '110' }, zone: 'zone-a' },
    },
  };
}

/** A Node as a VM: capacity, allocatable, Ready. */
export function aNode(name: string, zone?: string): KubeObject {
  const r = { cpu: '2', memory: '4Gi', pods: '110' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: { 'kubernetes.io/hostname': name, ...(zone ? { 'topology.kubernetes.io/zone': zone } : {}) },
    },
    spec: {},
    status: {
      capacity: r,
      allocatable: r,
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady' }],
    },
  };
}

function container(name: string, image: string, cpu: string, memory: string, port?: number) {
  return {
    name,
    image,
    resources: { requests: { cpu, memory } },
    ...(port ? { ports: [{ containerPort: port }] } : {}),
  };
}

function podTemplate(app: string, c: ReturnType<typeof container>, extra: Record<string, unknown> = {}) {
  return { metadata: { labels: { app } }, spec: { containers: [c], ...extra } };
}

function workload(kind: string, apiVersion: string, name: string, spec: Record<string, unknown>): KubeObject {
  return { apiVersion, kind, metadata: { name, namespace: 'default', labels: { app: name } }, spec };
}

/** What a palette item needs to know of the design. */
export interface DesignFacts {
  taken: Taken;
  /** The first workload's app label that no Service selects yet (a new Service is wired to it). */
  unservedApp: () => string | undefined;
  /** The name of the first Service (a new Ingress routes to it). */
  firstService: () => string | undefined;
}

/** The objects a palette item makes; the first one is placed where it was dropped. */
export function makeObjects(item: string, facts: DesignFacts, nodeName?: string): KubeObject[] {
  const { taken } = facts;
  const name = (kind: string, base: string) => uniqueName(kind, base, taken);
  switch (item) {
    case 'Node':
      return [aNode(nextNodeName(taken))];
    case 'NodeGroup':
      return [aNodeGroup(uniqueName('NodeGroup', 'pool', taken, undefined))];
    case 'Pod': {
      const n = name('Pod', 'pod');
      const spec = {
        containers: [container('app', 'nginx:1.27', '100m', '128Mi', 80)],
        ...(nodeName ? { nodeName } : {}),
      };
      return [
        {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: n, namespace: 'default', labels: { app: n } },
          spec,
        },
      ];
    }
    case 'Deployment': {
      const n = name('Deployment', 'web');
      return [
        workload('Deployment', 'apps/v1', n, {
          replicas: 3,
          selector: { matchLabels: { app: n } },
          template: podTemplate(n, container(n, 'web:1.0', '250m', '256Mi', 8080)),
        }),
      ];
    }
    case 'StatefulSet': {
      const n = name('StatefulSet', 'db');
      // The StatefulSet comes first: it is the object the palette selects.
      return [
        workload('StatefulSet', 'apps/v1', n, {
          replicas: 3,
          serviceName: n,
          selector: { matchLabels: { app: n } },
          template: podTemplate(n, container(n, 'postgres:16', '250m', '512Mi', 5432)),
          volumeClaimTemplates: [
            {
              metadata: { name: 'data' },
              spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
            },
          ],
        }),
        ...standardStorageClass(taken),
      ];
    }
    case 'DaemonSet': {
      const n = name('DaemonSet', 'node-exporter');
      return [
        workload('DaemonSet', 'apps/v1', n, {
          selector: { matchLabels: { app: n } },
          template: podTemplate(n, container(n, 'prom/node-exporter:v1.8.2', '50m', '64Mi', 9100)),
        }),
      ];
    }
    case 'Job': {
      const n = name('Job', 'batch');
      return [
        workload('Job', 'batch/v1', n, {
          completions: 1,
          backoffLimit: 6,
          template: podTemplate(n, container(n, 'busybox:1.36', '100m', '64Mi'), { restartPolicy: 'Never' }),
        }),
      ];
    }
    case 'Service': {
      const app = facts.unservedApp();
      const n = name('Service', app ?? 'service');
      return [
        {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: n, namespace: 'default' },
          spec: { selector: { app: app ?? n }, ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }] },
        },
      ];
    }
    case 'Ingress': {
      const n = name('Ingress', 'web');
      const backend = facts.firstService() ?? 'web';
      return [
        {
          apiVersion: 'networking.k8s.io/v1',
          kind: 'Ingress',
          metadata: { name: n, namespace: 'default' },
          spec: {
            rules: [
              {
                http: {
                  paths: [
                    {
                      path: '/',
                      pathType: 'Prefix',
                      backend: { service: { name: backend, port: { number: 80 } } },
                    },
                  ],
                },
              },
            ],
          },
        },
      ];
    }
    case 'PersistentVolumeClaim':
      return [
        {
          apiVersion: 'v1',
          kind: 'PersistentVolumeClaim',
          metadata: { name: name('PersistentVolumeClaim', 'data'), namespace: 'default' },
          spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
        },
        ...standardStorageClass(taken),
      ];
    case 'NfsServer': {
      const n = name('Deployment', 'nfs-server');
      return [
        workload('Deployment', 'apps/v1', n, {
          replicas: 1,
          selector: { matchLabels: { app: n } },
          template: podTemplate(n, container(n, 'registry.k8s.io/volume-nfs:0.8', '100m', '128Mi', 2049)),
        }),
        {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: n, namespace: 'default' },
          spec: { selector: { app: n }, ports: [{ name: 'nfs', port: 2049, protocol: 'TCP' }] },
        },
      ];
    }
    case 'ConfigMap':
      return [
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: name('ConfigMap', 'config'), namespace: 'default' },
          data: { LOG_LEVEL: 'info' },
        },
      ];
    default:
      return [];
  }
}
