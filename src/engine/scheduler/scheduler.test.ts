import { describe, expect, it } from 'vitest';
import { Simulation } from '../core/simulation';
import { aNode, aPod } from '../testing/builders';
import { Scheduler } from './scheduler';
import type { KubeObject, Pod } from '../api/types';

function sim(): Simulation {
  return new Simulation({ controllers: [new Scheduler()] });
}

function pod(s: Simulation, name: string): Pod & KubeObject {
  return s.store.get('Pod', 'default', name) as Pod & KubeObject;
}

function events(s: Simulation, reason: string): string[] {
  return s.store
    .list<KubeObject & { reason?: string; message?: string }>('Event')
    .filter((e) => e.reason === reason)
    .map((e) => e.message ?? '');
}

describe('the default-scheduler component', () => {
  it('binds a pod to the node with the most free resources and records a Scheduled event', () => {
    const s = sim();
    s.store.apply({ type: 'create', object: aNode({ name: 'node-a', cpu: '4' }) });
    s.store.apply({ type: 'create', object: aNode({ name: 'node-b', cpu: '2' }) });
    s.store.apply({ type: 'create', object: aPod({ name: 'web-1', cpu: '1' }) });
    s.step(0);
    expect(pod(s, 'web-1').spec?.nodeName).toBe('node-a');
    expect(events(s, 'Scheduled')).toEqual(['Successfully assigned default/web-1 to node-a']);
  });

  it("reports FailedScheduling in kube-scheduler's words and retries when a node is added", () => {
    const s = sim();
    s.store.apply({ type: 'create', object: aNode({ name: 'node-a', cpu: '1' }) });
    s.store.apply({
      type: 'create',
      object: aNode({
        name: 'node-b',
        taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }],
      }),
    });
    s.store.apply({
      type: 'create',
      object: aNode({
        name: 'node-c',
        taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }],
      }),
    });
    s.store.apply({ type: 'create', object: aPod({ name: 'web-1', cpu: '2' }) });
    s.step(0);
    expect(events(s, 'FailedScheduling')).toEqual([
      '0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had untolerated taint {node.kubernetes.io/not-ready: }. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling..',
    ]);
    s.store.apply({ type: 'create', object: aNode({ name: 'node-d', cpu: '4' }) });
    s.step(20_000);
    expect(pod(s, 'web-1').spec?.nodeName).toBe('node-d');
  });

  it('with no nodes at all says ErrNoNodesAvailable (pkg/scheduler/schedule_one.go), Unschedulable', () => {
    const s = sim();
    s.store.apply({ type: 'create', object: aPod({ name: 'web-1', cpu: '1' }) });
    s.step(0);
    expect(events(s, 'FailedScheduling')).toEqual(['no nodes available to schedule pods']);
    const cond = pod(s, 'web-1').status?.conditions?.find((c) => c.type === 'PodScheduled');
    expect(cond).toMatchObject({ status: 'False', reason: 'Unschedulable' });
  });

  it('preempts a lower-priority pod and nominates the node', () => {
    const s = sim();
    s.store.apply({ type: 'create', object: aNode({ name: 'node-a', cpu: '2' }) });
    s.store.apply({
      type: 'create',
      object: aPod({ name: 'low', cpu: '2', priority: 0, nodeName: 'node-a' }),
    });
    s.store.apply({ type: 'create', object: aPod({ name: 'high', cpu: '2', priority: 1000 }) });
    s.step(0);
    expect(pod(s, 'high').status?.nominatedNodeName).toBe('node-a');
    expect(pod(s, 'low').metadata.deletionTimestamp).toBeDefined();
  });

  // Upstream pkg/scheduler/framework/preemption/preemption.go prepareCandidate: lower-priority pods
  // nominated to the chosen node lose their nomination (ClearNominatedNodeName).
  it('clears the nomination of a lower-priority pod when a higher-priority pod preempts on its node', () => {
    const s = sim();
    s.store.apply({ type: 'create', object: aNode({ name: 'node-a', cpu: '2' }) });
    s.store.apply({
      type: 'create',
      object: aPod({ name: 'low', cpu: '2', priority: 0, nodeName: 'node-a' }),
    });
    s.store.apply({
      type: 'create',
      object: { ...aPod({ name: 'mid', cpu: '2', priority: 500 }), status: { nominatedNodeName: 'node-a' } },
    });
    s.store.apply({ type: 'create', object: aPod({ name: 'high', cpu: '2', priority: 1000 }) });
    s.step(0);
    expect(pod(s, 'high').status?.nominatedNodeName).toBe('node-a');
    expect(pod(s, 'mid').status?.nominatedNodeName).toBeUndefined();
  });

  it('leaves pods of another schedulerName alone and schedules by priority first', () => {
    const s = sim();
    s.store.apply({ type: 'create', object: aNode({ name: 'node-a', cpu: '1', pods: '110' }) });
    s.store.apply({
      type: 'create',
      object: aPod({ name: 'other', spec: { containers: [], schedulerName: 'my-scheduler' } }),
    });
    s.store.apply({ type: 'create', object: aPod({ name: 'low', cpu: '1', priority: 0 }) });
    s.store.apply({
      type: 'create',
      object: aPod({
        name: 'high',
        cpu: '1',
        priority: 100,
        spec: {
          containers: [{ name: 'c', resources: { requests: { cpu: '1' } } }],
          preemptionPolicy: 'Never',
        },
      }),
    });
    s.step(0);
    expect(pod(s, 'other').spec?.nodeName).toBeUndefined();
    expect(pod(s, 'high').spec?.nodeName).toBe('node-a');
    expect(pod(s, 'low').spec?.nodeName).toBeUndefined();
    expect(pod(s, 'low').status?.conditions).toEqual([
      {
        type: 'PodScheduled',
        status: 'False',
        reason: 'Unschedulable',
        message:
          '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod..',
      },
    ]);
  });

  it('retries an unschedulable pod after its backoff when an assigned pod is deleted', () => {
    const s = sim();
    s.store.apply({ type: 'create', object: aNode({ name: 'node-a', cpu: '1' }) });
    s.store.apply({ type: 'create', object: aPod({ name: 'first', cpu: '1', nodeName: 'node-a' }) });
    s.store.apply({ type: 'create', object: aPod({ name: 'second', cpu: '1' }) });
    s.step(0);
    expect(pod(s, 'second').spec?.nodeName).toBeUndefined();
    s.store.apply({ type: 'remove', key: 'Pod/default/first' });
    s.step(500);
    expect(pod(s, 'second').spec?.nodeName).toBeUndefined();
    s.step(1000);
    expect(pod(s, 'second').spec?.nodeName).toBe('node-a');
  });
});
