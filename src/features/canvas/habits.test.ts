import dagre from '@dagrejs/dagre';
import { describe, expect, it } from 'vitest';
import { createCluster, keyOf, objectKey, type KubeObject } from '../../engine';
import { exampleCluster, TEMPLATES } from '../../store';
import { canConnect, connectIngressToService, connectServiceToWorkload } from './connect';
import { copyName, makeCopies } from './copies';
import { CARD_H, CARD_W, UNSCHEDULED_ID, VM_W, vmHeight } from './layout';
import { readModel } from './model';
import { tidyPositions } from './tidy';

const web = (): KubeObject => exampleCluster().find((o) => o.kind === 'Deployment') as KubeObject;
const svc = (name: string, selector?: Record<string, string>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'default' },
  spec: { ...(selector ? { selector } : {}), ports: [{ port: 80, targetPort: 8080 }] },
});
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('copy names', () => {
  const taken = (keys: string[]) => (k: string) => keys.includes(k);
  it('numbers copies after the name without its number', () => {
    const k = (n: string) => objectKey('Deployment', 'default', n);
    expect(copyName('Deployment', 'web', 'default', taken([k('web')]))).toBe('web-2');
    expect(copyName('Deployment', 'web', 'default', taken([k('web'), k('web-2')]))).toBe('web-3');
    expect(copyName('Deployment', 'web-2', 'default', taken([k('web'), k('web-2')]))).toBe('web-3');
    const nodes = ['node-1', 'node-2', 'node-3'].map((n) => objectKey('Node', undefined, n));
    expect(copyName('Node', 'node-1', undefined, taken(nodes))).toBe('node-4');
  });

  it('gives each copy its own name, moves it by the offset and rewires copies to each other', () => {
    const objects = [web(), svc('web', { app: 'web' })];
    const keys = new Set(objects.map(keyOf));
    const pos = { [keyOf(objects[0] as KubeObject)]: { x: 10, y: 20 } };
    const out = makeCopies(
      objects,
      (k) => pos[k],
      (k) => keys.has(k),
      { x: 32, y: 32 },
    );
    expect(out.keys).toEqual(['Deployment/default/web-2', 'Service/default/web-2']);
    expect(out.positions).toEqual({ 'Deployment/default/web-2': { x: 42, y: 52 } });
    const [d, s] = out.objects as unknown as [Json, Json];
    expect(d['metadata'].labels).toEqual({ app: 'web-2' });
    expect(d['spec'].selector.matchLabels).toEqual({ app: 'web-2' });
    expect(d['spec'].template.metadata.labels).toEqual({ app: 'web-2' });
    expect(s['spec'].selector).toEqual({ app: 'web-2' });
    // The originals are untouched.
    expect((objects[0] as Json)['spec'].selector.matchLabels).toEqual({ app: 'web' });
  });

  it('a Service copied alone keeps selecting the same pods; a Node copy gets its own hostname', () => {
    const nodes = exampleCluster().filter((o) => o.kind === 'Node');
    const taken = new Set([...nodes.map(keyOf), 'Service/default/web']);
    const out = makeCopies(
      [svc('web', { app: 'web' }), nodes[0] as KubeObject],
      () => undefined,
      (k) => taken.has(k),
      {
        x: 0,
        y: 0,
      },
    );
    const [s, n] = out.objects as unknown as [Json, Json];
    expect(s['spec'].selector).toEqual({ app: 'web' });
    expect(n['metadata'].name).toBe('node-4');
    expect(n['metadata'].labels['kubernetes.io/hostname']).toBe('node-4');
    expect(n['status'].allocatable.cpu).toBe('2');
  });

  it('copies of a copied set run: a pasted talk app schedules beside the original', () => {
    const objects = TEMPLATES['statefulset-db']?.objects() ?? [];
    const workloads = objects.filter((o) => o.kind === 'StatefulSet' || o.kind === 'Service');
    const keys = new Set(objects.map(keyOf));
    const out = makeCopies(
      workloads,
      () => undefined,
      (k) => keys.has(k),
      { x: 0, y: 0 },
    );
    const sts = out.objects.find((o) => o.kind === 'StatefulSet') as Json;
    expect(sts['metadata'].name).toBe('db-2');
    expect(sts['spec'].serviceName).toBe('db-2');
    const sim = createCluster({ seed: 1 });
    for (const o of [...objects, ...out.objects]) sim.apply(o);
    sim.advance(3 * 60_000);
    const pods = sim.store.list('Pod');
    expect(pods.map((p) => p.metadata.name).sort()).toEqual([
      'db-0',
      'db-1',
      'db-2',
      'db-2-0',
      'db-2-1',
      'db-2-2',
    ]);
  });
});

