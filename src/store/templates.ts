import { TRAFFIC_API_VERSION, TRAFFIC_SOURCE_KIND, trafficSourceName, type KubeObject } from '../engine';
import type { XY } from './document';

/** The talk's example: three nodes and a Deployment web x3 (story 4). */
export function exampleCluster(): KubeObject[] {
  const nodes: KubeObject[] = [1, 2, 3].map((i) => {
    const r = { cpu: '2', memory: '4Gi', pods: '110' };
    return {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: `node-${i}`,
        labels: {
          'kubernetes.io/hostname': `node-${i}`,
          'topology.kubernetes.io/zone': `zone-${'abc'[i - 1] ?? 'a'}`,
        },
      },
      spec: {},
      status: {
        capacity: r,
        allocatable: r,
        conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady' }],
      },
    };
  });
  const labels = { app: 'web' };
  const web: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', labels },
    spec: {
      replicas: 3,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [
            { name: 'web', image: 'web:1.0', resources: { requests: { cpu: '250m', memory: '256Mi' } } },
          ],
        },
      },
    },
  };
  return [...nodes, web];
}

/** A large cluster for performance checks: `nodes` Nodes and `pods` pods in Deployments of 100. */
export function scaleCluster(nodes: number, pods: number): KubeObject[] {
  const out: KubeObject[] = [];
  for (let i = 1; i <= nodes; i++) {
    const r = { cpu: '4', memory: '16Gi', pods: '110' };
    out.push({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: `node-${i}`,
        labels: {
          'kubernetes.io/hostname': `node-${i}`,
          'topology.kubernetes.io/zone': `zone-${'abc'[i % 3]}`,
        },
      },
      spec: {},
      status: {
        capacity: r,
        allocatable: r,
        conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady' }],
      },
    });
  }
  for (let d = 0; d * 100 < pods; d++) {
    const name = `app-${d + 1}`;
    const labels = { app: name };
    out.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: 'default', labels },
      spec: {
        replicas: Math.min(100, pods - d * 100),
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            containers: [
              { name, image: `${name}:1.0`, resources: { requests: { cpu: '100m', memory: '128Mi' } } },
            ],
          },
        },
      },
    });
  }
  return out;
}

function aNode(name: string, zone: string, cpu = '2', memory = '4Gi'): KubeObject {
  const r = { cpu, memory, pods: '110' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: { 'kubernetes.io/hostname': name, 'topology.kubernetes.io/zone': zone },
    },
    spec: {},
    status: {
      capacity: r,
      allocatable: r,
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady' }],
    },
  };
}

/** `count` nodes node-1..node-n spread over zones a, b, c. */
function nodes(count: number, cpu = '2', memory = '4Gi'): KubeObject[] {
  return Array.from({ length: count }, (_, i) =>
    aNode(`node-${i + 1}`, `zone-${'abc'[i % 3] ?? 'a'}`, cpu, memory),
  );
}

interface ContainerSpec {
  image: string;
  cpu: string;
  memory: string;
  port?: number;
  extra?: Record<string, unknown>;
}

function containerOf(name: string, c: ContainerSpec): Record<string, unknown> {
  return {
    name,
    image: c.image,
    ...(c.port ? { ports: [{ containerPort: c.port }] } : {}),
    resources: { requests: { cpu: c.cpu, memory: c.memory } },
    ...c.extra,
  };
}

function deployment(
  name: string,
  replicas: number,
  c: ContainerSpec,
  podSpec: Record<string, unknown> = {},
  spec: Record<string, unknown> = {},
): KubeObject {
  const labels = { app: name };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default', labels },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      ...spec,
      template: { metadata: { labels }, spec: { containers: [containerOf(name, c)], ...podSpec } },
    },
  };
}

function service(
  name: string,
  port: number,
  targetPort: number,
  extra: Record<string, unknown> = {},
  app = name,
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'default', labels: { app } },
    spec: { selector: { app }, ports: [{ port, targetPort, protocol: 'TCP' }], ...extra },
  };
}

/**
 * Clients on the internet sending `rps` requests per second to a Service (the TrafficSource that
 * `kubecanvas traffic service/NAME --rps N` makes), so the design starts with traffic flowing.
 */
