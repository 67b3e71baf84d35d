import { describe, expect, it } from 'vitest';
import { createCluster, type KubeObject, type Pod } from '../../engine';
import { explainLive, explainRows } from './explainLive';

function node(name: string, cpu: string, taints?: object[]): KubeObject {
  const r = { cpu, memory: '8Gi', pods: '110' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name } },
    spec: taints ? { taints } : {},
    status: { capacity: r, allocatable: r, conditions: [{ type: 'Ready', status: 'True' }] },
  };
}

function pod(name: string, cpu: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: { containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu } } }] },
  };
}

describe('explainLive', () => {
  it('explains a bound pod without counting the pod against its own node, and marks its node chosen', () => {
    const sim = createCluster({ seed: 1 });
    sim.apply(node('node-a', '4'));
    sim.apply(node('node-b', '4', [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }]));
    sim.apply(pod('web-1', '3'));
    sim.step(1000);
    const p = sim.store.get<Pod & KubeObject>('Pod', 'default', 'web-1');
    expect(p?.spec?.nodeName).toBe('node-a');
    const e = explainLive(sim.store, p as Pod & KubeObject);
    expect(e.selected).toBe('node-a');
    const rows = explainRows(e, p?.spec?.nodeName);
    expect(rows.map((r) => [r.node, r.verdict, r.chosen])).toEqual([
      ['node-a', 'Success', true],
      ['node-b', 'node(s) had untolerated taint {dedicated: gpu} (TaintToleration)', false],
    ]);
    expect(rows[0]?.scores.map(([plugin]) => plugin)).toContain('NodeResourcesFit');
  });

  it('gives the FailedScheduling message of a pending pod', () => {
    const sim = createCluster({ seed: 1 });
    sim.apply(node('node-a', '4'));
    sim.apply(pod('web-1', '3'));
    sim.apply(pod('web-2', '3'));
    sim.step(1000);
    const p = sim.store.get<Pod & KubeObject>('Pod', 'default', 'web-2') as Pod & KubeObject;
    expect(p.spec?.nodeName).toBeUndefined();
    const e = explainLive(sim.store, p);
    expect(e.selected).toBeNull();
    expect(e.message).toMatch(/^0\/1 nodes are available: 1 Insufficient cpu\./);
  });
});