describe('connect on the canvas', () => {
  it('only Service -> workload and Ingress -> Service mean something', () => {
    expect(canConnect('Service', 'Deployment')).toBe(true);
    expect(canConnect('Service', 'StatefulSet')).toBe(true);
    expect(canConnect('Ingress', 'Service')).toBe(true);
    expect(canConnect('Deployment', 'Service')).toBe(false);
    expect(canConnect('Service', 'Node')).toBe(false);
  });

  it("sets the Service's selector to the workload's pod-template labels", () => {
    const d = web();
    (d as Json)['spec'].template.metadata.labels = { app: 'web', tier: 'front' };
    const { service, workload } = connectServiceToWorkload(svc('api', { app: 'other' }), d);
    expect((service as Json)['spec'].selector).toEqual({ app: 'web', tier: 'front' });
    expect((service as Json)['spec'].ports).toEqual([{ port: 80, targetPort: 8080 }]);
    expect(workload).toBe(d);
  });

  it('gives a workload without pod labels an app label (and the selector that matches it)', () => {
    const d = web() as Json;
    delete d['spec'].template.metadata;
    delete d['spec'].selector;
    const { service, workload } = connectServiceToWorkload(svc('api'), d as KubeObject);
    expect((service as Json)['spec'].selector).toEqual({ app: 'web' });
    expect((workload as Json)['spec'].template.metadata.labels).toEqual({ app: 'web' });
    expect((workload as Json)['spec'].selector).toEqual({ matchLabels: { app: 'web' } });
    // The wired Service picks the workload's pods in a running cluster.
    const sim = createCluster({ seed: 1 });
    for (const o of [...exampleCluster().filter((o) => o.kind === 'Node'), workload, service]) sim.apply(o);
    sim.advance(60_000);
    const slices = (sim.store.list('EndpointSlice') as Json[]).filter(
      (s) => s['metadata'].labels?.['kubernetes.io/service-name'] === 'api',
    );
    const endpoints = slices.flatMap((s) => (s['endpoints'] as Json[]) ?? []);
    expect(endpoints.filter((e) => e['conditions']?.ready)).toHaveLength(3);
  });

  it('routes an Ingress to a Service: replaces a dangling root backend, else adds a path', () => {
    const ing: KubeObject = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        rules: [
          {
            http: {
              paths: [
                {
                  path: '/',
                  pathType: 'Prefix',
                  backend: { service: { name: 'gone', port: { number: 80 } } },
                },
              ],
            },
          },
        ],
      },
    };
    const first = connectIngressToService(ing, svc('api'), () => false) as Json;
    expect(first['spec'].rules[0].http.paths).toEqual([
      { path: '/', pathType: 'Prefix', backend: { service: { name: 'api', port: { number: 80 } } } },
    ]);
    const second = connectIngressToService(first as KubeObject, svc('shop'), (n) => n === 'api') as Json;
    expect(second['spec'].rules[0].http.paths[1]).toEqual({
      path: '/shop',
      pathType: 'Prefix',
      backend: { service: { name: 'shop', port: { number: 80 } } },
    });
    expect(connectIngressToService(second as KubeObject, svc('shop'), () => true)).toBe(second);
  });
});

describe('tidy up', () => {
  const rects = (
    positions: Record<string, { x: number; y: number }>,
    model: ReturnType<typeof readModel>,
  ) => {
    const counts = new Map<string, number>();
    for (const p of model.pods) counts.set(p.node, (counts.get(p.node) ?? 0) + 1);
    const out: Array<{ key: string; x: number; y: number; w: number; h: number }> = [];
    for (const n of model.nodes) {
      const p = positions[n.key];
      if (p) out.push({ key: n.key, ...p, w: VM_W, h: vmHeight(counts.get(n.name) ?? 0) });
    }
    for (const c of model.cards) {
      const p = positions[c.key];
      if (p) out.push({ key: c.key, ...p, w: CARD_W, h: CARD_H });
    }
    return out;
  };

  it.each(['talk-app', 'shop', 'statefulset-db'])(
    'lays out %s with nothing overlapping, in columns',
    (id) => {
      const sim = createCluster({ seed: 1 });
      for (const o of TEMPLATES[id]?.objects() ?? []) sim.apply(o);
      sim.advance(60_000);
      const model = readModel(sim.store);
      const positions = tidyPositions(model, dagre);
      const all = rects(positions, model);
      expect(all).toHaveLength(model.nodes.length + model.cards.length);
      expect(positions[UNSCHEDULED_ID]).toBeDefined();
      for (let i = 0; i < all.length; i++)
        for (let j = i + 1; j < all.length; j++) {
          const a = all[i]!;
          const b = all[j]!;
          const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
          expect(overlap, `${a.key} overlaps ${b.key}`).toBe(false);
        }
      const xOf = (kind: string) => all.filter((r) => r.key.startsWith(`${kind}/`)).map((r) => r.x);
      const nodeX = Math.min(...xOf('Node'));
      expect(Math.max(...xOf('Deployment'))).toBeLessThan(nodeX);
      expect(Math.min(...xOf('Service'))).toBeGreaterThan(nodeX);
    },
  );
});
