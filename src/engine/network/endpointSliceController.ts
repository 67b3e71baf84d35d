/**
 * The EndpointSlice controller (pkg/controller/endpointslice/endpointslice_controller.go): for every
 * Service with a selector (not ExternalName), EndpointSlices listing the selected pods that have an IP,
 * with ready / serving / terminating conditions, at most 100 endpoints each, labelled
 * `kubernetes.io/service-name` and `endpointslice.kubernetes.io/managed-by`, owned by the Service.
 * Reacts to Services, to pods whose endpoint-relevant fields change (labels, IP, readiness, deletion,
 * phase, node, hostname), and to changes made to its slices by others.
 */
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { KubeObject, Node, Pod, Service } from '../api/types';
import { controllerRef, keyOf, objectKey } from '../api/meta';
import { selectorFromSet } from '../api/labels';
import type { WatchEvent } from '../core/changes';
import type { Controller, ControllerContext, ControllerSetup } from '../core/controller';
import type { ReadonlyStore } from '../core/objectStore';
import { stableStringify } from '../core/names';
import {
  endpointPorts,
  podToEndpoint,
  shouldPodBeInEndpoints,
  type Endpoint,
  type EndpointPort,
} from './endpoints';
import {
  endpointKey,
  portMapKey,
  reconcileSlices,
  type DesiredGroup,
  type Slice,
} from './endpointSliceReconciler';

type P = Pod & KubeObject;
type Svc = Service & KubeObject;

/** discovery.LabelServiceName. */
export const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';
/** discovery.LabelManagedBy. */
export const LABEL_MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
/** The controller's value of LabelManagedBy. */
export const MANAGED_BY = 'endpointslice-controller.k8s.io';
/** Set on the slices of a headless Service (v1.IsHeadlessService). */
export const LABEL_HEADLESS = 'service.kubernetes.io/headless';

/** The slices the controller manages for a Service (by label, as its lister does). */
export function slicesOf(store: ReadonlyStore, namespace: string, serviceName: string): Slice[] {
  const out: Slice[] = [];
  for (const s of store.each<Slice>('EndpointSlice')) {
    const l = s.metadata.labels;
    if (
      s.metadata.namespace === namespace &&
      l?.[LABEL_SERVICE_NAME] === serviceName &&
      l[LABEL_MANAGED_BY] === MANAGED_BY
    )
      out.push(s);
  }
  return out;
}

function endpointRelevant(pod: P): string {
  return stableStringify([
    pod.metadata.labels,
    pod.status?.podIP,
    pod.status?.podIPs,
    pod.status?.phase,
    pod.status?.conditions?.find((c) => c.type === 'Ready')?.status,
    pod.metadata.deletionTimestamp,
    pod.spec?.nodeName,
    pod.spec?.hostname,
    pod.spec?.subdomain,
  ]);
}

/** The endpointslice-controller. */
export class EndpointSliceController implements Controller {
  readonly name = 'endpointslice-controller';
  private store!: ReadonlyStore;
  private readonly written = new Set<string>();

  setup(s: ControllerSetup): void {
    this.store = s.store;
    s.watch('Service', (e) => s.enqueue(keyOf(e.object)));
    s.watch('Pod', (e) => this.onPod(e, s));
    s.watch('EndpointSlice', (e) => {
      // Like upstream's endpointSliceTracker: the controller's own writes do not trigger a sync.
      if (e.type !== 'DELETED' && this.written.has(e.object.metadata.resourceVersion ?? '')) return;
      const l = e.object.metadata.labels;
      const name = l?.[LABEL_SERVICE_NAME];
      if (name && l[LABEL_MANAGED_BY] === MANAGED_BY)
        s.enqueue(objectKey('Service', e.object.metadata.namespace, name));
    });
  }

