import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types';
import type { Controller, ControllerContext, ControllerSetup } from './controller';
import { Simulation } from './simulation';

const cm = (name: string, extra: Partial<KubeObject> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name },
  ...extra,
});

describe('Simulation object store and watch', () => {
  it('starts with the namespaces kubeadm creates', () => {
    const sim = new Simulation();
    expect(sim.store.list('Namespace').map((n) => n.metadata.name)).toEqual([
      'default',
      'kube-system',
      'kube-public',
      'kube-node-lease',
    ]);
  });

  it('streams ADDED, MODIFIED and DELETED with resourceVersions that only grow', () => {
    const sim = new Simulation();
    const log = Simulation.recordLog(sim);
    sim.apply(cm('a', { data: { x: '1' } }));
    sim.apply(cm('a', { data: { x: '2' } }));
    sim.delete('ConfigMap', 'default', 'a');
    expect(log.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
    const rvs = log.slice(0, 2).map((e) => Number(e.object.metadata.resourceVersion));
    expect(rvs[1]).toBeGreaterThan(rvs[0] ?? Infinity);
  });

  it('keeps the authored copy without defaults while the live object is defaulted', () => {
    const sim = new Simulation();
    sim.apply({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'web', image: 'web:1.0' }] },
        },
      },
    });
    const live = sim.store.get('Deployment', 'default', 'web') as KubeObject & {
      spec: { replicas: number; strategy: unknown };
    };
    expect(live.spec.replicas).toBe(1);
    expect(live.spec.strategy).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' },
    });
    const authored = sim.authored().find((o) => o.kind === 'Deployment') as KubeObject & {
      spec: { replicas?: number };
    };
    expect(authored.spec.replicas).toBeUndefined();
  });

  it('keeps a Service cluster IP and node ports when it is applied again without them (patchAllocatedValues)', () => {
    const sim = new Simulation();
    const service = (type: string): KubeObject => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web' },
      spec: { type, selector: { app: 'web' }, ports: [{ name: 'http', port: 80 }] },
    });
    sim.apply(service('NodePort'));
    const live = sim.store.get('Service', 'default', 'web') as KubeObject;
    sim.store.apply({
      type: 'update',
      object: {
        ...live,
        spec: {
          ...(live.spec as object),
          clusterIP: '10.96.0.42',
          clusterIPs: ['10.96.0.42'],
          ports: [{ name: 'http', port: 80, nodePort: 30080 }],
        },
      },
    });
    sim.apply({ ...service('NodePort'), metadata: { name: 'web', labels: { tier: 'front' } } });
    const spec = (sim.store.get('Service', 'default', 'web') as KubeObject).spec as {
      clusterIP: string;
      ports: { nodePort?: number }[];
    };
    expect(spec.clusterIP).toBe('10.96.0.42');
    expect(spec.ports[0]?.nodePort).toBe(30080);
    sim.apply(service('ClusterIP'));
    const after = (sim.store.get('Service', 'default', 'web') as KubeObject).spec as typeof spec;
    expect(after.clusterIP).toBe('10.96.0.42');
    expect(after.ports[0]?.nodePort).toBeUndefined();
  });

  it('gives a re-applied Node its new capacity and keeps the rest of its live status', () => {
    const sim = new Simulation();
    const node = (cpu: string): KubeObject => ({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'node-1' },
      status: { capacity: { cpu, memory: '4Gi', pods: '110' } },
    });
    sim.apply(node('2'));
    const live = sim.store.get('Node', undefined, 'node-1') as KubeObject;
    const conditions = [{ type: 'Ready', status: 'True' }];
    sim.store.apply({
      type: 'update',
      object: { ...live, status: { ...(live.status as object), conditions } },
    });
    sim.apply(node('8'));
    const status = (sim.store.get('Node', undefined, 'node-1') as KubeObject).status as {
      capacity: Record<string, string>;
      allocatable: Record<string, string>;
      conditions: unknown;
    };
    expect(status.capacity['cpu']).toBe('8');
    expect(status.allocatable['cpu']).toBe('8');
    expect(status.conditions).toEqual(conditions);
  });

  it.each([
    ['keeps the live replicas when neither manifest sets them (an HPA scaled it)', undefined, undefined, 4],
    ['takes the replicas a manifest sets', undefined, 2, 2],
    ['resets to the default when a manifest drops replicas it used to set', 3, undefined, 1],
  ])('re-applying a Deployment %s', (_name, before, after, expected) => {
    const sim = new Simulation();
    const deployment = (replicas: number | undefined): KubeObject => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        ...(replicas !== undefined ? { replicas } : {}),
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'web', image: 'web' }] },
        },
      },
    });
    sim.apply(deployment(before));
    const live = sim.store.get('Deployment', 'default', 'web') as KubeObject;
    sim.store.apply({ type: 'update', object: { ...live, spec: { ...(live.spec as object), replicas: 4 } } });
    sim.apply(deployment(after));
    const spec = (sim.store.get('Deployment', 'default', 'web') as KubeObject).spec as { replicas: number };
    expect(spec.replicas).toBe(expected);
  });

  it('refuses an object in a namespace that does not exist, in the API server words', () => {
    const sim = new Simulation();
    expect(() => sim.apply({ ...cm('a'), metadata: { name: 'a', namespace: 'shop' } })).toThrow(
      'namespaces "shop" not found',
    );
  });

  it('deletes dependents in the background when their owner goes (garbage collector)', () => {
    const sim = new Simulation();
    const owner = sim.apply(cm('owner'));
    sim.store.apply({
      type: 'create',
      object: cm('dep', {
        metadata: {
          name: 'dep',
          ownerReferences: [
            { apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner.metadata.uid ?? '' },
          ],
        },
      }),
    });
    sim.delete('ConfigMap', 'default', 'owner');
    sim.step(0);
    expect(sim.store.get('ConfigMap', 'default', 'dep')).toBeUndefined();
  });

  it('orphans dependents with the Orphan propagation policy', () => {
    const sim = new Simulation();
    const owner = sim.apply(cm('owner'));
    sim.store.apply({
      type: 'create',
      object: cm('dep', {
        metadata: {
          name: 'dep',
          ownerReferences: [
            { apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner.metadata.uid ?? '' },
          ],
        },
      }),
    });
    sim.delete('ConfigMap', 'default', 'owner', { propagationPolicy: 'Orphan' });
    sim.step(0);
    expect(sim.store.get('ConfigMap', 'default', 'owner')).toBeUndefined();
    expect(sim.store.get('ConfigMap', 'default', 'dep')?.metadata.ownerReferences).toEqual([]);
  });

  it('runs timed work in (time, sequence) order and stops the clock at the step target', () => {
    const seen: Array<[number, string]> = [];
    const ticker: Controller = {
      name: 'ticker',
      setup(s: ControllerSetup) {
        s.enqueue('start');
      },
      sync(key: string, ctx: ControllerContext) {
        seen.push([ctx.now, key]);
        if (key === 'start') {
          ctx.enqueueAfter(2000, 'b');
          ctx.enqueueAfter(1000, 'a');
          ctx.enqueueAfter(2000, 'c');
        }
      },
    };
    const sim = new Simulation({ controllers: [ticker] });
    sim.step(1500);
    expect(sim.now).toBe(1500);
    sim.step(5000);
    expect(seen).toEqual([
      [0, 'start'],
      [1000, 'a'],
      [2000, 'b'],
      [2000, 'c'],
    ]);
  });
});
