/**
 * Pod to endpoint, as staging/src/k8s.io/endpointslice/utils.go (podToEndpoint, getEndpointPorts) and
 * pkg/api/v1/endpoints ShouldPodBeInEndpoints / ShouldSetHostname do it.
 */
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { KubeObject, Node, Pod, Service } from '../api/types';
import { isPodReady } from '../controllers';

type P = Pod & KubeObject;
type Svc = Service & KubeObject;
/** One endpoint of a slice. */
export type Endpoint = EndpointSlice['endpoints'][number];
/** One port of a slice. */
export type EndpointPort = NonNullable<EndpointSlice['ports']>[number];

/** The pod's IPv4 address (getEndpointAddresses: the first IPv4 of status.podIPs, else status.podIP). */
export function podIp(pod: Pod): string | undefined {
  const v4 = pod.status?.podIPs?.find((p) => /^\d+\.\d+\.\d+\.\d+$/.test(p.ip ?? ''))?.ip;
  return v4 || pod.status?.podIP || undefined;
}

/**
 * ShouldPodBeInEndpoints(pod, includeTerminating=true): a pod with an IP that is not terminal for its
 * restart policy (the EndpointSlice controller keeps terminating pods, with the terminating condition).
 */
export function shouldPodBeInEndpoints(pod: Pod): boolean {
  if (!podIp(pod)) return false;
  const phase = pod.status?.phase;
  switch (pod.spec?.restartPolicy) {
    case 'Never':
      return phase !== 'Failed' && phase !== 'Succeeded';
    case 'OnFailure':
      return phase !== 'Succeeded';
    default:
      return true;
  }
}

/** The endpoint of a pod: ready = publishNotReadyAddresses || (serving && !terminating). */
export function podToEndpoint(pod: P, svc: Svc, node: Node | undefined): Endpoint {
  const serving = isPodReady(pod);
  const terminating = pod.metadata.deletionTimestamp !== undefined;
  const ready = svc.spec?.publishNotReadyAddresses === true || (serving && !terminating);
  const zone = node?.metadata?.labels?.['topology.kubernetes.io/zone'];
  const hostname = pod.spec?.hostname;
  const setHostname =
    !!hostname &&
    pod.spec?.subdomain === svc.metadata.name &&
    pod.metadata.namespace === svc.metadata.namespace;
  return {
    addresses: [podIp(pod) as string],
    conditions: { ready, serving, terminating },
    ...(setHostname ? { hostname } : {}),
    targetRef: {
      kind: 'Pod',
      namespace: pod.metadata.namespace ?? 'default',
      name: pod.metadata.name,
      ...(pod.metadata.uid ? { uid: pod.metadata.uid } : {}),
    },
    ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
    ...(zone ? { zone } : {}),
  };
}

/**
 * podutil.FindPort: a numeric targetPort as is; a named one from the pod's container ports; undefined
 * when the pod has no port of that name (the pod then has no endpoint for that port).
 */
export function findPort(
  pod: Pod,
  targetPort: number | string | undefined,
  port: number,
): number | undefined {
  if (targetPort === undefined) return port;
  if (typeof targetPort === 'number') return targetPort;
  if (/^\d+$/.test(targetPort)) return Number(targetPort);
  for (const c of pod.spec?.containers ?? [])
    for (const p of c.ports ?? [])
      if (p.name === targetPort && (p.protocol ?? 'TCP') === 'TCP') return p.containerPort;
  for (const c of pod.spec?.containers ?? [])
    for (const p of c.ports ?? []) if (p.name === targetPort) return p.containerPort;
  return undefined;
}

/** getEndpointPorts: the slice ports of a pod for a Service (ports the pod lacks are left out). */
export function endpointPorts(svc: Svc, pod: Pod): EndpointPort[] {
  const out: EndpointPort[] = [];
  for (const sp of svc.spec?.ports ?? []) {
    const n = findPort(pod, sp.targetPort, sp.port);
    if (n === undefined) continue;
    out.push({
      name: sp.name ?? '',
      port: n,
      protocol: sp.protocol ?? 'TCP',
      ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}),
    });
  }
  return out;
}