function clients(serviceName: string, rps: number): KubeObject {
  const target = { kind: 'Service' as const, name: serviceName, namespace: 'default' };
  return {
    apiVersion: TRAFFIC_API_VERSION,
    kind: TRAFFIC_SOURCE_KIND,
    metadata: { name: trafficSourceName(target), namespace: 'default' },
    spec: { target, rps },
  };
}

/** kind's default StorageClass (rancher.io/local-path), so volumeClaimTemplates get volumes. */
export function standardStorageClass(): KubeObject {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: {
      name: 'standard',
      annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
    },
    provisioner: 'rancher.io/local-path',
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'WaitForFirstConsumer',
  };
}

function statefulSet(name: string, replicas: number, c: ContainerSpec, storage: string): KubeObject {
  const labels = { app: name };
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name, namespace: 'default', labels },
    spec: {
      serviceName: name,
      replicas,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [{ ...containerOf(name, c), volumeMounts: [{ name: 'data', mountPath: '/data' }] }],
        },
      },
      volumeClaimTemplates: [
        {
          metadata: { name: 'data' },
          spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage } } },
        },
      ],
    },
  };
}

/**
 * The talk's web app: a load balancer in front of web x3 (its pods mount an NFS share, prefer the node of
 * the redis pod, spread over nodes, take a moment to get ready, answer /_health, and roll out one at a
 * time), with redis, memcache, mongo (a StatefulSet with its own volume) and the NFS server; clients on
 * the internet send 50 requests per second to the load balancer.
 */
export function talkApp(): KubeObject[] {
  const health = { httpGet: { path: '/_health', port: 8080 } };
  const web = deployment(
    'web',
    3,
    {
      image: 'web:1.0',
      cpu: '250m',
      memory: '256Mi',
      port: 8080,
      extra: {
        volumeMounts: [{ name: 'shared', mountPath: '/srv/shared' }],
        readinessProbe: { ...health, initialDelaySeconds: 10, periodSeconds: 5 },
        livenessProbe: { ...health, initialDelaySeconds: 30, periodSeconds: 10 },
      },
    },
    {
      volumes: [
        { name: 'shared', nfs: { server: 'nfs-server.default.svc.cluster.local', path: '/exports' } },
      ],
      affinity: {
        podAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            {
              weight: 50,
              podAffinityTerm: {
                labelSelector: { matchLabels: { app: 'redis' } },
                topologyKey: 'kubernetes.io/hostname',
              },
            },
          ],
        },
        podAntiAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            {
              weight: 100,
              podAffinityTerm: {
                labelSelector: { matchLabels: { app: 'web' } },
                topologyKey: 'kubernetes.io/hostname',
              },
            },
          ],
        },
      },
    },
    { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } },
  );
  return [
    ...nodes(3),
    standardStorageClass(),
    deployment('nfs-server', 1, {
      image: 'registry.k8s.io/volume-nfs:0.8',
      cpu: '100m',
      memory: '128Mi',
      port: 2049,
    }),
    service('nfs-server', 2049, 2049),
    deployment('redis', 1, { image: 'redis:7.2', cpu: '100m', memory: '128Mi', port: 6379 }),
    service('redis', 6379, 6379),
    deployment('memcache', 1, { image: 'memcached:1.6', cpu: '100m', memory: '128Mi', port: 11211 }),
    service('memcache', 11211, 11211),
    statefulSet('mongo', 1, { image: 'mongo:7.0', cpu: '250m', memory: '512Mi', port: 27017 }, '2Gi'),
    service('mongo', 27017, 27017, { clusterIP: 'None' }),
    web,
    service('web', 80, 8080, { type: 'LoadBalancer' }),
    clients('web', 50),
  ];
}

/** A StatefulSet database: postgres x3 with a volume each, behind its headless Service. */
export function statefulDatabase(): KubeObject[] {
  return [
    ...nodes(3),
    standardStorageClass(),
    service('db', 5432, 5432, { clusterIP: 'None' }),
    statefulSet('db', 3, { image: 'postgres:16', cpu: '250m', memory: '512Mi', port: 5432 }, '1Gi'),
  ];
}

