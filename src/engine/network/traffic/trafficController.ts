/**
 * The traffic model as a component: while TrafficSources exist, every TRAFFIC_BUCKET_MS it runs one
 * bucket (bucket.ts) over the cluster as it stands, records the figures (metricsStore.ts), and every
 * 15 s (metrics-server's --metric-resolution) writes each running pod's average CPU to the annotation the
 * HPA reads (CPU_USAGE_ANNOTATION). It runs last among the networking components, so it sees what the
 * others wrote in the same instant.
 */
import type { KubeObject, Pod } from '../../api/types';
import { CPU_USAGE_ANNOTATION } from '../../controllers';
import type { Controller, ControllerContext, ControllerSetup } from '../../core/controller';
import { proxyMode } from '../proxy';
import { runBucket } from './bucket';
import { MetricsStore } from './metricsStore';
import { idleCpuMilli, runningSince } from './podModel';
import { RoutingState } from './routing';
import { TRAFFIC_BUCKET_MS, TRAFFIC_SOURCE_KIND, type TrafficSource } from './types';

type P = Pod & KubeObject;

/** metrics-server's default --metric-resolution. */
export const METRIC_RESOLUTION_MS = 15_000;
const TICK = 'tick';
const FLUSH = 'flush';

/** The `traffic` component. */
export class TrafficController implements Controller {
  readonly name = 'traffic';
  readonly metrics = new MetricsStore(TRAFFIC_BUCKET_MS);
  private readonly routing = new RoutingState();
  private nextTick: number | undefined;
  private windowStart = 0;
  private windowBuckets = 0;
  private readonly cpuSum = new Map<string, number>();
  private readonly cpuBuckets = new Map<string, number>();

  setup(s: ControllerSetup): void {
    s.watch(TRAFFIC_SOURCE_KIND, () => s.enqueue(TICK));
  }

  sync(key: string, ctx: ControllerContext): void {
    if (key === FLUSH) {
      if (this.nextTick === undefined) this.writeCpu(ctx);
      return;
    }
    if (this.nextTick !== undefined && ctx.now < this.nextTick) return;
    const sources = ctx.store.list<TrafficSource>(TRAFFIC_SOURCE_KIND);
    if (this.nextTick !== undefined) this.tick(ctx, sources);
    else this.windowStart = ctx.now;
    if (sources.length === 0) {
      this.nextTick = undefined;
      this.metrics.idle();
      ctx.enqueueAfter(METRIC_RESOLUTION_MS, FLUSH);
      return;
    }
    this.nextTick = ctx.now + TRAFFIC_BUCKET_MS;
    ctx.enqueueAfter(TRAFFIC_BUCKET_MS, TICK);
  }

  private tick(ctx: ControllerContext, sources: TrafficSource[]): void {
    const counts: Array<[TrafficSource, number]> = sources.map((s) => [
      s,
      Math.max(0, Number(s.spec?.rps) || 0) * (TRAFFIC_BUCKET_MS / 1000),
    ]);
    const result = runBucket(
      ctx.store,
      ctx.rng,
      proxyMode(ctx.store),
      this.routing,
      ctx.now,
      TRAFFIC_BUCKET_MS,
      counts,
    );
    this.metrics.record(ctx.now, result);
    for (const [pod, cpu] of result.podCpu) {
      this.cpuSum.set(pod, (this.cpuSum.get(pod) ?? 0) + cpu);
      this.cpuBuckets.set(pod, (this.cpuBuckets.get(pod) ?? 0) + 1);
    }
    this.windowBuckets++;
    if (ctx.now - this.windowStart >= METRIC_RESOLUTION_MS) this.writeCpu(ctx);
  }

  /** Writes every running pod's average CPU of the window (idle when it served nothing). */
  private writeCpu(ctx: ControllerContext): void {
    const buckets = Math.max(1, this.windowBuckets);
    for (const pod of ctx.store.list<P>('Pod')) {
      if (pod.status?.phase !== 'Running' || pod.metadata.deletionTimestamp) continue;
      const key = `Pod/${pod.metadata.namespace}/${pod.metadata.name}`;
      const idle =
        runningSince(pod, pod.spec?.containers[0]?.name ?? '') === undefined ? 0 : idleCpuMilli(pod);
      const n = this.cpuBuckets.get(key) ?? 0;
      const avg = ((this.cpuSum.get(key) ?? 0) + idle * Math.max(0, buckets - n)) / Math.max(buckets, n);
      const value = String(Math.round(avg));
      if (pod.metadata.annotations?.[CPU_USAGE_ANNOTATION] === value) continue;
      const annotations = { ...pod.metadata.annotations, [CPU_USAGE_ANNOTATION]: value };
      ctx.update({ ...pod, metadata: { ...pod.metadata, annotations } });
    }
    this.cpuSum.clear();
    this.cpuBuckets.clear();
    this.windowBuckets = 0;
    this.windowStart = ctx.now;
  }
}
