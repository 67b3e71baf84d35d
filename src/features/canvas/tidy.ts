/**
 * Tidy up: an automatic layout of the whole canvas without overlaps. The Nodes (VMs) form one block, a
 * grid with the Unscheduled area above it; dagre (loaded on first use) ranks the cards around that block
 * from left to right: controllers, claims, ConfigMaps and node groups, then the block of Nodes (where
 * their pods run), then Services, then Ingresses, ordering each column to cross as few links as possible.
 */
import type DagreModule from '@dagrejs/dagre';
import type { XY } from '../../store';
import { CARD_H, CARD_W, nodesPerRow, UNSCHEDULED_ID, VM_W, vmHeight, areaHeight, areaWidth } from './layout';
import type { CardModel, ClusterModel } from './model';

type Dagre = typeof DagreModule;

const GAP = 40;
const CLUSTER = 'cluster:nodes';

/** Loads dagre (its own chunk) and lays the model out. */
export async function tidyUp(model: ClusterModel): Promise<Record<string, XY>> {
  const mod = await import('@dagrejs/dagre');
  return tidyPositions(model, mod.default);
}

function column(card: CardModel): 'left' | 'service' | 'ingress' {
  if (card.kind === 'Service') return 'service';
  if (card.kind === 'Ingress') return 'ingress';
  return 'left';
}

function selects(selector: Record<string, string>, labels: Record<string, string>): boolean {
  const entries = Object.entries(selector);
  return entries.length > 0 && entries.every(([k, v]) => labels[k] === v);
}

/** Positions (top-left corners) for every card, Node and the Unscheduled area. Pure. */
export function tidyPositions(model: ClusterModel, dagre: Dagre): Record<string, XY> {
  // The block of Nodes: a grid, rows as tall as their tallest Node, the Unscheduled area on top.
  const counts = new Map<string, number>();
  let pending = 0;
  const nodeNames = new Set(model.nodes.map((n) => n.name));
  for (const p of model.pods)
    if (p.node && nodeNames.has(p.node)) counts.set(p.node, (counts.get(p.node) ?? 0) + 1);
    else pending++;
  const perRow = nodesPerRow(model.nodes.length);
  const inBlock = new Map<string, XY>();
  const areaH = areaHeight(pending);
  let y = areaH + GAP;
  let width = areaWidth(pending);
  for (let row = 0; row * perRow < model.nodes.length; row++) {
    const slice = model.nodes.slice(row * perRow, (row + 1) * perRow);
    let tallest = 0;
    slice.forEach((n, col) => {
      tallest = Math.max(tallest, vmHeight(counts.get(n.name) ?? 0));
      inBlock.set(n.key, { x: col * (VM_W + GAP), y });
      width = Math.max(width, col * (VM_W + GAP) + VM_W);
    });
    y += tallest + GAP;
  }
  const height = y - GAP;

  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 24, ranksep: 96, marginx: 40, marginy: 40 });
  g.setDefaultEdgeLabel(() => ({}));
  g.setNode(CLUSTER, { width, height });
  for (const c of model.cards) g.setNode(c.key, { width: CARD_W, height: CARD_H });
  // Which controllers each Service's pods belong to, and each controller's claims.
  const owners = new Map<string, Set<string>>();
  const claims = new Map<string, Set<string>>();
  for (const p of model.pods) {
    if (!p.owner) continue;
    for (const c of p.claims) (claims.get(p.owner) ?? claims.set(p.owner, new Set()).get(p.owner))?.add(c);
  }
  for (const s of model.cards) {
    if (s.kind !== 'Service' || !s.selector) continue;
    const set = new Set<string>();
    for (const p of model.pods)
      if (p.owner && p.namespace === s.namespace && selects(s.selector, p.labels)) set.add(p.owner);
    owners.set(s.key, set);
  }
  const cards = new Set(model.cards.map((c) => c.key));
  const claimed = new Set([...claims.values()].flatMap((s) => [...s]));
  for (const c of model.cards) {
    const col = column(c);
    if (col === 'left') {
      // Claims sit left of their controller; everything on the left links to the block of Nodes.
      if (c.kind === 'PersistentVolumeClaim' && claimed.has(c.key)) {
        for (const [owner, set] of claims) if (set.has(c.key) && cards.has(owner)) g.setEdge(c.key, owner);
      } else g.setEdge(c.key, CLUSTER, { weight: 2 });
    } else if (col === 'service') g.setEdge(CLUSTER, c.key, { weight: 2 });
    else {
      const backends = (c.backends ?? []).filter((b) => cards.has(b));
      if (backends.length === 0) g.setEdge(CLUSTER, c.key, { minlen: 2 });
      for (const b of backends) g.setEdge(b, c.key, { weight: 3 });
    }
  }
  // Services next to the controllers they select: an edge of weight 0 only orders the columns.
  for (const [svc, set] of owners)
    for (const owner of set) if (cards.has(owner)) g.setEdge(owner, svc, { weight: 0, minlen: 2 });
  dagre.layout(g);

  const out: Record<string, XY> = {};
  const corner = (key: string): XY => {
    const n = g.node(key) as { x: number; y: number; width: number; height: number };
    return { x: Math.round(n.x - n.width / 2), y: Math.round(n.y - n.height / 2) };
  };
  for (const c of model.cards) out[c.key] = corner(c.key);
  const origin = corner(CLUSTER);
  out[UNSCHEDULED_ID] = origin;
  for (const [key, p] of inBlock) out[key] = { x: origin.x + p.x, y: origin.y + p.y };
  return out;
}
