import { describe, expect, it } from 'vitest';
import type { Deployment, HorizontalPodAutoscaler, KubeObject, Pod } from '../../api/types';
import { Simulation } from '../../core/simulation';
import { aDeployment, aNode } from '../../testing/builders';
import { DeploymentController } from '../deployment/deploymentController';
import { ReplicaSetController } from '../replicaset/replicaSetController';
import { TestKubelet } from '../testing/testKubelet';
import { HpaController } from './hpaController';

type D = Deployment & KubeObject;
type HPA = HorizontalPodAutoscaler & KubeObject;

/** Each pod uses `perPod()` millicores (the test's stand-in for the traffic model). */
function setup(perPod: () => number): Simulation {
  const s = new Simulation({
    controllers: [
      new DeploymentController(),
      new ReplicaSetController(),
      new HpaController(() => perPod()),
      new TestKubelet({ readyAfterMs: 1000, terminateAfterMs: 500 }),
    ],
  });
  s.apply(aNode({ name: 'n0', cpu: '64', pods: '110' }));
  s.apply(aDeployment({ replicas: 2, cpu: '100m' }));
  const hpa: HPA = {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      minReplicas: 2,
      maxReplicas: 10,
      metrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } },
        },
      ],
    },
  };
  s.apply(hpa);
  return s;
}

const replicas = (s: Simulation): number | undefined =>
  s.store.get<D>('Deployment', 'default', 'web')?.spec?.replicas;

describe('HpaController', () => {
  it('pods at 100 % of their request against a 50 % target double the replicas, up to maxReplicas', () => {
    const s = setup(() => 100);
    s.advance(16_000);
    expect(replicas(s)).toBe(4);
    s.advance(120_000);
    expect(replicas(s)).toBe(10);
    expect(s.store.get<HPA>('HorizontalPodAutoscaler', 'default', 'web')?.status?.desiredReplicas).toBe(10);
  });

  it('a drop in load scales down only after the 300 s stabilization window', () => {
    let load = 100;
    const s = setup(() => load);
    s.advance(60_000);
    const high = replicas(s)!;
    load = 5;
    s.advance(280_000);
    expect(replicas(s)).toBe(high);
    s.advance(60_000);
    expect(replicas(s)).toBe(2);
  });

  it('utilization within the 0.1 tolerance keeps the count', () => {
    const s = setup(() => 54);
    s.advance(120_000);
    expect(replicas(s)).toBe(2);
    const pods = s.store.list<Pod & KubeObject>('Pod', 'default');
    expect(pods.length).toBe(2);
  });

  it('scales the live Deployment and leaves the authored copy, which export writes, as the user wrote it', () => {
    const s = setup(() => 100);
    s.advance(16_000);
    expect(replicas(s)).toBe(4);
    const authored = s.authored().find((o) => o.kind === 'Deployment') as D;
    expect(authored.spec?.replicas).toBe(2);
  });
});
