/**
 * The canvas layout: React Flow nodes and edges from the cluster model and the authored positions. Pods
 * are child nodes of their Node (or of the Unscheduled area), placed in a grid in creation order, so a pod
 * that gets bound moves (and its CSS transform transition animates the move). Objects without an authored
 * position get one from a simple column layout: controllers left, the Unscheduled area above the nodes,
 * Nodes in a grid, Services and Ingresses right, claims and ConfigMaps under the controllers. A Node
 * grown past one row of pods (or the Unscheduled area past one row) draws what stands below it lower,
 * without changing the design's positions (room.ts).
 */
import { Position, type Edge, type Node, type NodeHandle } from '@xyflow/react';
import type { XY } from '../../store';
import type { Pod } from '../../engine';
import type { CardModel, ClusterModel, NodeModel, PodModel } from './model';
import { podReady } from './podState';
import { canLink } from './links';
import { describeEdge, describeNode } from './nodes/a11y';
import { makeRoom, type RoomBox } from './room';

/** The id of the description of cards that can be connected by keyboard (keyboard.tsx draws it). */
export const CONNECT_DESCRIPTION_ID = 'kc-keys-connect';

export const POD_W = 50;
export const POD_H = 24;
export const POD_GAP = 6;
export const VM_W = 248;
export const VM_HEADER = 128;
export const VM_PAD = 12;
export const PODS_PER_ROW = Math.floor((VM_W - 2 * VM_PAD + POD_GAP) / (POD_W + POD_GAP));
export const CARD_W = 200;
export const CARD_H = 72;
export const UNSCHEDULED_ID = 'area:unscheduled';
const AREA_HEADER = 36;
const AREA_PODS_PER_ROW = 8;
/**
 * Pods a row of the Unscheduled area holds: 8, and for hundreds of pending pods (a big design without
 * Nodes) a wider block, about as wide as tall, in steps of 8 so that pods do not move each time one comes
 * or goes.
 */
export function areaPodsPerRow(count: number): number {
  return Math.max(AREA_PODS_PER_ROW, 8 * Math.ceil(Math.sqrt(count * 0.54) / 8));
}

/** Width of the Unscheduled area holding `count` pods. */
export function areaWidth(count: number): number {
  return 2 * VM_PAD + areaPodsPerRow(count) * (POD_W + POD_GAP) - POD_GAP;
}
const COL_GAP = 40;
const NODES_X = CARD_W + 72;

export interface VmData extends Record<string, unknown> {
  requested: NodeModel['requested'];
  /**
   * When the node's pods are not drawn one by one (low detail, or out of view): their keys in the node's
   * order, for the card's summary. The card reads their states itself, so a pod turning ready repaints
   * one card instead of laying out the whole cluster again.
   */
  pods: readonly string[] | null;
}
export type PodData = Record<string, never>;

/**
 * How many of a node's pods are ready, running but not ready, and terminating; and `cells`, one letter a
 * pod in the node's order (r ready, n not ready, t terminating), drawn as coloured cells in one element.
 */
export interface PodCounts {
  ready: number;
  notReady: number;
  terminating: number;
  cells: string;
}

/** One letter per pod, in order: t terminating, r ready, n not ready (a pod already gone counts as n). */
export function podCells(pods: ReadonlyArray<Pod | undefined>): string {
  let cells = '';
  for (const p of pods) cells += p?.metadata?.deletionTimestamp ? 't' : p && podReady(p) ? 'r' : 'n';
  return cells;
}

/** The counts of a strip of cells (see podCells). */
export function countCells(cells: string): PodCounts {
  const c = { ready: 0, notReady: 0, terminating: 0, cells };
  for (let i = 0; i < cells.length; i++) {
    const x = cells.charCodeAt(i);
    if (x === 116) c.terminating++;
    else if (x === 114) c.ready++;
    else c.notReady++;
  }
  return c;
}
export interface AreaData extends Record<string, unknown> {
  count: number;
}
export interface CardData extends Record<string, unknown> {
  kind: string;
}

/** The node that draws the cards as one overview when zoomed far out (see overview.ts). */
export const OVERVIEW_ID = 'area:overview';
/** From this many cards, zoomed far out (low detail), the cards are drawn as one overview. */
export const OVERVIEW_FROM_CARDS = 200;
/** A card in the overview: where it is from the overview's top-left corner. */
export interface OverviewCard {
  key: string;
  kind: string;
  x: number;
  y: number;
}
export interface OverviewData extends Record<string, unknown> {
  cards: OverviewCard[];
}

