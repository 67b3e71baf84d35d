/**
 * The picture's Service -> pod edges, from the EndpointSlices (what kube-proxy sees): every endpoint of
 * every Service with its conditions, so the canvas draws edges to ready pods and can show the others
 * (not ready, terminating) differently.
 */
import type { KubeObject, Service } from '../api/types';
import { keyOf } from '../api/meta';
import type { ReadonlyStore } from '../core/objectStore';
import { serviceEndpoints } from './proxy';

/** One Service -> pod edge. */
export interface ServiceBackend {
  /** Store key of the Service. */
  service: string;
  /** Store key of the pod. */
  pod: string;
  /** `ip:port` of the endpoint. */
  address: string;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
}

/** Every Service's endpoints that are pods, in store order; a pod behind several ports appears once. */
export function serviceBackends(store: ReadonlyStore): ServiceBackend[] {
  const out: ServiceBackend[] = [];
  for (const svc of store.each<Service & KubeObject>('Service')) {
    const seen = new Set<string>();
    for (const p of svc.spec?.ports?.length ? svc.spec.ports : [{ name: '' }])
      for (const e of serviceEndpoints(store, svc, p.name ?? '')) {
        if (!e.podKey || seen.has(e.podKey)) continue;
        seen.add(e.podKey);
        out.push({
          service: keyOf(svc),
          pod: e.podKey,
          address: `${e.ip}:${e.port}`,
          ready: e.ready,
          serving: e.serving,
          terminating: e.terminating,
        });
      }
  }
  return out;
}
