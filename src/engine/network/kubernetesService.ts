/**
 * The `default/kubernetes` Service every cluster has, kept by the API server itself: its bootstrap
 * controller (pkg/controlplane/controller/kubernetesservice/controller.go) creates the Service
 * (ClusterIP: the first address of the service CIDR, port `https` 443 to 6443, labels
 * `component: apiserver` and `provider: kubernetes`, no selector), and the lease endpoint reconciler
 * (pkg/controlplane/reconcilers/lease.go) writes its Endpoints with the API server's address, mirrored to
 * an EndpointSlice by pkg/controlplane/reconcilers/endpointsadapter.go. It runs when the API server starts
 * and then every 10 seconds (EndpointInterval, NonSlidingUntil): a deleted Service, Endpoints or slice is
 * back at the next tick, and ports or type changed by hand are put back (getMasterServiceUpdateIfNeeded).
 *
 * Here it runs at simulated time 0 (createCluster steps to 0 before any client writes) and, after a
 * change to one of the three objects, at the next multiple of 10 s; in between it has no timed work.
 * The Service goes through admission as any create does, so the allocator records 10.96.0.1 as its.
 */
import type { EndpointPort, EndpointSubset, Endpoints } from 'kubernetes-types/core/v1';
import type { KubeObject, Service, ServicePort } from '../api/types';
import type { Controller, ControllerContext, ControllerSetup } from '../core/controller';
import { applyDefaults } from '../core/defaults';
import { stableStringify } from '../core/names';
import { ApiError } from '../core/simulation';
import { LABEL_SERVICE_NAME } from './endpointSliceController';
import { KUBERNETES_SERVICE_IP } from './serviceAllocation';

type Svc = Service & KubeObject;
type Ep = Endpoints & KubeObject;
/* eslint-disable @typescript-eslint/no-explicit-any -- EndpointSlice fields read loosely */
type Any = any;

/** The Service's name and namespace (kubernetesServiceName, metav1.NamespaceDefault). */
export const KUBERNETES_SERVICE_NAME = 'kubernetes';
export const KUBERNETES_SERVICE_NAMESPACE = 'default';
/**
 * The API server's address (--advertise-address): the control plane on the node network, where kind's
 * control-plane node sits beside the gateway; the kubelets' nodes take addresses from .10 on.
 */
export const APISERVER_ADDRESS = '10.0.0.2';
/** kube-apiserver --secure-port. */
export const APISERVER_PORT = 6443;
/** controller.go EndpointInterval. */
export const KUBERNETES_SERVICE_INTERVAL_MS = 10_000;
/** discoveryv1.LabelSkipMirror: the EndpointSliceMirroring controller leaves these Endpoints alone. */
const LABEL_SKIP_MIRROR = 'endpointslice.kubernetes.io/skip-mirror';

/** Whether an object is the API server's `default/kubernetes` Service (not the user's to draw or export). */
export function isKubernetesService(obj: KubeObject): boolean {
  return (
    obj.kind === 'Service' &&
    obj.metadata.name === KUBERNETES_SERVICE_NAME &&
    obj.metadata.namespace === KUBERNETES_SERVICE_NAMESPACE
  );
}

/** createPortAndServiceSpec: `https` 443/TCP to the secure port. */
function servicePorts(): ServicePort[] {
  return [{ name: 'https', port: 443, protocol: 'TCP', targetPort: APISERVER_PORT }];
}

/** CreateOrUpdateMasterServiceIfNeeded's Service, as the API server's defaulting leaves it. */
function desiredService(): Svc {
  return applyDefaults({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: KUBERNETES_SERVICE_NAME,
      namespace: KUBERNETES_SERVICE_NAMESPACE,
      labels: { component: 'apiserver', provider: 'kubernetes' },
    },
    spec: {
      ports: servicePorts(),
      clusterIP: KUBERNETES_SERVICE_IP,
      ipFamilyPolicy: 'SingleStack',
      sessionAffinity: 'None',
      type: 'ClusterIP',
    },
  } as Svc) as Svc;
}

/** createEndpointPortSpec and the lease reconciler's one subset: the API server's address. */
function desiredSubsets(): EndpointSubset[] {
  const ports: EndpointPort[] = [{ name: 'https', port: APISERVER_PORT, protocol: 'TCP' }];
  return [{ addresses: [{ ip: APISERVER_ADDRESS }], ports }];
}

