/**
 * What the keyboard's "Connect to…" chooser offers for one object: every link the mouse could draw from
 * it or to it by dragging an edge (a Service to a workload, an Ingress to a Service), among the objects a
 * person made in the same namespace (a Service selects pods in its own namespace only, and an Ingress
 * routes to Services in its own). Pure: the authored objects in, the choices out.
 */
import { keyOf, type KubeObject } from '../../engine';
import { podLabelsOf } from './connect';
import { canConnect } from './links';
import { keyLabel } from './layout';

/** One link the chooser offers. */
export interface LinkChoice {
  /** The edge's source and target (object keys), as a drag would draw it. */
  source: string;
  target: string;
  /** The other object (not the one the chooser was opened on). */
  other: string;
  /** `Deployment web` */
  label: string;
  /** What the link does, from the other object's side: `Service web selects its pods`. */
  effect: string;
  /** Whether the link is there already. */
  connected: boolean;
}

type Json = Record<string, unknown>;

function serviceSelects(service: KubeObject, workload: KubeObject): boolean {
  const selector = ((service as KubeObject & { spec?: Json }).spec?.['selector'] ?? {}) as Record<
    string,
    string
  >;
  const entries = Object.entries(selector);
  if (entries.length === 0) return false;
  const labels = podLabelsOf(workload);
  return entries.every(([k, v]) => labels[k] === v);
}

function ingressRoutesTo(ingress: KubeObject, service: string): boolean {
  const spec = (ingress as KubeObject & { spec?: Json }).spec ?? {};
  const def = (spec['defaultBackend'] as { service?: { name?: string } } | undefined)?.service?.name;
  if (def === service) return true;
  const rules = (spec['rules'] ?? []) as Array<{
    http?: { paths?: Array<{ backend?: { service?: { name?: string } } }> };
  }>;
  return rules.some((r) => (r.http?.paths ?? []).some((p) => p.backend?.service?.name === service));
}

/**
 * The links the chooser offers for the object `key`, in a stable order (kind, then name). Pods are left
 * out: they have no card to drag an edge to; their owner is connected instead.
 */
export function linkChoices(key: string, objects: readonly KubeObject[]): LinkChoice[] {
  const self = objects.find((o) => keyOf(o) === key);
  if (!self) return [];
  const ns = self.metadata.namespace ?? 'default';
  const out: LinkChoice[] = [];
  for (const other of objects) {
    const otherKey = keyOf(other);
    if (otherKey === key || other.kind === 'Pod' || (other.metadata.namespace ?? 'default') !== ns) continue;
    // The link's direction: from the object's side, or to it.
    const forward = canConnect(self.kind, other.kind);
    const backward = canConnect(other.kind, self.kind);
    if (!forward && !backward) continue;
    const [source, target] = forward ? [self, other] : [other, self];
    const connected =
      source.kind === 'Service'
        ? serviceSelects(source, target)
        : ingressRoutesTo(source, target.metadata.name);
    const effect =
      source.kind === 'Service'
        ? forward
          ? `${keyLabel(key)} selects its pods`
          : `Selects the pods of ${keyLabel(key)}`
        : forward
          ? `${keyLabel(key)} routes to it`
          : `Routes to ${keyLabel(key)}`;
    out.push({
      source: keyOf(source),
      target: keyOf(target),
      other: otherKey,
      label: keyLabel(otherKey),
      effect,
      connected,
    });
  }
  return out.sort((a, b) => a.label.localeCompare(b.label, 'en', { numeric: true }));
}
