/**
 * Where one request goes (`kubecanvas route FILE URL [--from pod/NAME]`): from outside, a URL whose host
 * is a load balancer IP, a ClusterIP or a host of an Ingress rule; from a pod, a URL whose host the
 * cluster DNS resolves from the pod's namespace. The answer names the Ingress rule, the Service, its port
 * and the endpoints kube-proxy would pick from, or the failure: 404 when no Ingress rule matches, 503
 * when the Service has no ready endpoint.
 */
import type { Ingress } from 'kubernetes-types/networking/v1';
import type { KubeObject, Pod, Service } from '../api/types';
import { objectKey } from '../api/meta';
import type { ReadonlyStore } from '../core/objectStore';
import { resolveName } from './dns';
import { ingressEntry, ingressesOfClass } from './ingressControllers';
import { hostMatches, matchIngress } from './ingressMatch';
import { externalIps } from './loadBalancer';
import { serviceEndpoints, servicePort, usableEndpoints } from './proxy';

type Svc = Service & KubeObject;
type Ing = Ingress & KubeObject;

/** The answer of routeRequest. */
export type RouteResult =
  | {
      ingress?: string;
      rule?: string;
      namespace: string;
      service: string;
      port: number;
      endpoints: string[];
    }
  | { status: 404; ingress?: string }
  | { status: 503; service: string; namespace?: string }
  | { error: string };

interface ParsedUrl {
  host: string;
  port: number | undefined;
  path: string;
}

/** Parses `http://host[:port]/path` (the scheme is optional). */
export function parseUrl(url: string): ParsedUrl {
  const m = /^(?:(https?):\/\/)?([^/:?#]+)(?::(\d+))?([^?#]*)/.exec(url.trim());
  const path = m?.[4] || '/';
  return { host: (m?.[2] ?? '').toLowerCase(), port: m?.[3] ? Number(m[3]) : undefined, path };
}

function toService(
  store: ReadonlyStore,
  svc: Svc,
  port: number | string | undefined,
  extra: object,
): RouteResult {
  const sp = servicePort(svc, port);
  const ns = svc.metadata.namespace ?? 'default';
  const eps = usableEndpoints(serviceEndpoints(store, svc, sp?.name ?? ''));
  if (!sp || eps.length === 0) return { status: 503, service: svc.metadata.name, namespace: ns };
  return {
    ...extra,
    namespace: ns,
    service: svc.metadata.name,
    port: sp.port,
    endpoints: eps.map((e) => `${e.ip}:${e.port}`),
  };
}

function viaIngress(
  store: ReadonlyStore,
  ingresses: Ing[],
  host: string | undefined,
  path: string,
): RouteResult {
  const first = ingresses[0];
  if (!first) return { status: 404 };
  const m = matchIngress(ingressesOfClass(store, first), host, path);
  const backend = m?.backend.service;
  if (!m || !backend) return { status: 404 };
  const svc = store.getByKey<Svc>(objectKey('Service', m.ingress.metadata.namespace, backend.name));
  if (!svc)
    return { status: 503, service: backend.name, namespace: m.ingress.metadata.namespace ?? 'default' };
  return toService(store, svc, backend.port?.number ?? backend.port?.name, {
    ingress: m.ingress.metadata.name,
    rule: m.rule,
  });
}

function fromOutside(store: ReadonlyStore, u: ParsedUrl): RouteResult {
  const ingresses = store.list<Ing>('Ingress').filter((i) => ingressEntry(store, i)?.service);
  for (const svc of store.each<Svc>('Service')) {
    if (!externalIps(svc).includes(u.host) && svc.spec?.clusterIP !== u.host) continue;
    const served = ingresses.filter((i) => ingressEntry(store, i)?.service === svc);
    if (served.length > 0) return viaIngress(store, served, undefined, u.path);
    return toService(store, svc, u.port, {});
  }
  const byHost = ingresses.filter((i) =>
    (i.spec?.rules ?? []).some((r) => r.host && hostMatches(r.host, u.host)),
  );
  if (byHost.length > 0) return viaIngress(store, byHost, u.host, u.path);
  const answer = resolveName(store, u.host, 'default');
  if (answer) return toService(store, answer.service, u.port, {});
  return { error: `Could not resolve host: ${u.host}` };
}

/** Routes one request; `fromPod` is `NAME`, `pod/NAME` or `NAMESPACE/NAME` of the calling pod. */
export function routeRequest(store: ReadonlyStore, url: string, fromPod?: string): RouteResult {
  const u = parseUrl(url);
  if (!fromPod) return fromOutside(store, u);
  const ref = fromPod.replace(/^pods?\//, '');
  const [ns, name] = ref.includes('/') ? (ref.split('/') as [string, string]) : ['default', ref];
  const pod = store.get<Pod & KubeObject>('Pod', ns, name);
  if (!pod) return { error: `pods "${name}" not found` };
  const answer = resolveName(store, u.host, ns);
  if (!answer) return { error: `Could not resolve host: ${u.host}` };
  return toService(store, answer.service, u.port, {});
}
