/**
 * The cloud side of `type: LoadBalancer` (kube-controller-manager's service-lb-controller with a cloud
 * provider, or MetalLB on bare metal): each LoadBalancer Service gets an external IP from a pool, written
 * to status.loadBalancer.ingress, with the service controller's events (EnsuringLoadBalancer,
 * EnsuredLoadBalancer, DeletingLoadBalancer, DeletedLoadBalancer). `spec.loadBalancerIP` is honoured
 * when it lies in the pool and is free. The address is given at once, as MetalLB does; the pool is
 * 203.0.113.0/24 (TEST-NET-3, the address range the Kubernetes docs use in their examples), .10 to .250,
 * lowest free first.
 */
import type { KubeObject, Service } from '../api/types';
import { keyOf } from '../api/meta';
import type { Controller, ControllerContext, ControllerSetup } from '../core/controller';
import type { ReadonlyStore } from '../core/objectStore';
import { formatIp, parseIp } from './ipnet';

type Svc = Service & KubeObject;

/** The first and last address of the simulated load balancer pool. */
export const LOAD_BALANCER_POOL = { first: '203.0.113.10', last: '203.0.113.250' } as const;

/** The external IPs of a LoadBalancer Service (status.loadBalancer.ingress[].ip). */
export function externalIps(svc: Service): string[] {
  return (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? '').filter((ip) => ip !== '');
}

/** The service-lb-controller. */
export class LoadBalancerController implements Controller {
  readonly name = 'service-lb-controller';
  private readonly first = parseIp(LOAD_BALANCER_POOL.first) as number;
  private readonly last = parseIp(LOAD_BALANCER_POOL.last) as number;

  setup(s: ControllerSetup): void {
    s.watch('Service', (e) => {
      const svc = e.object as Svc;
      if (e.type !== 'DELETED' && (svc.spec?.type === 'LoadBalancer' || externalIps(svc).length > 0))
        s.enqueue(keyOf(svc));
    });
  }

  /** The pool addresses in use, read from the Services' status (no state of its own: restores stay right). */
  private used(store: ReadonlyStore): Set<number> {
    const out = new Set<number>();
    for (const svc of store.each<Svc>('Service'))
      for (const ip of externalIps(svc)) out.add(parseIp(ip) ?? -1);
    return out;
  }

  sync(key: string, ctx: ControllerContext): void {
    const svc = ctx.store.getByKey<Svc>(key);
    const uid = svc?.metadata.uid;
    if (!svc || !uid) return;
    const have = externalIps(svc);
    // A Service with spec.loadBalancerClass belongs to another implementation (service controller rule).
    const ours = svc.spec?.type === 'LoadBalancer' && !svc.spec.loadBalancerClass;
    if (!ours || svc.metadata.deletionTimestamp) {
      if (have.length === 0) return;
      ctx.event(svc, 'Normal', 'DeletingLoadBalancer', 'Deleting load balancer');
      ctx.update({ ...svc, status: { ...svc.status, loadBalancer: {} } });
      ctx.event(svc, 'Normal', 'DeletedLoadBalancer', 'Deleted load balancer');
      return;
    }
    if (have.length > 0) return;
    ctx.event(svc, 'Normal', 'EnsuringLoadBalancer', 'Ensuring load balancer');
    const ip = this.allocate(svc, this.used(ctx.store));
    if (ip === undefined) {
      ctx.event(
        svc,
        'Warning',
        'SyncLoadBalancerFailed',
        'Error syncing load balancer: failed to ensure load balancer: no available IPs',
      );
      return;
    }
    ctx.update({
      ...svc,
      status: { ...svc.status, loadBalancer: { ingress: [{ ip: formatIp(ip), ipMode: 'VIP' }] } },
    });
    ctx.event(svc, 'Normal', 'EnsuredLoadBalancer', 'Ensured load balancer');
  }

  private allocate(svc: Svc, used: Set<number>): number | undefined {
    const wanted = svc.spec?.loadBalancerIP ? parseIp(svc.spec.loadBalancerIP) : undefined;
    if (wanted !== undefined && wanted >= this.first && wanted <= this.last && !used.has(wanted))
      return wanted;
    for (let ip = this.first; ip <= this.last; ip++) if (!used.has(ip)) return ip;
    return undefined;
  }
}
