/**
 * Runs one plugin the way upstream's plugin tests do (PreFilter then Filter per node; PreScore, Score per
 * node, NormalizeScore), over a snapshot built from plain nodes and pods. For tests and tools.
 */
import type { KubeObject, Node, Pod } from '../../api/types';
import { Snapshot } from './nodeInfo';
import { newCycleState } from './runtime';
import type { CycleState, Plugin, Status } from './types';

/** A snapshot of the nodes and the pods bound to them (spec.nodeName). */
export function snapshotOf(nodes: Array<Node & KubeObject>, pods: Array<Pod & KubeObject> = []): Snapshot {
  const s = new Snapshot();
  for (const n of nodes) s.upsertNode(n);
  for (const p of pods) s.upsertPod(p);
  return s;
}

/** PreFilter then Filter on every node: the status per node name (Success when the node fits). */
export function runFilterPlugin(
  plugin: Plugin,
  pod: Pod & KubeObject,
  snapshot: Snapshot,
): Map<string, Status> {
  const state = newCycleState(pod, snapshot);
  const out = new Map<string, Status>();
  const pre = plugin.preFilter?.(state);
  const preStatus = pre && 'code' in pre ? pre : pre?.status;
  for (const n of snapshot.nodes) {
    if (preStatus && preStatus.code !== 'Success' && preStatus.code !== 'Skip') {
      out.set(n.name, { code: preStatus.code, reasons: [...preStatus.reasons] });
      continue;
    }
    const s = preStatus?.code === 'Skip' ? undefined : plugin.filter?.(state, n);
    // Statuses as the plugin words them, without the plugin tag some carry.
    out.set(n.name, s ? { code: s.code, reasons: [...s.reasons] } : { code: 'Success', reasons: [] });
  }
  return out;
}

/** PreScore (over the given or all nodes), Score and NormalizeScore: the scores in node order. */
export function runScorePlugin(
  plugin: Plugin,
  pod: Pod & KubeObject,
  snapshot: Snapshot,
  nodeNames?: string[],
): { scores: number[]; skipped: boolean; state: CycleState } {
  const state = newCycleState(pod, snapshot);
  const nodes = nodeNames
    ? nodeNames.map((n) => snapshot.byName.get(n)).filter((n) => n !== undefined)
    : snapshot.nodes;
  const pre = plugin.preScore?.(state, nodes);
  if (pre?.code === 'Skip') return { scores: nodes.map(() => 0), skipped: true, state };
  const scores = nodes.map((n) => plugin.score?.(state, n) ?? 0);
  plugin.normalizeScore?.(state, scores, nodes);
  return { scores, skipped: false, state };
}
