import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../engine';
import { loadDesign, stepBy } from './commands';
import { validateEdit } from './io';
import { getSimulation } from './runtime';

const deployment = (podLabels: Record<string, string>, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'redis', namespace: 'default', ...extra },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'redis' } },
    template: {
      metadata: { labels: podLabels },
      spec: { containers: [{ name: 'redis', image: 'redis:7' }] },
    },
  },
});

describe('validateEdit: what the API server would refuse in an edit', () => {
  it('a valid edit has no problems', async () => {
    expect(
      await validateEdit(deployment({ app: 'redis' }), deployment({ app: 'redis', tier: 'db' })),
    ).toEqual([]);
  });
  it('pod labels the selector no longer matches are refused (ValidateDeploymentSpec)', async () => {
    const problems = await validateEdit(deployment({ app: 'redis' }), deployment({ app: 'cache' }));
    expect(problems.join('\n')).toContain('`selector` does not match template `labels`');
  });
  it('an invalid label key and an invalid name are refused in upstream words', async () => {
    const bad = await validateEdit(
      deployment({ app: 'redis' }),
      deployment({ app: 'redis' }, { labels: { '-bad': 'x' } }),
    );
    expect(bad.join('\n')).toContain("name part must consist of alphanumeric characters, '-', '_' or '.'");
    const name = await validateEdit(deployment({ app: 'redis' }), {
      ...deployment({ app: 'redis' }),
      metadata: { name: 'Redis_1', namespace: 'default' },
    });
    expect(name.join('\n')).toContain('a lowercase RFC 1123 subdomain must consist of lower case');
  });
  it('problems the object already had are not blamed on the edit', async () => {
    const before = deployment({ app: 'cache' });
    expect(
      await validateEdit(before, { ...before, metadata: { ...before.metadata, labels: { a: 'b' } } }),
    ).toEqual([]);
  });
});

describe('validateEdit: a claim size the cluster refuses (ValidatePersistentVolumeClaimUpdate, PersistentVolumeClaimResize)', () => {
  const cls = (allow: boolean): KubeObject => ({
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: 'fast' },
    provisioner: 'pd.csi.storage.gke.io',
    volumeBindingMode: 'Immediate',
    allowVolumeExpansion: allow,
  });
  const claim = (size: string): KubeObject => ({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'data', namespace: 'default' },
    spec: {
      accessModes: ['ReadWriteOnce'],
      storageClassName: 'fast',
      resources: { requests: { storage: size } },
    },
  });
  const node: KubeObject = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'node-1', labels: { 'topology.kubernetes.io/zone': 'eu-a' } },
  };
  const bound = (allow: boolean) => {
    loadDesign([node, cls(allow), claim('10Gi')], { seed: 1 });
    stepBy(10_000);
    expect(
      getSimulation().store.get<KubeObject & { status?: { phase?: string } }>(
        'PersistentVolumeClaim',
        'default',
        'data',
      )?.status?.phase,
    ).toBe('Bound');
  };

  it('growing a claim whose class does not allow expansion is refused in the admission plugin words', async () => {
    bound(false);
    expect(await validateEdit(claim('10Gi'), claim('20Gi'))).toEqual([
      'persistentvolumeclaims "data" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize',
    ]);
  });

  it('growing it when the class allows expansion is fine; shrinking below the capacity is not', async () => {
    bound(true);
    expect(await validateEdit(claim('10Gi'), claim('20Gi'))).toEqual([]);
    expect(await validateEdit(claim('10Gi'), claim('5Gi'))).toEqual([
      'PersistentVolumeClaim "data" is invalid: spec.resources.requests.storage: Forbidden: field can not be less than status.capacity',
    ]);
  });
});
