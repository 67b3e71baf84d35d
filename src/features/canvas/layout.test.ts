import { describe, expect, it } from 'vitest';
import type { Pod } from '../../engine';
import {
  countCells,
  INITIAL_HANDLES_FROM,
  layoutGraph,
  MAX_PENDING_DRAWN,
  nodesPerRow,
  podCells,
  UNSCHEDULED_ID,
  VM_HEADER,
  withReadiness,
} from './layout';
import { mergeNodes, stageArrivals } from './mergeNodes';
import type { ClusterModel, PodModel } from './model';

const pod = (name: string, node: string, extra: Partial<PodModel> = {}): PodModel => ({
  key: `Pod/default/${name}`,
  name,
  namespace: 'default',
  node,
  owner: 'Deployment/default/web',
  labels: { app: 'web' },
  ready: true,
  terminating: false,
  claims: [],
  ...extra,
});

const model = (pods: PodModel[]): ClusterModel => ({
  nodes: [{ key: 'Node//node-1', name: 'node-1', requested: { milliCpu: 0, memoryBytes: 0, pods: 0 } }],
  pods,
  cards: [
    { key: 'Deployment/default/web', kind: 'Deployment', namespace: 'default' },
    { key: 'Service/default/web', kind: 'Service', namespace: 'default', selector: { app: 'web' } },
  ],
});

describe('layoutGraph', () => {
  it('puts a pod without a node in the Unscheduled area and a bound pod inside its node', () => {
    const g = layoutGraph(model([pod('a', ''), pod('b', 'node-1')]), {}, false);
    expect(g.nodes.find((n) => n.id === 'Pod/default/a')?.parentId).toBe(UNSCHEDULED_ID);
    const b = g.nodes.find((n) => n.id === 'Pod/default/b');
    expect(b?.parentId).toBe('Node//node-1');
    expect(b?.position.y).toBe(VM_HEADER);
  });

  it('treats a pod bound to a node that is gone as unscheduled', () => {
    const g = layoutGraph(model([pod('a', 'node-9')]), {}, false);
    expect(g.nodes.find((n) => n.id === 'Pod/default/a')?.parentId).toBe(UNSCHEDULED_ID);
  });

  it('links the controller to its pods and the Service to the pods it selects, dashed when not ready', () => {
    const g = layoutGraph(model([pod('a', 'node-1'), pod('b', 'node-1', { ready: false })]), {}, false);
    const ids = g.edges.map((e) => `${e.id} ${e.className}`);
    expect(ids).toContain('own|Deployment/default/web|Pod/default/a kc-edge-own');
    expect(ids).toContain('svc|Service/default/web|Pod/default/a kc-edge-svc');
    expect(ids).toContain('svc|Service/default/web|Pod/default/b kc-edge-svc kc-edge-notready');
  });

  it('does not link a Service to pods whose labels do not match', () => {
    const g = layoutGraph(model([pod('a', 'node-1', { labels: { app: 'db' } })]), {}, false);
    expect(g.edges.filter((e) => e.id.startsWith('svc|'))).toEqual([]);
  });

  it('in a big cluster draws pod edges only for the selected object', () => {
    const many = Array.from({ length: 400 }, (_, i) => pod(`p${i}`, 'node-1'));
    expect(layoutGraph(model(many), {}, false).edges).toEqual([]);
    const focused = layoutGraph(model(many), {}, false, 'Service/default/web').edges;
    expect(focused).toHaveLength(400);
    expect(focused.every((e) => e.id.startsWith('svc|'))).toBe(true);
  });

  it('keeps authored positions and lays out the rest', () => {
    const g = layoutGraph(model([]), { 'Node//node-1': { x: 7, y: 9 } }, false);
    expect(g.nodes.find((n) => n.id === 'Node//node-1')?.position).toEqual({ x: 7, y: 9 });
  });

  it('at low detail draws no pods in nodes, counts them instead, and draws no pod edges', () => {
    const g = layoutGraph(model([pod('a', 'node-1'), pod('b', 'node-1', { ready: false })]), {}, true);
    expect(g.nodes.some((n) => n.type === 'pod')).toBe(false);
    expect(g.nodes.find((n) => n.id === 'Node//node-1')?.data['pods']).toEqual([
      'Pod/default/a',
      'Pod/default/b',
    ]);
    expect(g.edges).toEqual([]);
  });

  it('lays a small cluster out three nodes a row and a big one as a wide grid', () => {
    expect(nodesPerRow(3)).toBe(3);
    expect(nodesPerRow(100)).toBe(13);
  });
});

