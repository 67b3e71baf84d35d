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

/** Designs to start from, by the name `?demo=<name>` uses. */
export const TEMPLATES: Record<string, { title: string; objects: () => KubeObject[] }> = {
  web: { title: 'Three nodes and web x3', objects: exampleCluster },
  empty: { title: 'An empty cluster', objects: () => [] },
};