/** A DaemonSet agent on every node (a log shipper), next to a small web app. */
export function daemonSetAgent(): KubeObject[] {
  const labels = { app: 'log-agent' };
  const agent: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'log-agent', namespace: 'default', labels },
    spec: {
      selector: { matchLabels: labels },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
      template: {
        metadata: { labels },
        spec: {
          tolerations: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
          containers: [
            containerOf('log-agent', {
              image: 'fluent/fluent-bit:3.1',
              cpu: '50m',
              memory: '64Mi',
              port: 2020,
            }),
          ],
        },
      },
    },
  };
  return [
    ...nodes(4),
    agent,
    deployment('web', 2, { image: 'web:1.0', cpu: '250m', memory: '256Mi', port: 8080 }),
    service('web', 80, 8080),
  ];
}

/**
 * Google's online-boutique: a shop of a dozen services (microservices-demo's kubernetes-manifests), with
 * clients on the internet sending 100 requests per second to its load balancer (frontend-external).
 */
export function microservicesShop(): KubeObject[] {
  const image = (name: string) =>
    `us-central1-docker.pkg.dev/google-samples/microservices-demo/${name}:v0.10.1`;
  const parts: Array<[name: string, port: number, servicePort: number, cpu: string, memory: string]> = [
    ['emailservice', 8080, 5000, '100m', '64Mi'],
    ['checkoutservice', 5050, 5050, '100m', '64Mi'],
    ['recommendationservice', 8080, 8080, '100m', '220Mi'],
    ['frontend', 8080, 80, '100m', '64Mi'],
    ['paymentservice', 50051, 50051, '100m', '64Mi'],
    ['productcatalogservice', 3550, 3550, '100m', '64Mi'],
    ['cartservice', 7070, 7070, '200m', '64Mi'],
    ['currencyservice', 7000, 7000, '100m', '64Mi'],
    ['shippingservice', 50051, 50051, '100m', '64Mi'],
    ['adservice', 9555, 9555, '200m', '180Mi'],
  ];
  const out: KubeObject[] = [...nodes(3, '4', '8Gi')];
  for (const [name, port, servicePort, cpu, memory] of parts) {
    out.push(deployment(name, 1, { image: image(name), cpu, memory, port }));
    out.push(service(name, servicePort, port));
  }
  out.push(
    service('frontend-external', 80, 8080, { type: 'LoadBalancer' }, 'frontend'),
    clients('frontend-external', 100),
    deployment('redis-cart', 1, { image: 'redis:alpine', cpu: '70m', memory: '200Mi', port: 6379 }),
    service('redis-cart', 6379, 6379),
    deployment('loadgenerator', 1, {
      image: image('loadgenerator'),
      cpu: '300m',
      memory: '256Mi',
      extra: {
        env: [
          { name: 'FRONTEND_ADDR', value: 'frontend:80' },
          { name: 'USERS', value: '10' },
        ],
      },
    }),
  );
  return out;
}

/*
 * Where a template's objects stand, for a design the automatic column layout (features/canvas/layout.ts)
 * draws too tall to read once fitted to a 1440x900 screen. Sizes as the canvas draws them: a card
 * 200x72, a Node 248 wide (164 high with one row of pods, 30 more per further row of four), the
 * Unscheduled area 466 wide. A Node that grows taller than the room left below it (a Deployment scaled
 * up) draws what stands below it lower (features/canvas/room.ts), so the pitches here need only suit
 * the designs as they start.
 */
const ROW = 96;
const NODE_PITCH = 224;

/**
 * The shop at 1440x900: the Unscheduled area top left, the three Nodes one above the other in the middle,
 * the Deployments in two columns on their left and the Services in two on their right, each Service on
 * the row of its Deployment, mirrored (the inner columns pair up, the outer ones too); the clients and
 * frontend-external in the top row, the bottom right corner left free for the minimap. Fitted, the shop
 * is drawn at about two thirds of its size, where the automatic layout's two columns of twelve left it at
 * under two fifths.
 */