  private onPod(e: WatchEvent, s: ControllerSetup): void {
    const pod = e.object as P;
    const old = e.old as P | undefined;
    if (e.type === 'MODIFIED' && old && endpointRelevant(old) === endpointRelevant(pod)) return;
    const ns = pod.metadata.namespace;
    for (const svc of this.store.each<Svc>('Service')) {
      if (svc.metadata.namespace !== ns || !svc.spec?.selector) continue;
      const sel = selectorFromSet(svc.spec.selector);
      if (sel.matches(pod.metadata.labels) || (old && sel.matches(old.metadata.labels)))
        s.enqueue(keyOf(svc));
    }
  }

  sync(key: string, ctx: ControllerContext): void {
    const svc = ctx.store.getByKey<Svc>(key);
    const ns = key.split('/')[1] ?? 'default';
    const name = key.split('/').slice(2).join('/');
    const existing = slicesOf(ctx.store, ns, name);
    if (!svc || svc.metadata.deletionTimestamp) return; // the garbage collector removes owned slices
    if (!svc.spec?.selector || svc.spec.type === 'ExternalName') return;
    const changes = reconcileSlices(desiredGroups(ctx.store, svc), existing, (ports, endpoints) =>
      newSlice(svc, ports, endpoints),
    );
    this.written.clear();
    for (const s of changes.delete) ctx.delete(s);
    for (const s of changes.update)
      this.written.add(ctx.update(withMeta(svc, s)).metadata.resourceVersion ?? '');
    for (const s of changes.create) this.written.add(ctx.create(s).metadata.resourceVersion ?? '');
  }
}

function desiredGroups(store: ReadonlyStore, svc: Svc): Map<string, DesiredGroup> {
  const groups = new Map<string, DesiredGroup>();
  const sel = selectorFromSet(svc.spec?.selector);
  for (const pod of store.each<P>('Pod')) {
    if (pod.metadata.namespace !== svc.metadata.namespace || !sel.matches(pod.metadata.labels)) continue;
    if (!shouldPodBeInEndpoints(pod)) continue;
    const node = pod.spec?.nodeName
      ? store.get<Node & KubeObject>('Node', undefined, pod.spec.nodeName)
      : undefined;
    const { ep, ports, key } = cachedEndpoint(pod, svc, node);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { ports, endpoints: new Map() }));
    g.endpoints.set(endpointKey(ep), ep);
  }
  return groups;
}

interface CachedEndpoint {
  svc: Svc;
  node: Node | undefined;
  ep: Endpoint;
  ports: EndpointPort[];
  key: string;
}

/** Stored objects are immutable, so a pod's endpoint is computed once per (pod, Service, node) version. */
const endpointCache = new WeakMap<P, CachedEndpoint>();

function cachedEndpoint(pod: P, svc: Svc, node: Node | undefined): CachedEndpoint {
  const hit = endpointCache.get(pod);
  if (hit && hit.svc === svc && hit.node === node) return hit;
  const ports = endpointPorts(svc, pod);
  const entry = { svc, node, ep: podToEndpoint(pod, svc, node), ports, key: portMapKey(ports) };
  endpointCache.set(pod, entry);
  return entry;
}

function sliceLabels(svc: Svc): Record<string, string> {
  const labels: Record<string, string> = { ...(svc.metadata.labels ?? {}) };
  labels[LABEL_SERVICE_NAME] = svc.metadata.name;
  labels[LABEL_MANAGED_BY] = MANAGED_BY;
  if (svc.spec?.clusterIP === 'None') labels[LABEL_HEADLESS] = '';
  else delete labels[LABEL_HEADLESS];
  return labels;
}

function newSlice(svc: Svc, ports: EndpointPort[], endpoints: Endpoint[]): Slice {
  const slice: EndpointSlice & KubeObject = {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: '',
      generateName: `${svc.metadata.name}-`,
      namespace: svc.metadata.namespace ?? 'default',
      labels: sliceLabels(svc),
      ownerReferences: [controllerRef(svc)],
    },
    addressType: 'IPv4',
    endpoints,
    ports,
  };
  return slice;
}

function withMeta(svc: Svc, s: Slice): Slice {
  return { ...s, metadata: { ...s.metadata, labels: sliceLabels(svc) } };
}
