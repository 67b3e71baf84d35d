import type { KubeObject } from '../engine';

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

/** Designs to start from, by the name `?demo=<name>` uses. */
export const TEMPLATES: Record<string, { title: string; objects: () => KubeObject[]; hidden?: boolean }> = {
  web: { title: 'Three nodes and web x3', objects: exampleCluster },
  empty: { title: 'An empty cluster', objects: () => [] },
  'scale-100': { title: '100 nodes, 1,000 pods', objects: () => scaleCluster(100, 1000), hidden: true },
  'scale-500': { title: '500 nodes, 5,000 pods', objects: () => scaleCluster(500, 5000), hidden: true },
};
