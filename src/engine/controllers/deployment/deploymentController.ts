/**
 * The Deployment controller (pkg/controller/deployment): one ReplicaSet per pod template named
 * `<deployment>-<pod-template-hash>`, revision annotations, RollingUpdate and Recreate, pause, history
 * cleanup (revisionHistoryLimit), status and the Available and Progressing conditions.
 * Approximate: scaling in the middle of a rollout is not proportional (the rollout steps absorb it);
 * ReplicaSets are not adopted by selector (only through ownerReferences).
 */
import type { Deployment, KubeObject, Pod, ReplicaSet } from '../../api/types';
import { controllerRef, keyOf } from '../../api/meta';
import { parseTimestamp } from '../../api/time';
import type { Controller, ControllerContext, ControllerSetup } from '../../core/controller';
import { templateHash } from '../../core/names';
import { copyJson } from '../../core/copy';
import { ownedOf, ownerKeyOf, sameJson } from '../util/owned';
import { resolveFenceposts } from '../util/rollout';
import { proportionalScale } from './proportion';
import { newRSNewReplicas, scaleDownOld, type RsCounts } from './rolling';
import { deploymentStatus } from './status';

type D = Deployment & KubeObject;
type RS = ReplicaSet & KubeObject;

/** The revision annotation upstream writes on ReplicaSets and Deployments. */
export const REVISION = 'deployment.kubernetes.io/revision';
const HASH_LABEL = 'pod-template-hash';
const DESIRED = 'deployment.kubernetes.io/desired-replicas';
const MAX = 'deployment.kubernetes.io/max-replicas';

/** deployment_util.go SetReplicasAnnotations: desired-replicas and max-replicas (desired + maxSurge). */
function replicaAnnotations(d: D): Record<string, string> {
  const desired = d.spec?.replicas ?? 1;
  const ru = d.spec?.strategy?.rollingUpdate;
  const surge =
    d.spec?.strategy?.type === 'Recreate'
      ? 0
      : resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, desired)[0];
  return { [DESIRED]: String(desired), [MAX]: String(desired + surge) };
}

/** The revision number of a ReplicaSet (0 when absent). */
export function revisionOf(obj: KubeObject): number {
  return Number(obj.metadata.annotations?.[REVISION] ?? 0) || 0;
}

function counts(rs: RS): RsCounts {
  return {
    name: rs.metadata.name,
    replicas: rs.spec?.replicas ?? 0,
    available: rs.status?.availableReplicas ?? 0,
    created: rs.metadata.creationTimestamp ? parseTimestamp(rs.metadata.creationTimestamp) : 0,
  };
}

/** The deployment-controller. */
export class DeploymentController implements Controller {
  readonly name = 'deployment-controller';

  setup(s: ControllerSetup): void {
    s.watch('Deployment', (e) => s.enqueue(keyOf(e.object)));
    s.watch('ReplicaSet', (e) => {
      const k = ownerKeyOf(s.store, e.object, 'Deployment');
      if (k) s.enqueue(k);
    });
    // deployment_controller.go deletePod: a Recreate rollout waits for the last old pod to go.
    s.watch('Pod', (e) => {
      if (e.type !== 'DELETED') return;
      const rs = ownerKeyOf(s.store, e.object, 'ReplicaSet');
      const owner = rs ? s.store.getByKey(rs) : undefined;
      const k = owner ? ownerKeyOf(s.store, owner, 'Deployment') : undefined;
      const d = k ? s.store.getByKey<D>(k) : undefined;
      if (k && d?.spec?.strategy?.type === 'Recreate') s.enqueue(k);
    });
  }

