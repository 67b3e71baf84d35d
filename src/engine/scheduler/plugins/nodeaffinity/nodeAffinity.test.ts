import { describe, expect, it } from 'vitest';
import type { Affinity, KubeObject, Node, Pod } from '../../../api/types';
import { runFilterPlugin, runScorePlugin, snapshotOf } from '../../framework/pluginHarness';
import { nodeAffinity } from './nodeAffinity';

function node(name: string, labels: Record<string, string>): Node & KubeObject {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name, labels } };
}
function pod(affinity?: Affinity, nodeSelector?: Record<string, string>): Pod & KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default' },
    spec: { containers: [], ...(affinity ? { affinity } : {}), ...(nodeSelector ? { nodeSelector } : {}) },
  };
}
const required = (key: string, operator: string, values?: string[]): Affinity => ({
  nodeAffinity: {
    requiredDuringSchedulingIgnoredDuringExecution: {
      nodeSelectorTerms: [{ matchExpressions: [{ key, operator, ...(values ? { values } : {}) }] }],
    },
  },
});

// Upstream: pkg/scheduler/framework/plugins/nodeaffinity/node_affinity_test.go, TestNodeAffinity (a selection).
describe('NodeAffinity filter (TestNodeAffinity)', () => {
  const ERR = "node(s) didn't match Pod's node affinity/selector";
  const table: Array<[string, Pod & KubeObject, Record<string, string>, string | undefined]> = [
    ['no selector', pod(), {}, undefined],
    ['missing labels', pod(undefined, { foo: 'bar' }), {}, ERR],
    ['same labels', pod(undefined, { foo: 'bar' }), { foo: 'bar' }, undefined],
    ['node labels are superset', pod(undefined, { foo: 'bar' }), { foo: 'bar', baz: 'blah' }, undefined],
    ['node labels are subset', pod(undefined, { foo: 'bar', baz: 'blah' }), { foo: 'bar' }, ERR],
    [
      'Pod with matchExpressions using In operator that matches the existing node',
      pod(required('foo', 'In', ['bar', 'value2'])),
      { foo: 'bar' },
      undefined,
    ],
    [
      'Pod with matchExpressions using Gt operator that matches the existing node',
      pod(required('kernel-version', 'Gt', ['0204'])),
      { 'kernel-version': '0206' },
      undefined,
    ],
    [
      'Pod with matchExpressions using NotIn operator that matches the existing node',
      pod(required('mem-type', 'NotIn', ['DDR', 'DDR2'])),
      { 'mem-type': 'DDR3' },
      undefined,
    ],
    [
      'Pod with matchExpressions using Exists operator that matches the existing node',
      pod(required('GPU', 'Exists')),
      { GPU: 'NVIDIA-GRID-K1' },
      undefined,
    ],
    [
      "Pod with affinity that don't match node's labels won't schedule onto the node",
      pod(required('foo', 'In', ['value1', 'value2'])),
      { foo: 'bar' },
      ERR,
    ],
    [
      'Pod with a Lt operator whose value is not an integer matches nothing',
      pod(required('kernel-version', 'Lt', ['x'])),
      { 'kernel-version': '1' },
      ERR,
    ],
    [
      'Pod with DoesNotExist matches a node without the key',
      pod(required('foo', 'DoesNotExist')),
      { bar: 'x' },
      undefined,
    ],
  ];
  it.each(table)('%s', (_name, p, labels, want) => {
    const s = runFilterPlugin(nodeAffinity(), p, snapshotOf([node('node1', labels)])).get('node1');
    if (want) expect(s).toEqual({ code: 'UnschedulableAndUnresolvable', reasons: [want] });
    else expect(s?.code).toBe('Success');
  });

  it('restricts the nodes to metadata.name In values and rejects contradicting names in PreFilter', () => {
    const p = pod({
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            {
              matchFields: [
                { key: 'metadata.name', operator: 'In', values: ['node1'] },
                { key: 'metadata.name', operator: 'In', values: ['node2'] },
              ],
            },
          ],
        },
      },
    });
    expect(runFilterPlugin(nodeAffinity(), p, snapshotOf([node('node1', {})])).get('node1')).toEqual({
      code: 'UnschedulableAndUnresolvable',
      reasons: ['pod affinity terms conflict'],
    });
  });
});

// Upstream: same file, TestNodeAffinityPriority ("all nodes matches the preferred affinity, with different
// priorities": raw sums 2, 11, 4 normalize to 18, 100, 36).
describe('NodeAffinity score (TestNodeAffinityPriority)', () => {
  it('all nodes matches the preferred affinity, with different priorities', () => {
    const pref = (weight: number, key: string, values: string[]) => ({
      weight,
      preference: { matchExpressions: [{ key, operator: 'In', values }] },
    });
    const p = pod({
      nodeAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          pref(2, 'foo', ['bar']),
          pref(4, 'key', ['value']),
          pref(5, 'az', ['az1']),
        ],
      },
    });
    const nodes = [
      node('node1', { foo: 'bar' }),
      node('node2', { foo: 'bar', key: 'value', az: 'az1' }),
      node('node3', { key: 'value' }),
    ];
    expect(runScorePlugin(nodeAffinity(), p, snapshotOf(nodes)).scores).toEqual([18, 100, 36]);
  });
});
