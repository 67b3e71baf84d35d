import { describe, expect, it } from 'vitest';
import type { Affinity, KubeObject, Node, Pod } from '../../../api/types';
import { runFilterPlugin, runScorePlugin, snapshotOf } from '../../framework/pluginHarness';
import { interPodAffinity } from './interPodAffinity';

function node(name: string, region: string): Node & KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, region } },
  };
}
let seq = 0;
function pod(labels: Record<string, string>, nodeName?: string, affinity?: Affinity): Pod & KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `p${seq++}`, namespace: 'default', labels },
    spec: { containers: [], ...(nodeName ? { nodeName } : {}), ...(affinity ? { affinity } : {}) },
  };
}
const term = (key: string, value: string, topologyKey: string) => ({
  labelSelector: { matchExpressions: [{ key, operator: 'In', values: [value] }] },
  topologyKey,
});
const nodes = [node('node1', 'r1'), node('node2', 'r1'), node('node3', 'r2')];

// After upstream's pkg/scheduler/framework/plugins/interpodaffinity/filtering_test.go (TestRequiredAffinitySingleNode
// and TestRequiredAffinityMultipleNodes): reasons and codes in upstream's words; cases written for our nodes.
describe('InterPodAffinity filter', () => {
  it('satisfies required affinity only in the topology domain of a matching pod', () => {
    const incoming = pod({}, undefined, {
      podAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [term('service', 'securityscan', 'region')],
      },
    });
    const s = runFilterPlugin(
      interPodAffinity(),
      incoming,
      snapshotOf(nodes, [pod({ service: 'securityscan' }, 'node1')]),
    );
    expect(s.get('node1')?.code).toBe('Success');
    expect(s.get('node2')?.code).toBe('Success');
    expect(s.get('node3')).toEqual({
      code: 'UnschedulableAndUnresolvable',
      reasons: ["node(s) didn't match pod affinity rules"],
    });
  });

  it('lets the first pod of a group that matches its own affinity terms go anywhere', () => {
    const incoming = pod({ service: 'securityscan' }, undefined, {
      podAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [term('service', 'securityscan', 'region')],
      },
    });
    const s = runFilterPlugin(interPodAffinity(), incoming, snapshotOf(nodes));
    expect([...s.values()].every((x) => x.code === 'Success')).toBe(true);
  });

  it('rejects nodes in the domain of a pod the incoming pod is anti-affine to', () => {
    const incoming = pod({}, undefined, {
      podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('app', 'db', 'region')] },
    });
    const s = runFilterPlugin(interPodAffinity(), incoming, snapshotOf(nodes, [pod({ app: 'db' }, 'node2')]));
    expect(s.get('node1')).toEqual({
      code: 'Unschedulable',
      reasons: ["node(s) didn't match pod anti-affinity rules"],
    });
    expect(s.get('node3')?.code).toBe('Success');
  });

  it("honours existing pods' anti-affinity (symmetry)", () => {
    const existing = pod({ app: 'db' }, 'node3', {
      podAntiAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [term('app', 'web', 'kubernetes.io/hostname')],
      },
    });
    const s = runFilterPlugin(interPodAffinity(), pod({ app: 'web' }), snapshotOf(nodes, [existing]));
    expect(s.get('node3')).toEqual({
      code: 'Unschedulable',
      reasons: ["node(s) didn't satisfy existing pods anti-affinity rules"],
    });
    expect(s.get('node1')?.code).toBe('Success');
  });
});

describe('InterPodAffinity indexes', () => {
  it('finds the same anti-affinity conflicts through the label index and through a scan', () => {
    const existingPods = [pod({ app: 'db' }, 'node2'), pod({ app: 'db' }, 'node3')];
    const indexed = pod({}, undefined, {
      podAntiAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [term('app', 'db', 'kubernetes.io/hostname')],
      },
    });
    const scanned = pod({}, undefined, {
      podAntiAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [
          {
            labelSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['db', 'never'] }] },
            topologyKey: 'kubernetes.io/hostname',
          },
        ],
      },
    });
    const codes = (p: Pod & KubeObject) =>
      [...runFilterPlugin(interPodAffinity(), p, snapshotOf(nodes, existingPods)).values()].map(
        (x) => x.code,
      );
    expect(codes(indexed)).toEqual(['Success', 'Unschedulable', 'Unschedulable']);
    expect(codes(scanned)).toEqual(codes(indexed));
  });

  it('still counts terminating pods for anti-affinity, as upstream does', () => {
    const terminating = {
      ...pod({ app: 'db' }, 'node1'),
      metadata: {
        name: 'gone',
        namespace: 'default',
        labels: { app: 'db' },
        deletionTimestamp: '2026-01-01T00:00:00Z',
      },
    };
    const incoming = pod({}, undefined, {
      podAntiAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [term('app', 'db', 'kubernetes.io/hostname')],
      },
    });
    expect(
      runFilterPlugin(interPodAffinity(), incoming, snapshotOf(nodes, [terminating])).get('node1')?.code,
    ).toBe('Unschedulable');
  });
});

describe('InterPodAffinity score', () => {
  it('prefers the domain of pods matching a preferred term and normalizes min–max to 0..100', () => {
    const incoming = pod({}, undefined, {
      podAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 5, podAffinityTerm: term('app', 'cache', 'region') },
        ],
      },
    });
    const { scores } = runScorePlugin(
      interPodAffinity(),
      incoming,
      snapshotOf(nodes, [pod({ app: 'cache' }, 'node1')]),
    );
    expect(scores).toEqual([100, 100, 0]);
  });

  it('is skipped when neither the pod nor any existing pod has affinity terms', () => {
    expect(
      runScorePlugin(interPodAffinity(), pod({}), snapshotOf(nodes, [pod({ a: 'b' }, 'node1')])).skipped,
    ).toBe(true);
  });
});
