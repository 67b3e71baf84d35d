/**
 * Clients on the canvas: one "Clients" element per TrafficSource (the internet's users sending requests
 * to a Service or an Ingress, src/engine/network/traffic), linked to its target by an edge that carries
 * the requests (drawn with moving dots, see trafficEdges.ts). Placed at its authored position, else just
 * right of its target card (Services and Ingresses are the right-hand column: requests come from outside).
 * Pure over a read-only store: no React.
 */
import { keyOf, objectKey, TRAFFIC_SOURCE_KIND, type ReadonlyStore, type TrafficSource } from '../../engine';
import type { Edge, Node } from '@xyflow/react';
import type { XY } from '../../store';
import { CARD_W, keyLabel, OVERVIEW_ID, type Graph, type OverviewData } from './layout';
import { describeEdge, describeNode } from './nodes/a11y';

export const CLIENTS_W = 176;
export const CLIENTS_H = 72;
const GAP_X = 120;

/** The React Flow node type of a Clients element. */
export const CLIENTS_TYPE = 'clients';

/** What a Clients element draws (the rest it reads from its TrafficSource). */
export interface ClientsData extends Record<string, unknown> {
  /** Store key of the Service or Ingress the requests go to. */
  target: string;
}

/** The drawn edge id of a source's requests to its target. */
export function clientsEdgeId(sourceKey: string): string {
  return `src|${sourceKey}`;
}

/** The store key of a source's target. */
export function targetOf(src: TrafficSource): string {
  const t = src.spec.target;
  return objectKey(t.kind, t.namespace ?? src.metadata.namespace, t.name);
}

/** Where the overview draws a card, as a node's position and width. */
function overviewBox(overview: Node | undefined, key: string): Pick<Node, 'position' | 'width'> | undefined {
  const c = (overview?.data as OverviewData | undefined)?.cards.find((card) => card.key === key);
  if (!overview || !c) return undefined;
  return { position: { x: overview.position.x + c.x, y: overview.position.y + c.y }, width: CARD_W };
}

/**
 * The graph with a Clients element and its edge for every TrafficSource that sends from outside (sources
 * with `from` are pods calling a Service, drawn by their own pods).
 */
export function withClients(graph: Graph, store: ReadonlyStore, positions: Record<string, XY>): Graph {
  const sources = store.list<TrafficSource>(TRAFFIC_SOURCE_KIND).filter((s) => !s.spec?.from);
  if (sources.length === 0) return graph;
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const nodes = [...graph.nodes];
  const edges = [...graph.edges];
  const stacked = new Map<string, number>();
  let spare = 0;
  for (const src of sources) {
    const key = keyOf(src);
    const target = targetOf(src);
    const card = byId.get(target);
    // A card drawn in the overview (zoomed far out) is not a node: its clients keep their place by it.
    const box = card ?? overviewBox(byId.get(OVERVIEW_ID), target);
    let at = positions[key];
    if (!at && box) {
      // Two sources to one target stack down the right of it.
      const n = stacked.get(target) ?? 0;
      stacked.set(target, n + 1);
      at = {
        x: box.position.x + (box.width ?? 200) + GAP_X,
        y: box.position.y + n * (CLIENTS_H + 16),
      };
    }
    at ??= { x: 0, y: -(CLIENTS_H + 40) * (1 + spare++) };
    const node: Node = {
      id: key,
      type: CLIENTS_TYPE,
      ariaLabel: `Clients ${src.metadata.name}, ${keyLabel(target)}`,
      position: at,
      width: CLIENTS_W,
      height: CLIENTS_H,
      data: { target } satisfies ClientsData,
    };
    describeNode(node);
    nodes.push(node);
    if (card) {
      const edge: Edge = {
        id: clientsEdgeId(key),
        source: key,
        target,
        sourceHandle: 'out',
        targetHandle: 'right',
        className: 'kc-edge-clients',
      };
      describeEdge(edge);
      edges.push(edge);
    }
  }
  return { nodes, edges };
}

/**
 * Where Tidy up puts the Clients: just right of their target's new place (stacked when several share
 * one), as withClients places them when they have no position of their own.
 */
export function clientsAfterTidy(
  store: ReadonlyStore,
  positions: Record<string, XY>,
  cardWidth: number,
): Record<string, XY> {
  const out: Record<string, XY> = {};
  const stacked = new Map<string, number>();
  for (const src of store.list<TrafficSource>(TRAFFIC_SOURCE_KIND)) {
    if (src.spec?.from) continue;
    const target = targetOf(src);
    const at = positions[target];
    if (!at) continue;
    const n = stacked.get(target) ?? 0;
    stacked.set(target, n + 1);
    out[keyOf(src)] = { x: at.x + cardWidth + GAP_X, y: at.y + n * (CLIENTS_H + 16) };
  }
  return out;
}
