/**
 * The EndpointSlice reconciler of staging/src/k8s.io/endpointslice/reconciler.go, for one Service and
 * address type IPv4: endpoints are grouped by their port mapping (pods whose named targetPort resolves to
 * different numbers land in different slices); existing slices keep their endpoints where possible
 * (changed endpoints are updated in place, gone ones removed); new endpoints first fill slices already
 * being updated, then new slices of at most maxEndpointsPerSlice, and a last partial chunk goes into an
 * unchanged slice that can take it whole. A Service with no endpoints keeps one placeholder slice.
 * Pure: it returns the slices to create, update and delete.
 */
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { KubeObject } from '../api/types';
import { stableStringify } from '../core/names';
import type { Endpoint, EndpointPort } from './endpoints';

/** A stored EndpointSlice. */
export type Slice = EndpointSlice & KubeObject;

/** kube-controller-manager --max-endpoints-per-slice. */
export const MAX_ENDPOINTS_PER_SLICE = 100;

/** The desired endpoints of one port mapping. */
export interface DesiredGroup {
  ports: EndpointPort[];
  endpoints: Map<string, Endpoint>;
}

/** What the controller must write. `create` slices have no name yet (generateName). */
export interface SliceChanges {
  create: Slice[];
  update: Slice[];
  delete: Slice[];
}

/** The key of a port mapping (upstream endpointutil.NewPortMapKey). */
export function portMapKey(ports: readonly EndpointPort[]): string {
  const sorted = [...ports].sort((a, b) => (a.name ?? '').localeCompare(b.name ?? ''));
  return stableStringify(sorted);
}

/** The key of an endpoint within a Service: its pod, else its first address. */
export function endpointKey(ep: Endpoint): string {
  return ep.targetRef ? `${ep.targetRef.namespace}/${ep.targetRef.name}` : (ep.addresses[0] ?? '');
}

function sameEndpoint(a: Endpoint, b: Endpoint): boolean {
  if (a === b) return true;
  const ca = a.conditions;
  const cb = b.conditions;
  return (
    a.addresses.length === b.addresses.length &&
    a.addresses.every((x, i) => x === b.addresses[i]) &&
    ca?.ready === cb?.ready &&
    ca?.serving === cb?.serving &&
    ca?.terminating === cb?.terminating &&
    a.hostname === b.hostname &&
    a.nodeName === b.nodeName &&
    a.zone === b.zone &&
    a.targetRef?.uid === b.targetRef?.uid &&
    a.targetRef?.name === b.targetRef?.name
  );
}

/**
 * Reconciles one Service's slices. `template` gives the metadata every slice carries (labels, owner,
 * generateName); `existing` are the slices the controller manages for the Service.
 */
export function reconcileSlices(
  desired: Map<string, DesiredGroup>,
  existing: readonly Slice[],
  template: (ports: EndpointPort[], endpoints: Endpoint[]) => Slice,
  maxPerSlice = MAX_ENDPOINTS_PER_SLICE,
): SliceChanges {
  const out: SliceChanges = { create: [], update: [], delete: [] };
  const existingByPorts = new Map<string, Slice[]>();
  for (const s of existing) {
    const k = portMapKey(s.ports ?? []);
    existingByPorts.set(k, [...(existingByPorts.get(k) ?? []), s]);
  }
  for (const [k, group] of desired)
    reconcileGroup(group, existingByPorts.get(k) ?? [], template, maxPerSlice, out);
  for (const [k, slices] of existingByPorts) if (!desired.has(k)) out.delete.push(...slices);
  keepPlaceholder(desired, existing, template, out);
  return out;
}

function reconcileGroup(
  group: DesiredGroup,
  slices: readonly Slice[],
  template: (ports: EndpointPort[], endpoints: Endpoint[]) => Slice,
  max: number,
  out: SliceChanges,
): void {
  const placed = new Set<string>();
  const updated: Slice[] = [];
  const unchanged: Slice[] = [];
  for (const s of slices) {
    let changed = false;
    const kept: Endpoint[] = [];
    for (const ep of s.endpoints ?? []) {
      const k = endpointKey(ep);
      const want = group.endpoints.get(k);
      if (!want || placed.has(k)) {
        changed = true;
        continue;
      }
      placed.add(k);
      if (!sameEndpoint(ep, want)) changed = true;
      kept.push(want);
    }
    if (kept.length === 0) out.delete.push(s);
    else if (changed) updated.push({ ...s, endpoints: kept });
    else unchanged.push(s);
  }
  const remaining = [...group.endpoints.entries()].filter(([k]) => !placed.has(k)).map(([, ep]) => ep);
  // 1. Fill the slices that are being updated anyway, fullest first.
  updated.sort((a, b) => b.endpoints.length - a.endpoints.length);
  for (const s of updated) {
    while (remaining.length > 0 && s.endpoints.length < max) s.endpoints.push(remaining.shift() as Endpoint);
  }
  // 2. New slices for whole chunks; 3. a last partial chunk into an unchanged slice with room for it all.
  while (remaining.length > 0) {
    const chunk = remaining.splice(0, max);
    const fit = chunk.length < max ? fullestFitting(unchanged, chunk.length, max) : undefined;
    if (fit) {
      unchanged.splice(unchanged.indexOf(fit), 1);
      updated.push({ ...fit, endpoints: [...fit.endpoints, ...chunk] });
    } else out.create.push(template(group.ports, chunk));
  }
  out.update.push(...updated);
}

function fullestFitting(slices: readonly Slice[], n: number, max: number): Slice | undefined {
  let best: Slice | undefined;
  for (const s of slices)
    if (s.endpoints.length + n <= max && (!best || s.endpoints.length > best.endpoints.length)) best = s;
  return best;
}

function keepPlaceholder(
  desired: Map<string, DesiredGroup>,
  existing: readonly Slice[],
  template: (ports: EndpointPort[], endpoints: Endpoint[]) => Slice,
  out: SliceChanges,
): void {
  const total = [...desired.values()].reduce((n, g) => n + g.endpoints.size, 0);
  if (total > 0 || out.create.length > 0 || out.update.length > 0) return;
  const deleting = new Set(out.delete);
  const survivors = existing.filter((s) => !deleting.has(s));
  if (survivors.length > 0) return;
  const placeholder = existing.find((s) => (s.endpoints ?? []).length === 0 && (s.ports ?? []).length === 0);
  if (placeholder) out.delete.splice(out.delete.indexOf(placeholder), 1);
  else out.create.push(template([], []));
}
