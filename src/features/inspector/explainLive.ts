/**
 * The scheduler's explanation of one pod of the live cluster: a fresh snapshot of the store's nodes and
 * pods without the pod itself, then the engine's `explainPod` over it (every node filtered, every feasible
 * node scored). For a bound pod this answers "where would the scheduler put it now", which can differ
 * from where it went when the cluster was different; the inspector says so.
 */
import {
  SchedulerSnapshot,
  explainPod,
  keyOf,
  type KubeObject,
  type Pod,
  type PodExplanation,
  type ReadonlyStore,
} from '../../engine';

/** Explains `pod` against the current state of `store`. Reads only; the store is not changed. */
export function explainLive(store: ReadonlyStore, pod: Pod & KubeObject): PodExplanation {
  const snapshot = SchedulerSnapshot.fromStore(store);
  snapshot.removePod(keyOf(pod));
  const unbound: Pod & KubeObject = {
    ...pod,
    spec: { ...pod.spec, containers: pod.spec?.containers ?? [] },
  };
  if (unbound.spec) delete unbound.spec.nodeName;
  return explainPod(snapshot, unbound);
}

/** A row of the explanation table, ready to print. */
export interface ExplainRow {
  node: string;
  verdict: string;
  /** Per plugin, in the explanation's plugin order; empty for nodes filtered out. */
  scores: Array<[string, number]>;
  total: number | undefined;
  chosen: boolean;
  feasible: boolean;
}

/** The plugin names that scored, in order (the table's columns). */
export function scorePlugins(e: PodExplanation): string[] {
  const seen = new Set<string>();
  for (const n of e.nodes) for (const p of Object.keys(n.scores ?? {})) seen.add(p);
  return [...seen];
}

/**
 * Table rows: the verdict as the scheduler words it (`Insufficient cpu (NodeResourcesFit)`), the scores,
 * and which node is chosen (the pod's own node when bound, else the explanation's pick).
 */
export function explainRows(e: PodExplanation, boundNode: string | undefined): ExplainRow[] {
  const chosen = boundNode || e.selected || '';
  return e.nodes.map((n) => {
    const ok = n.filter.status === 'Success';
    const verdict = ok
      ? 'Success'
      : `${n.filter.reason ?? n.filter.status}${n.filter.plugin ? ` (${n.filter.plugin})` : ''}`;
    return {
      node: n.node,
      verdict,
      scores: Object.entries(n.scores ?? {}),
      total: n.total,
      chosen: n.node === chosen,
      feasible: ok,
    };
  });
}
