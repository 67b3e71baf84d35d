/**
 * Copy, paste and duplicate: copies of authored objects under new unique names (web -> web-2), moved by
 * an offset. The copies are wired to each other, not to the originals: a copied Deployment's `app` label
 * (and its selector and pod template) take the new name, and so do the copied Service's selector, a
 * copied StatefulSet's serviceName and a copied Ingress's backends when those objects are copied too.
 * Pure: no store, no React.
 */
import { objectKey, type KubeObject } from '../../engine';
import type { XY } from '../../store';

/** Is this key taken (authored or live)? */
export type Taken = (key: string) => boolean;

/** The next free name for a copy: `web` -> `web-2`, `web-2` -> `web-3`, `node-1` -> `node-4`... */
export function copyName(kind: string, name: string, namespace: string | undefined, taken: Taken): string {
  const base = name.replace(/-\d+$/, '') || name;
  for (let i = 2; ; i++) {
    const candidate = `${base}-${i}`;
    if (!taken(objectKey(kind, namespace, candidate))) return candidate;
  }
}

const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Pod']);
/** Server-set metadata that a copy must not carry. */
const SERVER_FIELDS = ['uid', 'resourceVersion', 'creationTimestamp', 'generation', 'deletionTimestamp'];

function renameValues(labels: unknown, renames: ReadonlyMap<string, string>): void {
  if (!labels || typeof labels !== 'object') return;
  const rec = labels as Record<string, unknown>;
  for (const [k, v] of Object.entries(rec))
    if (typeof v === 'string' && renames.has(v)) rec[k] = renames.get(v);
}

type Json = Record<string, unknown>;
const at = (o: unknown, ...path: string[]): Json | undefined => {
  let cur: unknown = o;
  for (const p of path) {
    if (!cur || typeof cur !== 'object') return undefined;
    cur = (cur as Json)[p];
  }
  return cur && typeof cur === 'object' ? (cur as Json) : undefined;
};

/** The result of copying: the new objects, their positions, and the keys of the copies in order. */
export interface Copies {
  objects: KubeObject[];
  positions: Record<string, XY>;
  keys: string[];
}

/**
 * Copies of `objects` with new names none of which `taken` knows, each placed at its original position
 * plus `offset` (objects without a position stay unplaced and are laid out automatically).
 */
export function makeCopies(
  objects: readonly KubeObject[],
  positionOf: (key: string) => XY | undefined,
  taken: Taken,
  offset: XY,
): Copies {
  const chosen = new Set<string>();
  const isTaken: Taken = (k) => chosen.has(k) || taken(k);
  const names = new Map<KubeObject, string>();
  for (const o of objects) {
    const n = copyName(o.kind, o.metadata.name, o.metadata.namespace, isTaken);
    chosen.add(objectKey(o.kind, o.metadata.namespace, n));
    names.set(o, n);
  }
  // Label values that named a copied workload follow it; Service names follow for references.
  const labelRenames = new Map<string, string>();
  const serviceRenames = new Map<string, string>();
  for (const o of objects) {
    const n = names.get(o) ?? o.metadata.name;
    if (WORKLOADS.has(o.kind)) labelRenames.set(o.metadata.name, n);
    if (o.kind === 'Service') serviceRenames.set(o.metadata.name, n);
  }
  const out: Copies = { objects: [], positions: {}, keys: [] };
  for (const o of objects) {
    const copy = structuredClone(o) as KubeObject & Json;
    const name = names.get(o) ?? o.metadata.name;
    copy.metadata.name = name;
    const meta = copy.metadata as unknown as Json;
    for (const f of SERVER_FIELDS) delete meta[f];
    delete copy['status'];
    if (o.kind === 'Node') {
      const labels = { ...(copy.metadata.labels ?? {}) };
      if (labels['kubernetes.io/hostname']) labels['kubernetes.io/hostname'] = name;
      copy.metadata.labels = labels;
      // A Node's status is its capacity: keep it (the simulated kubelet reports it again).
      if (o['status' as keyof KubeObject]) copy['status'] = structuredClone((o as Json)['status']);
    }
    renameValues(copy.metadata.labels, labelRenames);
    const spec = at(copy, 'spec');
    if (spec) {
      if (o.kind === 'Service') renameValues(spec['selector'], labelRenames);
      renameValues(at(spec, 'selector', 'matchLabels'), labelRenames);
      renameValues(at(spec, 'template', 'metadata', 'labels'), labelRenames);
      renameValues(at(spec, 'jobTemplate', 'spec', 'template', 'metadata', 'labels'), labelRenames);
      if (o.kind === 'StatefulSet' && typeof spec['serviceName'] === 'string')
        spec['serviceName'] = serviceRenames.get(spec['serviceName']) ?? spec['serviceName'];
      if (o.kind === 'Ingress') renameIngressBackends(spec, serviceRenames);
    }
    const key = objectKey(o.kind, o.metadata.namespace, name);
    const from = positionOf(objectKey(o.kind, o.metadata.namespace, o.metadata.name));
    if (from) out.positions[key] = { x: from.x + offset.x, y: from.y + offset.y };
    out.objects.push(copy);
    out.keys.push(key);
  }
  return out;
}

function renameIngressBackends(spec: Json, renames: ReadonlyMap<string, string>): void {
  const rename = (backend: Json | undefined) => {
    const svc = at(backend, 'service');
    if (svc && typeof svc['name'] === 'string') svc['name'] = renames.get(svc['name']) ?? svc['name'];
  };
  rename(at(spec, 'defaultBackend'));
  const rules = spec['rules'];
  if (!Array.isArray(rules)) return;
  for (const r of rules) {
    const paths = at(r, 'http')?.['paths'];
    if (Array.isArray(paths)) for (const p of paths) rename(at(p, 'backend'));
  }
}
