/**
 * DefaultPreemption (pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go and
 * pkg/scheduler/framework/preemption/preemption.go): find nodes where evicting lower-priority pods lets the
 * pod fit, choose victims (most important reprieved first, PodDisruptionBudgets respected where possible),
 * and pick one node by upstream's ordering.
 */
import { parseTimestamp } from '../../../api/time';
import { safeSelector } from '../../../api/labels';
import type { PodDisruptionBudget, KubeObject } from '../../../api/types';
import type { Prng } from '../../../../lib';
import type { Profile } from '../../profile';
import type { NodeInfo, PodInfo } from '../../framework/nodeInfo';
import { cloneCycleState, runAddPod, runFilters, runRemovePod } from '../../framework/runtime';
import { fitErrorMessage, type CycleResult } from '../../framework/cycle';
import type { Status } from '../../framework/types';

/** A node where preemption helps, with its victims. */
export interface Candidate {
  node: NodeInfo;
  victims: PodInfo[];
  numPDBViolations: number;
}

/** The PostFilter outcome: a nominated node and victims, or the message explaining why not. */
export interface PreemptionResult {
  candidate?: Candidate;
  /** The postFilter part of the FailedScheduling message (empty when a node was nominated). */
  message: string;
}

function startTime(p: PodInfo): number {
  const t = p.pod.status?.startTime ?? p.pod.metadata.creationTimestamp;
  return t ? parseTimestamp(t) : 0;
}

/** util.MoreImportantPod: higher priority, then earlier start. */
function moreImportant(a: PodInfo, b: PodInfo): number {
  return b.priority - a.priority || startTime(a) - startTime(b);
}

const NO_VICTIMS: Status = Object.freeze({
  code: 'UnschedulableAndUnresolvable',
  reasons: Object.freeze(['No preemption victims found for incoming pod']) as string[],
});

/** filterPodsWithPDBViolation: victims whose eviction would exceed a budget's disruptionsAllowed, and the rest. */
function splitByPDB(
  pods: readonly PodInfo[],
  pdbs: Array<PodDisruptionBudget & KubeObject>,
): [PodInfo[], PodInfo[]] {
  const allowed = new Map(pdbs.map((b) => [b, b.status?.disruptionsAllowed ?? 0]));
  const violating: PodInfo[] = [];
  const nonViolating: PodInfo[] = [];
  for (const p of pods) {
    let violates = false;
    for (const b of pdbs) {
      if (b.metadata.namespace !== p.namespace) continue;
      const sel = safeSelector(b.spec?.selector);
      if (sel.empty || !sel.matches(p.labels)) continue;
      const left = (allowed.get(b) ?? 0) - 1;
      allowed.set(b, left);
      if (left < 0) violates = true;
    }
    (violates ? violating : nonViolating).push(p);
  }
  return [violating, nonViolating];
}

/**
 * SelectVictimsOnNode on a copy of the node and of the cycle state: remove every lower-priority pod (with
 * PreFilterExtensions.RemovePod), check the pod fits, then reprieve the most important first (AddPod).
 * A Candidate, or the status that says why the node does not help.
 */
function selectVictims(
  profile: Profile,
  result: CycleResult,
  node: NodeInfo,
  pdbs: Array<PodDisruptionBudget & KubeObject>,
): Candidate | Status {
  const me = result.state.podInfo;
  const state = cloneCycleState(result.state);
  const clone = node.clone();
  const lower = [...clone.pods.values()].filter((p) => p.priority < me.priority);
  if (lower.length === 0) return NO_VICTIMS;
  const remove = (p: PodInfo): void => {
    clone.removePod(p.key);
    runRemovePod(profile, state, p, clone);
  };
  const add = (p: PodInfo): void => {
    clone.addPod(p);
    runAddPod(profile, state, p, clone);
  };
  for (const p of lower) remove(p);
  const fit = runFilters(profile, state, clone);
  if (fit) return fit;
  lower.sort(moreImportant);
  const [violating, nonViolating] = splitByPDB(lower, pdbs);
  const victims: PodInfo[] = [];
  let numPDBViolations = 0;
  const reprieve = (p: PodInfo): boolean => {
    add(p);
    if (!runFilters(profile, state, clone)) return true;
    remove(p);
    victims.push(p);
    return false;
  };
  for (const p of violating) if (!reprieve(p)) numPDBViolations++;
  for (const p of nonViolating) reprieve(p);
  // Upstream reports an error when every pod was reprieved; no candidate either way.
  if (victims.length === 0) return NO_VICTIMS;
  return { node, victims: victims.sort(moreImportant), numPDBViolations };
}

/** SelectVictimsOnNode for one node after a failed cycle (for tests and tools): a Candidate or a status. */
export function selectVictimsOnNode(
  profile: Profile,
  result: CycleResult,
  node: NodeInfo,
  pdbs: Array<PodDisruptionBudget & KubeObject> = [],
): Candidate | Status {
  return selectVictims(profile, result, node, pdbs);
}

/** pickOneNodeForPreemption: fewest PDB violations, lowest top priority, lowest sum, fewest victims, latest start. */
export function pickOneNode(cs: Candidate[]): Candidate | undefined {
  const keys: Array<(c: Candidate) => number> = [
    (c) => c.numPDBViolations,
    (c) => (c.victims[0] as PodInfo).priority,
    (c) => c.victims.reduce((s, v) => s + v.priority + 2147483648, 0),
    (c) => c.victims.length,
    (c) =>
      -Math.min(...c.victims.filter((v) => v.priority === (c.victims[0] as PodInfo).priority).map(startTime)),
  ];
  let rest = cs;
  for (const key of keys) {
    if (rest.length <= 1) break;
    const best = Math.min(...rest.map(key));
    rest = rest.filter((c) => key(c) === best);
  }
  return rest[0];
}

/** Preempt: the whole PostFilter for one pod after a failed cycle. */
export function preempt(
  profile: Profile,
  result: CycleResult,
  pdbs: Array<PodDisruptionBudget & KubeObject>,
  rng: Prng,
): PreemptionResult {
  const pod = result.state.pod;
  if (pod.spec?.preemptionPolicy === 'Never')
    return { message: 'not eligible due to preemptionPolicy=Never.' };
  const nodes = result.state.snapshot.nodes;
  const statuses = new Map<string, Status>();
  const potential: NodeInfo[] = [];
  for (const n of nodes) {
    const s = result.statuses.get(n.name);
    if (s?.code === 'UnschedulableAndUnresolvable')
      statuses.set(n.name, { code: s.code, reasons: ['Preemption is not helpful for scheduling'] });
    else potential.push(n);
  }
  const numCandidates = Math.min(potential.length, Math.max(Math.trunc(nodes.length / 10), 100));
  const offset = potential.length ? rng.int(potential.length) : 0;
  const candidates: Candidate[] = [];
  for (let i = 0; i < potential.length && candidates.length < numCandidates; i++) {
    const n = potential[(offset + i) % potential.length] as NodeInfo;
    const c = selectVictims(profile, result, n, pdbs);
    if ('victims' in c) candidates.push(c);
    else statuses.set(n.name, c);
  }
  const chosen = pickOneNode(candidates);
  if (chosen) return { candidate: chosen, message: '' };
  return { message: `preemption: ${fitErrorMessage(nodes.length, { statuses })}` };
}
