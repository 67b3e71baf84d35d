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
import { cardAt, cardState, cardStates, overviewPaths, selectionPath, statePaths } from './overview';

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
