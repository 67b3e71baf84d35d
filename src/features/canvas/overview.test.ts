import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../engine';
import {
  CARD_H,
  CARD_W,
  cardRows,
  layoutBounds,
  layoutGraph,
  OVERVIEW_FROM_CARDS,
  OVERVIEW_ID,
  type OverviewData,
} from './layout';
import type { CardModel, ClusterModel } from './model';
import { mergeNodes } from './mergeNodes';
import {
  cardAt,
  cardState,
  cardStates,
  currentCard,
  currentPath,
  initialCard,
  overviewPaths,
  selectionPath,
  statePaths,
} from './overview';
import { focusBoxes, nearestInDirection, type Direction } from './spatial';

const deployment = (name: string, want: number, ready: number, extra: Partial<KubeObject> = {}): KubeObject =>
  ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: { replicas: want },
    status: { readyReplicas: ready },
    ...extra,
  }) as KubeObject;

const cards = (n: number, kind: CardModel['kind'] = 'Deployment'): CardModel[] =>
  Array.from({ length: n }, (_, i) => ({ key: `${kind}/default/app-${i}`, kind, namespace: 'default' }));

const model = (list: CardModel[]): ClusterModel => ({ nodes: [], pods: [], cards: list });

describe('card states (the overview’s bars)', () => {
  it('reads a card as its status line does', () => {
    expect(cardState(undefined)).toBe('n');
    expect(cardState(deployment('a', 3, 3))).toBe('g');
    expect(cardState(deployment('a', 3, 1))).toBe('a');
    expect(cardState(deployment('a', 0, 0))).toBe('n');
    // The deployment controller's condition for a rollout past its progress deadline.
    const stuck = deployment('a', 3, 1, {
      status: {
        readyReplicas: 1,
        conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }],
      },
    } as Partial<KubeObject>);
    expect(cardState(stuck)).toBe('r');
    const deleting = deployment('a', 3, 3, {
      metadata: { name: 'a', deletionTimestamp: '2026-01-01T00:00:00Z' },
    });
    expect(cardState(deleting)).toBe('d');
    const claim = (phase: string) =>
      ({
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'c' },
        status: { phase },
      }) as unknown as KubeObject;
    expect([cardState(claim('Bound')), cardState(claim('Pending')), cardState(claim('Lost'))]).toEqual([
      'g',
      'a',
      'r',
    ]);
    const job = (status: Record<string, unknown>) =>
      ({ kind: 'Job', metadata: { name: 'j' }, spec: { completions: 2 }, status }) as unknown as KubeObject;
    expect(cardState(job({ succeeded: 2 }))).toBe('g');
    expect(cardState(job({ succeeded: 1 }))).toBe('a');
    expect(cardState(job({ conditions: [{ type: 'Failed', status: 'True' }] }))).toBe('r');
    expect(cardStates([deployment('a', 1, 1), undefined, deployment('b', 2, 0)])).toBe('gna');
  });
});

