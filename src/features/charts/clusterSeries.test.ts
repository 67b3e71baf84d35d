import { describe, expect, it } from 'vitest';
import { ObjectStore, type KubeObject } from '../../engine';
import { SampleHistory, sampleCluster } from './clusterSeries';

function node(name: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name },
    status: { allocatable: { cpu: '2', memory: '4Gi' } },
  };
}

function pod(name: string, nodeName: string | undefined, cpu: string, phase = 'Running'): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: {
      ...(nodeName ? { nodeName } : {}),
      containers: [{ name: 'c', resources: { requests: { cpu, memory: '1Gi' } } }],
    },
    status: { phase },
  };
}

describe('sampleCluster', () => {
  it('counts pending pods and requested CPU and memory per node, leaving finished pods out', () => {
    const store = new ObjectStore(() => 0, 'test');
    for (const o of [
      node('node-1'),
      node('node-2'),
      pod('a', 'node-1', '500m'),
      pod('b', 'node-1', '1'),
      pod('c', undefined, '1', 'Pending'),
      pod('d', 'node-2', '1', 'Succeeded'),
    ])
      store.apply({ type: 'create', object: o });
    expect(sampleCluster(store, 1000)).toEqual({
      t: 1000,
      pending: 1,
      cpuPct: { 'node-1': 75, 'node-2': 0 },
      memPct: { 'node-1': 50, 'node-2': 0 },
      cpuAllPct: 37.5,
      memAllPct: 25,
    });
  });
});

describe('SampleHistory', () => {
  it.each<[string, number[], number[]]>([
    ['Keeps samples in order', [1, 2, 3], [1, 2, 3]],
    ['Drops the oldest beyond its limit', [1, 2, 3, 4, 5], [3, 4, 5]],
    ['Drops the samples from a time gone back to, keeping the earlier ones', [1, 2, 3, 2], [1, 2]],
    ['Keeps nothing when time goes back to before the first', [2, 3, 1], [1]],
    ['Replaces a sample of the same time', [1, 2, 2], [1, 2]],
  ])('%s', (_name, times, want) => {
    const h = new SampleHistory<{ t: number }>(3);
    for (const t of times) h.push({ t });
    expect(h.list().map((s) => s.t)).toEqual(want);
  });
});

describe('SampleHistory.dropFrom', () => {
  it.each<[string, number, number[]]>([
    ['keeps the samples before a seek back, dropping the one at its moment', 3, [1, 2]],
    ['keeps them all when nothing is at or after it', 9, [1, 2, 3, 4]],
    ['keeps nothing after a reset to 0', 0, []],
  ])('%s', (_name, t, want) => {
    const h = new SampleHistory<{ t: number }>(10);
    for (const x of [1, 2, 3, 4]) h.push({ t: x });
    h.dropFrom(t);
    expect(h.list().map((s) => s.t)).toEqual(want);
  });
});
