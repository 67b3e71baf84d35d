import { describe, expect, it } from 'vitest';
import type { KubeObject, Node } from '../../engine';
import { resizedNode } from './nodeCapacity';

const live: Node & KubeObject = {
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: 'node-1' },
  status: {
    capacity: { cpu: '2', memory: '4Gi', pods: '110', 'ephemeral-storage': '100Gi' },
    allocatable: { cpu: '2', memory: '4Gi', pods: '110', 'ephemeral-storage': '100Gi' },
    conditions: [{ type: 'Ready', status: 'True' }],
  },
};

function authored(cpu: string): KubeObject {
  const r = { cpu, memory: '4Gi', pods: '110' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'node-1' },
    status: { capacity: r, allocatable: r },
  };
}

describe('resizedNode', () => {
  it('gives the live node the authored capacity and allocatable, keeping what the kubelet added', () => {
    expect(resizedNode(live, authored('8'))?.status).toEqual({
      capacity: { cpu: '8', memory: '4Gi', pods: '110', 'ephemeral-storage': '100Gi' },
      allocatable: { cpu: '8', memory: '4Gi', pods: '110', 'ephemeral-storage': '100Gi' },
      conditions: [{ type: 'Ready', status: 'True' }],
    });
  });

  it.each<[string, KubeObject]>([
    ['Nothing changes when the sizes agree', authored('2')],
    [
      'Nothing changes when the authored node has no capacity',
      { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' } },
    ],
  ])('%s', (_name, a) => {
    expect(resizedNode(live, a)).toBeUndefined();
  });
});
