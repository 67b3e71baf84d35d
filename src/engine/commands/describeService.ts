/**
 * `kubectl describe service`: describeService of staging/src/k8s.io/kubectl/pkg/describe/describe.go,
 * with the Endpoints of each port from the Service's EndpointSlices (formatEndpointSlices: ready
 * addresses as ip:port, three at most, then "+ N more...").
 */
import type { KubeObject, Service } from '../api/types';
import type { Simulation } from '../core/simulation';
import { LABEL_SERVICE_NAME } from '../network';
import type { Field } from './execDescribe';

/* eslint-disable @typescript-eslint/no-explicit-any -- EndpointSlice fields read loosely */
type Any = any;
type Svc = Service & KubeObject;

/** formatEndpointSlices for the slice ports named `portName`. */
export function formatEndpointSlices(slices: readonly Any[], portName: string): string {
  if (slices.length === 0) return '<none>';
  const max = 3;
  const list: string[] = [];
  let count = 0;
  const add = (text: string) => {
    if (list.length < max) list.push(text);
    count++;
  };
  for (const s of slices) {
    const ready = (e: Any) => e.conditions?.ready !== false;
    if ((s.ports ?? []).length === 0) {
      for (const e of s.endpoints ?? []) if (ready(e)) add(e.addresses?.[0] ?? '');
      continue;
    }
    for (const p of s.ports) {
      if ((p.name ?? '') !== portName) continue;
      for (const e of s.endpoints ?? []) if (ready(e)) add(`${e.addresses?.[0] ?? ''}:${p.port}`);
    }
  }
  return count > max ? `${list.join(',')} + ${count - max} more...` : list.join(',');
}

/** The Service fields after the common header. */
export function serviceFields(svc: Svc, sim: Simulation): Field[] {
  const spec: Any = svc.spec ?? {};
  const ns = svc.metadata.namespace ?? 'default';
  const slices = sim.store
    .list<Any>('EndpointSlice', ns)
    .filter((s) => s.metadata.labels?.[LABEL_SERVICE_NAME] === svc.metadata.name)
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
  const selector = Object.entries(spec.selector ?? {})
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(',');
  const fields: Field[] = [
    ['Selector', selector || '<none>'],
    ['Type', spec.type ?? ''],
  ];
  if (spec.ipFamilyPolicy) fields.push(['IP Family Policy', spec.ipFamilyPolicy]);
  fields.push(
    ['IP Families', spec.ipFamilies?.length ? spec.ipFamilies.join(',') : '<none>'],
    ['IP', spec.clusterIP ?? ''],
    ['IPs', spec.clusterIPs?.length ? spec.clusterIPs.join(',') : '<none>'],
  );
  if (spec.externalIPs?.length) fields.push(['External IPs', spec.externalIPs.join(',')]);
  if (spec.loadBalancerIP) fields.push(['IP', spec.loadBalancerIP]);
  if (spec.externalName) fields.push(['External Name', spec.externalName]);
  const ingress: Any[] = (svc.status as Any)?.loadBalancer?.ingress ?? [];
  if (ingress.length)
    fields.push(['LoadBalancer Ingress', ingress.map((i) => i.ip || i.hostname).join(', ')]);
  for (const p of spec.ports ?? []) {
    const name = p.name || '<unset>';
    const protocol = p.protocol ?? 'TCP';
    fields.push(['Port', `${name}  ${p.port}/${protocol}`]);
    fields.push(['TargetPort', `${p.targetPort ?? p.port}/${protocol}`]);
    if (p.appProtocol) fields.push(['AppProtocol', p.appProtocol]);
    if (p.nodePort) fields.push(['NodePort', `${name}  ${p.nodePort}/${protocol}`]);
    fields.push(['Endpoints', formatEndpointSlices(slices, p.name ?? '')]);
  }
  fields.push(['Session Affinity', spec.sessionAffinity ?? '']);
  if (spec.externalTrafficPolicy) fields.push(['External Traffic Policy', spec.externalTrafficPolicy]);
  if (spec.internalTrafficPolicy) fields.push(['Internal Traffic Policy', spec.internalTrafficPolicy]);
  if (spec.healthCheckNodePort) fields.push(['HealthCheck NodePort', String(spec.healthCheckNodePort)]);
  if (spec.loadBalancerSourceRanges?.length)
    fields.push(['LoadBalancer Source Ranges', spec.loadBalancerSourceRanges.join(',')]);
  return fields;
}
