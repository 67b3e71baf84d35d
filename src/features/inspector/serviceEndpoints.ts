/**
 * The endpoints behind a Service, as `kubectl describe service` and `kubectl get endpointslices` show
 * them: each address with its pod, port and conditions (ready, serving, terminating), from the
 * EndpointSlices the endpoint-slice controller manages for the Service.
 */
import type { EndpointSlice, KubeObject } from '../../engine';

export interface EndpointRow {
  pod: string;
  address: string;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
}

/** Rows of every endpoint of the slices, sorted by pod name; `ready` unset counts as ready (API rule). */
export function endpointRows(slices: ReadonlyArray<EndpointSlice & KubeObject>): EndpointRow[] {
  const rows: EndpointRow[] = [];
  for (const s of slices)
    for (const e of s.endpoints ?? [])
      rows.push({
        pod: e.targetRef?.name ?? '',
        address: e.addresses.join(','),
        ready: e.conditions?.ready ?? true,
        serving: e.conditions?.serving ?? e.conditions?.ready ?? true,
        terminating: e.conditions?.terminating ?? false,
      });
  return rows.sort((a, b) => (a.pod < b.pod ? -1 : a.pod > b.pod ? 1 : 0));
}

/** `10.244.1.2:8080,10.244.2.3:8080 + 1 more...` style summary of ready addresses with the first port. */
export function endpointsSummary(rows: readonly EndpointRow[], port: number | undefined, max = 3): string {
  const ready = rows.filter((r) => r.ready).map((r) => (port ? `${r.address}:${port}` : r.address));
  if (ready.length === 0) return '<none>';
  const shown = ready.slice(0, max).join(',');
  return ready.length > max ? `${shown} + ${ready.length - max} more...` : shown;
}