/** The nodes and edges React Flow draws. */
export interface Graph {
  nodes: Node[];
  edges: Edge[];
}

const labels = new Map<string, string>();

/** `Deployment web` (with the namespace when it is not default) from an object key `Kind/ns/name`. */
export function keyLabel(key: string): string {
  let label = labels.get(key);
  if (label === undefined) {
    const [kind = '', ns = '', ...rest] = key.split('/');
    const name = rest.join('/');
    label = ns && ns !== 'default' ? `${kind} ${name} in ${ns}` : `${kind} ${name}`;
    // Every layout labels every drawn object again: the labels are kept (bounded, for long sessions).
    if (labels.size > 50_000) labels.clear();
    labels.set(key, label);
  }
  return label;
}

function podOffset(i: number, perRow: number, top: number): XY {
  return {
    x: VM_PAD + (i % perRow) * (POD_W + POD_GAP),
    y: top + Math.floor(i / perRow) * (POD_H + POD_GAP),
  };
}

function gridHeight(count: number, perRow: number): number {
  const rows = Math.max(1, Math.ceil(count / perRow));
  return rows * (POD_H + POD_GAP) - POD_GAP;
}

/** Height of the Unscheduled area holding `count` pods. */
export function areaHeight(count: number): number {
  return AREA_HEADER + gridHeight(count, areaPodsPerRow(count)) + VM_PAD;
}

/** Height of a Node card holding `count` pods. */
export function vmHeight(count: number): number {
  return VM_HEADER + gridHeight(count, PODS_PER_ROW) + VM_PAD;
}

/** Nodes per row of the automatic layout: 3 for a small cluster, a wide grid for a big one. */
export function nodesPerRow(count: number): number {
  return Math.max(3, Math.ceil(Math.sqrt(count * 1.6)));
}

function placeVms(
  nodes: NodeModel[],
  counts: Map<string, number>,
  positions: Record<string, XY>,
  top: number,
) {
  const out = new Map<string, XY>();
  const perRow = nodesPerRow(nodes.length);
  let y = top;
  for (let row = 0; row * perRow < nodes.length; row++) {
    const slice = nodes.slice(row * perRow, (row + 1) * perRow);
    let tallest = 0;
    slice.forEach((n, col) => {
      const h = vmHeight(counts.get(n.name) ?? 0);
      tallest = Math.max(tallest, h);
      out.set(n.key, positions[n.key] ?? { x: NODES_X + col * (VM_W + COL_GAP), y });
    });
    y += tallest + COL_GAP;
  }
  return out;
}

function cardColumn(card: CardModel): number {
  if (card.kind === 'Service') return 1;
  if (card.kind === 'Ingress') return 2;
  if (card.kind === 'PersistentVolumeClaim' || card.kind === 'ConfigMap' || card.kind === 'NodeGroup')
    return 3;
  return 0;
}

/** Horizontal distance between wrapped columns of cards. */
const CARD_STEP_X = CARD_W + COL_GAP;
/** Vertical distance between cards in a column. */
const CARD_STEP_Y = CARD_H + 24;

/**
 * How many cards a column holds before the next column starts beside it: a design of hundreds of
 * controllers is a block about as wide as the canvas is, not a strip thousands of cards tall (which a
 * fitted view shows as a thin line). Up to 16 cards stay one column. The height grows in steps of 8
 * rows, so adding or removing a card moves the others only when it crosses a step.
 */
export function cardRows(count: number): number {
  return Math.max(16, Math.ceil(Math.sqrt(count * 1.5) / 8) * 8);
}

/**
 * Where the i-th of `count` cards of a column goes: in rows from `top`, the columns wrapping away from the
 * Nodes (`dir` -1 to the left of `x`, 1 to the right).
 */
function cardSlot(i: number, count: number, x: number, top: number, dir: 1 | -1): XY {
  const rows = cardRows(count);
  return { x: x + dir * Math.floor(i / rows) * CARD_STEP_X, y: top + (i % rows) * CARD_STEP_Y };
}

/** The height of a column of `count` cards once wrapped (0 for none). */
function columnHeight(count: number): number {
  return Math.min(count, cardRows(count)) * CARD_STEP_Y;
}

