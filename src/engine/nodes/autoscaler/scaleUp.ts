/**
 * The cluster autoscaler's scale-up simulation (cluster-autoscaler/core/scaleup, estimator/binpacking):
 * which pending pods the scheduler could place on the nodes there are or that are booting
 * (filterOutSchedulable), and how many template nodes of a group the rest need, simulated with the
 * scheduler's own cycle.
 */
import { Prng } from '../../../lib';
import { keyOf } from '../../api/meta';
import type { DaemonSet, KubeObject, Pod } from '../../api/types';
import type { ReadonlyStore } from '../../core/objectStore';
import { nodeShouldRunDaemonPod } from '../../controllers';
import type { ControllerContext } from '../../core/controller';
import { defaultProfile, schedulePod, Snapshot } from '../../scheduler';
import { bounds, SERVERLESS_KEY, templateNode, type NodeGroup } from './nodeGroup';

type P = Pod & KubeObject;
type DS = DaemonSet & KubeObject;

/**
 * Adds a group's template node to a simulation with the DaemonSet pods that would run on it, as the
 * autoscaler's template NodeInfo does (their requests take room on every new node).
 */
export function addTemplateNode(snap: Snapshot, g: NodeGroup, name: string, store: ReadonlyStore): void {
  const node = templateNode(g, name);
  snap.upsertNode(node);
  for (const ds of store.each<DS>('DaemonSet')) {
    const spec = ds.spec?.template.spec;
    if (!spec || !nodeShouldRunDaemonPod(spec, node)) continue;
    snap.upsertPod({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `${ds.metadata.name}-${name}`, namespace: ds.metadata.namespace ?? 'default' },
      spec: { ...spec, nodeName: name },
    });
  }
}

/**
 * filterOutSchedulable: pods that fit on the nodes the cluster has now (or that are booting) are left to
 * the scheduler; only the rest can trigger a scale-up.
 */
export function filterOutSchedulable(
  pods: P[],
  groups: NodeGroup[],
  upcomingOf: (g: NodeGroup) => string[],
  ctx: ControllerContext,
): P[] {
  if (pods.length === 0) return pods;
  const snap = Snapshot.fromStore(ctx.store);
  for (const g of groups)
    if (!g.spec?.serverless) for (const n of upcomingOf(g)) addTemplateNode(snap, g, n, ctx.store);
  const profile = defaultProfile();
  const rng = new Prng(1);
  const out: P[] = [];
  for (const p of pods) {
    const r = schedulePod(profile, snap, p, rng);
    if (r.selected) snap.upsertPod({ ...p, spec: { ...p.spec!, nodeName: r.selected.name } });
    else out.push(p);
  }
  return out;
}

/**
 * The binpacking estimator for one group: pods go first onto the group's booting nodes, then onto as
 * many new template nodes as needed, within maxSize.
 */
export function estimate(
  g: NodeGroup,
  pods: P[],
  upcoming: string[],
  size: number,
  ctx: ControllerContext,
): { newNodes: number; helped: Set<string>; onUpcoming: Set<string>; reasons: Map<string, string> } {
  const snap = new Snapshot(ctx.store);
  const profile = defaultProfile();
  const rng = new Prng(1);
  for (const name of upcoming) addTemplateNode(snap, g, name, ctx.store);
  const upcomingNames = new Set(upcoming);
  const room = bounds(g).max - size;
  let newNodes = 0;
  const helped = new Set<string>();
  const onUpcoming = new Set<string>();
  const reasons = new Map<string, string>();
  for (const pod of pods) {
    let r = schedulePod(profile, snap, pod, rng);
    if (!r.selected && newNodes < room) {
      const name = `template-node-for-${g.metadata.name}-${newNodes}`;
      addTemplateNode(snap, g, name, ctx.store);
      r = schedulePod(profile, snap, pod, rng);
      if (r.selected?.name === name) newNodes++;
      else {
        const s = r.statuses.get(name);
        reasons.set(keyOf(pod), s?.reasons[0] ?? 'node(s) did not fit');
        snap.removeNode(name);
        continue;
      }
    } else if (!r.selected) {
      reasons.set(keyOf(pod), 'max node group size reached');
      continue;
    }
    const node = r.selected!.name;
    snap.upsertPod({ ...pod, spec: { ...pod.spec!, nodeName: node } });
    if (upcomingNames.has(node)) onUpcoming.add(keyOf(pod));
    else helped.add(keyOf(pod));
  }
  return { newNodes, helped, onUpcoming, reasons };
}

/** Whether a serverless group's VM, sized as its template, could run the pod. */
export function fitsServerless(g: NodeGroup, pod: P, ctx: ControllerContext): boolean {
  const snap = new Snapshot(ctx.store);
  const node = templateNode(g, 'template-serverless');
  // The VM is made for the pod: its own taint does not apply to it.
  node.spec = { ...node.spec, taints: (node.spec?.taints ?? []).filter((t) => t.key !== SERVERLESS_KEY) };
  snap.upsertNode(node);
  return schedulePod(defaultProfile(), snap, pod, new Prng(1)).selected !== undefined;
}
