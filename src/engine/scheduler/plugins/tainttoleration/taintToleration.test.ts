import { describe, expect, it } from 'vitest';
import type { KubeObject, Node, Pod, Taint, Toleration } from '../../../api/types';
import { runFilterPlugin, runScorePlugin, snapshotOf } from '../../framework/pluginHarness';
import { taintToleration } from './taintToleration';

function nodeWithTaints(name: string, taints: Taint[]): Node & KubeObject {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name }, spec: { taints } };
}
function podWithTolerations(name: string, tolerations: Toleration[]): Pod & KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: { containers: [], tolerations },
  };
}

// Upstream: pkg/scheduler/framework/plugins/tainttoleration/taint_toleration_test.go, TestTaintTolerationScore.
// The Gt/Lt rows need the alpha gate TaintTolerationComparisonOperators, which we keep off (not ported).
const scoreCases: Array<{
  name: string;
  pod: Pod & KubeObject;
  nodes: Array<Node & KubeObject>;
  expected: number[];
}> = [
  {
    name: 'node with taints tolerated by the pod, gets a higher score than those node with intolerable taints',
    pod: podWithTolerations('pod1', [
      { key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' },
    ]),
    nodes: [
      nodeWithTaints('nodeA', [{ key: 'foo', value: 'bar', effect: 'PreferNoSchedule' }]),
      nodeWithTaints('nodeB', [{ key: 'foo', value: 'blah', effect: 'PreferNoSchedule' }]),
    ],
    expected: [100, 0],
  },
  {
    name: 'the nodes that all of their taints are tolerated by the pod, get the same score, no matter how many tolerable taints a node has',
    pod: podWithTolerations('pod1', [
      { key: 'cpu-type', operator: 'Equal', value: 'arm64', effect: 'PreferNoSchedule' },
      { key: 'disk-type', operator: 'Equal', value: 'ssd', effect: 'PreferNoSchedule' },
    ]),
    nodes: [
      nodeWithTaints('nodeA', []),
      nodeWithTaints('nodeB', [{ key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' }]),
      nodeWithTaints('nodeC', [
        { key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' },
        { key: 'disk-type', value: 'ssd', effect: 'PreferNoSchedule' },
      ]),
    ],
    expected: [100, 100, 100],
  },
  {
    name: 'the more intolerable taints a node has, the lower score it gets.',
    pod: podWithTolerations('pod1', [
      { key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' },
    ]),
    nodes: [
      nodeWithTaints('nodeA', []),
      nodeWithTaints('nodeB', [{ key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' }]),
      nodeWithTaints('nodeC', [
        { key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' },
        { key: 'disk-type', value: 'ssd', effect: 'PreferNoSchedule' },
      ]),
    ],
    expected: [100, 50, 0],
  },
  {
    name: 'only taints and tolerations that have effect PreferNoSchedule are checked by taints-tolerations priority function',
    pod: podWithTolerations('pod1', [
      { key: 'cpu-type', operator: 'Equal', value: 'arm64', effect: 'NoSchedule' },
      { key: 'disk-type', operator: 'Equal', value: 'ssd', effect: 'NoSchedule' },
    ]),
    nodes: [
      nodeWithTaints('nodeA', []),
      nodeWithTaints('nodeB', [{ key: 'cpu-type', value: 'arm64', effect: 'NoSchedule' }]),
      nodeWithTaints('nodeC', [
        { key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' },
        { key: 'disk-type', value: 'ssd', effect: 'PreferNoSchedule' },
      ]),
    ],
    expected: [100, 100, 0],
  },
  {
    name: 'Default behaviour No taints and tolerations, lands on node with no taints',
    pod: podWithTolerations('pod1', []),
    nodes: [
      nodeWithTaints('nodeA', []),
      nodeWithTaints('nodeB', [{ key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' }]),
    ],
    expected: [100, 0],
  },
];

// Upstream: same file, TestTaintTolerationFilter. Upstream's newest message is "node(s) had untolerated
// taint(s)"; we keep the v1.27–v1.34 wording with the taint, as the issue's FailedScheduling example does.
const filterCases: Array<{ name: string; pod: Pod & KubeObject; node: Node & KubeObject; want?: string }> = [
  {
    name: "A pod having no tolerations can't be scheduled onto a node with nonempty taints",
    pod: podWithTolerations('pod1', []),
    node: nodeWithTaints('nodeA', [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }]),
    want: 'node(s) had untolerated taint {dedicated: user1}',
  },
  {
    name: 'A pod which can be scheduled on a dedicated node assigned to user1 with effect NoSchedule',
    pod: podWithTolerations('pod1', [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }]),
    node: nodeWithTaints('nodeA', [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }]),
  },
  {
    name: "A pod which can't be scheduled on a dedicated node assigned to user2 with effect NoSchedule",
    pod: podWithTolerations('pod1', [
      { key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' },
    ]),
    node: nodeWithTaints('nodeA', [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }]),
    want: 'node(s) had untolerated taint {dedicated: user1}',
  },
  {
    name: 'A pod can be scheduled onto the node, with a toleration uses operator Exists that tolerates the taints on the node',
    pod: podWithTolerations('pod1', [{ key: 'foo', operator: 'Exists', effect: 'NoSchedule' }]),
    node: nodeWithTaints('nodeA', [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }]),
  },
  {
    name: 'A pod has multiple tolerations, node has multiple taints, all the taints are tolerated, pod can be scheduled onto the node',
    pod: podWithTolerations('pod1', [
      { key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' },
      { key: 'foo', operator: 'Exists', effect: 'NoSchedule' },
    ]),
    node: nodeWithTaints('nodeA', [
      { key: 'dedicated', value: 'user2', effect: 'NoSchedule' },
      { key: 'foo', value: 'bar', effect: 'NoSchedule' },
    ]),
  },
  {
    name: "A pod has a toleration that keys and values match the taint on the node, but (non-empty) effect doesn't match, can't be scheduled onto the node",
    pod: podWithTolerations('pod1', [
      { key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' },
    ]),
    node: nodeWithTaints('nodeA', [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }]),
    want: 'node(s) had untolerated taint {foo: bar}',
  },
  {
    name: 'The pod has a toleration that keys and values match the taint on the node, the effect of toleration is empty, and the effect of taint is NoSchedule. Pod can be scheduled onto the node',
    pod: podWithTolerations('pod1', [{ key: 'foo', operator: 'Equal', value: 'bar' }]),
    node: nodeWithTaints('nodeA', [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }]),
  },
  {
    name: "The pod has a toleration that key and value don't match the taint on the node, but the effect of taint on node is PreferNoSchedule. Pod can be scheduled onto the node",
    pod: podWithTolerations('pod1', [
      { key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' },
    ]),
    node: nodeWithTaints('nodeA', [{ key: 'dedicated', value: 'user1', effect: 'PreferNoSchedule' }]),
  },
  {
    name: 'The pod has no toleration, but the effect of taint on node is PreferNoSchedule. Pod can be scheduled onto the node',
    pod: podWithTolerations('pod1', []),
    node: nodeWithTaints('nodeA', [{ key: 'dedicated', value: 'user1', effect: 'PreferNoSchedule' }]),
  },
];

describe('TaintToleration', () => {
  it.each(scoreCases)('scores: $name', ({ pod, nodes, expected }) => {
    expect(runScorePlugin(taintToleration(), pod, snapshotOf(nodes)).scores).toEqual(expected);
  });

  it.each(filterCases)('filters: $name', ({ pod, node, want }) => {
    const s = runFilterPlugin(taintToleration(), pod, snapshotOf([node])).get('nodeA');
    if (want) expect(s).toEqual({ code: 'UnschedulableAndUnresolvable', reasons: [want] });
    else expect(s?.code).toBe('Success');
  });
});