/** endpointsadapter.endpointSliceFromEndpoints. */
function sliceFromEndpoints(subsets: EndpointSubset[]): KubeObject {
  const subset = subsets[0];
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: KUBERNETES_SERVICE_NAME,
      namespace: KUBERNETES_SERVICE_NAMESPACE,
      labels: { [LABEL_SERVICE_NAME]: KUBERNETES_SERVICE_NAME },
    },
    addressType: 'IPv4',
    endpoints: (subset?.addresses ?? []).map((a) => ({ addresses: [a.ip], conditions: { ready: true } })),
    ports: (subset?.ports ?? []).map((p) => ({ name: p.name ?? '', port: p.port, protocol: p.protocol })),
  } as KubeObject;
}

const same = (a: unknown, b: unknown) => stableStringify(a ?? null) === stableStringify(b ?? null);

const TICK = 'kubernetes-service';

/** The API server's `kubernetes` Service reconciler (see the file comment). */
export class KubernetesServiceController implements Controller {
  readonly name = 'kubernetes-service-controller';
  private nextTick: number | undefined;

  setup(s: ControllerSetup): void {
    s.enqueue(TICK);
    const ours = (o: KubeObject) =>
      o.metadata.name === KUBERNETES_SERVICE_NAME && o.metadata.namespace === KUBERNETES_SERVICE_NAMESPACE;
    for (const kind of ['Service', 'Endpoints', 'EndpointSlice'])
      s.watch(kind, (e) => {
        if (e.type !== 'ADDED' && ours(e.object)) s.enqueue(TICK);
      });
  }

  sync(key: string, ctx: ControllerContext): void {
    const wait =
      (KUBERNETES_SERVICE_INTERVAL_MS - (ctx.now % KUBERNETES_SERVICE_INTERVAL_MS)) %
      KUBERNETES_SERVICE_INTERVAL_MS;
    if (wait > 0) {
      if (this.nextTick !== ctx.now + wait) ctx.enqueueAfter(wait, key);
      this.nextTick = ctx.now + wait;
      return;
    }
    this.nextTick = undefined;
    try {
      this.reconcileService(ctx);
      this.reconcileEndpoints(ctx);
    } catch (err) {
      // Upstream logs "unable to sync kubernetes service" and tries again at the next tick.
      if (!(err instanceof ApiError)) throw err;
    }
  }

  /** CreateOrUpdateMasterServiceIfNeeded with reconcile: create it, or put its ports and type back. */
  private reconcileService(ctx: ControllerContext): void {
    const svc = ctx.store.get<Svc>('Service', KUBERNETES_SERVICE_NAMESPACE, KUBERNETES_SERVICE_NAME);
    const want = desiredService();
    if (!svc) {
      ctx.create(want);
      return;
    }
    if (svc.metadata.deletionTimestamp) return;
    const ports = want.spec?.ports ?? [];
    const portsOk =
      svc.spec?.ports?.length === 1 &&
      same({ ...svc.spec.ports[0], nodePort: undefined }, { ...ports[0], nodePort: undefined });
    if (portsOk && svc.spec?.type === 'ClusterIP') return;
    ctx.update({ ...svc, spec: { ...svc.spec, ports, type: 'ClusterIP' } });
  }

  /** The lease reconciler's doReconcile, then EnsureEndpointSliceFromEndpoints. */
  private reconcileEndpoints(ctx: ControllerContext): void {
    const subsets = desiredSubsets();
    const ep = ctx.store.get<Ep>('Endpoints', KUBERNETES_SERVICE_NAMESPACE, KUBERNETES_SERVICE_NAME);
    if (!ep)
      ctx.create({
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: {
          name: KUBERNETES_SERVICE_NAME,
          namespace: KUBERNETES_SERVICE_NAMESPACE,
          labels: { [LABEL_SKIP_MIRROR]: 'true' },
        },
        subsets,
      } as Ep);
    else if (!same(ep.subsets, subsets) || ep.metadata.labels?.[LABEL_SKIP_MIRROR] !== 'true')
      ctx.update({
        ...ep,
        metadata: { ...ep.metadata, labels: { ...ep.metadata.labels, [LABEL_SKIP_MIRROR]: 'true' } },
        subsets,
      });
    const want = sliceFromEndpoints(subsets) as Any;
    const slice = ctx.store.get<Any>('EndpointSlice', KUBERNETES_SERVICE_NAMESPACE, KUBERNETES_SERVICE_NAME);
    if (!slice) {
      ctx.create(want);
      return;
    }
    if (
      same(slice.endpoints, want.endpoints) &&
      same(slice.ports, want.ports) &&
      same(slice.metadata.labels, want.metadata.labels) &&
      slice.addressType === want.addressType
    )
      return;
    ctx.update({
      ...slice,
      addressType: want.addressType,
      endpoints: want.endpoints,
      ports: want.ports,
      metadata: { ...slice.metadata, labels: want.metadata.labels },
    });
  }
}