describe('the overview of a big design', () => {
  it('wraps hundreds of cards into a block about as wide as the canvas, and keeps a few in one column', () => {
    expect(cardRows(10)).toBe(16);
    // In steps of 8 rows: one card more or less leaves the others where they are.
    expect(cardRows(300)).toBe(cardRows(301));
    expect(cardRows(2000) % 8).toBe(0);
    const small = layoutGraph(model(cards(16)), {}, false).nodes.filter((n) => n.type === 'card');
    expect(new Set(small.map((n) => n.position.x)).size).toBe(1);
    const big = layoutGraph(model(cards(2000)), {}, false).nodes.filter((n) => n.type === 'card');
    const xs = new Set(big.map((n) => n.position.x));
    const ys = new Set(big.map((n) => n.position.y));
    expect(ys.size).toBe(cardRows(2000));
    expect(xs.size).toBe(Math.ceil(2000 / cardRows(2000)));
    // Wider than tall, as a screen is; and no two cards in one place.
    const b = layoutBounds(big);
    expect(b && b.width / b.height).toBeGreaterThan(1);
    expect(b && b.width / b.height).toBeLessThan(2.5);
    expect(new Set(big.map((n) => `${n.position.x},${n.position.y}`)).size).toBe(2000);
  });

  it('zoomed far out, draws hundreds of cards as one overview node where each card was, with no links', () => {
    const list = cards(OVERVIEW_FROM_CARDS);
    const near = layoutGraph(model(list), {}, false);
    const far = layoutGraph(model(list), {}, true);
    expect(far.nodes.filter((n) => n.type === 'card')).toHaveLength(0);
    expect(far.nodes[1]?.id).toBe(OVERVIEW_ID);
    expect(far.edges).toEqual([]);
    const overview = far.nodes[1];
    const data = overview?.data as OverviewData;
    expect(data.cards).toHaveLength(OVERVIEW_FROM_CARDS);
    for (const c of data.cards) {
      const card = near.nodes.find((n) => n.id === c.key);
      expect({ x: (overview?.position.x ?? 0) + c.x, y: (overview?.position.y ?? 0) + c.y }).toEqual(
        card?.position,
      );
    }
    expect(layoutBounds(far.nodes)).toEqual(layoutBounds(near.nodes));
    // Fewer cards are drawn one by one even zoomed out.
    const fewer = layoutGraph(model(cards(OVERVIEW_FROM_CARDS - 1)), {}, true);
    expect(fewer.nodes.some((n) => n.id === OVERVIEW_ID)).toBe(false);
  });

  it('draws every card in a few paths and finds the card under a point', () => {
    const list = [
      { key: 'Deployment/default/web', kind: 'Deployment', x: 0, y: 0 },
      { key: 'Service/default/web', kind: 'Service', x: 240, y: 0 },
      { key: 'Deployment/default/api', kind: 'Deployment', x: 0, y: 96 },
    ];
    const paths = overviewPaths(list, (k) => (k === 'Service' ? 'green' : 'blue'));
    expect(paths.bodies.match(/M/g)).toHaveLength(3);
    expect(Object.keys(paths.bands).sort()).toEqual(['blue', 'green']);
    expect(paths.bands['blue']?.match(/M/g)).toHaveLength(2);
    const bars = statePaths(list, 'gna');
    expect(Object.keys(bars).sort()).toEqual(['a', 'g', 'n']);
    expect(selectionPath(list, new Set())).toBe('');
    expect(selectionPath(list, new Set(['Service/default/web'])).match(/M/g)).toHaveLength(1);
    expect(cardAt(list, 250, 10)?.key).toBe('Service/default/web');
    expect(cardAt(list, CARD_W + 20, 10)).toBeUndefined();
    expect(cardAt(list, 5, 96 + CARD_H - 1)?.key).toBe('Deployment/default/api');
  });
});

describe('the overview across layouts', () => {
  it('keeps its data when no card moved, so it is not drawn again', () => {
    const list = cards(OVERVIEW_FROM_CARDS + 5);
    const a = layoutGraph(model(list), {}, true);
    const b = layoutGraph(model(list), {}, true);
    const merged = mergeNodes(a.nodes, b.nodes);
    expect(merged[1]).toBe(a.nodes[1]);
    // A card added: new data.
    const c = layoutGraph(model(cards(OVERVIEW_FROM_CARDS + 6)), {}, true);
    expect(mergeNodes(a.nodes, c.nodes)[1]?.data).not.toBe(a.nodes[1]?.data);
  });
});

