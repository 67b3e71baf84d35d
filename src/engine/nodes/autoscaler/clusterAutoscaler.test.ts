import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster';
import type { Deployment, Event, KubeObject, Node, Pod } from '../../api/types';
import { aDeployment, aNode } from '../../testing/builders';
import type { Simulation } from '../../core/simulation';
import type { NodeGroup } from './nodeGroup';

type P = Pod & KubeObject;
type N = Node & KubeObject;

function group(name: string, spec: NonNullable<NodeGroup['spec']>): NodeGroup {
  return { apiVersion: 'kubecanvas.dev/v1alpha1', kind: 'NodeGroup', metadata: { name }, spec };
}

function groupNodes(sim: Simulation, name: string): N[] {
  return sim.store.list<N>('Node').filter((n) => n.metadata.labels?.['kubecanvas.dev/node-group'] === name);
}

function webPods(sim: Simulation): P[] {
  return sim.store
    .list<P>('Pod', 'default')
    .filter((p) => p.metadata.labels?.app === 'web' && !p.metadata.deletionTimestamp);
}

function reasons(sim: Simulation, reason: string): string[] {
  return sim.store
    .list<Event & KubeObject>('Event')
    .filter((e) => e.reason === reason)
    .map((e) => e.message ?? '');
}

function scale(sim: Simulation, replicas: number): void {
  sim.patchAuthored('Deployment/default/web', (d) => ({
    ...d,
    spec: { ...(d as Deployment).spec!, replicas },
  }));
}

