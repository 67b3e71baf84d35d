/**
 * Builders of the networking scenarios: a web Deployment with simulated behaviour, its Service, and a
 * seeded cluster with every default component.
 */
import type { Deployment, KubeObject, Probe, Service } from '../../api/types';
import { BEHAVIOR_ANNOTATION } from '../../behavior';
import { createCluster } from '../../cluster';
import type { Simulation } from '../../core/simulation';
import { aNode } from '../../testing/builders';

/** Options of an app Deployment. */
export interface AppOptions {
  name?: string;
  replicas?: number;
  image?: string;
  startupSeconds?: number;
  capacityRps?: number;
  readinessProbe?: Probe;
  maxUnavailable?: number;
  maxSurge?: number;
  labels?: Record<string, string>;
  cpu?: string;
}

/** A Deployment serving HTTP on a port named `http` (8080). */
export function anApp(o: AppOptions = {}): Deployment & KubeObject {
  const name = o.name ?? 'web';
  const labels = o.labels ?? { app: name };
  const behavior = {
    startupSeconds: o.startupSeconds ?? 2,
    ...(o.capacityRps ? { capacityRps: o.capacityRps } : {}),
  };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default', labels },
    spec: {
      replicas: o.replicas ?? 3,
      selector: { matchLabels: labels },
      strategy: {
        type: 'RollingUpdate',
        rollingUpdate: { maxUnavailable: o.maxUnavailable ?? 1, maxSurge: o.maxSurge ?? 0 },
      },
      template: {
        metadata: { labels, annotations: { [BEHAVIOR_ANNOTATION]: JSON.stringify(behavior) } },
        spec: {
          containers: [
            {
              name,
              image: o.image ?? `${name}:1.0`,
              ports: [{ name: 'http', containerPort: 8080 }],
              resources: { requests: { cpu: o.cpu ?? '100m', memory: '64Mi' } },
              ...(o.readinessProbe ? { readinessProbe: o.readinessProbe } : {}),
            },
          ],
        },
      },
    },
  };
}

/** A Service for an app: port 80 to the named port `http`. */
export function aServiceFor(
  name: string,
  spec: Partial<NonNullable<Service['spec']>> = {},
): Service & KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'default' },
    spec: { selector: { app: name }, ports: [{ name: 'http', port: 80, targetPort: 'http' }], ...spec },
  };
}

/** A cluster of `nodes` nodes with every default component (createCluster), seeded. */
export function networkCluster(seed: number, nodes = 3): Simulation {
  const sim = createCluster({ seed });
  for (let i = 1; i <= nodes; i++) sim.apply(aNode({ name: `node-${i}`, zone: `zone-${i}` }));
  return sim;
}
