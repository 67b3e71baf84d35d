import { describe, expect, it } from 'vitest';
import { createCluster, keyOf, trafficMetrics, type KubeObject, type Pod } from '../engine';
import { exportManifests, importManifestsWith, loadSchema } from '../io';
import { TEMPLATES } from './templates';

const podReady = (p: Pod): boolean =>
  p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

const SHOWN = Object.entries(TEMPLATES).filter(([, t]) => !t.hidden);

describe('templates', () => {
  it('offers the talk web app, a StatefulSet database, a DaemonSet agent and a microservices shop', () => {
    expect(Object.keys(TEMPLATES)).toEqual(
      expect.arrayContaining(['talk-app', 'statefulset-db', 'daemonset-agent', 'shop']),
    );
    const shop = TEMPLATES['shop']?.objects() ?? [];
    const deployments = shop.filter((o) => o.kind === 'Deployment').map((o) => o.metadata.name);
    expect(deployments).toHaveLength(12);
    expect(deployments).toEqual(
      expect.arrayContaining(['frontend', 'cartservice', 'redis-cart', 'loadgenerator']),
    );
    const talk = TEMPLATES['talk-app']?.objects() ?? [];
    const web = talk.find((o) => o.kind === 'Deployment' && o.metadata.name === 'web');
    expect(JSON.stringify(web)).toContain('"nfs"');
    const lb = talk.find((o) => o.kind === 'Service' && o.metadata.name === 'web') as KubeObject & {
      spec: { type: string };
    };
    expect(lb.spec.type).toBe('LoadBalancer');
    expect(talk.some((o) => o.kind === 'StatefulSet' && o.metadata.name === 'mongo')).toBe(true);
  });

  it.each(SHOWN.map(([id]) => id))('%s validates against the Kubernetes schema (src/io)', async (id) => {
    const objects = TEMPLATES[id]?.objects() ?? [];
    const schema = await loadSchema();
    const result = importManifestsWith(
      exportManifests(objects, { includeSimulation: true }),
      `${id}.yaml`,
      schema,
    );
    if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
    expect(result.warnings).toEqual([]);
    // With the simulation, the export carries everything: Nodes and the TrafficSource of the clients too.
    expect(result.objects.map(keyOf).sort()).toEqual(objects.map(keyOf).sort());
  });

  it.each(SHOWN.map(([id]) => id))('%s settles: every pod scheduled, Running and Ready', (id) => {
    const objects = TEMPLATES[id]?.objects() ?? [];
    const sim = createCluster({ seed: 1 });
    for (const o of objects) sim.apply(o);
    sim.advance(5 * 60_000);
    const pods = sim.store.list<Pod & KubeObject>('Pod');
    const expected = objects
      .filter((o) => o.kind === 'Deployment' || o.kind === 'StatefulSet')
      .reduce((n, o) => n + ((o.spec as { replicas?: number }).replicas ?? 1), 0);
    const nodeCount = objects.filter((o) => o.kind === 'Node').length;
    const daemons = objects.filter((o) => o.kind === 'DaemonSet').length * nodeCount;
    expect(pods).toHaveLength(expected + daemons);
    for (const p of pods) {
      expect(p.spec?.nodeName, p.metadata.name).toBeTruthy();
      expect(p.status?.phase, p.metadata.name).toBe('Running');
      expect(podReady(p), p.metadata.name).toBe(true);
    }
  });

  it.each([
    ['talk-app', 'web', 50],
    ['shop', 'frontend-external', 100],
  ] as const)(
    '%s starts with clients sending traffic to its load balancer, answered by ready pods',
    (id, lb, rps) => {
      const objects = TEMPLATES[id]?.objects() ?? [];
      const sources = objects.filter((o) => o.kind === 'TrafficSource');
      expect(sources).toHaveLength(1);
      expect(sources[0]?.spec).toEqual({ target: { kind: 'Service', name: lb, namespace: 'default' }, rps });
      const service = objects.find((o) => o.kind === 'Service' && o.metadata.name === lb);
      expect((service?.spec as { type?: string }).type).toBe('LoadBalancer');
      const sim = createCluster({ seed: 1 });
      for (const o of objects) sim.apply(o);
      sim.advance(60_000);
      const flows = trafficMetrics(sim).flows;
      const toPods = flows.filter((f) => f.from === `Service/default/${lb}` && f.to.startsWith('Pod/'));
      expect(toPods.length).toBeGreaterThan(0);
      expect(toPods.reduce((n, f) => n + f.rps, 0)).toBeCloseTo(rps, 0);
      expect(toPods.every((f) => f.failureRate === 0)).toBe(true);
    },
  );
});

/** Drawn sizes (features/canvas/layout.ts and clients.ts): a card, the clients, a Node by its pods. */
const CARD = { w: 200, h: 72 };
const CLIENTS = { w: 176, h: 72 };
const vmHeight = (pods: number): number => 128 + Math.max(1, Math.ceil(pods / 4)) * 30 - 6 + 12;
const DRAWN = new Set(['Node', 'Deployment', 'StatefulSet', 'DaemonSet', 'Service', 'PersistentVolumeClaim']);

describe('templates with a layout of their own', () => {
  const placed = Object.entries(TEMPLATES).filter(([, t]) => t.positions);
  it('are the shop and the talk app', () => {
    expect(placed.map(([id]) => id).sort()).toEqual(['shop', 'talk-app']);
  });

  it.each(placed.map(([id]) => id))(
    '%s places every object it draws, once settled, and none overlaps another',
    (id) => {
      const t = TEMPLATES[id];
      const at = t?.positions?.() ?? {};
      const sim = createCluster({ seed: 1 });
      for (const o of t?.objects() ?? []) sim.apply(o);
      sim.advance(5 * 60_000);
      const drawn = [...DRAWN, 'TrafficSource']
        .flatMap((kind) => sim.store.list<KubeObject>(kind))
        .filter(
          (o) =>
            !(o.kind === 'Service' && o.metadata.name === 'kubernetes') &&
            !o.metadata.ownerReferences?.some((r) => r.controller && r.kind === 'Deployment'),
        );
      const keys = drawn.map(keyOf);
      // Every drawn object has its place, and every place is a drawn object (or the Unscheduled area).
      expect(keys.filter((k) => !at[k])).toEqual([]);
      expect(Object.keys(at).filter((k) => k !== 'area:unscheduled' && !keys.includes(k))).toEqual([]);
      const pods = sim.store.list<Pod & KubeObject>('Pod');
      const boxes = drawn.map((o) => {
        const p = at[keyOf(o)] ?? { x: 0, y: 0 };
        const size =
          o.kind === 'Node'
            ? { w: 248, h: vmHeight(pods.filter((q) => q.spec?.nodeName === o.metadata.name).length) }
            : o.kind === 'TrafficSource'
              ? CLIENTS
              : CARD;
        return { key: keyOf(o), x: p.x, y: p.y, ...size };
      });
      const area = at['area:unscheduled'];
      if (area) boxes.push({ key: 'area', ...area, w: 466, h: 36 + 24 + 12 });
      for (const [i, a] of boxes.entries())
        for (const b of boxes.slice(i + 1))
          expect(
            a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h,
            `${a.key} overlaps ${b.key}`,
          ).toBe(false);
    },
  );
});
