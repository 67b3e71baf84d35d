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
import { selectorFromSet, type Selector } from '../api/labels';
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

function sameLabels(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  if (a === b) return true;
  const ka = Object.keys(a ?? {});
  if (ka.length !== Object.keys(b ?? {}).length) return false;
  return ka.every((k) => a?.[k] === b?.[k]);
}

function readyStatus(pod: P): string | undefined {
  return pod.status?.conditions?.find((c) => c.type === 'Ready')?.status;
}

/** upstream podEndpointsChanged: whether a pod update can change its endpoints. */
function endpointChanged(old: P, pod: P): boolean {
  return (
    !sameLabels(old.metadata.labels, pod.metadata.labels) ||
    old.status?.podIP !== pod.status?.podIP ||
    old.status?.phase !== pod.status?.phase ||
    readyStatus(old) !== readyStatus(pod) ||
    old.metadata.deletionTimestamp !== pod.metadata.deletionTimestamp ||
    old.spec?.nodeName !== pod.spec?.nodeName ||
    old.spec?.hostname !== pod.spec?.hostname ||
    old.spec?.subdomain !== pod.spec?.subdomain
  );
}

interface Membership {
  namespace: string;
  selector: Selector;
  selectorKey: string;
  /**
   * One label the selector requires (name and value), undefined for an empty selector: a pod without it
   * cannot be selected, which a pod event checks before the whole selector.
   */
  probe: [string, string] | undefined;
  pods: Set<string>;
  /** The endpoint of each member pod that should be in the slices (incremental desired state). */
  desired: Map<string, CachedEndpoint>;
  /** Members whose endpoint must be recomputed at the next sync. */
  dirty: Set<string>;
  /** The Service the desired endpoints were computed for (a new version recomputes them all). */
  svc: Svc | undefined;
}

/** The endpointslice-controller. */
export class EndpointSliceController implements Controller {
  readonly name = 'endpointslice-controller';
  private store!: ReadonlyStore;
  private readonly written = new Set<string>();
  /** Per Service with a selector: the pods it selects, kept from the watch (no scan per sync). */
  private readonly members = new Map<string, Membership>();
  /**
   * The same memberships by namespace, in the same order: a pod event looks only at its namespace's
   * Services (a bulk import of n pods and m Services is then not n x m).
   */
  private readonly membersByNamespace = new Map<string, Map<string, Membership>>();

  setup(s: ControllerSetup): void {
    this.store = s.store;
    s.watch('Service', (e) => {
      this.onService(e);
      s.enqueue(keyOf(e.object));
    });
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

  private onService(e: WatchEvent): void {
    const svc = e.object as Svc;
    const key = keyOf(svc);
    const selector = svc.spec?.selector;
    if (e.type === 'DELETED' || !selector) {
      this.members.delete(key);
      this.membersByNamespace.get(svc.metadata.namespace ?? 'default')?.delete(key);
      return;
    }
    const selectorKey = stableStringify(selector);
    if (this.members.get(key)?.selectorKey === selectorKey) return;
    const namespace = svc.metadata.namespace ?? 'default';
    const m: Membership = {
      namespace,
      selector: selectorFromSet(selector),
      selectorKey,
      probe: Object.entries(selector)[0],
      pods: new Set(),
      desired: new Map(),
      dirty: new Set(),
      svc: undefined,
    };
    for (const pod of this.store.each<P>('Pod'))
      if (pod.metadata.namespace === namespace && m.selector.matches(pod.metadata.labels))
        m.pods.add(keyOf(pod));
    this.members.set(key, m);
    let inNamespace = this.membersByNamespace.get(namespace);
    if (!inNamespace) this.membersByNamespace.set(namespace, (inNamespace = new Map()));
    inNamespace.set(key, m);
  }

  private onPod(e: WatchEvent, s: ControllerSetup): void {
    const pod = e.object as P;
    const old = e.old as P | undefined;
    if (e.type === 'MODIFIED' && old && !endpointChanged(old, pod)) return;
    const podKey = keyOf(pod);
    const namespace = pod.metadata.namespace;
    const inNamespace = namespace === undefined ? undefined : this.membersByNamespace.get(namespace);
    if (!inNamespace) return;
    const labels = pod.metadata.labels;
    for (const [svcKey, m] of inNamespace) {
      const before = m.pods.has(podKey);
      // Not a member and without a label the selector requires: nothing changes for this Service (a
      // namespace of many Services then costs a label lookup each, not a selector match).
      if (
        !before &&
        m.probe &&
        !(labels && Object.hasOwn(labels, m.probe[0]) && labels[m.probe[0]] === m.probe[1])
      )
        continue;
      const now = e.type !== 'DELETED' && m.selector.matches(labels);
      if (now) m.pods.add(podKey);
      else m.pods.delete(podKey);
      if (now || before) {
        m.dirty.add(podKey);
        s.enqueue(svcKey);
      }
    }
  }

  sync(key: string, ctx: ControllerContext): void {
    const svc = ctx.store.getByKey<Svc>(key);
    const ns = key.split('/')[1] ?? 'default';
    const name = key.split('/').slice(2).join('/');
    const existing = slicesOf(ctx.store, ns, name);
    if (!svc || svc.metadata.deletionTimestamp) return; // the garbage collector removes owned slices
    if (!svc.spec?.selector || svc.spec.type === 'ExternalName') return;
    const m = this.members.get(key);
    if (!m) return;
    const changes = reconcileSlices(desiredGroups(ctx.store, svc, m), existing, (ports, endpoints) =>
      newSlice(svc, ports, endpoints),
    );
    // Slices whose labels no longer follow the Service's are rewritten (upstream: labelsAnnotationsChanged).
    const touched = new Set([...changes.update, ...changes.delete].map((s) => s.metadata.name));
    const labels = sliceLabels(svc);
    for (const s of existing)
      if (!touched.has(s.metadata.name) && !sameLabels(s.metadata.labels, labels)) changes.update.push(s);
    this.written.clear();
    for (const s of changes.delete) ctx.delete(s);
    for (const s of changes.update)
      this.written.add(ctx.update(withMeta(svc, s)).metadata.resourceVersion ?? '');
    for (const s of changes.create) this.written.add(ctx.create(s).metadata.resourceVersion ?? '');
  }
}

/** Brings a Service's desired endpoints up to date (dirty pods only) and groups them by port mapping. */
function desiredGroups(store: ReadonlyStore, svc: Svc, m: Membership): Map<string, DesiredGroup> {
  const recompute = m.svc !== svc ? m.pods : m.dirty;
  if (m.svc !== svc) m.desired.clear();
  m.svc = svc;
  for (const podKey of recompute) {
    const pod = m.pods.has(podKey) ? store.getByKey<P>(podKey) : undefined;
    if (!pod || !shouldPodBeInEndpoints(pod)) {
      m.desired.delete(podKey);
      continue;
    }
    const node = pod.spec?.nodeName
      ? store.get<Node & KubeObject>('Node', undefined, pod.spec.nodeName)
      : undefined;
    m.desired.set(podKey, cachedEndpoint(pod, svc, node));
  }
  m.dirty.clear();
  const groups = new Map<string, DesiredGroup>();
  for (const { ep, ports, key } of m.desired.values()) {
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
