/**
 * Cluster DNS (CoreDNS's kubernetes plugin, as docs concepts/services-networking/dns-pod-service.md
 * describes it), cluster domain `cluster.local`:
 * - `<service>.<namespace>.svc.cluster.local`: the ClusterIP; for a headless Service the addresses of its
 *   ready endpoints (publishNotReadyAddresses makes every endpoint ready); for ExternalName a CNAME;
 * - `<hostname>.<service>.<namespace>.svc.cluster.local`: a pod with that hostname behind a headless
 *   Service (a StatefulSet's pods: `web-0.nginx.default.svc.cluster.local`);
 * - a pod's resolv.conf searches `<ns>.svc.cluster.local svc.cluster.local cluster.local` with ndots 5,
 *   so `web` and `web.other` resolve from inside a pod.
 */
import type { KubeObject, Service } from '../api/types';
import { objectKey } from '../api/meta';
import type { ReadonlyStore } from '../core/objectStore';
import { slicesOf } from './endpointSliceController';

type Svc = Service & KubeObject;

/** The cluster domain (kubelet --cluster-domain). */
export const CLUSTER_DOMAIN = 'cluster.local';

/** An answer of the cluster DNS. */
export interface DnsAnswer {
  /** The fully qualified name that answered. */
  fqdn: string;
  service: Svc;
  /** A records (ClusterIP, or endpoint addresses for a headless Service or a pod record). */
  addresses: string[];
  /** For ExternalName Services, the CNAME target. */
  cname?: string;
  /** For a pod record, the pod's store key. */
  podKey?: string;
}

/** The search list of a pod's resolv.conf in a namespace (ClusterFirst DNS policy). */
export function searchList(namespace: string): string[] {
  return [`${namespace}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN];
}

/** The names a resolver tries for `name`, in order (ndots 5, as kubelet writes resolv.conf). */
export function candidateNames(name: string, namespace: string): string[] {
  if (name.endsWith('.')) return [name.slice(0, -1)];
  const dots = name.split('.').length - 1;
  const searched = searchList(namespace).map((d) => `${name}.${d}`);
  return dots >= 5 ? [name, ...searched] : [...searched, name];
}

function lookupFqdn(store: ReadonlyStore, fqdn: string): DnsAnswer | undefined {
  const suffix = `.svc.${CLUSTER_DOMAIN}`;
  if (!fqdn.toLowerCase().endsWith(suffix)) return undefined;
  const labels = fqdn.slice(0, -suffix.length).toLowerCase().split('.');
  if (labels.length === 2) {
    const [name, ns] = labels as [string, string];
    const svc = store.getByKey<Svc>(objectKey('Service', ns, name));
    if (!svc) return undefined;
    if (svc.spec?.type === 'ExternalName')
      return {
        fqdn,
        service: svc,
        addresses: [],
        ...(svc.spec.externalName ? { cname: svc.spec.externalName } : {}),
      };
    if (svc.spec?.clusterIP && svc.spec.clusterIP !== 'None')
      return { fqdn, service: svc, addresses: [svc.spec.clusterIP] };
    const addresses = slicesOf(store, ns, name).flatMap((s) =>
      s.endpoints.filter((e) => e.conditions?.ready !== false).map((e) => e.addresses[0] ?? ''),
    );
    return addresses.length > 0 ? { fqdn, service: svc, addresses } : undefined;
  }
  if (labels.length === 3) {
    const [host, name, ns] = labels as [string, string, string];
    const svc = store.getByKey<Svc>(objectKey('Service', ns, name));
    if (!svc || svc.spec?.clusterIP !== 'None') return undefined;
    for (const s of slicesOf(store, ns, name))
      for (const e of s.endpoints)
        if (e.hostname === host && e.addresses[0] && e.conditions?.ready !== false)
          return {
            fqdn,
            service: svc,
            addresses: [e.addresses[0]],
            ...(e.targetRef?.name ? { podKey: objectKey('Pod', ns, e.targetRef.name) } : {}),
          };
  }
  return undefined;
}

/** Resolves a name as a pod in `namespace` would; undefined for NXDOMAIN. */
export function resolveName(store: ReadonlyStore, name: string, namespace: string): DnsAnswer | undefined {
  for (const candidate of candidateNames(name, namespace)) {
    const answer = lookupFqdn(store, candidate);
    if (answer) return answer;
  }
  return undefined;
}

/** The DNS name of a Service. */
export function serviceDnsName(svc: Pick<KubeObject, 'metadata'>): string {
  return `${svc.metadata.name}.${svc.metadata.namespace ?? 'default'}.svc.${CLUSTER_DOMAIN}`;
}