function placeCards(
  cards: CardModel[],
  positions: Record<string, XY>,
  top: number,
  rightX: number,
  ingressTop: number,
) {
  const out = new Map<string, XY>();
  const counts = [0, 0, 0, 0];
  for (const c of cards) counts[cardColumn(c)]! += 1;
  const [controllers = 0, services = 0, ingresses = 0, others = 0] = counts;
  // Controllers left of the Nodes, claims and ConfigMaps under them; Ingresses right of the Nodes from
  // the Unscheduled area's top, Services under them.
  const tops = [
    top,
    Math.max(top, ingressTop + columnHeight(ingresses)),
    ingressTop,
    top + columnHeight(controllers) + 24,
  ];
  const xs = [40, rightX, rightX, 40];
  const dirs: Array<1 | -1> = [-1, 1, 1, -1];
  const totals = [controllers, services, ingresses, others];
  const seen = [0, 0, 0, 0];
  for (const c of cards) {
    const col = cardColumn(c);
    const i = seen[col]!;
    seen[col] = i + 1;
    out.set(c.key, positions[c.key] ?? cardSlot(i, totals[col]!, xs[col]!, tops[col]!, dirs[col]!));
  }
  return out;
}

const overviewCards = new Map<string, OverviewCard>();

/** The overview node: the box around every card, each card where the layout put it. */
function overviewNode(cards: CardModel[], at: ReadonlyMap<string, XY>): Node {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const c of cards) {
    const p = at.get(c.key) ?? { x: 0, y: 0 };
    x0 = Math.min(x0, p.x);
    y0 = Math.min(y0, p.y);
    x1 = Math.max(x1, p.x + CARD_W);
    y1 = Math.max(y1, p.y + CARD_H);
  }
  // The same object for a card in the same place, so that a layout that moved no card leaves the node's
  // data as it was (mergeNodes compares it item by item) and the overview is not drawn again.
  if (overviewCards.size > 50_000) overviewCards.clear();
  const list: OverviewCard[] = cards.map((c) => {
    const p = at.get(c.key) ?? { x: 0, y: 0 };
    const x = p.x - x0;
    const y = p.y - y0;
    let card = overviewCards.get(c.key);
    if (!card || card.x !== x || card.y !== y || card.kind !== c.kind) {
      card = { key: c.key, kind: c.kind, x, y };
      overviewCards.set(c.key, card);
    }
    return card;
  });
  return {
    id: OVERVIEW_ID,
    type: 'overview',
    position: { x: x0, y: y0 },
    width: x1 - x0,
    height: y1 - y0,
    data: { cards: list } satisfies OverviewData,
    selectable: false,
    draggable: false,
    // It takes the focus as one element; the arrows move its current card (keyboard.tsx).
    zIndex: -1,
  };
}

function selects(selector: Record<string, string>, labels: Record<string, string>): boolean {
  const entries = Object.entries(selector);
  return entries.length > 0 && entries.every(([k, v]) => labels[k] === v);
}

/** Above this many pods, pod edges are drawn only for the selected object (else they hide everything). */
export const MAX_POD_EDGES_PODS = 300;

function edgesFor(model: ClusterModel, placed: ReadonlySet<string>, focus: string | null): Edge[] {
  const edges: Edge[] = [];
  // Only pods drawn as nodes can be linked (not those summarised in a zoomed-out or off-screen Node).
  const linkable = (p: PodModel) => placed.has(p.key);
  const all = model.pods.length <= MAX_POD_EDGES_PODS;
  const focusIsPod = !all && focus !== null && model.pods.some((p) => p.key === focus);
  const cardKeys = new Set(model.cards.map((c) => c.key));
  for (const p of model.pods) {
    if (!linkable(p)) continue;
    if (p.owner && cardKeys.has(p.owner) && (all || p.owner === focus || p.key === focus))
      edges.push({
        id: `own|${p.owner}|${p.key}`,
        source: p.owner,
        target: p.key,
        sourceHandle: 'out',
        targetHandle: 'in',
        className: 'kc-edge-own',
      });
    for (const claim of p.claims)
      if (cardKeys.has(claim))
        edges.push({
          id: `pvc|${p.key}|${claim}`,
          source: p.key,
          target: claim,
          sourceHandle: 'bottom',
          targetHandle: 'top',
          className: 'kc-edge-pvc',
        });
  }
  for (const s of model.cards) {
    if (s.kind !== 'Service' || !s.selector) continue;
    if (!all && s.key !== focus && !focusIsPod) continue;
    for (const p of model.pods) {
      if (!linkable(p) || p.namespace !== s.namespace || !selects(s.selector, p.labels)) continue;
      if (!all && s.key !== focus && p.key !== focus) continue;
      const ready = p.ready && !p.terminating;
      edges.push({
        id: `svc|${s.key}|${p.key}`,
        source: s.key,
        target: p.key,
        sourceHandle: 'left',
        targetHandle: 'right',
        className: ready ? 'kc-edge-svc' : 'kc-edge-svc kc-edge-notready',
        data: { ready },
      });
    }
  }
  for (const ing of model.cards) {
    for (const b of ing.backends ?? [])
      if (cardKeys.has(b))
        edges.push({
          id: `ing|${ing.key}|${b}`,
          source: ing.key,
          target: b,
          sourceHandle: 'bottom',
          targetHandle: 'top',
          className: 'kc-edge-ing',
        });
  }
  return edges;
}