describe('the overview by keyboard', () => {
  /** A block of 240 Deployments, zoomed far out, with a Node (its box from React Flow's node). */
  const far = () => {
    const nodes = layoutGraph(
      {
        nodes: [{ key: 'Node//node-1', name: 'node-1', requested: { milliCpu: 0, memoryBytes: 0, pods: 0 } }],
        pods: [],
        cards: cards(240),
      },
      {},
      true,
    ).nodes;
    const overview = nodes.find((n) => n.id === OVERVIEW_ID);
    if (!overview) throw new Error('no overview');
    return { nodes, overview, list: (overview.data as OverviewData).cards };
  };

  it('starts on the last selected card it draws, else on the top-left one', () => {
    const list = [
      { key: 'Deployment/default/b', kind: 'Deployment', x: 240, y: 0 },
      { key: 'Deployment/default/c', kind: 'Deployment', x: 0, y: 96 },
      { key: 'Deployment/default/a', kind: 'Deployment', x: 0, y: 0 },
    ];
    expect(initialCard(list, [])?.key).toBe('Deployment/default/a');
    expect(initialCard(list, ['Deployment/default/b', 'Deployment/default/c'])?.key).toBe(
      'Deployment/default/c',
    );
    // A selected object not in the overview (a Node) is passed over.
    expect(initialCard(list, ['Deployment/default/b', 'Node//node-1'])?.key).toBe('Deployment/default/b');
    expect(initialCard([], [])).toBeUndefined();
    // The cursor holds while it is one of the cards; a card gone (deleted) falls back.
    expect(currentCard(list, 'Deployment/default/c', ['Deployment/default/b'])?.key).toBe(
      'Deployment/default/c',
    );
    expect(currentCard(list, 'Deployment/default/gone', [])?.key).toBe('Deployment/default/a');
    expect(currentPath(undefined)).toBe('');
    expect(currentPath(list[0]).match(/M/g)).toHaveLength(1);
  });

  it('hands the arrows each card as a box of its own, where it is drawn, and not the overview whole', () => {
    const { nodes, overview, list } = far();
    const boxes = focusBoxes(nodes);
    expect(boxes.some((b) => b.id === OVERVIEW_ID)).toBe(false);
    expect(boxes.some((b) => b.id === 'Node//node-1')).toBe(true);
    for (const c of list) {
      const b = boxes.find((x) => x.id === c.key);
      expect(b).toEqual({
        id: c.key,
        x: overview.position.x + c.x,
        y: overview.position.y + c.y,
        w: CARD_W,
        h: CARD_H,
      });
    }
    // Not drawn (culled): none of its cards either.
    const drawn = new Set(['Node//node-1']);
    expect(focusBoxes(nodes, drawn).map((b) => b.id)).toEqual(['Node//node-1']);
  });

  it('moves card to card along rows and columns, and from the cards to the Node and back', () => {
    const { nodes, list } = far();
    const boxes = focusBoxes(nodes);
    const box = (id: string) => boxes.find((b) => b.id === id)!;
    const step = (from: string, dir: Direction) => nearestInDirection(boxes, box(from), dir);
    const start = initialCard(list, [])!;
    const rows = new Set(list.map((c) => c.y)).size;
    expect(rows).toBeGreaterThan(1);
    // Right: the next card in the same row; Down: the card under it, in the same column.
    const right = list.find((c) => c.key === step(start.key, 'right'))!;
    expect(right.y).toBe(start.y);
    expect(right.x).toBeGreaterThan(start.x);
    expect(Math.min(...list.filter((c) => c.y === start.y && c.x > start.x).map((c) => c.x))).toBe(right.x);
    const down = list.find((c) => c.key === step(start.key, 'down'))!;
    expect(down.x).toBe(start.x);
    expect(Math.min(...list.filter((c) => c.x === start.x && c.y > start.y).map((c) => c.y))).toBe(down.y);
    // Back again.
    expect(step(right.key, 'left')).toBe(start.key);
    expect(step(down.key, 'up')).toBe(start.key);
    // The Node stands right of the block, level with its top row: Right from the row's last card
    // reaches it, Left from it comes back to a card of that row.
    const topRow = list.filter((c) => c.y === start.y);
    const last = topRow.reduce((a, b) => (b.x > a.x ? b : a));
    expect(step(last.key, 'right')).toBe('Node//node-1');
    expect(step('Node//node-1', 'left')).toBe(last.key);
    // Every card can be reached: walking right along each row and down the first column visits them all.
    const seen = new Set<string>();
    let rowStart: string | null = start.key;
    while (rowStart && list.some((c) => c.key === rowStart)) {
      let at: string | null = rowStart;
      while (at && list.some((c) => c.key === at)) {
        seen.add(at);
        at = step(at, 'right');
      }
      rowStart = step(rowStart, 'down');
    }
    expect(seen.size).toBe(list.length);
  });
});