describe('story 18: the cluster autoscaler', () => {
  it('a group boots its minSize nodes, which register and become Ready', () => {
    const sim = createCluster({ seed: 1 });
    sim.apply(
      group('workers', {
        minSize: 2,
        maxSize: 5,
        bootSeconds: 45,
        template: { capacity: { cpu: '2', memory: '4Gi', pods: '110' } },
      }),
    );
    sim.step(44_000);
    expect(groupNodes(sim, 'workers')).toHaveLength(0);
    const booting = sim.store.get<NodeGroup>('NodeGroup', 'default', 'workers')?.status;
    expect(booting?.targetSize).toBe(2);
    expect(booting?.upcomingNodes?.map((u) => u.readyAt)).toEqual([
      '2025-01-01T00:00:45Z',
      '2025-01-01T00:00:45Z',
    ]);
    sim.step(46_000);
    const nodes = groupNodes(sim, 'workers');
    expect(nodes).toHaveLength(2);
    expect(nodes.every((n) => n.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True')).toBe(
      true,
    );
  });

  it('pods that do not fit trigger a scale-up; they land on the new node once it is Ready; idle nodes go later', () => {
    const sim = createCluster({ seed: 1, debug: true });
    sim.apply(aNode({ name: 'base', cpu: '2', memory: '8Gi' }));
    sim.apply(
      group('workers', {
        minSize: 0,
        maxSize: 3,
        bootSeconds: 60,
        template: { capacity: { cpu: '4', memory: '16Gi', pods: '110' } },
      }),
    );
    sim.apply(aDeployment({ replicas: 3, cpu: '500m' }));
    sim.step(30_000);
    expect(webPods(sim).every((p) => p.status?.phase === 'Running')).toBe(true);
    scale(sim, 6);
    sim.step(40_000);
    const pending = webPods(sim).filter((p) => !p.spec?.nodeName);
    expect(pending).toHaveLength(2);
    expect(pending[0]?.status?.conditions?.find((c) => c.type === 'PodScheduled')?.reason).toBe(
      'Unschedulable',
    );
    expect(reasons(sim, 'TriggeredScaleUp')[0]).toBe('pod triggered scale-up: [{workers 0->1 (max: 3)}]');
    sim.step(120_000);
    expect(groupNodes(sim, 'workers')).toHaveLength(1);
    expect(webPods(sim).filter((p) => p.status?.phase === 'Running')).toHaveLength(6);
    // Scaled back to 2, the group node is under 50% used and its pods fit on base: unneeded, it is drained
    // 10 min later (and not before 10 min after the scale-up).
    scale(sim, 2);
    sim.step(12 * 60_000);
    expect(groupNodes(sim, 'workers')).toHaveLength(1);
    sim.step(14 * 60_000);
    expect(groupNodes(sim, 'workers')).toHaveLength(0);
    expect(reasons(sim, 'ScaleDownEmpty').length + reasons(sim, 'ScaleDown').length).toBeGreaterThan(0);
    expect(webPods(sim).filter((p) => p.status?.phase === 'Running')).toHaveLength(2);
  });

  it('a pod too big for any template does not trigger a scale-up, and says why', () => {
    const sim = createCluster({ seed: 1 });
    sim.apply(
      group('small', { maxSize: 3, template: { capacity: { cpu: '1', memory: '2Gi', pods: '110' } } }),
    );
    sim.apply(aDeployment({ replicas: 1, cpu: '4' }));
    sim.step(30_000);
    expect(groupNodes(sim, 'small')).toHaveLength(0);
    expect(reasons(sim, 'NotTriggerScaleUp')[0]).toBe("pod didn't trigger scale-up: 1 Insufficient cpu");
  });

  it('the group does not grow beyond maxSize', () => {
    const sim = createCluster({ seed: 1 });
    sim.apply(
      group('workers', {
        maxSize: 2,
        bootSeconds: 30,
        template: { capacity: { cpu: '1', memory: '4Gi', pods: '110' } },
      }),
    );
    sim.apply(aDeployment({ replicas: 5, cpu: '800m' }));
    sim.step(300_000);
    expect(groupNodes(sim, 'workers')).toHaveLength(2);
    expect(webPods(sim).filter((p) => p.spec?.nodeName)).toHaveLength(2);
    expect(reasons(sim, 'NotTriggerScaleUp')).toContain(
      "pod didn't trigger scale-up: 1 max node group size reached",
    );
  });
});

describe('story 19: no nodes at all (a serverless group)', () => {
  it('every pod gets its own VM, sized to it; the VM goes when the pod goes', () => {
    const sim = createCluster({ seed: 1, debug: true });
    sim.apply(
      group('fargate', {
        serverless: true,
        bootSeconds: 40,
        template: { capacity: { cpu: '4', memory: '30Gi', pods: '1' } },
      }),
    );
    sim.apply(aDeployment({ replicas: 3, cpu: '500m', memory: '1Gi' }));
    sim.step(120_000);
    const pods = webPods(sim);
    expect(pods.map((p) => p.status?.phase)).toEqual(['Running', 'Running', 'Running']);
    expect(new Set(pods.map((p) => p.spec?.nodeName)).size).toBe(3);
    const vm = sim.store.get<N>('Node', undefined, pods[0]!.spec!.nodeName!)!;
    expect(vm.status?.allocatable).toMatchObject({ cpu: '500m', pods: '1' });
    scale(sim, 1);
    sim.step(200_000);
    expect(groupNodes(sim, 'fargate')).toHaveLength(1);
  });
});

describe('template nodes carry their DaemonSet pods', () => {
  it('a scale-up counts the DaemonSet pod every new node will run', () => {
    const sim = createCluster({ seed: 1 });
    const tpl = { capacity: { cpu: '2', memory: '8Gi', pods: '110' } };
    sim.apply(group('workers', { maxSize: 5, bootSeconds: 30, template: tpl }));
    const labels = { app: 'agent' };
    sim.apply({
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent', namespace: 'default' },
      spec: {
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: { containers: [{ name: 'agent', image: 'agent:1', resources: { requests: { cpu: '1' } } }] },
        },
      },
    });
    // Two pods of 800m: without the agent one 2-CPU node would hold both; with it, each needs its own.
    sim.apply(aDeployment({ replicas: 2, cpu: '800m' }));
    sim.step(20_000);
    expect(reasons(sim, 'TriggeredScaleUp')[0]).toBe('pod triggered scale-up: [{workers 0->2 (max: 5)}]');
    sim.step(120_000);
    expect(webPods(sim).filter((p) => p.status?.phase === 'Running')).toHaveLength(2);
  });
});
