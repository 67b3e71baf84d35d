/**
 * Traffic drawn on the canvas: the traffic model's flows (src/engine/network, one figure per edge and
 * simulated second) matched to the drawn edges, Clients -> Service or Ingress, Ingress -> Service and
 * Service -> pod, and turned into moving dots: more and faster dots for more requests per second, red
 * ones for the share that failed.
 */
import type { Edge } from '@xyflow/react';

/** The requests on one drawn edge. */
export interface EdgeFlow {
  rps: number;
  /** Fraction of these requests that failed there or further on (0..1). */
  failureRate: number;
}

/** A flow as the engine reports it (store keys of sender and receiver). */
export interface FlowLike {
  from: string;
  to: string;
  rps: number;
  failureRate: number;
}

/** The drawn edge id a flow runs along, or undefined when the canvas draws no such edge. */
export function edgeIdOf(flow: FlowLike): string | undefined {
  // Clients (a TrafficSource) to what they call: the Service, or the Ingress's controller (clients.ts).
  if (flow.from.startsWith('TrafficSource/')) return `src|${flow.from}`;
  if (flow.from.startsWith('Service/') && flow.to.startsWith('Pod/')) return `svc|${flow.from}|${flow.to}`;
  if (flow.from.startsWith('Ingress/') && flow.to.startsWith('Service/'))
    return `ing|${flow.from}|${flow.to}`;
  return undefined;
}

/** Flows by drawn edge id (flows on the same edge add up). */
export function flowsByEdge(flows: readonly FlowLike[]): Map<string, EdgeFlow> {
  const out = new Map<string, EdgeFlow>();
  for (const f of flows) {
    const id = edgeIdOf(f);
    if (!id || f.rps <= 0) continue;
    const prev = out.get(id);
    const rps = (prev?.rps ?? 0) + f.rps;
    const failed = (prev ? prev.rps * prev.failureRate : 0) + f.rps * f.failureRate;
    out.set(id, { rps, failureRate: rps > 0 ? failed / rps : 0 });
  }
  return out;
}

/** The edges, those carrying traffic turned into `traffic` edges with their flow (others kept as they are). */
export function withTraffic(edges: readonly Edge[], flows: ReadonlyMap<string, EdgeFlow>): Edge[] {
  if (flows.size === 0) return edges as Edge[];
  return edges.map((e) => {
    const flow = flows.get(e.id);
    return flow ? { ...e, type: 'traffic', data: { ...e.data, flow } } : e;
  });
}

/**
 * The dots of an edge: 1 dot up to 10 rps, one more per tenfold (at most 6); a trip of 2.4 s at 1 rps down
 * to 0.6 s at 1,000 rps and more; failed requests as red dots in proportion, at least one when any fail.
 */
export function dotsFor(flow: EdgeFlow): { count: number; durationS: number; red: number } {
  const decades = Math.log10(Math.max(1, flow.rps));
  const count = Math.min(6, 1 + Math.floor(decades * 1.5));
  const durationS = Math.max(0.6, 2.4 - 0.6 * decades);
  const red = flow.failureRate > 0 ? Math.max(1, Math.round(count * flow.failureRate)) : 0;
  return { count, durationS: Math.round(durationS * 100) / 100, red: Math.min(count, red) };
}

/** A short signature of the flows, to redraw only when what is shown changes. */
export function flowSignature(flows: ReadonlyMap<string, EdgeFlow>): string {
  let s = '';
  for (const [id, f] of flows) {
    const d = dotsFor(f);
    s += `${id}:${d.count}:${d.durationS}:${d.red};`;
  }
  return s;
}
