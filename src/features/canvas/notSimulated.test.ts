import { describe, expect, it } from 'vitest';
import { isSimulatedKind, type KubeObject } from '../../engine';
import { notSimulated } from './notSimulated';

const obj = (apiVersion: string, kind: string, name: string): KubeObject => ({
  apiVersion,
  kind,
  metadata: { name },
});

describe('objects not simulated', () => {
  it('lists ServiceAccounts, RBAC and custom resources, not simulated kinds nor the simulator own kinds', () => {
    const objects = [
      obj('v1', 'ServiceAccount', 'web'),
      obj('apps/v1', 'Deployment', 'web'),
      obj('rbac.authorization.k8s.io/v1', 'ClusterRole', 'reader'),
      obj('kubecanvas.dev/v1alpha1', 'NodeGroup', 'pool'),
      obj('example.com/v1', 'Widget', 'w'),
    ];
    expect(notSimulated(objects, isSimulatedKind).map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'ClusterRole/reader',
      'ServiceAccount/web',
      'Widget/w',
    ]);
  });
});
