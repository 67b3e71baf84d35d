/**
 * ClusterIP and NodePort allocation as the API server does it when a Service is created
 * (pkg/registry/core/service/storage/alloc.go), as an admission step, and the repair controller that keeps
 * the allocations when an update drops them (an apply without spec.clusterIP keeps the allocated one, as
 * the API server's update does) or when a type change needs NodePorts.
 *
 * Cluster defaults (kubeadm): service CIDR 10.96.0.0/12; 10.96.0.1 is the `kubernetes` Service's (the
 * API server creates that Service at start, kubernetesService.ts, and it is admitted as any other, so the
 * address is held by it) and 10.96.0.10 the cluster DNS's, held from the start; NodePorts 30000-32767
 * (kube-apiserver --service-node-port-range). Both addresses are in the static lower band of the range,
 * which dynamic allocation uses only when the upper band is full. Not simulated: dual stack,
 * ExternalName validation.
 */
import type { Prng } from '../../lib';
import type { KubeObject, Service, ServicePort } from '../api/types';
import { keyOf } from '../api/meta';
import type { WatchEvent } from '../core/changes';
import type { Controller, ControllerContext, ControllerSetup } from '../core/controller';
import type { ReadonlyStore } from '../core/objectStore';
import { ApiError, type AdmissionPlugin } from '../core/simulation';
import { IpAllocator, PortAllocator } from './allocator';
import { parseIp } from './ipnet';

type Svc = Service & KubeObject;

/** kubeadm's default service CIDR. */
export const SERVICE_CIDR = '10.96.0.0/12';
/** The cluster DNS Service's address (kubeadm: the 10th address of the service CIDR). */
export const CLUSTER_DNS_IP = '10.96.0.10';
/** The `kubernetes` Service's address (the first of the range). */
export const KUBERNETES_SERVICE_IP = '10.96.0.1';
/** kube-apiserver --service-node-port-range. */
export const NODE_PORT_RANGE = { base: 30000, last: 32767 } as const;

interface Record_ {
  clusterIP?: string;
  nodePorts: Map<string, number>;
  healthCheckNodePort?: number;
}

/** The allocators of one cluster and what each Service holds (by uid). */
export class ServiceAllocators {
  readonly ips = new IpAllocator(SERVICE_CIDR);
  readonly ports = new PortAllocator(NODE_PORT_RANGE.base, NODE_PORT_RANGE.last);
  readonly held = new Map<string, Record_>();

  constructor() {
    this.ips.allocate(parseIp(CLUSTER_DNS_IP) as number);
  }

  /** Releases everything a deleted Service held. */
  release(uid: string): void {
    const r = this.held.get(uid);
    if (!r) return;
    if (r.clusterIP) this.releaseIp(r.clusterIP);
    for (const p of r.nodePorts.values()) this.ports.release(p);
    if (r.healthCheckNodePort) this.ports.release(r.healthCheckNodePort);
    this.held.delete(uid);
  }

  private releaseIp(ip: string): void {
    const n = parseIp(ip);
    if (n !== undefined && ip !== CLUSTER_DNS_IP) this.ips.release(n);
  }

  /** Records the allocations of a Service already in the store (on start, or after import). */
  adopt(svc: Svc): void {
    const uid = svc.metadata.uid;
    if (!uid || this.held.has(uid)) return;
    const r: Record_ = { nodePorts: new Map() };
    const ip = svc.spec?.clusterIP;
    if (ip && ip !== 'None') {
      const n = parseIp(ip);
      if (n !== undefined) this.ips.allocate(n);
      r.clusterIP = ip;
    }
    (svc.spec?.ports ?? []).forEach((p, i) => {
      if (p.nodePort) {
        this.ports.allocate(p.nodePort);
        r.nodePorts.set(portKey(p, i), p.nodePort);
      }
    });
    const hc = svc.spec?.healthCheckNodePort;
    if (hc) {
      this.ports.allocate(hc);
      r.healthCheckNodePort = hc;
    }
    this.held.set(uid, r);
  }
}