function shopLayout(): Record<string, XY> {
  const [outerLeft, innerLeft, nodesX, innerRight, outerRight] = [0, 224, 472, 768, 1032];
  // Rows 1 to 6: [outer, inner] Deployments, whose Services stand mirrored on the right.
  const rows: Array<[outer: string, inner: string]> = [
    ['cartservice', 'frontend'],
    ['redis-cart', 'checkoutservice'],
    ['productcatalogservice', 'currencyservice'],
    ['paymentservice', 'shippingservice'],
    ['emailservice', 'recommendationservice'],
    ['loadgenerator', 'adservice'],
  ];
  const at: Record<string, XY> = {
    'area:unscheduled': { x: outerLeft, y: -8 },
    'Service/default/frontend-external': { x: innerRight, y: 0 },
    [`${TRAFFIC_SOURCE_KIND}/default/${trafficSourceName({ kind: 'Service', name: 'frontend-external' })}`]: {
      x: outerRight,
      y: 0,
    },
  };
  for (let i = 1; i <= 3; i++) at[`Node//node-${i}`] = { x: nodesX, y: (i - 1) * NODE_PITCH };
  rows.forEach(([outer, inner], i) => {
    const y = (i + 1) * ROW;
    at[`Deployment/default/${outer}`] = { x: outerLeft, y };
    at[`Deployment/default/${inner}`] = { x: innerLeft, y };
    at[`Service/default/${inner}`] = { x: innerRight, y };
    if (outer !== 'loadgenerator') at[`Service/default/${outer}`] = { x: outerRight, y };
  });
  return at;
}

/**
 * The talk's app at 1440x900: the three Nodes one above the other under the Unscheduled area, the
 * workloads on their left and their Services on their right, row by row (mongo's claim under mongo), and
 * the clients just right of the web Service they call. Fitted, it is drawn at about two thirds of its
 * size, where the automatic layout (a row of Nodes, the clients beyond the Services) left it at a half.
 */
function talkLayout(): Record<string, XY> {
  const [left, nodesX, right, clientsX] = [0, 248, 544, 808];
  const pitch = 240; // a 2-CPU Node holds at most three rows of the talk's pods
  const at: Record<string, XY> = {
    'area:unscheduled': { x: nodesX + 124 - 233, y: -118 },
    'PersistentVolumeClaim/default/data-mongo-0': { x: left, y: 5 * ROW },
    [`${TRAFFIC_SOURCE_KIND}/default/${trafficSourceName({ kind: 'Service', name: 'web' })}`]: {
      x: clientsX,
      y: 3 * ROW,
    },
  };
  for (let i = 1; i <= 3; i++) at[`Node//node-${i}`] = { x: nodesX, y: (i - 1) * pitch };
  const workloads = ['Deployment/nfs-server', 'Deployment/redis', 'Deployment/memcache', 'Deployment/web'];
  [...workloads, 'StatefulSet/mongo'].forEach((w, i) => {
    const [kind = '', name = ''] = w.split('/');
    at[`${kind}/default/${name}`] = { x: left, y: i * ROW };
    at[`Service/default/${name}`] = { x: right, y: i * ROW };
  });
  return at;
}

/**
 * Designs to start from, by the name `?demo=<name>` uses; `positions`, where a template comes with its
 * own layout (object keys and `area:unscheduled`, as the document keeps them).
 */
export const TEMPLATES: Record<
  string,
  { title: string; objects: () => KubeObject[]; positions?: () => Record<string, XY>; hidden?: boolean }
> = {
  web: { title: 'Three nodes and web x3', objects: exampleCluster },
  'talk-app': {
    title: "The talk's web app (web x3, redis, memcache, mongo, NFS)",
    objects: talkApp,
    positions: talkLayout,
  },
  'statefulset-db': { title: 'A StatefulSet database (postgres x3)', objects: statefulDatabase },
  'daemonset-agent': { title: 'A DaemonSet agent on every node', objects: daemonSetAgent },
  shop: {
    title: 'A microservices shop (online-boutique)',
    objects: microservicesShop,
    positions: shopLayout,
  },
  empty: { title: 'An empty cluster', objects: () => [] },
  'scale-100': { title: '100 nodes, 1,000 pods', objects: () => scaleCluster(100, 1000), hidden: true },
  'scale-500': { title: '500 nodes, 5,000 pods', objects: () => scaleCluster(500, 5000), hidden: true },
};