/**
 * The Service-to-pod edges with the readiness their pods have now: a pod turning ready does not lay the
 * cluster out again (see the runtime's readiness version), so the edges are brought up to date here. The
 * same array when nothing changed.
 */
export function withReadiness(edges: Edge[], podOf: (key: string) => Pod | undefined): Edge[] {
  let out: Edge[] | undefined;
  edges.forEach((e, i) => {
    if (!e.id.startsWith('svc|')) return;
    const p = podOf(e.target);
    const ready = !!p && podReady(p) && !p.metadata?.deletionTimestamp;
    if ((e.data as { ready?: boolean } | undefined)?.ready === ready) return;
    out ??= [...edges];
    const edge: Edge = {
      ...e,
      className: ready ? 'kc-edge-svc' : 'kc-edge-svc kc-edge-notready',
      data: { ...e.data, ready },
    };
    describeEdge(edge); // its name says whether the pod is ready
    out[i] = edge;
  });
  return out ?? edges;
}

/**
 * Lays out the model. `lowDetail` (zoomed far out) leaves pods out as nodes: each Node card then shows
 * its pods as a strip of dots, and pod edges are not drawn.
 */
/** A rectangle of the flow (the visible part of the canvas, with a margin). */
export interface FlowRect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * From this many drawn objects, each comes with its size (`measured`: the size it is drawn at) and where
 * its handles are (`handles`, exactly where React Flow's styles put them). React Flow draws a node it
 * knows no handles of once, to measure it, even when only what is in view is drawn: a big import's
 * hundreds of cards and pods out of view were drawn, measured and removed again in one task. With the
 * size known, fit view counts every node, drawn or not. mergeNodes drops the handles once React Flow
 * holds them.
 */
export const INITIAL_HANDLES_FROM = 300;

/** Workload kinds a Service can be connected to (CardNode's accept handle). */
const ACCEPTS_LINK = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'Service']);

/**
 * The handles a node draws, where React Flow's styles put them: centred on the middle of a side, 4 px
 * (src/index.css), the link and accept handles 12 px at 72% of the height.
 */
function initialHandles(n: Node): NodeHandle[] {
  const w = n.width ?? 0;
  const h = n.height ?? 0;
  // The same array for the same kind and size, so that a layout leaves an unchanged node as it was.
  const id = `${n.type ?? ''}:${n.type === 'card' ? (n.data as CardData).kind : ''}:${w}x${h}`;
  let list = handleSets.get(id);
  if (!list) handleSets.set(id, (list = handlesOf(n, w, h)));
  return list;
}
const handleSets = new Map<string, NodeHandle[]>();

function handlesOf(n: Node, w: number, h: number): NodeHandle[] {
  const at = (id: string, type: 'source' | 'target', position: Position, size = 4, y = h / 2): NodeHandle => {
    const x = position === Position.Left ? 0 : position === Position.Right ? w : w / 2;
    const cy = position === Position.Top ? 0 : position === Position.Bottom ? h : y;
    return { id, type, position, x: x - size / 2, y: cy - size / 2, width: size, height: size };
  };
  if (n.type === 'pod')
    return [
      at('in', 'target', Position.Left),
      at('right', 'target', Position.Right),
      at('bottom', 'source', Position.Bottom),
    ];
  if (n.type !== 'card') return [];
  const kind = (n.data as CardData).kind;
  const out = [
    at('out', 'source', Position.Right),
    at('left', 'source', Position.Left),
    at('right', 'target', Position.Right),
    at('top', 'target', Position.Top),
    at('bottom', 'source', Position.Bottom),
  ];
  if (kind === 'Service' || kind === 'Ingress') out.push(at('link', 'source', Position.Left, 12, h * 0.72));
  if (ACCEPTS_LINK.has(kind)) out.push(at('accept', 'target', Position.Right, 12, h * 0.72));
  return out;
}

