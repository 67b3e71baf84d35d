import { describe, expect, it } from 'vitest';
import { layoutGraph, nodesPerRow, UNSCHEDULED_ID, VM_HEADER } from './layout';
import { stageArrivals } from './mergeNodes';
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
    expect(g.nodes.find((n) => n.id === 'Node//node-1')?.data['summary']).toEqual({
      ready: 1,
      notReady: 1,
      terminating: 0,
      cells: 'rn',
    });
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
});