  sync(key: string, ctx: ControllerContext): void {
    const d = ctx.store.getByKey<D>(key);
    if (!d || d.metadata.deletionTimestamp) return;
    const owned = ownedOf<RS>(ctx.store, d, 'ReplicaSet');
    const hash = templateHash(d.spec?.template, d.status?.collisionCount ?? 0);
    const old = owned.filter((r) => r.metadata.labels?.[HASH_LABEL] !== hash);
    let newRS = owned.find((r) => r.metadata.labels?.[HASH_LABEL] === hash);
    const paused = d.spec?.paused === true;
    if (!paused) newRS = this.ensureNewRS(d, newRS, old, hash, ctx);
    const scaled = this.scaleIfNeeded(d, newRS, old, ctx);
    if (!paused && !scaled && newRS) this.rollout(d, newRS, old, ctx);
    this.cleanup(d, ctx);
    const fresh = ctx.store.getByKey<D>(key);
    const latest = ownedOf<RS>(ctx.store, d, 'ReplicaSet');
    const nrs = latest.find((r) => r.metadata.labels?.[HASH_LABEL] === hash);
    if (fresh) deploymentStatus(fresh, nrs, latest, ctx);
  }

  /** sync.go getNewReplicaSet: create the ReplicaSet of the current template, or bump its revision. */
  private ensureNewRS(d: D, existing: RS | undefined, old: RS[], hash: string, ctx: ControllerContext): RS {
    const revision = String(old.reduce((m, r) => Math.max(m, revisionOf(r)), 0) + 1);
    if (existing) {
      if (revisionOf(existing) >= Number(revision)) return existing;
      const annotations = { ...existing.metadata.annotations, [REVISION]: revision };
      return ctx.update({ ...existing, metadata: { ...existing.metadata, annotations } });
    }
    const template = copyJson(d.spec?.template ?? {});
    template.metadata = {
      ...template.metadata,
      labels: { ...template.metadata?.labels, [HASH_LABEL]: hash },
    };
    const selector = d.spec?.selector ?? {};
    // Recreate scales the new ReplicaSet up in rollout(), once the old pods are gone.
    const initial =
      d.spec?.strategy?.type === 'Recreate'
        ? 0
        : newRSNewReplicas(
            d.spec?.replicas ?? 1,
            d.spec?.strategy?.rollingUpdate?.maxSurge,
            d.spec?.strategy?.rollingUpdate?.maxUnavailable,
            { name: '', replicas: 0, available: 0, created: 0 },
            old.map(counts),
          );
    const rs: RS = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${d.metadata.name}-${hash}`,
        ...(d.metadata.namespace ? { namespace: d.metadata.namespace } : {}),
        labels: { ...template.metadata.labels },
        annotations: { ...d.metadata.annotations, [REVISION]: revision, ...replicaAnnotations(d) },
        ownerReferences: [controllerRef(d)],
      },
      spec: {
        replicas: 0,
        minReadySeconds: d.spec?.minReadySeconds ?? 0,
        selector: { ...selector, matchLabels: { ...selector.matchLabels, [HASH_LABEL]: hash } },
        template,
      },
    };
    delete rs.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration'];
    const created = ctx.create(rs);
    ctx.event(
      d,
      'Normal',
      'ScalingReplicaSet',
      `Scaled up replica set ${created.metadata.name} from 0 to ${initial}`,
    );
    return initial > 0 ? ctx.update({ ...created, spec: { ...created.spec!, replicas: initial } }) : created;
  }

  private rollout(d: D, newRS: RS, old: RS[], ctx: ControllerContext): void {
    const desired = d.spec?.replicas ?? 1;
    if (d.spec?.strategy?.type === 'Recreate') {
      // recreate.go: scale the old ReplicaSets down, wait for their pods to go, then scale up the new one.
      for (const r of old) if ((r.spec?.replicas ?? 0) > 0) this.scaleTo(r, 0, d, ctx);
      // recreate.go oldPodsRunning: terminating pods count until they are gone.
      const oldPods = old.some((r) =>
        ownedOf<Pod & KubeObject>(ctx.store, r, 'Pod').some(
          (p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed',
        ),
      );
      if (!oldPods) this.scaleTo(newRS, desired, d, ctx);
      return;
    }
    const ru = d.spec?.strategy?.rollingUpdate;
    const activeOld = old.filter((r) => (r.spec?.replicas ?? 0) > 0);
    if (activeOld.length === 0) {
      this.scaleTo(newRS, desired, d, ctx);
      return;
    }
    const all = [...old.map(counts), counts(newRS)];
    const want =
      (newRS.spec?.replicas ?? 0) > desired
        ? desired
        : newRSNewReplicas(desired, ru?.maxSurge, ru?.maxUnavailable, counts(newRS), all);
    const scaledNew = this.scaleTo(newRS, want, d, ctx);
    const downs = scaleDownOld(desired, ru?.maxSurge, ru?.maxUnavailable, counts(scaledNew), old.map(counts));
    for (const r of old) {
      const n = downs.get(r.metadata.name);
      if (n !== undefined) this.scaleTo(r, n, d, ctx);
    }
  }

  private scaleTo(rs: RS, replicas: number, d: D, ctx: ControllerContext): RS {
    const cur = rs.spec?.replicas ?? 0;
    const annotations = { ...rs.metadata.annotations, ...replicaAnnotations(d) };
    if (cur === replicas && sameJson(annotations, rs.metadata.annotations)) return rs;
    const updated = ctx.update({
      ...rs,
      metadata: { ...rs.metadata, annotations },
      spec: { ...rs.spec!, replicas },
    });
    if (cur !== replicas) {
      const dir = replicas > cur ? 'up' : 'down';
      ctx.event(
        d,
        'Normal',
        'ScalingReplicaSet',
        `Scaled ${dir} replica set ${rs.metadata.name} from ${cur} to ${replicas}`,
      );
    }
    return updated;
  }

  /**
   * sync.go isScalingEvent and scale: when the deployment's replicas changed since the active
   * ReplicaSets were last annotated, resize them (proportionally when several are active). True if so.
   */
  private scaleIfNeeded(d: D, newRS: RS | undefined, old: RS[], ctx: ControllerContext): boolean {
    const desired = d.spec?.replicas ?? 1;
    const all = newRS ? [newRS, ...old] : old;
    const active = all.filter((r) => (r.spec?.replicas ?? 0) > 0);
    const event = active.some((r) => r.metadata.annotations?.[DESIRED] !== String(desired));
    if (!event) return false;
    if (active.length <= 1) {
      const target = active[0] ?? newRS;
      if (target) this.scaleTo(target, desired, d, ctx);
      return true;
    }
    const ru = d.spec?.strategy?.rollingUpdate;
    const [surge] =
      d.spec?.strategy?.type === 'Recreate'
        ? [0]
        : resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, desired);
    const inputs = active.map((r) => ({
      ...counts(r),
      maxReplicas:
        r.metadata.annotations?.[MAX] === undefined ? undefined : Number(r.metadata.annotations[MAX]),
    }));
    const sizes = proportionalScale(inputs, desired, surge, d.status?.replicas ?? 0);
    for (const r of active) this.scaleTo(r, sizes.get(r.metadata.name) ?? 0, d, ctx);
    return true;
  }

  /** sync.go cleanupDeployment: delete the oldest fully scaled-down ReplicaSets beyond revisionHistoryLimit. */
  private cleanup(d: D, ctx: ControllerContext): void {
    const limit = d.spec?.revisionHistoryLimit ?? 10;
    const hash = templateHash(d.spec?.template, d.status?.collisionCount ?? 0);
    const idle = ownedOf<RS>(ctx.store, d, 'ReplicaSet')
      .filter((r) => r.metadata.labels?.[HASH_LABEL] !== hash)
      .filter((r) => (r.spec?.replicas ?? 0) === 0 && (r.status?.replicas ?? 0) === 0)
      .sort((a, b) => revisionOf(a) - revisionOf(b));
    for (const r of idle.slice(0, Math.max(0, idle.length - limit))) ctx.delete(r);
  }
}