/** From this many pods, only the Nodes in view (`visible`) draw their pods one by one. */
export const CULL_PODS = 1500;

/** More pods than this waiting in the Unscheduled area are not drawn one by one when zoomed far out. */
export const MAX_PENDING_DRAWN = 300;

/**
 * The pending pods drawn in the Unscheduled area, in their slots (null: a slot not drawn). Thousands of
 * them (a big design imported without Nodes) cost what is on screen: zoomed far out the area shows their
 * count only, zoomed in only those in view are drawn.
 */
function pendingDrawn(
  pending: PodModel[],
  areaPos: XY,
  lowDetail: boolean,
  visible: FlowRect | null,
): Array<PodModel | null> {
  if (pending.length <= MAX_PENDING_DRAWN) return pending;
  if (lowDetail) return [];
  if (!visible) return pending;
  const x0 = areaPos.x;
  const x1 = areaPos.x + areaWidth(pending.length);
  if (x1 < visible.x0 || x0 > visible.x1) return [];
  const perRow = areaPodsPerRow(pending.length);
  return pending.map((p, i) => {
    const at = podOffset(i, perRow, AREA_HEADER);
    const x = areaPos.x + at.x;
    const y = areaPos.y + at.y;
    const seen = y + POD_H >= visible.y0 && y <= visible.y1 && x + POD_W >= visible.x0 && x <= visible.x1;
    return seen ? p : null;
  });
}

/**
 * Lays out the model. When `visible` is given and there are more than CULL_PODS pods, only the Nodes that
 * meet it get their pods as nodes (the others show counts), and more than MAX_PENDING_DRAWN pending pods
 * are drawn only in the rows that meet it: a cluster of thousands of pods costs what is on screen.
 */
