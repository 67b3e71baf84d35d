import { describe, expect, it } from 'vitest';
import type { KubeObject, Node, Pod } from '../../api/types';
import type { NodeInfo } from './nodeInfo';
import { HOT, HOT_STRIDE, Snapshot } from './nodeInfo';

function node(name: string, zone?: string, cpu = '4'): Node & KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: { 'kubernetes.io/hostname': name, ...(zone ? { 'topology.kubernetes.io/zone': zone } : {}) },
    },
    status: { allocatable: { cpu, memory: '8Gi', pods: '110' } },
  };
}

function pod(name: string, nodeName: string, cpu: string): Pod & KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: { nodeName, containers: [{ name: 'c', image: 'i', resources: { requests: { cpu } } }] },
  };
}

/** Every node's hot numbers and interned zone agree with what its own fields and labels say. */
function expectConsistent(s: Snapshot): void {
  const zones = s.domains('topology.kubernetes.io/zone');
  s.nodes.forEach((n, i) => {
    expect(n.index).toBe(i);
    expect(n.base).toBe(i * HOT_STRIDE);
    expect(n.hot[n.base + HOT.requestedMilliCpu]).toBe(n.requested.milliCpu);
    expect(n.hot[n.base + HOT.freeMilliCpu]).toBe(n.allocatable.milliCpu - n.requested.milliCpu);
    const id = zones.ids[i] as number;
    expect(id < 0 ? undefined : zones.values[id]).toBe(n.labels['topology.kubernetes.io/zone']);
  });
}

describe('Snapshot: hot numbers side by side and interned node label values', () => {
  it('stay right as nodes come, go, change labels and get pods, past the arena growing', () => {
    const s = new Snapshot();
    for (let i = 0; i < 100; i++) s.upsertNode(node(`n${i}`, i % 3 ? `zone-${i % 3}` : undefined));
    s.domains('topology.kubernetes.io/zone');
    for (let i = 100; i < 150; i++) s.upsertNode(node(`n${i}`, `zone-${i % 4}`));
    s.upsertPod(pod('a', 'n5', '500m'));
    s.upsertPod(pod('b', 'n120', '1'));
    expectConsistent(s);
    s.removeNode('n3');
    s.removeNode('n0');
    s.upsertNode(node('n7', 'zone-new', '8'));
    s.upsertNode(node('n8'));
    s.removePod('Pod/default/a');
    expectConsistent(s);
    expect(s.nodes).toHaveLength(148);
    expect(s.byName.get('n120')?.hot[(s.byName.get('n120') as NodeInfo).base + HOT.requestedMilliCpu]).toBe(
      1000,
    );
  });

  it('gives a removed node, and a clone, numbers of their own', () => {
    const s = new Snapshot();
    s.upsertNode(node('a', 'z'));
    s.upsertNode(node('b', 'z'));
    s.upsertPod(pod('p', 'a', '1'));
    const a = s.byName.get('a') as NodeInfo;
    const c = a.clone();
    expect(c.index).toBe(-1);
    expect(c.hot[c.base + HOT.requestedMilliCpu]).toBe(1000);
    s.removeNode('a');
    expect(a.index).toBe(-1);
    expect(a.hot[a.base + HOT.requestedMilliCpu]).toBe(1000);
    expectConsistent(s);
  });
});

describe('Snapshot: existing pods anti-affinity follows a node relabelled', () => {
  it('counts the term under the node new zone', async () => {
    const { interPodAffinity } = await import('../plugins/interpodaffinity/interPodAffinity');
    const { runFilterPlugin } = await import('./pluginHarness');
    const s = new Snapshot();
    s.upsertNode(node('a', 'z1'));
    s.upsertNode(node('b', 'z1'));
    s.upsertNode(node('c', 'z2'));
    const guard = pod('guard', 'a', '100m');
    guard.spec = {
      ...guard.spec,
      containers: guard.spec?.containers ?? [],
      affinity: {
        podAntiAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [
            { topologyKey: 'topology.kubernetes.io/zone', labelSelector: { matchLabels: { app: 'x' } } },
          ],
        },
      },
    };
    s.upsertPod(guard);
    const incoming = pod('new', '', '100m');
    incoming.spec = { containers: incoming.spec?.containers ?? [] };
    incoming.metadata.labels = { app: 'x' };
    const fits = () =>
      [...runFilterPlugin(interPodAffinity(), incoming, s)]
        .filter(([, st]) => st.code === 'Success')
        .map(([n]) => n);
    expect(fits()).toEqual(['c']);
    s.upsertNode(node('a', 'z2'));
    expect(fits()).toEqual(['b']);
  });
});
