/**
 * The cluster autoscaler's scale-down (cluster-autoscaler/core/scaledown): unneeded nodes (below
 * --scale-down-utilization-threshold, every pod movable and fitting elsewhere in a simulation), removed after
 * --scale-down-unneeded-time: empty ones up to 10 at once, one non-empty node at a time, tainted
 * ToBeDeletedByClusterAutoscaler, drained with the eviction API's PDB check, then deleted.
 */
import { Prng } from '../../../lib';
import { keyOf } from '../../api/meta';
import { labelSelectorAsSelector } from '../../api/labels';
import type { KubeObject, Node, Pod, PodDisruptionBudget } from '../../api/types';
import type { ControllerContext } from '../../core/controller';
import { defaultProfile, schedulePod, Snapshot } from '../../scheduler';
import { blockingReason, podsToMove, SCALE_DOWN_DISABLED, utilization } from './drain';
import { bounds, type NodeGroup } from './nodeGroup';

type P = Pod & KubeObject;
type N = Node & KubeObject;
type PDB = PodDisruptionBudget & KubeObject;

/** --scale-down-unneeded-time: how long a node stays unneeded before it is removed. */
export const SCALE_DOWN_UNNEEDED_MS = 10 * 60_000;
/** --scale-down-utilization-threshold: below this share of allocatable a node may be unneeded. */
export const SCALE_DOWN_UTILIZATION_THRESHOLD = 0.5;
/** The NoSchedule taint on a node the autoscaler is removing. */
export const TO_BE_DELETED_TAINT = 'ToBeDeletedByClusterAutoscaler';
const MAX_EMPTY_BULK_DELETE = 10;

/** Scale-down state: unneeded nodes since when, and nodes being removed. */
export class ScaleDown {
  readonly unneeded = new Map<string, number>();
  readonly deleting = new Set<string>();

  /** Unneeded nodes are tracked on every loop; removal waits while `coolingDown` (delay after add). */
  run(
    groups: NodeGroup[],
    ctx: ControllerContext,
    nodesOf: (g: NodeGroup) => N[],
    size: (g: NodeGroup) => number,
    coolingDown: boolean,
  ): void {
    let snap: Snapshot | undefined;
    const ready: Array<{ node: N; empty: boolean }> = [];
    const seen = new Set<string>();
    for (const g of groups) {
      if (g.spec?.serverless) continue;
      let room = size(g) - bounds(g).min;
      for (const node of nodesOf(g)) {
        const name = node.metadata.name;
        seen.add(name);
        if (this.deleting.has(name)) continue;
        snap ??= Snapshot.fromStore(ctx.store);
        if (room <= 0 || !this.isUnneeded(node, snap, ctx)) {
          this.unneeded.delete(name);
          continue;
        }
        const since = this.unneeded.get(name) ?? ctx.now;
        this.unneeded.set(name, since);
        if (!coolingDown && ctx.now - since >= SCALE_DOWN_UNNEEDED_MS) {
          ready.push({ node, empty: podsToMove(name, ctx.store).length === 0 });
          room--;
        }
      }
    }
    for (const name of [...this.unneeded.keys()]) if (!seen.has(name)) this.unneeded.delete(name);
    const empty = ready.filter((r) => r.empty).slice(0, MAX_EMPTY_BULK_DELETE);
    for (const r of empty) this.removeNode(r.node, true, ctx);
    const drain = ready.find((r) => !r.empty);
    if (empty.length === 0 && drain) this.removeNode(drain.node, false, ctx);
  }