describe('stageArrivals', () => {
  it('starts a pod that was bound the instant it appeared in the Unscheduled area', () => {
    const before = layoutGraph(model([]), {}, false).nodes;
    const after = layoutGraph(model([pod('a', 'node-1')]), {}, false).nodes;
    const staged = stageArrivals(before, after);
    expect(staged.find((n) => n.id === 'Pod/default/a')?.parentId).toBe(UNSCHEDULED_ID);
  });

  it('leaves the first layout alone', () => {
    const after = layoutGraph(model([pod('a', 'node-1')]), {}, false).nodes;
    expect(stageArrivals([], after)).toBe(after);
  });

  it('draws thousands of pending pods only where they can be seen', () => {
    const many = Array.from({ length: 2000 }, (_, i) => pod(`p-${i}`, ''));
    const drawnPods = (g: ReturnType<typeof layoutGraph>) => g.nodes.filter((n) => n.type === 'pod');
    const area = (g: ReturnType<typeof layoutGraph>) => g.nodes.find((n) => n.id === UNSCHEDULED_ID);
    // Without a view: every one, as before; a few hundred are always drawn one by one.
    expect(drawnPods(layoutGraph(model(many), {}, false))).toHaveLength(2000);
    const few = many.slice(0, MAX_PENDING_DRAWN);
    expect(drawnPods(layoutGraph(model(few), {}, false, null, { x0: 0, y0: 0, x1: 1, y1: 1 }))).toHaveLength(
      MAX_PENDING_DRAWN,
    );
    // Zoomed far out: the area keeps its size and count, its pods are not drawn one by one.
    const far = layoutGraph(model(many), {}, true);
    expect(drawnPods(far)).toHaveLength(0);
    expect(area(far)?.data).toEqual({ count: 2000 });
    expect(area(far)?.height).toBe(area(layoutGraph(model(many), {}, false))?.height);
    // Zoomed in: those in view only (rows and columns), in the slots they have when all are drawn.
    const all = layoutGraph(model(many), {}, false);
    const inView = layoutGraph(model(many), {}, false, null, { x0: -1000, y0: 0, x1: 800, y1: 1000 });
    const shown = drawnPods(inView);
    expect(shown.length).toBeGreaterThan(100);
    expect(shown.length).toBeLessThan(400);
    for (const n of shown) expect(n.position).toEqual(all.nodes.find((m) => m.id === n.id)?.position);
  });

  it('gives a big graph’s objects their handles until React Flow has measured them', () => {
    const small = layoutGraph(model([pod('a', 'node-1')]), {}, false);
    expect(small.nodes.every((n) => n.handles === undefined)).toBe(true);
    const many = Array.from({ length: INITIAL_HANDLES_FROM }, (_, i) => pod(`p-${i}`, 'node-1'));
    const big = layoutGraph(model(many), {}, false);
    const svc = big.nodes.find((n) => n.id === 'Service/default/web');
    const p0 = big.nodes.find((n) => n.id === 'Pod/default/p-0');
    // Centred on the sides of a 200 x 72 card and a 50 x 24 pod; the Service's link handle at 72%.
    expect(svc?.handles?.find((h) => h.id === 'left')).toMatchObject({ x: -2, y: 34, type: 'source' });
    expect(svc?.handles?.find((h) => h.id === 'link')).toMatchObject({ x: -6, width: 12, type: 'source' });
    expect(p0?.handles?.map((h) => h.id)).toEqual(['in', 'right', 'bottom']);
    // Their size is known from the start (fit view counts them, drawn or not).
    expect(svc?.measured).toEqual({ width: 200, height: 72 });
    // Laid out again: the handles are dropped once (React Flow holds them), then nodes are kept as they are.
    const again = layoutGraph(model(many), {}, false);
    const merged = mergeNodes(big.nodes, again.nodes);
    expect(merged.find((n) => n.id === 'Service/default/web')?.handles).toBeUndefined();
    expect(merged.find((n) => n.id === 'Service/default/web')?.measured).toEqual({ width: 200, height: 72 });
    const third = mergeNodes(merged, layoutGraph(model(many), {}, false).nodes);
    expect(third.every((n, i) => n === merged[i])).toBe(true);
  });
});

describe('pod readiness without a new layout', () => {
  it('podCells and countCells: terminating first, then ready, else not ready', () => {
    const ready = { metadata: { name: 'a' }, status: { conditions: [{ type: 'Ready', status: 'True' }] } };
    const notReady = {
      metadata: { name: 'b' },
      status: { conditions: [{ type: 'Ready', status: 'False' }] },
    };
    const going = { ...ready, metadata: { name: 'c', deletionTimestamp: '2026-01-01T00:00:00Z' } };
    const cells = podCells([ready, notReady, going, undefined] as Pod[]);
    expect(cells).toBe('rntn');
    expect(countCells(cells)).toEqual({ ready: 1, notReady: 2, terminating: 1, cells });
  });

  it('withReadiness brings Service-to-pod edges up to date, and keeps the array when nothing changed', () => {
    const g = layoutGraph(model([pod('a', 'node-1', { ready: false })]), {}, false);
    const svc = g.edges.find((e) => e.id.startsWith('svc|'));
    expect(svc?.className).toContain('kc-edge-notready');
    const stillNot = withReadiness(g.edges, () => ({
      metadata: { name: 'a' },
      status: { conditions: [{ type: 'Ready', status: 'False' }] },
    }));
    expect(stillNot).toBe(g.edges);
    const now = withReadiness(g.edges, () => ({
      metadata: { name: 'a' },
      status: { conditions: [{ type: 'Ready', status: 'True' }] },
    }));
    expect(now).not.toBe(g.edges);
    expect(now.find((e) => e.id === svc?.id)?.className).toBe('kc-edge-svc');
    expect(now.find((e) => e.id === svc?.id)?.data).toMatchObject({ ready: true });
    expect(now.find((e) => e.id === svc?.id)?.ariaLabel).not.toBe(svc?.ariaLabel);
  });
});
