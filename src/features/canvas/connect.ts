/**
 * Connecting objects on the canvas by dragging an edge: a Service to a workload sets the Service's
 * selector to the workload's pod-template labels (giving the template an `app: <name>` label first when it
 * has none, and the workload's selector with it); an Ingress to a Service routes to it. Pure: the caller
 * writes the returned objects as one command.
 */
import type { KubeObject } from '../../engine';

export { canConnect, CONNECTABLE_WORKLOADS } from './links';

type Json = Record<string, unknown>;

/** The labels the workload's pods get (a Pod's own labels). */
export function podLabelsOf(workload: KubeObject): Record<string, string> {
  if (workload.kind === 'Pod') return { ...(workload.metadata.labels ?? {}) };
  const spec = (workload as KubeObject & { spec?: Json }).spec;
  const template = spec?.['template'] as { metadata?: { labels?: Record<string, string> } } | undefined;
  return { ...(template?.metadata?.labels ?? {}) };
}

/** A Service wired to a workload, and the workload (changed only when its pods had no labels). */
export function connectServiceToWorkload(
  service: KubeObject,
  workload: KubeObject,
): { service: KubeObject; workload: KubeObject } {
  let labels = podLabelsOf(workload);
  let wl = workload;
  if (Object.keys(labels).length === 0) {
    labels = { app: workload.metadata.name };
    wl = structuredClone(workload);
    if (wl.kind === 'Pod') wl.metadata.labels = { ...labels };
    else {
      const spec = ((wl as KubeObject & { spec?: Json }).spec ??= {}) as Json;
      const template = (spec['template'] ??= {}) as Json;
      const meta = (template['metadata'] ??= {}) as Json;
      meta['labels'] = { ...labels };
      // A Job generates its own selector; the others must select their template's labels.
      if (wl.kind !== 'Job') spec['selector'] = { matchLabels: { ...labels } };
    }
  }
  const svc = structuredClone(service) as KubeObject & { spec?: Json };
  svc.spec = { ...(svc.spec ?? {}), selector: labels };
  return { service: svc, workload: wl };
}

interface IngressPath {
  path?: string;
  pathType?: string;
  backend: { service?: { name: string; port?: { number?: number; name?: string } } };
}

/**
 * An Ingress routing to a Service: the rule for `/` takes the Service when it routes nowhere that exists
 * (the palette's placeholder), else a new path `/<service>` is added; nothing changes if it already routes
 * there. `exists` tells whether a Service name exists in the Ingress's namespace.
 */
export function connectIngressToService(
  ingress: KubeObject,
  service: KubeObject,
  exists: (serviceName: string) => boolean,
): KubeObject {
  const name = service.metadata.name;
  const ports = ((service as KubeObject & { spec?: Json }).spec?.['ports'] ?? []) as Array<{
    port: number;
    name?: string;
  }>;
  const port = ports[0] ? { number: ports[0].port } : { number: 80 };
  const backend = { service: { name, port } };
  const ing = structuredClone(ingress) as KubeObject & { spec?: Json };
  const spec = (ing.spec ??= {}) as Json;
  const rules = ((spec['rules'] as Array<{ host?: string; http?: { paths: IngressPath[] } }> | undefined) ??=
    []);
  const all = rules.flatMap((r) => r.http?.paths ?? []);
  const def = (spec['defaultBackend'] as IngressPath['backend'] | undefined)?.service?.name;
  if (def === name || all.some((p) => p.backend.service?.name === name)) return ingress;
  let rule = rules.find((r) => !r.host) ?? rules[0];
  if (!rule) {
    rule = { http: { paths: [] } };
    rules.push(rule);
  }
  const http = (rule.http ??= { paths: [] });
  const root = http.paths.find((p) => p.path === '/' || p.path === undefined);
  const dangling = root?.backend.service && !exists(root.backend.service.name);
  if (root && (dangling || !root.backend.service)) root.backend = backend;
  else http.paths.push({ path: root ? `/${name}` : '/', pathType: 'Prefix', backend });
  return ing;
}