  /** A node is unneeded when lightly used and its pods can all go elsewhere (simulated in `snap`). */
  private isUnneeded(node: N, snap: Snapshot, ctx: ControllerContext): boolean {
    const name = node.metadata.name;
    if (node.metadata.annotations?.[SCALE_DOWN_DISABLED] === 'true') return false;
    if (node.status?.conditions?.find((c) => c.type === 'Ready')?.status !== 'True') return false;
    if (utilization(node, ctx.store) >= SCALE_DOWN_UTILIZATION_THRESHOLD) return false;
    const pods = podsToMove(name, ctx.store);
    if (pods.some((p) => blockingReason(p, ctx.store) !== undefined)) return false;
    const info = snap.byName.get(name);
    if (!info) return false;
    const saved = info.node;
    snap.upsertNode({ ...saved, spec: { ...saved.spec, unschedulable: true } });
    const profile = defaultProfile();
    const rng = new Prng(1);
    const placed: string[] = [];
    let ok = true;
    for (const p of pods) {
      const r = schedulePod(profile, snap, { ...p, spec: { ...p.spec!, nodeName: '' } } as P, rng);
      if (!r.selected || r.selected.name === name) {
        ok = false;
        break;
      }
      const moved = {
        ...p,
        metadata: { ...p.metadata, name: `${p.metadata.name}-moved` },
        spec: { ...p.spec!, nodeName: r.selected.name },
      };
      snap.upsertPod(moved);
      placed.push(keyOf(moved));
    }
    if (!ok) {
      for (const k of placed) snap.removePod(k);
      snap.upsertNode(saved);
    }
    return ok;
  }

  private removeNode(node: N, empty: boolean, ctx: ControllerContext): void {
    const name = node.metadata.name;
    this.unneeded.delete(name);
    this.deleting.add(name);
    const taint = {
      key: TO_BE_DELETED_TAINT,
      value: String(Math.floor(ctx.now / 1000)),
      effect: 'NoSchedule' as const,
    };
    const tainted = ctx.update<N>({
      ...node,
      spec: { ...node.spec, taints: [...(node.spec?.taints ?? []), taint] },
    });
    if (empty) {
      ctx.event(tainted, 'Normal', 'ScaleDownEmpty', `Scale-down: removing empty node "${name}"`);
      ctx.delete(tainted);
      this.deleting.delete(name);
      return;
    }
    ctx.event(tainted, 'Normal', 'ScaleDown', 'marked the node as toBeDeleted/unschedulable');
    for (const p of podsToMove(name, ctx.store)) {
      if (!this.consumePdb(p, ctx)) continue;
      ctx.event(p, 'Normal', 'ScaleDown', 'deleting pod for node scale down');
      ctx.delete(p);
    }
  }

  /** The eviction API's PDB check: a Ready pod consumes one disruption of each PDB that selects it. */
  private consumePdb(p: P, ctx: ControllerContext): boolean {
    const pdbs = ctx.store
      .list<PDB>('PodDisruptionBudget', p.metadata.namespace)
      .filter((b) => labelSelectorAsSelector(b.spec?.selector).matches(p.metadata.labels));
    if (pdbs.some((b) => (b.status?.disruptionsAllowed ?? 0) < 1)) return false;
    for (const b of pdbs)
      ctx.update({
        ...b,
        status: { ...b.status!, disruptionsAllowed: (b.status?.disruptionsAllowed ?? 0) - 1 },
      });
    return true;
  }

  /** A drained node is deleted once the pods it had to move are gone. */
  finishDeletions(ctx: ControllerContext): void {
    for (const name of [...this.deleting]) {
      const node = ctx.store.get<N>('Node', undefined, name);
      if (!node) {
        this.deleting.delete(name);
        continue;
      }
      const left = ctx.store.podsOnNode(name).filter((p) => !isGone(p) && controllerKind(p) !== 'DaemonSet');
      if (left.length > 0) continue;
      ctx.event(node, 'Normal', 'ScaleDown', `Scale-down: node ${name} removed with drain`);
      ctx.delete(node);
      this.deleting.delete(name);
    }
  }
}

function isGone(p: P): boolean {
  return p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
}

function controllerKind(p: P): string | undefined {
  return p.metadata.ownerReferences?.find((r) => r.controller)?.kind;
}
