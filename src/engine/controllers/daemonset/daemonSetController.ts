/**
 * The DaemonSet controller (pkg/controller/daemon): one pod per eligible node, pinned by a node affinity
 * on metadata.name (ReplaceDaemonSetPodNodeNameNodeAffinity) so the scheduler places it; pods for nodes
 * that join later; RollingUpdate (maxUnavailable, maxSurge) and OnDelete; status counts.
 * ControllerRevisions as constructHistory keeps them (pods labelled with the revision's hash, history
 * cleaned beyond revisionHistoryLimit). Approximate: no failed-pod backoff.
 */
import type { DaemonSet, KubeObject, Node, Pod } from '../../api/types';
import { controllerRef, keyOf } from '../../api/meta';
import type { Controller, ControllerContext, ControllerSetup } from '../../core/controller';
import {
  ensureUpdateRevision,
  REVISION_HASH,
  truncateHistory,
  type ControllerRevision,
} from '../util/history';
import { isPodAvailable, isPodReady, scaledValue } from '../util/rollout';
import { isPodActive, ownedOf, ownerKeyOf, readySinceMs, sameJson } from '../util/owned';
import { daemonPodTolerations, nodeShouldRunDaemonPod } from './eligibility';

type DS = DaemonSet & KubeObject;
type P = Pod & KubeObject;
type N = Node & KubeObject;
const HASH = 'controller-revision-hash';

/** The daemonset-controller. */
export class DaemonSetController implements Controller {
  readonly name = 'daemonset-controller';

  setup(s: ControllerSetup): void {
    s.watch('DaemonSet', (e) => s.enqueue(keyOf(e.object)));
    s.watch('Pod', (e) => {
      const k = ownerKeyOf(s.store, e.object, 'DaemonSet');
      if (k) s.enqueue(k);
    });
    s.watch('Node', (e) => {
      if (
        e.type === 'MODIFIED' &&
        sameJson(e.old?.metadata.labels, e.object.metadata.labels) &&
        sameJson(e.old?.spec, e.object.spec)
      )
        return;
      for (const ds of s.store.each<DS>('DaemonSet')) s.enqueue(keyOf(ds));
    });
  }

  sync(key: string, ctx: ControllerContext): void {
    const ds = ctx.store.getByKey<DS>(key);
    if (!ds || ds.metadata.deletionTimestamp) return;
    const { revisions, update } = ensureUpdateRevision(ds, ds.status?.collisionCount ?? 0, ctx);
    const hash = update.metadata.labels?.[REVISION_HASH] ?? update.metadata.name;
    const byNode = new Map<string, P[]>();
    for (const p of ownedOf<P>(ctx.store, ds, 'Pod')) {
      const n = podNode(p);
      if (!isPodActive(p) || !n) continue;
      (byNode.get(n) ?? byNode.set(n, []).get(n)!).push(p);
    }
    const spec = ds.spec?.template?.spec ?? { containers: [] };
    const eligible: N[] = [];
    for (const node of ctx.store.each<N>('Node')) {
      if (nodeShouldRunDaemonPod(spec, node)) eligible.push(node);
      else for (const p of byNode.get(node.metadata.name) ?? []) ctx.delete(p);
    }
    for (const node of eligible) {
      const pods = byNode.get(node.metadata.name) ?? [];
      if (pods.length === 0)
        byNode.set(node.metadata.name, [ctx.create(daemonPod(ds, node.metadata.name, hash))]);
    }
    if (ds.spec?.updateStrategy?.type !== 'OnDelete') this.rollingUpdate(ds, eligible, byNode, hash, ctx);
    this.cleanupHistory(ds, revisions, update, ctx);
    this.updateStatus(ds, eligible, hash, ctx);
  }

  /** cleanupHistory: old revisions beyond revisionHistoryLimit whose hash no pod carries are deleted. */
  private cleanupHistory(
    ds: DS,
    revisions: readonly ControllerRevision[],
    update: ControllerRevision,
    ctx: ControllerContext,
  ): void {
    const hashes = new Set<string>();
    for (const p of ownedOf<P>(ctx.store, ds, 'Pod')) {
      const h = p.metadata.labels?.[HASH];
      if (h) hashes.add(h);
    }
    const old = revisions.filter((r) => r.metadata.name !== update.metadata.name);
    const live = new Set(
      old.filter((r) => hashes.has(r.metadata.labels?.[REVISION_HASH] ?? '')).map((r) => r.metadata.name),
    );
    truncateHistory(old, live, ds.spec?.revisionHistoryLimit ?? 10, ctx, true);
  }

