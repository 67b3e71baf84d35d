/**
 * The scheduling framework's vocabulary (k8s.io/kube-scheduler/framework): status codes, plugin extension
 * points and the per-cycle state. Plugins are plain objects made per profile from their arguments.
 */
import type { KubeObject, Pod } from '../../api/types';
import type { NodeInfo, PodInfo, Snapshot } from './nodeInfo';

/** framework.Code, the subset a simulated cycle produces. */
export type Code = 'Success' | 'Unschedulable' | 'UnschedulableAndUnresolvable' | 'Skip' | 'Error';

/** A plugin's verdict: a code, the reasons in upstream's words, and the plugin that gave it. */
export interface Status {
  code: Code;
  reasons: string[];
  plugin?: string;
}

export const MAX_NODE_SCORE = 100;

export function unschedulable(...reasons: string[]): Status {
  return { code: 'Unschedulable', reasons };
}
export function unresolvable(...reasons: string[]): Status {
  return { code: 'UnschedulableAndUnresolvable', reasons };
}
export const SKIP: Status = { code: 'Skip', reasons: [] };

/**
 * A status made once and shared (frozen), tagged with its plugin: Filter returns it for every rejected node
 * without allocating.
 */
export function constantStatus(plugin: string, code: Code, reason: string): Status {
  return Object.freeze({ code, reasons: Object.freeze([reason]) as string[], plugin });
}

/** What one pod's cycle shares between plugins: the pod, the snapshot, and each plugin's own state. */
export interface CycleState {
  readonly pod: Pod & KubeObject;
  readonly podInfo: PodInfo;
  readonly snapshot: Snapshot;
  /** Plugin-private state by plugin name (PreFilter/PreScore results). */
  readonly data: Map<string, unknown>;
  /** Plugins whose PreFilter or PreScore returned Skip. */
  readonly skipFilter: Set<string>;
  readonly skipScore: Set<string>;
}

/** A PreFilter result: the only node names worth filtering (NodeAffinity's metadata.name terms). */
export interface PreFilterResult {
  nodeNames?: Set<string>;
  status?: Status;
}

/**
 * Plugin state kept in CycleState.data that a what-if changes (PreFilterExtensions): CycleState.Clone
 * copies it with `clone`, other entries are shared.
 */
export interface CloneableState {
  clone(): CloneableState;
}

/** Scores of the nodes of one cycle, by node position (the cycle uses reused Float64Arrays). */
export type ScoreArray = number[] | Float64Array;

/** Plugin.passes' test: true (fits), a Status (Filter's answer), or false (run Filter). */
export type QuickTest = (index: number) => boolean | Status;

/** A plugin with the extension points it implements. */
export interface Plugin {
  readonly name: string;
  preFilter?(state: CycleState): PreFilterResult | Status | undefined;
  /**
   * PreFilterExtensions.AddPod and RemovePod: update this plugin's PreFilter state as if a pod were added
   * to, or removed from, a node (preemption's what-if, nominated pods).
   */
  addPod?(state: CycleState, pod: PodInfo, node: NodeInfo): void;
  removePod?(state: CycleState, pod: PodInfo, node: NodeInfo): void;
  /** Returns undefined for Success. */
  filter?(state: CycleState, node: NodeInfo): Status | undefined;
  /**
   * Whether Filter can reject any node for this pod; false leaves the plugin out of this cycle's filter
   * loop (an optimization without any observable change, evaluated once per cycle after PreFilter).
   */
  filterNeeded?(state: CycleState): boolean;
  /**
   * A quick test by snapshot position, made once per cycle after PreFilter, reading the snapshot's arena and
   * interned domains rather than the NodeInfo: for the node `snapshot.nodes[index]`, `true` means Filter
   * certainly passes it, a Status is what Filter certainly returns, and `false` means Filter must run.
   * Undefined when the plugin has no such test for the pod.
   */
  passes?(state: CycleState): QuickTest | undefined;
  /** Returns SKIP to leave this plugin out of scoring for the pod. */
  preScore?(state: CycleState, nodes: readonly NodeInfo[], indexes?: ArrayLike<number>): Status | undefined;
  score?(state: CycleState, node: NodeInfo): number;
  /**
   * Scores every node at once into `out` (same results as `score` node by node, faster: per-pod work is
   * done once). Optional; `score` is used when absent. `indexes`, when given, are the nodes' positions in
   * the snapshot (`nodes[i] === snapshot.nodes[indexes[i]]`), for reading its arena and interned domains.
   */
  scoreNodes?(
    state: CycleState,
    nodes: readonly NodeInfo[],
    out: ScoreArray,
    indexes?: ArrayLike<number>,
  ): void;
  /** Rewrites the scores in place (0..100). */
  normalizeScore?(state: CycleState, scores: ScoreArray, nodes: readonly NodeInfo[]): void;
}

/** A score plugin with its weight in the profile. */
export interface WeightedPlugin {
  plugin: Plugin;
  weight: number;
}