const registries = new WeakMap<object, ServiceAllocators>();

/** The allocators of the cluster whose store this is, made (and filled from the store) on first use. */
export function allocatorsFor(store: ReadonlyStore): ServiceAllocators {
  let a = registries.get(store);
  if (!a) {
    a = new ServiceAllocators();
    registries.set(store, a);
    for (const svc of store.each<Svc>('Service')) a.adopt(svc);
  }
  return a;
}

function portKey(p: ServicePort, i: number): string {
  return p.name ? `name:${p.name}` : `index:${i}`;
}

function needsNodePorts(spec: NonNullable<Service['spec']>): boolean {
  if (spec.type === 'NodePort') return true;
  return spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== false;
}

function invalid(svc: Svc, field: string, value: string, detail: string): ApiError {
  return new ApiError(
    `Service "${svc.metadata.name}" is invalid: ${field}: Invalid value: ${value}: ${detail}`,
  );
}

function allocateClusterIp(svc: Svc, a: ServiceAllocators, rng: Prng, previous: string | undefined): string {
  const requested = svc.spec?.clusterIP ?? previous;
  if (requested === 'None') return 'None';
  if (requested && requested !== '') {
    if (requested === previous) return requested;
    const n = parseIp(requested);
    const error = n === undefined ? 'not-in-range' : a.ips.allocate(n);
    const isDns = requested === CLUSTER_DNS_IP && a.ips.isAllocated(n as number);
    if (error === undefined || (isDns && !dnsTaken(a))) return requested;
    const detail =
      error === 'not-in-range'
        ? `the provided IP (${requested}) is not in the valid range. The range of valid IPs is ${a.ips.range}`
        : 'provided IP is already allocated';
    throw invalid(
      svc,
      'spec.clusterIPs',
      `[]string{"${requested}"}`,
      `failed to allocate IP ${requested}: ${detail}`,
    );
  }
  const ip = a.ips.allocateNext(rng);
  if (!ip) throw invalid(svc, 'spec.clusterIPs', '[]string{}', 'failed to allocate IP: range is full');
  return ip;
}

function dnsTaken(a: ServiceAllocators): boolean {
  for (const r of a.held.values()) if (r.clusterIP === CLUSTER_DNS_IP) return true;
  return false;
}

function allocatePort(svc: Svc, a: ServiceAllocators, rng: Prng, field: string, wanted?: number): number {
  if (wanted !== undefined) {
    const error = a.ports.allocate(wanted);
    if (error === undefined) return wanted;
    const detail =
      error === 'not-in-range'
        ? `provided port is not in the valid range. The range of valid ports is ${a.ports.base}-${a.ports.last}`
        : 'provided port is already allocated';
    throw invalid(svc, field, String(wanted), detail);
  }
  const port = a.ports.allocateNext(rng);
  if (port === undefined) throw invalid(svc, field, '0', 'range is full');
  return port;
}

/**
 * Fills spec.clusterIP(s), nodePorts and healthCheckNodePort of a Service, keeping what `previous` holds
 * (an update) and allocating the rest. Throws ApiError in the API server's words. Returns the new Service.
 */
