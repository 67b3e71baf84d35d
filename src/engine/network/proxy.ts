/**
 * kube-proxy's view of a Service and its choice of endpoint for new connections (pkg/proxy):
 * - endpoints come from the Service's EndpointSlices for one port name; new connections go to `ready`
 *   endpoints, and when there is none, to endpoints that are `serving` and `terminating`
 *   (pkg/proxy/topology.go CategorizeEndpoints); `Local` traffic policies keep only the endpoints on the
 *   receiving node;
 * - iptables mode (the default): rule i of n matches with probability 1/(n-i)
 *   (pkg/proxy/iptables/proxier.go computeProbability), so each endpoint gets 1/n of new connections at
 *   random; here a bucket of connections is split by the same chain of binomial draws;
 * - IPVS mode with its default scheduler `rr`: round robin;
 * - the mode is read, as kubeadm configures it, from the `kube-proxy` ConfigMap in kube-system
 *   (`config.conf` containing `mode: ipvs`).
 */
import type { Prng } from '../../lib';
import type { ConfigMap, KubeObject, Service } from '../api/types';
import { objectKey } from '../api/meta';
import type { ReadonlyStore } from '../core/objectStore';
import { slicesOf } from './endpointSliceController';

/** One endpoint as kube-proxy programs it. */
export interface ProxyEndpoint {
  ip: string;
  port: number;
  /** The pod's store key (`Pod/ns/name`), when the endpoint is a pod. */
  podKey: string | undefined;
  nodeName: string | undefined;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
}

/** kube-proxy's proxy modes simulated. */
export type ProxyMode = 'iptables' | 'ipvs';

/** The proxy mode of the cluster (KubeProxyConfiguration in the kube-proxy ConfigMap; default iptables). */
export function proxyMode(store: ReadonlyStore): ProxyMode {
  const cm = store.getByKey<ConfigMap & KubeObject>(objectKey('ConfigMap', 'kube-system', 'kube-proxy'));
  const conf = cm?.data?.['config.conf'] ?? '';
  return /^\s*mode:\s*["']?ipvs["']?\s*$/m.test(conf) ? 'ipvs' : 'iptables';
}

/** The endpoints of a Service port (by the port's name, '' for an unnamed port). */
export function serviceEndpoints(
  store: ReadonlyStore,
  svc: Service & KubeObject,
  portName: string,
): ProxyEndpoint[] {
  const out: ProxyEndpoint[] = [];
  for (const slice of slicesOf(store, svc.metadata.namespace ?? 'default', svc.metadata.name)) {
    const port = (slice.ports ?? []).find((p) => (p.name ?? '') === portName);
    if (!port?.port) continue;
    for (const ep of slice.endpoints) {
      const ip = ep.addresses[0];
      if (!ip) continue;
      out.push({
        ip,
        port: port.port,
        podKey:
          ep.targetRef?.kind === 'Pod'
            ? objectKey('Pod', ep.targetRef.namespace, ep.targetRef.name ?? '')
            : undefined,
        nodeName: ep.nodeName,
        ready: ep.conditions?.ready !== false,
        serving: ep.conditions?.serving ?? ep.conditions?.ready !== false,
        terminating: ep.conditions?.terminating === true,
      });
    }
  }
  return out;
}

/**
 * The endpoints that get new connections: ready ones, else serving terminating ones; with `node`, only
 * those on that node (externalTrafficPolicy / internalTrafficPolicy Local).
 */
export function usableEndpoints(all: readonly ProxyEndpoint[], node?: string): ProxyEndpoint[] {
  const local = node === undefined ? all : all.filter((e) => e.nodeName === node);
  const ready = local.filter((e) => e.ready);
  if (ready.length > 0) return ready;
  return local.filter((e) => e.serving && e.terminating);
}

/** The iptables probability of rule i of n, as computeProbability prints it (10 decimals). */
export function iptablesProbability(i: number, n: number): string {
  return (1 / (n - i)).toFixed(10);
}

/** A standard normal draw (Box-Muller) from the seeded generator. */
function normal(rng: Prng): number {
  const u = Math.max(rng.next(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

/** A binomial draw: inversion for small means, the normal approximation for large ones. */
export function binomial(n: number, p: number, rng: Prng): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomial(n, 1 - p, rng);
  const mean = n * p;
  if (mean > 30) {
    const x = Math.round(mean + Math.sqrt(mean * (1 - p)) * normal(rng));
    return Math.min(n, Math.max(0, x));
  }
  const q = 1 - p;
  const s = p / q;
  const a = (n + 1) * s;
  let r = q ** n;
  let u = rng.next();
  let x = 0;
  while (u > r && x < n) {
    u -= r;
    x++;
    r *= a / x - s;
    if (r <= 0) break;
  }
  return x;
}

/**
 * Splits `count` new connections over n endpoints as the iptables chain does: the connections that
 * reach rule i match it with probability 1/(n-i).
 */
export function spreadIptables(count: number, n: number, rng: Prng): number[] {
  const out = new Array<number>(n).fill(0);
  let remaining = count;
  for (let i = 0; i < n && remaining > 0; i++) {
    const k = i === n - 1 ? remaining : binomial(remaining, 1 / (n - i), rng);
    out[i] = k;
    remaining -= k;
  }
  return out;
}

/** Splits `count` connections round robin over n endpoints, starting at `start`; returns the next start. */
export function spreadRoundRobin(count: number, n: number, start: number, out: number[]): number {
  const base = Math.floor(count / n);
  const extra = count - base * n;
  for (let i = 0; i < n; i++) out[i] = base;
  for (let i = 0; i < extra; i++) out[(start + i) % n] = (out[(start + i) % n] ?? 0) + 1;
  return n === 0 ? 0 : (start + extra) % n;
}

/** The Service port a request for `port` (number or name) targets; the first port when unspecified. */
export function servicePort(
  svc: Service,
  port: number | string | undefined,
): NonNullable<NonNullable<Service['spec']>['ports']>[number] | undefined {
  const ports = svc.spec?.ports ?? [];
  if (port === undefined) return ports[0];
  return ports.find((p) => p.port === port || p.name === port);
}
