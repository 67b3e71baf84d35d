import { describe, expect, it } from 'vitest';
import type { Pod } from '../../engine';
import { makeObjects, uniqueName, type DesignFacts } from './items';

const facts = (taken: string[] = []): DesignFacts => ({
  taken: (k) => taken.includes(k),
  unservedApp: () => 'web',
  firstService: () => 'web',
});

describe('palette items', () => {
  it.each([
    ['a free name is used as is', [], 'web'],
    ['a taken name gets -2', ['Deployment/default/web'], 'web-2'],
    ['the next free suffix is used', ['Deployment/default/web', 'Deployment/default/web-2'], 'web-3'],
  ])('%s', (_why, taken, expected) => {
    expect(uniqueName('Deployment', 'web', (k) => taken.includes(k))).toBe(expected);
  });

  it.each([
    [
      "brings a default StorageClass (kind's standard) to a design without one",
      [],
      ['StatefulSet', 'StorageClass'],
    ],
    ['adds none when the design has standard already', ['StorageClass//standard'], ['StatefulSet']],
  ])('a StatefulSet %s', (_why, taken, kinds) => {
    expect(makeObjects('StatefulSet', facts(taken)).map((o) => o.kind)).toEqual(kinds);
  });

  it('makes a Node group an autoscaled NodeGroup (1 to 5 nodes) with a free name', () => {
    const [group] = makeObjects('NodeGroup', facts(['NodeGroup//pool']));
    expect(group).toMatchObject({
      apiVersion: 'kubecanvas.dev/v1alpha1',
      kind: 'NodeGroup',
      metadata: { name: 'pool-2' },
      spec: { minSize: 1, maxSize: 5 },
    });
  });

  it('numbers new Nodes after the ones that exist', () => {
    expect(makeObjects('Node', facts(['Node//node-1']))[0]?.metadata.name).toBe('node-2');
  });

  it('pins a Pod dropped onto a Node, and leaves one dropped elsewhere to the scheduler', () => {
    const pinned = makeObjects('Pod', facts(), 'node-2')[0] as Pod;
    const free = makeObjects('Pod', facts())[0] as Pod;
    expect(pinned.spec?.nodeName).toBe('node-2');
    expect(free.spec?.nodeName).toBeUndefined();
  });

  it('wires a new Service to the first workload no Service selects yet', () => {
    const svc = makeObjects('Service', facts())[0];
    expect(svc?.spec).toMatchObject({ selector: { app: 'web' } });
  });

  it('makes a Deployment web with three replicas of web:1.0 requesting 250m and 256Mi', () => {
    const d = makeObjects('Deployment', facts())[0];
    expect(d?.spec).toMatchObject({
      replicas: 3,
      template: {
        spec: {
          containers: [{ image: 'web:1.0', resources: { requests: { cpu: '250m', memory: '256Mi' } } }],
        },
      },
    });
  });

  it('makes an NFS server as a Deployment and its Service', () => {
    expect(makeObjects('NfsServer', facts()).map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Deployment/nfs-server',
      'Service/nfs-server',
    ]);
  });
});