export function allocateService(svc: Svc, a: ServiceAllocators, rng: Prng, previous?: Record_): Svc {
  const spec = { ...(svc.spec ?? {}) };
  const record: Record_ = { nodePorts: new Map() };
  if (spec.type !== 'ExternalName') {
    const ip = allocateClusterIp(svc, a, rng, previous?.clusterIP);
    spec.clusterIP = ip;
    spec.clusterIPs = [ip];
    if (ip !== 'None') record.clusterIP = ip;
    spec.ipFamilies ??= ['IPv4'];
    spec.ipFamilyPolicy ??= 'SingleStack';
  }
  if (spec.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true;
  const withPorts = needsNodePorts(spec);
  spec.ports = (spec.ports ?? []).map((p, i) => {
    const key = portKey(p, i);
    const kept = previous?.nodePorts.get(key);
    if (!withPorts && !p.nodePort) return p;
    const nodePort =
      p.nodePort !== undefined && p.nodePort === kept
        ? kept
        : p.nodePort === undefined && kept !== undefined
          ? kept
          : allocatePort(svc, a, rng, `spec.ports[${i}].nodePort`, p.nodePort);
    record.nodePorts.set(key, nodePort);
    return { ...p, nodePort };
  });
  if (spec.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local') {
    const hc = spec.healthCheckNodePort ?? previous?.healthCheckNodePort;
    spec.healthCheckNodePort =
      hc !== undefined && hc === previous?.healthCheckNodePort
        ? hc
        : allocatePort(svc, a, rng, 'spec.healthCheckNodePort', hc);
    record.healthCheckNodePort = spec.healthCheckNodePort;
  }
  if (previous) releaseDropped(a, previous, record);
  if (svc.metadata.uid) a.held.set(svc.metadata.uid, record);
  return { ...svc, spec };
}

function releaseDropped(a: ServiceAllocators, before: Record_, after: Record_): void {
  const kept = new Set(after.nodePorts.values());
  for (const p of before.nodePorts.values()) if (!kept.has(p)) a.ports.release(p);
  if (before.healthCheckNodePort && before.healthCheckNodePort !== after.healthCheckNodePort)
    a.ports.release(before.healthCheckNodePort);
}

/**
 * The admission step (slot "admission: networking" of cluster.ts): allocates a created Service's
 * ClusterIP and NodePorts, or refuses it with the API server's message.
 */
export const serviceAllocationAdmission: AdmissionPlugin = (obj, sim) => {
  if (obj.kind !== 'Service') return obj;
  const a = allocatorsFor(sim.store);
  return allocateService(obj as Svc, a, sim.rng);
};

/**
 * Keeps Service allocations: records them under the uid once stored, restores a ClusterIP or NodePort
 * an update dropped, allocates NodePorts after a type change, releases everything on deletion.
 */
export class ServiceAllocationController implements Controller {
  readonly name = 'service-allocation-repair';

  setup(s: ControllerSetup): void {
    const a = allocatorsFor(s.store);
    s.watch('Service', (e: WatchEvent) => {
      const svc = e.object as Svc;
      if (e.type === 'DELETED') {
        if (svc.metadata.uid) a.release(svc.metadata.uid);
        return;
      }
      if (e.type === 'ADDED' && svc.metadata.uid && !a.held.has(svc.metadata.uid)) a.adopt(svc);
      s.enqueue(keyOf(svc));
    });
  }

  sync(key: string, ctx: ControllerContext): void {
    const svc = ctx.store.getByKey<Svc>(key);
    const uid = svc?.metadata.uid;
    if (!svc || !uid || svc.metadata.deletionTimestamp) return;
    const a = allocatorsFor(ctx.store);
    const previous = a.held.get(uid);
    if (!previous) {
      a.adopt(svc);
      return;
    }
    if (isComplete(svc, previous)) return;
    try {
      ctx.update(allocateService(svc, a, ctx.rng, previous));
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      ctx.event(svc, 'Warning', 'FailedToAllocate', err.message);
    }
  }
}

function isComplete(svc: Svc, held: Record_): boolean {
  const spec = svc.spec ?? {};
  if (spec.type !== 'ExternalName' && !spec.clusterIP) return false;
  if (held.clusterIP && spec.clusterIP !== held.clusterIP) return false;
  const ports = spec.ports ?? [];
  if (needsNodePorts(spec) && ports.some((p) => !p.nodePort)) return false;
  if (!needsNodePorts(spec) && held.nodePorts.size > 0 && ports.every((p) => !p.nodePort)) return false;
  if (spec.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local' && !spec.healthCheckNodePort)
    return false;
  return true;
}
