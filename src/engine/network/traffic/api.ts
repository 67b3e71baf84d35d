/**
 * The traffic model's user-facing functions: start, change or stop a traffic source (`kubecanvas
 * traffic <ingress|service> NAME --rps N`), and read the figures.
 */
import { objectKey } from '../../api/meta';
import { ApiError, resourceName, type Simulation } from '../../core/simulation';
import { TrafficController } from './trafficController';
import {
  TRAFFIC_API_VERSION,
  TRAFFIC_BUCKET_MS,
  TRAFFIC_SOURCE_KIND,
  type TrafficMetrics,
  type TrafficSource,
} from './types';
import { MetricsStore } from './metricsStore';

/** The name of the source setTraffic manages for a target: `<kind>-<name>`, e.g. `ingress-web`. */
export function trafficSourceName(target: { kind: 'Ingress' | 'Service'; name: string }): string {
  return `${target.kind.toLowerCase()}-${target.name}`;
}

/**
 * Sends `rps` requests per second from external clients to an Ingress or a Service (a TrafficSource
 * named after the target, in its namespace); 0 stops it. Throws ApiError (NotFound) in the API server's
 * words when the target does not exist: `services "x" not found`,
 * `ingresses.networking.k8s.io "x" not found` (kubectl prints `Error from server (NotFound): ...`).
 */
export function setTraffic(
  sim: Simulation,
  target: { kind: 'Ingress' | 'Service'; namespace: string; name: string },
  rps: number,
): void {
  if (!sim.store.get(target.kind, target.namespace, target.name))
    throw new ApiError(`${resourceName(target.kind)} "${target.name}" not found`, 'NotFound');
  if (!Number.isFinite(rps) || rps < 0) throw new ApiError(`invalid rps ${rps}: must be a number >= 0`);
  const name = trafficSourceName(target);
  const existing = sim.store.getByKey(objectKey(TRAFFIC_SOURCE_KIND, target.namespace, name));
  if (rps === 0) {
    if (existing) sim.delete(TRAFFIC_SOURCE_KIND, target.namespace, name);
    return;
  }
  const source: TrafficSource = {
    apiVersion: TRAFFIC_API_VERSION,
    kind: TRAFFIC_SOURCE_KIND,
    metadata: { name, namespace: target.namespace },
    spec: { target: { kind: target.kind, name: target.name, namespace: target.namespace }, rps },
  };
  sim.apply(source);
}

const empty = new MetricsStore(TRAFFIC_BUCKET_MS);

/** The traffic figures of a simulation (empty when it has no `traffic` component). */
export function trafficMetrics(sim: Simulation): TrafficMetrics {
  const c = sim.controller<TrafficController>('traffic');
  return (c instanceof TrafficController ? c.metrics : empty).snapshot();
}
