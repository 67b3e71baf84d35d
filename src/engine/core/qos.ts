/**
 * A pod's QoS class, as pkg/apis/core/helper/qos ComputePodQOS works it out: only cpu and memory count,
 * zero quantities are ignored; requests and limits are summed over init and app containers (or taken from
 * pod-level `spec.resources` when set, PodLevelResources); Guaranteed needs cpu and memory limits on every
 * container and requests equal to limits; nothing set is BestEffort; anything else Burstable. The API server
 * writes it into status.qosClass when the pod is created (pkg/registry/core/pod/strategy.go PrepareForCreate),
 * so it is there while the pod is Pending.
 */
import { milliValue } from '../api/quantity';
import type { Pod } from '../api/types';

export type QOSClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

type Resources = Record<string, string> | undefined;

const SUPPORTED = ['cpu', 'memory'] as const;

function positive(q: string | undefined): number | undefined {
  if (q === undefined) return undefined;
  const v = milliValue(q);
  return v > 0 ? v : undefined;
}

function add(into: Map<string, number>, from: Resources): void {
  for (const r of SUPPORTED) {
    const v = positive(from?.[r]);
    if (v !== undefined) into.set(r, (into.get(r) ?? 0) + v);
  }
}

/** ComputePodQOS. */
export function computePodQOS(pod: Pod): QOSClass {
  const requests = new Map<string, number>();
  const limits = new Map<string, number>();
  let guaranteed = true;
  const podLevel = (pod.spec as { resources?: { requests?: Resources; limits?: Resources } } | undefined)
    ?.resources;
  if (podLevel && (podLevel.requests || podLevel.limits)) {
    add(requests, podLevel.requests);
    add(limits, podLevel.limits);
    if (!SUPPORTED.every((r) => limits.has(r))) guaranteed = false;
  } else {
    for (const c of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) {
      add(requests, c.resources?.requests);
      const own = new Map<string, number>();
      add(own, c.resources?.limits);
      for (const [r, v] of own) limits.set(r, (limits.get(r) ?? 0) + v);
      if (!SUPPORTED.every((r) => own.has(r))) guaranteed = false;
    }
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [r, v] of requests) if (limits.get(r) !== v) guaranteed = false;
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