  /** rolling_update.go rollingUpdate: replace old pods within maxUnavailable, or surge within maxSurge. */
  private rollingUpdate(
    ds: DS,
    nodes: N[],
    byNode: Map<string, P[]>,
    hash: string,
    ctx: ControllerContext,
  ): void {
    const ru = ds.spec?.updateStrategy?.rollingUpdate;
    const minReady = ds.spec?.minReadySeconds ?? 0;
    const avail = (p: P): boolean => isPodAvailable(p, minReady, ctx.now, readySinceMs);
    const maxSurge = scaledValue(ru?.maxSurge ?? 0, nodes.length, true);
    const maxUnavailable = maxSurge > 0 ? 0 : scaledValue(ru?.maxUnavailable ?? 1, nodes.length, true);
    let unavailable = nodes.filter((n) => !(byNode.get(n.metadata.name) ?? []).some(avail)).length;
    let surging = 0;
    for (const n of nodes) {
      const pods = byNode.get(n.metadata.name) ?? [];
      const fresh = pods.find((p) => p.metadata.labels?.[HASH] === hash);
      const old = pods.filter((p) => p.metadata.labels?.[HASH] !== hash);
      if (old.length === 0) continue;
      if (maxSurge > 0) {
        if (fresh && avail(fresh)) for (const p of old) ctx.delete(p);
        else if (fresh) surging++;
        else if (surging < maxSurge) {
          ctx.create(daemonPod(ds, n.metadata.name, hash));
          surging++;
        }
        continue;
      }
      const oldAvailable = old.some(avail);
      if (!oldAvailable) for (const p of old) ctx.delete(p);
      else if (unavailable < maxUnavailable) {
        for (const p of old) ctx.delete(p);
        unavailable++;
      }
    }
  }

  private updateStatus(ds: DS, nodes: N[], hash: string, ctx: ControllerContext): void {
    const minReady = ds.spec?.minReadySeconds ?? 0;
    const eligible = new Set(nodes.map((n) => n.metadata.name));
    const pods = ownedOf<P>(ctx.store, ds, 'Pod').filter(isPodActive);
    const scheduled = new Set<string>();
    let ready = 0;
    let available = 0;
    let updated = 0;
    let misscheduled = 0;
    for (const p of pods) {
      const n = p.spec?.nodeName;
      if (!n) continue;
      if (!eligible.has(n)) misscheduled++;
      else scheduled.add(n);
      if (isPodReady(p)) ready++;
      if (isPodAvailable(p, minReady, ctx.now, readySinceMs)) available++;
      if (p.metadata.labels?.[HASH] === hash) updated++;
    }
    const status = {
      ...ds.status,
      desiredNumberScheduled: nodes.length,
      currentNumberScheduled: scheduled.size,
      numberMisscheduled: misscheduled,
      numberReady: ready,
      numberAvailable: available,
      numberUnavailable: Math.max(0, nodes.length - available),
      updatedNumberScheduled: updated,
      observedGeneration: ds.metadata.generation ?? 1,
    };
    if (!sameJson(status, ds.status)) ctx.update({ ...ds, status });
  }
}

/** The node a daemon pod is for: its nodeName, or the node its metadata.name affinity pins. */
export function podNode(p: Pod): string | undefined {
  if (p.spec?.nodeName) return p.spec.nodeName;
  const terms =
    p.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  return terms?.[0]?.matchFields?.find((f) => f.key === 'metadata.name')?.values?.[0];
}

function daemonPod(ds: DS, node: string, hash: string): P {
  const tmpl = ds.spec?.template;
  const spec = structuredClone(tmpl?.spec ?? { containers: [] });
  const nodeAffinity = {
    requiredDuringSchedulingIgnoredDuringExecution: {
      nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }],
    },
  };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: '',
      generateName: `${ds.metadata.name}-`,
      ...(ds.metadata.namespace ? { namespace: ds.metadata.namespace } : {}),
      labels: { ...tmpl?.metadata?.labels, [HASH]: hash },
      ...(tmpl?.metadata?.annotations ? { annotations: { ...tmpl.metadata.annotations } } : {}),
      ownerReferences: [controllerRef(ds)],
    },
    spec: { ...spec, affinity: { ...spec.affinity, nodeAffinity }, tolerations: daemonPodTolerations(spec) },
    status: { phase: 'Pending' },
  };
}
