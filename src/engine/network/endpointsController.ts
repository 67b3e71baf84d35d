/**
 * The Endpoints controller (pkg/controller/endpoint/endpoints_controller.go), so that the legacy v1
 * Endpoints API (`kubectl get endpoints`) answers: for every Service with a selector (not ExternalName), an
 * Endpoints object of the same name whose subsets list the selected pods. It reads the EndpointSlices the
 * EndpointSlice controller keeps for the Service (the same pods, ports resolved the same way) and maps their
 * conditions as the Endpoints controller does from pods: ready endpoints are `addresses`, not-ready ones
 * `notReadyAddresses`, terminating ones are left out (all are addresses when the Service has
 * publishNotReadyAddresses); then RepackSubsets groups addresses by identical port sets and sorts them.
 * Labels are the Service's, with `service.kubernetes.io/headless` for a headless Service. A Service
 * without a selector is left alone (its Endpoints are the user's). Upstream truncates past 1,000 addresses
 * (the over-capacity annotation); the simulation does not.
 */
import type { EndpointAddress, EndpointPort, EndpointSubset, Endpoints } from 'kubernetes-types/core/v1';
import type { KubeObject, Service } from '../api/types';
import { keyOf, objectKey } from '../api/meta';
import type { Controller, ControllerContext, ControllerSetup } from '../core/controller';
import { stableStringify } from '../core/names';
import {
  LABEL_HEADLESS,
  LABEL_MANAGED_BY,
  LABEL_SERVICE_NAME,
  MANAGED_BY,
  slicesOf,
} from './endpointSliceController';

type Svc = Service & KubeObject;
type Ep = Endpoints & KubeObject;

/** Sorts addresses as SortSubsets does: by IP, then by target uid. */
function byAddress(a: EndpointAddress, b: EndpointAddress): number {
  if (a.ip !== b.ip) return a.ip < b.ip ? -1 : 1;
  const ua = a.targetRef?.uid ?? '';
  const ub = b.targetRef?.uid ?? '';
  return ua < ub ? -1 : ua > ub ? 1 : 0;
}

function byPort(a: EndpointPort, b: EndpointPort): number {
  const na = a.name ?? '';
  const nb = b.name ?? '';
  if (na !== nb) return na < nb ? -1 : 1;
  if (a.port !== b.port) return a.port - b.port;
  const pa = a.protocol ?? 'TCP';
  const pb = b.protocol ?? 'TCP';
  return pa < pb ? -1 : pa > pb ? 1 : 0;
}

/** The subsets of a Service's Endpoints, from its EndpointSlices. */
export function endpointsSubsets(svc: Svc, slices: ReadonlyArray<KubeObject>): EndpointSubset[] {
  const publishNotReady = svc.spec?.publishNotReadyAddresses === true;
  // RepackSubsets: addresses grouped by their set of ports (one group per port mapping).
  const groups = new Map<
    string,
    { ports: EndpointPort[]; ready: EndpointAddress[]; notReady: EndpointAddress[] }
  >();
  for (const slice of slices) {
    const s = slice as KubeObject & {
      endpoints?: Array<{
        addresses: string[];
        conditions?: { ready?: boolean; terminating?: boolean };
        hostname?: string;
        nodeName?: string;
        targetRef?: EndpointAddress['targetRef'];
      }>;
      ports?: Array<{ name?: string; port?: number; protocol?: string; appProtocol?: string }>;
    };
    const ports: EndpointPort[] = (s.ports ?? [])
      .filter((p) => p.port !== undefined)
      .map((p) => ({
        ...(p.name ? { name: p.name } : {}),
        port: p.port as number,
        protocol: p.protocol ?? 'TCP',
        ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}),
      }))
      .sort(byPort);
    const key = stableStringify(ports);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { ports, ready: [], notReady: [] }));
    for (const ep of s.endpoints ?? []) {
      const ready = ep.conditions?.ready !== false;
      const terminating = ep.conditions?.terminating === true;
      if (!publishNotReady && terminating) continue;
      for (const ip of ep.addresses) {
        const address: EndpointAddress = {
          ip,
          ...(ep.hostname ? { hostname: ep.hostname } : {}),
          ...(ep.nodeName ? { nodeName: ep.nodeName } : {}),
          ...(ep.targetRef ? { targetRef: ep.targetRef } : {}),
        };
        if (publishNotReady || ready) g.ready.push(address);
        else g.notReady.push(address);
      }
    }
  }
  const subsets: EndpointSubset[] = [];
  for (const g of groups.values()) {
    if (g.ready.length === 0 && g.notReady.length === 0) continue;
    subsets.push({
      ...(g.ready.length ? { addresses: g.ready.sort(byAddress) } : {}),
      ...(g.notReady.length ? { notReadyAddresses: g.notReady.sort(byAddress) } : {}),
      ...(g.ports.length ? { ports: g.ports } : {}),
    });
  }
  return subsets;
}

function endpointsLabels(svc: Svc): Record<string, string> {
  const labels: Record<string, string> = { ...(svc.metadata.labels ?? {}) };
  if (svc.spec?.clusterIP === 'None') labels[LABEL_HEADLESS] = '';
  else delete labels[LABEL_HEADLESS];
  return labels;
}

/** The `endpoint-controller`. */
export class EndpointsController implements Controller {
  readonly name = 'endpoint-controller';

  setup(s: ControllerSetup): void {
    for (const svc of s.store.each('Service')) s.enqueue(keyOf(svc));
    s.watch('Service', (e) => s.enqueue(keyOf(e.object)));
    s.watch('EndpointSlice', (e) => {
      const l = e.object.metadata.labels;
      const name = l?.[LABEL_SERVICE_NAME];
      if (name && l[LABEL_MANAGED_BY] === MANAGED_BY)
        s.enqueue(objectKey('Service', e.object.metadata.namespace, name));
    });
  }

  sync(key: string, ctx: ControllerContext): void {
    const [, ns = 'default', ...rest] = key.split('/');
    const name = rest.join('/');
    const svc = ctx.store.getByKey<Svc>(key);
    const current = ctx.store.get<Ep>('Endpoints', ns, name);
    if (!svc) {
      // The Service is gone: so are the Endpoints the controller kept for it.
      if (current && !ctx.store.get('Service', ns, name)) ctx.delete(current);
      return;
    }
    if (svc.metadata.deletionTimestamp) return;
    if (!svc.spec?.selector || svc.spec.type === 'ExternalName') return;
    const subsets = endpointsSubsets(svc, slicesOf(ctx.store, ns, name));
    const labels = endpointsLabels(svc);
    if (current) {
      const same =
        stableStringify(current.subsets ?? []) === stableStringify(subsets) &&
        stableStringify(current.metadata.labels ?? {}) === stableStringify(labels);
      if (same) return;
      const { subsets: _old, ...base } = current;
      ctx.update({
        ...base,
        metadata: { ...current.metadata, labels },
        ...(subsets.length ? { subsets } : {}),
      } as Ep);
      return;
    }
    ctx.create({
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name, namespace: ns, labels },
      ...(subsets.length ? { subsets } : {}),
    } as Ep);
  }
}