export function layoutGraph(
  model: ClusterModel,
  positions: Record<string, XY>,
  lowDetail: boolean,
  focus: string | null = null,
  visible: FlowRect | null = null,
): Graph {
  const byNode = new Map<string, PodModel[]>();
  const pending: PodModel[] = [];
  const nodeNames = new Set(model.nodes.map((n) => n.name));
  for (const p of model.pods) {
    if (!p.node || !nodeNames.has(p.node)) pending.push(p);
    else {
      const list = byNode.get(p.node);
      if (list) list.push(p);
      else byNode.set(p.node, [p]);
    }
  }
  const counts = new Map([...byNode].map(([k, v]) => [k, v.length]));
  const areaH = areaHeight(pending.length);
  let areaPos = positions[UNSCHEDULED_ID] ?? { x: NODES_X, y: 0 };
  const vmTop = Math.max(areaPos.y + AREA_HEADER + 2 * (POD_H + POD_GAP) + VM_PAD + COL_GAP, 0);
  const vmPos = placeVms(model.nodes, counts, positions, vmTop);
  const perRow = nodesPerRow(model.nodes.length);
  // Services and Ingresses right of the Nodes, and of the Unscheduled area where it is wider.
  const rightX = Math.max(
    NODES_X + Math.min(perRow, Math.max(1, model.nodes.length)) * (VM_W + COL_GAP),
    areaPos.x + areaWidth(pending.length) + COL_GAP,
  );
  const cardPos = placeCards(model.cards, positions, vmTop, rightX, areaPos.y);
  // A Node grown past one row of pods (or an Unscheduled area past one row) draws what stands below it
  // lower, so that it covers nothing; the design's positions stay as they are (see room.ts).
  const boxes: RoomBox[] = [
    { key: UNSCHEDULED_ID, ...areaPos, w: areaWidth(pending.length), base: areaHeight(0), h: areaH },
    ...model.nodes.map((n) => ({
      key: n.key,
      ...(vmPos.get(n.key) ?? { x: 0, y: 0 }),
      w: VM_W,
      base: vmHeight(0),
      h: vmHeight(counts.get(n.name) ?? 0),
    })),
    ...model.cards.map((c) => ({
      key: c.key,
      ...(cardPos.get(c.key) ?? { x: 0, y: 0 }),
      w: CARD_W,
      base: CARD_H,
      h: CARD_H,
    })),
  ];
  for (const [key, y] of makeRoom(boxes)) {
    if (key === UNSCHEDULED_ID) areaPos = { x: areaPos.x, y };
    const at = vmPos.get(key) ?? cardPos.get(key);
    if (at) (vmPos.has(key) ? vmPos : cardPos).set(key, { x: at.x, y });
  }
  const nodes: Node[] = [
    {
      id: UNSCHEDULED_ID,
      type: 'unscheduled',
      focusable: false,
      position: areaPos,
      width: areaWidth(pending.length),
      height: areaH,
      data: { count: pending.length } satisfies AreaData,
      selectable: false,
    },
  ];
  // Zoomed far out, hundreds of cards are one drawing (no card is a node, so no link reaches one). It comes
  // right after the Unscheduled area: the canvas tells an overview layout by its second node.
  const overview = lowDetail && model.cards.length >= OVERVIEW_FROM_CARDS;
  if (overview) nodes.push(overviewNode(model.cards, cardPos));
  const inView = (key: string, h: number): boolean => {
    const p = vmPos.get(key);
    if (!visible || !p || model.pods.length <= CULL_PODS) return true;
    return p.x + VM_W >= visible.x0 && p.x <= visible.x1 && p.y + h >= visible.y0 && p.y <= visible.y1;
  };
  const drawn = new Set<string>();
  for (const n of model.nodes) {
    const pods = byNode.get(n.name) ?? [];
    const show = !lowDetail && inView(n.key, vmHeight(pods.length));
    if (show) drawn.add(n.name);
    nodes.push({
      id: n.key,
      type: 'vm',
      ariaLabel: keyLabel(n.key),
      position: vmPos.get(n.key) ?? { x: 0, y: 0 },
      width: VM_W,
      height: vmHeight(pods.length),
      data: { requested: n.requested, pods: show ? null : pods.map((p) => p.key) } satisfies VmData,
    });
  }
  for (const c of overview ? [] : model.cards) {
    nodes.push({
      id: c.key,
      type: 'card',
      ariaLabel: keyLabel(c.key),
      position: cardPos.get(c.key) ?? { x: 0, y: 0 },
      width: CARD_W,
      height: CARD_H,
      data: { kind: c.kind } satisfies CardData,
      // Cards that can be connected say so: their description names the C key (keyboard.tsx).
      ...(canLink(c.kind) ? { domAttributes: { 'aria-describedby': CONNECT_DESCRIPTION_ID } } : {}),
    });
  }
  const podData: PodData = {};
  const placePods = (
    list: ReadonlyArray<PodModel | null>,
    parent: string,
    perRow: number,
    top: number,
  ): void => {
    list.forEach((p, i) => {
      if (!p) return;
      nodes.push({
        id: p.key,
        type: 'pod',
        ariaLabel: keyLabel(p.key),
        parentId: parent,
        position: podOffset(i, perRow, top),
        width: POD_W,
        height: POD_H,
        data: podData,
        draggable: false,
      });
    });
  };
  placePods(
    pendingDrawn(pending, areaPos, lowDetail, visible),
    UNSCHEDULED_ID,
    areaPodsPerRow(pending.length),
    AREA_HEADER,
  );
  for (const n of model.nodes)
    if (drawn.has(n.name)) placePods(byNode.get(n.name) ?? [], n.key, PODS_PER_ROW, VM_HEADER);
  const placed = new Set<string>();
  for (const n of nodes) if (n.type === 'pod') placed.add(n.id);
  if (nodes.length > INITIAL_HANDLES_FROM)
    for (const n of nodes) {
      n.handles = initialHandles(n);
      n.measured = { width: n.width ?? 0, height: n.height ?? 0 };
    }
  // Each object and link says its kind and what it is to a screen reader (nodes/a11y.ts).
  for (const n of nodes) describeNode(n);
  const edges = overview ? [] : edgesFor(model, placed, focus);
  for (const e of edges) describeEdge(e);
  return { nodes, edges };
}

/** The box around a layout's top-level objects (a pod is inside its Node), or null for none. */
export function layoutBounds(
  nodes: readonly Node[],
): { x: number; y: number; width: number; height: number } | null {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const n of nodes) {
    if (n.parentId || n.hidden) continue;
    x0 = Math.min(x0, n.position.x);
    y0 = Math.min(y0, n.position.y);
    x1 = Math.max(x1, n.position.x + (n.width ?? 0));
    y1 = Math.max(y1, n.position.y + (n.height ?? 0));
  }
  return x0 === Infinity ? null : { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}
