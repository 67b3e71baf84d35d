/**
 * The HorizontalPodAutoscaler controller (pkg/controller/podautoscaler/horizontal.go), autoscaling/v2
 * with a CPU Utilization resource metric: every 15 s, the replica calculator's recommendation, clamped
 * to [minReplicas, maxReplicas], scale-down stabilized over 300 s (the highest recommendation of the
 * window), scale-up limited by the default policies (4 pods or 100 % per 15 s, the larger). Writes the
 * target's spec.replicas (Deployment, ReplicaSet, StatefulSet) and the HPA's status.
 *
 * Scale subresource and export: the HPA writes spec.replicas of the live object only, as the scale
 * subresource does on a real cluster (`kubectl get` shows the new count). The authored copy is left as the
 * user wrote it, so an export gives back their manifest (with their replicas, or none) and not a value the
 * autoscaler chose; upstream's advice for HPA-managed workloads is to leave spec.replicas out of it.
 * Not done: other metric types, spec.behavior other than the defaults, conditions.
 */
import type { HorizontalPodAutoscaler, KubeObject, Pod } from '../../api/types';
import { keyOf, objectKey } from '../../api/meta';
import { labelSelectorAsSelector } from '../../api/labels';
import { timestamp } from '../../api/time';
import type { Controller, ControllerContext, ControllerSetup } from '../../core/controller';
import { podRequests } from '../../core/resources';
import { isPodReady } from '../util/rollout';
import { resourceReplicas, type PodSample } from './replicaCalculator';

type HPA = HorizontalPodAutoscaler & KubeObject;
type P = Pod & KubeObject;
type Scalable = KubeObject & {
  spec?: { replicas?: number; selector?: { matchLabels?: Record<string, string> } };
};

/** The annotation the traffic model writes: a pod's current CPU usage in millicores. */
export const CPU_USAGE_ANNOTATION = 'kubecanvas.dev/cpu-usage-milli';

/** A pod's CPU usage in millicores (the metrics API's answer), or undefined when it has none. */
export type PodCpuUsage = (pod: Pod & KubeObject) => number | undefined;

/** The default PodCpuUsage: reads CPU_USAGE_ANNOTATION. */
export const podCpuUsageMilli: PodCpuUsage = (pod) => {
  const v = pod.metadata.annotations?.[CPU_USAGE_ANNOTATION];
  const n = v === undefined ? NaN : Number(v);
  return Number.isFinite(n) ? n : undefined;
};

const SYNC_PERIOD_MS = 15_000;
const DOWNSCALE_WINDOW_MS = 300_000;

/** The horizontal-pod-autoscaler. */
export class HpaController implements Controller {
  readonly name = 'horizontal-pod-autoscaler';
  /** Recommendations per HPA key: [time, replicas], for the stabilization window. */
  private readonly recommendations = new Map<string, Array<[number, number]>>();
  constructor(private readonly usage: PodCpuUsage = podCpuUsageMilli) {}

  setup(s: ControllerSetup): void {
    s.watch('HorizontalPodAutoscaler', (e) => {
      if (e.type === 'ADDED') s.enqueue(keyOf(e.object));
      if (e.type === 'DELETED') this.recommendations.delete(keyOf(e.object));
    });
  }

  sync(key: string, ctx: ControllerContext): void {
    const hpa = ctx.store.getByKey<HPA>(key);
    if (!hpa) return;
    ctx.enqueueAfter(SYNC_PERIOD_MS, key);
    const ref = hpa.spec?.scaleTargetRef;
    const target = ref
      ? ctx.store.getByKey<Scalable>(objectKey(ref.kind, hpa.metadata.namespace, ref.name))
      : undefined;
    if (!target) return;
    const current = target.spec?.replicas ?? 1;
    const min = hpa.spec?.minReplicas ?? 1;
    const max = hpa.spec?.maxReplicas ?? current;
    if (current === 0 && min !== 0) return;
    const metric = hpa.spec?.metrics?.find((m) => m.type === 'Resource' && m.resource?.name === 'cpu');
    const targetUtil = metric?.resource?.target.averageUtilization;
    if (targetUtil === undefined) return;
    const sel = labelSelectorAsSelector(target.spec?.selector);
    const samples: PodSample[] = [];
    for (const p of ctx.store.list<P>('Pod', hpa.metadata.namespace)) {
      if (p.metadata.deletionTimestamp || p.status?.phase === 'Failed' || !sel.matches(p.metadata.labels))
        continue;
      const pending = p.status?.phase === 'Pending';
      samples.push({ usage: this.usage(p), request: podRequests(p).milliCpu, ready: isPodReady(p), pending });
    }
    const rec = resourceReplicas(current, samples, targetUtil);
    if (rec.error) {
      ctx.event(hpa, 'Warning', 'FailedGetResourceMetric', rec.error);
      return;
    }
    const desired = this.stabilize(key, ctx.now, current, Math.min(max, Math.max(min, rec.replicas)));
    if (desired !== current) {
      ctx.update({ ...target, spec: { ...target.spec, replicas: desired } });
      const reason =
        desired > current
          ? 'cpu resource utilization (percentage of request) above target'
          : 'All metrics below target';
      ctx.event(hpa, 'Normal', 'SuccessfulRescale', `New size: ${desired}; reason: ${reason}`);
    }
    const status = {
      ...hpa.status,
      currentReplicas: current,
      desiredReplicas: desired,
      ...(desired !== current ? { lastScaleTime: timestamp(ctx.now) } : {}),
      currentMetrics: [
        { type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: rec.utilization } } },
      ],
    };
    ctx.update({ ...hpa, status });
  }

  /** normalizeDesiredReplicasWithBehaviors with the default behavior. */
  private stabilize(key: string, now: number, current: number, desired: number): number {
    const recs = (this.recommendations.get(key) ?? []).filter(([t]) => t > now - DOWNSCALE_WINDOW_MS);
    recs.push([now, desired]);
    this.recommendations.set(key, recs);
    if (desired < current) {
      // Scale-down: the highest recommendation of the last 300 s, never above the current count.
      let highest = desired;
      for (const [, r] of recs) highest = Math.max(highest, r);
      return Math.min(current, highest);
    }
    // Scale-up: no stabilization; at most 4 pods or 100 % per period, whichever allows more.
    if (desired > current) return Math.min(desired, Math.max(current + 4, current * 2));
    return current;
  }
}
