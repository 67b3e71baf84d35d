/**
 * What a pod does with the requests that reach it, from the behaviour model
 * (src/engine/behavior/behavior.ts): a container listens `startupSeconds` after its Running start (and
 * only when `listening`), stops listening once the pod is terminating, and nothing answers on a node
 * marked `kubecanvas.dev/fault: down` (the requests time out). Load beyond `capacityRps` times out; the
 * rest is served with the latency of latency.ts.
 */
import type { Container, KubeObject, Node, Pod } from '../../api/types';
import { parseTimestamp } from '../../api/time';
import {
  BEHAVIOR_ANNOTATION,
  NODE_FAULT_ANNOTATION,
  parseBehavior,
  type ContainerBehavior,
  type PodBehavior,
} from '../../behavior';
import type { ReadonlyStore } from '../../core/objectStore';
import { medianLatencyMs } from './latency';

type P = Pod & KubeObject;

/** Why a pod cannot serve at all, or undefined when it serves. */
export type PodDown = 'refused' | 'timeout';

/** A pod's answer to one bucket of load. */
export interface PodVerdict {
  down: PodDown | undefined;
  /** Fraction of the offered requests that time out from overload. */
  overloadFraction: number;
  /** Median latency of served requests, ms. */
  medianMs: number;
  /** CPU used over the bucket, millicores. */
  cpuMilli: number;
}

const behaviorCache = new Map<string, PodBehavior>();

/** The parsed behaviour of a pod (parsing is cached by the annotation's text). */
export function podBehavior(pod: Pod): PodBehavior {
  const text = pod.metadata?.annotations?.[BEHAVIOR_ANNOTATION] ?? '';
  let b = behaviorCache.get(text);
  if (!b) {
    if (behaviorCache.size > 1000) behaviorCache.clear();
    b = parseBehavior(text || undefined);
    behaviorCache.set(text, b);
  }
  return b;
}

/** The container that serves a port: the one declaring it, else the first. */
export function servingContainer(pod: Pod, port: number | undefined): Container | undefined {
  const containers = pod.spec?.containers ?? [];
  return containers.find((c) => (c.ports ?? []).some((p) => p.containerPort === port)) ?? containers[0];
}

const timeCache = new Map<string, number>();

function parseCached(ts: string): number {
  let t = timeCache.get(ts);
  if (t === undefined) {
    if (timeCache.size > 10_000) timeCache.clear();
    t = parseTimestamp(ts);
    timeCache.set(ts, t);
  }
  return t;
}

/** When a container started running (simulated ms), or undefined when it is not running. */
export function runningSince(pod: Pod, container: string): number | undefined {
  if (pod.status?.phase !== 'Running') return undefined;
  const statuses = pod.status.containerStatuses;
  if (statuses) {
    const at = statuses.find((s) => s.name === container)?.state?.running?.startedAt;
    return at ? parseCached(at) : undefined;
  }
  // A status writer that records no container states: the pod's start stands for its containers'.
  const at =
    pod.status.startTime ?? pod.status.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime;
  return at ? parseCached(at) : 0;
}

/** Whether a container accepts connections at `now`. */
export function isListening(pod: Pod, container: string, behavior: ContainerBehavior, now: number): boolean {
  if (!behavior.listening || pod.metadata?.deletionTimestamp) return false;
  const since = runningSince(pod, container);
  return since !== undefined && now >= since + behavior.startupSeconds * 1000;
}

/** The idle CPU of every container of a pod, millicores. */
export function idleCpuMilli(pod: Pod): number {
  const b = podBehavior(pod);
  return (pod.spec?.containers ?? []).reduce(
    (n, c) => n + (b.containers[c.name] ?? b.defaults).idleCpuMilli,
    0,
  );
}

/** Evaluates a pod under `offered` requests in a bucket of `bucketSeconds`, at `now`. */
export function evaluatePod(
  store: ReadonlyStore,
  podKey: string,
  port: number | undefined,
  offered: number,
  bucketSeconds: number,
  now: number,
): PodVerdict {
  const pod = store.getByKey<P>(podKey);
  if (!pod) return { down: 'refused', overloadFraction: 0, medianMs: 0, cpuMilli: 0 };
  const node = pod.spec?.nodeName
    ? store.get<Node & KubeObject>('Node', undefined, pod.spec.nodeName)
    : undefined;
  const idle = idleCpuMilli(pod);
  if (node?.metadata.annotations?.[NODE_FAULT_ANNOTATION] === 'down')
    return { down: 'timeout', overloadFraction: 0, medianMs: 0, cpuMilli: 0 };
  const container = servingContainer(pod, port);
  const pb = podBehavior(pod);
  const b = (container && pb.containers[container.name]) || pb.defaults;
  if (!container || !isListening(pod, container.name, b, now))
    return {
      down: 'refused',
      overloadFraction: 0,
      medianMs: 0,
      cpuMilli: runningSince(pod, container?.name ?? '') === undefined ? 0 : idle,
    };
  const offeredRps = offered / bucketSeconds;
  const servedRps = Math.min(offeredRps, b.capacityRps);
  return {
    down: undefined,
    overloadFraction: offeredRps > b.capacityRps ? (offeredRps - b.capacityRps) / offeredRps : 0,
    medianMs: medianLatencyMs(b.latencyMs, offeredRps, b.capacityRps),
    cpuMilli: idle + b.cpuMilliPerRps * servedRps,
  };
}
