import { describe, expect, it } from 'vitest';
import { layoutGraph, PODS_PER_ROW, UNSCHEDULED_ID } from './layout';
import type { ClusterModel, PodModel } from './model';
import { focusBoxes, nearestInDirection, type Box, type Direction } from './spatial';

const pod = (name: string, node: string): PodModel => ({
  key: `Pod/default/${name}`,
  name,
  namespace: 'default',
  node,
  owner: 'Deployment/default/web',
  labels: { app: 'web' },
  ready: true,
  terminating: false,
  claims: [],
});

const requested = { milliCpu: 0, memoryBytes: 0, pods: 0 };

/** Two Nodes side by side (6 pods on node-1, 2 on node-2), one pending pod, and the cards of the web app. */
const model: ClusterModel = {
  nodes: [
    { key: 'Node//node-1', name: 'node-1', requested },
    { key: 'Node//node-2', name: 'node-2', requested },
  ],
  pods: [
    ...['a', 'b', 'c', 'd', 'e', 'f'].map((n) => pod(n, 'node-1')),
    pod('g', 'node-2'),
    pod('h', 'node-2'),
    pod('p', ''),
  ],
  cards: [
    { key: 'Deployment/default/web', kind: 'Deployment', namespace: 'default' },
    { key: 'Service/default/web', kind: 'Service', namespace: 'default', selector: { app: 'web' } },
  ],
};

/** The boxes the canvas hands in for the layout it really draws. */
const boxes = focusBoxes(layoutGraph(model, {}, false).nodes);
const P = (name: string) => `Pod/default/${name}`;

function step(from: string, dir: Direction): string | null {
  const box = boxes.find((b) => b.id === from);
  if (!box) throw new Error(`no box ${from}`);
  return nearestInDirection(boxes, box, dir);
}

describe('focusBoxes', () => {
  it('gives pods their drawn place inside their node and a Node with pods its header band', () => {
    expect(PODS_PER_ROW).toBe(4);
    const node = boxes.find((b) => b.id === 'Node//node-1');
    const a = boxes.find((b) => b.id === P('a'));
    const e = boxes.find((b) => b.id === P('e'));
    expect(node && a && e).toBeTruthy();
    if (!node || !a || !e) return;
    // The first pod sits right under the header band, the fifth starts the second row.
    expect(a.y).toBe(node.y + node.h);
    expect(a.x).toBeGreaterThan(node.x);
    expect(e.x).toBe(a.x);
    expect(e.y).toBeGreaterThan(a.y);
  });

  it('leaves out the Unscheduled area and what is not drawn', () => {
    expect(boxes.some((b) => b.id === UNSCHEDULED_ID)).toBe(false);
    expect(boxes.some((b) => b.id === P('p'))).toBe(true);
    const drawn = new Set(['Node//node-1', P('a')]);
    const some = focusBoxes(layoutGraph(model, {}, false).nodes, drawn);
    expect(some.map((b) => b.id).sort()).toEqual(['Node//node-1', P('a')]);
  });
});

describe('nearestInDirection on the drawn layout', () => {
  it('moves through the pod grid of a node by rows and columns, not in list order', () => {
    // a b c d
    // e f
    expect(step(P('a'), 'right')).toBe(P('b'));
    expect(step(P('b'), 'down')).toBe(P('f'));
    expect(step(P('f'), 'left')).toBe(P('e'));
    expect(step(P('e'), 'up')).toBe(P('a'));
    expect(step(P('d'), 'left')).toBe(P('c'));
    // c has nothing below it in its node: the nearest thing down there is f, one column left.
    expect(step(P('c'), 'down')).toBe(P('f'));
  });

  it('leaves a node sideways for the next node’s pod in the same row, and enters and leaves its header', () => {
    expect(step(P('d'), 'right')).toBe(P('g'));
    expect(step(P('g'), 'left')).toBe(P('d'));
    expect(step(P('a'), 'up')).toBe('Node//node-1');
    expect(step('Node//node-1', 'right')).toBe('Node//node-2');
    const down = step('Node//node-1', 'down');
    expect([P('a'), P('b'), P('c'), P('d')]).toContain(down);
    expect(step('Node//node-2', 'left')).toBe('Node//node-1');
  });

  it('reaches the cards beside the nodes and the pending pods above them', () => {
    // The controllers' column is left of the nodes, Services right of them.
    expect(step('Node//node-1', 'left')).toBe('Deployment/default/web');
    expect(step('Deployment/default/web', 'right')).toBe('Node//node-1');
    expect(step('Node//node-2', 'right')).toBe('Service/default/web');
    expect(step('Node//node-1', 'up')).toBe(P('p'));
    expect(step(P('p'), 'down')).toBe('Node//node-1');
  });
});

describe('nearestInDirection', () => {
  const box = (id: string, x: number, y: number, w = 10, h = 10): Box => ({ id, x, y, w, h });

  it('returns null when nothing lies that way', () => {
    const only = [box('a', 0, 0), box('b', 100, 0)];
    expect(nearestInDirection(only, box('a', 0, 0), 'left')).toBeNull();
    expect(nearestInDirection(only, box('a', 0, 0), 'up')).toBeNull();
    expect(nearestInDirection([box('a', 0, 0)], box('a', 0, 0), 'right')).toBeNull();
  });

  it('prefers the element in line over a nearer one off to the side', () => {
    const all = [box('from', 0, 0), box('inline', 60, 0), box('aside', 20, 40)];
    expect(nearestInDirection(all, box('from', 0, 0), 'right')).toBe('inline');
  });

  it('takes boxes that only touch as lying beyond', () => {
    const all = [box('from', 0, 0), box('touching', 10, 0), box('far', 40, 0)];
    expect(nearestInDirection(all, box('from', 0, 0), 'right')).toBe('touching');
  });

  it('falls back to centres for boxes dragged over one another', () => {
    const from = box('from', 0, 0, 100, 100);
    const all = [from, box('over-right', 70, 40, 60, 20), box('over-left', -20, 40, 50, 20)];
    expect(nearestInDirection(all, from, 'right')).toBe('over-right');
    expect(nearestInDirection(all, from, 'left')).toBe('over-left');
    expect(nearestInDirection(all, from, 'up')).toBeNull();
  });

  it('breaks ties by list order, so the result is stable', () => {
    const all = [box('from', 0, 0), box('upper', 20, -10), box('lower', 20, 10)];
    expect(nearestInDirection(all, box('from', 0, 0), 'right')).toBe('upper');
  });
});
