/**
 * A pod's resource requests as the scheduler counts them (pkg/api/v1/resource PodRequests): the sum of
 * the app containers, or the largest init container if that is more (per resource), plus pod overhead.
 * Sidecar init containers (restartPolicy: Always) add to the sum for the rest of the pod's life.
 */
import { milliValue as parseMilli, value as parseValue } from '../api/quantity';
import type { Container, Pod } from '../api/types';

/**
 * A quantity parser remembering its answers: pods of a workload repeat the same few strings ("100m",
 * "512Mi"), and the scheduler reads every new pod's requests.
 */
function remembered(
  parse: (q: string | number | undefined) => number,
): (q: string | number | undefined) => number {
  const seen = new Map<string, number>();
  return (q) => {
    if (typeof q !== 'string') return parse(q);
    let v = seen.get(q);
    if (v === undefined) {
      v = parse(q);
      if (seen.size < 10_000) seen.set(q, v);
    }
    return v;
  };
}

/** milliValue and value (api/quantity), remembered. */
export const milliValue = remembered(parseMilli);
export const value = remembered(parseValue);

export interface Requests {
  milliCpu: number;
  memoryBytes: number;
  ephemeralStorageBytes: number;
  /** Extended resources (nvidia.com/gpu, hugepages-*), in whole units. */
  scalar: Record<string, number>;
}

export function emptyRequests(): Requests {
  return { milliCpu: 0, memoryBytes: 0, ephemeralStorageBytes: 0, scalar: {} };
}

function addContainer(total: Requests, c: Container): void {
  const req = c.resources?.requests ?? {};
  for (const [name, qty] of Object.entries(req)) {
    if (name === 'cpu') total.milliCpu += milliValue(qty);
    else if (name === 'memory') total.memoryBytes += value(qty);
    else if (name === 'ephemeral-storage') total.ephemeralStorageBytes += value(qty);
    else total.scalar[name] = (total.scalar[name] ?? 0) + value(qty);
  }
}

function maxInto(total: Requests, other: Requests): void {
  total.milliCpu = Math.max(total.milliCpu, other.milliCpu);
  total.memoryBytes = Math.max(total.memoryBytes, other.memoryBytes);
  total.ephemeralStorageBytes = Math.max(total.ephemeralStorageBytes, other.ephemeralStorageBytes);
  for (const [k, v] of Object.entries(other.scalar)) total.scalar[k] = Math.max(total.scalar[k] ?? 0, v);
}

const cache = new WeakMap<object, Requests>();

/** The pod's effective requests; cached per pod spec object (specs are immutable in the store). */
export function podRequests(pod: Pod): Requests {
  const spec = pod.spec;
  if (!spec) return emptyRequests();
  const hit = cache.get(spec);
  if (hit) return hit;
  const total = emptyRequests();
  for (const c of spec.containers ?? []) addContainer(total, c);
  // Init containers run one at a time; sidecars (restartPolicy Always) keep running beside later ones and
  // beside the app containers: max(app + sidecars, max_i(init_i + sidecars started before i)).
  const sidecars = emptyRequests();
  const initMax = emptyRequests();
  for (const c of spec.initContainers ?? []) {
    if (c.restartPolicy === 'Always') {
      addContainer(sidecars, c);
      addContainer(total, c);
      continue;
    }
    const one = emptyRequests();
    addContainer(one, c);
    one.milliCpu += sidecars.milliCpu;
    one.memoryBytes += sidecars.memoryBytes;
    one.ephemeralStorageBytes += sidecars.ephemeralStorageBytes;
    for (const [k, v] of Object.entries(sidecars.scalar)) one.scalar[k] = (one.scalar[k] ?? 0) + v;
    maxInto(initMax, one);
  }
  maxInto(total, initMax);
  for (const [name, qty] of Object.entries(spec.overhead ?? {})) {
    if (name === 'cpu') total.milliCpu += milliValue(qty);
    else if (name === 'memory') total.memoryBytes += value(qty);
    else if (name === 'ephemeral-storage') total.ephemeralStorageBytes += value(qty);
    else total.scalar[name] = (total.scalar[name] ?? 0) + value(qty);
  }
  cache.set(spec, total);
  return total;
}
