import { describe, expect, it } from 'vitest';
import { makeRoom, ROOM_GAP, type RoomBox } from './room';
import { CARD_H, CARD_W, layoutGraph, VM_W, vmHeight } from './layout';
import type { ClusterModel, PodModel } from './model';

const vm = (key: string, x: number, y: number, pods: number): RoomBox => ({
  key,
  x,
  y,
  w: VM_W,
  base: vmHeight(0),
  h: vmHeight(pods),
});
const card = (key: string, x: number, y: number): RoomBox => ({
  key,
  x,
  y,
  w: CARD_W,
  base: CARD_H,
  h: CARD_H,
});

describe('makeRoom', () => {
  it('moves nothing while every Node holds one row of pods', () => {
    expect(makeRoom([vm('n1', 0, 0, 4), card('c', 0, 200)]).size).toBe(0);
  });

  it('draws a card below a grown Node just under it, keeping the gap it had up to ROOM_GAP', () => {
    const moved = makeRoom([vm('n1', 0, 0, 20), card('c', 20, 200)]);
    expect(moved.get('c')).toBe(vmHeight(20) + ROOM_GAP);
    // A smaller gap than ROOM_GAP is kept as it was.
    const near = makeRoom([vm('n1', 0, 0, 20), card('c', 20, vmHeight(0) + 8)]);
    expect(near.get('c')).toBe(vmHeight(20) + 8);
  });

  it('leaves a card far enough below, beside, or over the Node’s header where it is', () => {
    const moved = makeRoom([
      vm('n1', 0, 0, 20),
      card('far', 0, 2000),
      card('beside', VM_W + 10, 300),
      card('header', 10, 40),
    ]);
    expect([...moved.keys()]).toEqual([]);
  });

  it('pushes a stack of Nodes down one after the other (the shop’s middle column)', () => {
    const moved = makeRoom([vm('n1', 472, 0, 20), vm('n2', 472, 224, 2), vm('n3', 472, 448, 2)]);
    const n2 = vmHeight(20) + ROOM_GAP;
    expect(moved.get('n2')).toBe(n2);
    expect(moved.get('n3')).toBe(n2 + vmHeight(2) + ROOM_GAP);
  });

  it('finds what is below a Node wherever the two stand, left of the origin too', () => {
    const moved = makeRoom([vm('n1', -600, 0, 20), card('c', -400, 200), card('far-right', -340, 200)]);
    expect(moved.get('c')).toBe(vmHeight(20) + ROOM_GAP);
    expect(moved.get('far-right')).toBeUndefined();
  });

  it('moves nothing in a big cluster laid out in rows as tall as their tallest Node', () => {
    const boxes: RoomBox[] = [];
    for (let i = 0; i < 500; i++)
      boxes.push(vm(`n${i}`, 272 + (i % 29) * (VM_W + 40), Math.floor(i / 29) * (vmHeight(10) + 40), 10));
    expect(makeRoom(boxes).size).toBe(0);
  });

  it('lets a grown Node lower down push what is below it from where it is drawn', () => {
    const moved = makeRoom([vm('n1', 0, 0, 20), vm('n2', 0, 224, 20), card('c', 0, 448)]);
    const n2 = vmHeight(20) + ROOM_GAP;
    expect(moved.get('c')).toBe(n2 + vmHeight(20) + ROOM_GAP);
  });
});

const pod = (i: number, node: string): PodModel => ({
  key: `Pod/default/web-${i}`,
  name: `web-${i}`,
  namespace: 'default',
  node,
  owner: 'Deployment/default/web',
  labels: { app: 'web' },
  ready: true,
  terminating: false,
  claims: [],
});

const model = (pods: number): ClusterModel => ({
  nodes: [{ key: 'Node//node-1', name: 'node-1', requested: { milliCpu: 0, memoryBytes: 0, pods: 0 } }],
  pods: Array.from({ length: pods }, (_, i) => pod(i, 'node-1')),
  cards: [{ key: 'ConfigMap/default/settings', kind: 'ConfigMap', namespace: 'default' }],
});

describe('layoutGraph makes room for a grown Node', () => {
  const positions = { 'Node//node-1': { x: 300, y: 200 }, 'ConfigMap/default/settings': { x: 320, y: 400 } };
  const at = (pods: number, key: string) =>
    layoutGraph(model(pods), positions, false).nodes.find((n) => n.id === key)?.position;

  it('draws a card placed below a Node lower while the Node needs the room, and back when it shrinks', () => {
    expect(at(4, 'ConfigMap/default/settings')).toEqual({ x: 320, y: 400 });
    expect(at(20, 'ConfigMap/default/settings')).toEqual({ x: 320, y: 200 + vmHeight(20) + ROOM_GAP });
    expect(at(20, 'Node//node-1')).toEqual({ x: 300, y: 200 });
    expect(positions['ConfigMap/default/settings']).toEqual({ x: 320, y: 400 });
    expect(at(3, 'ConfigMap/default/settings')).toEqual({ x: 320, y: 400 });
  });
});
