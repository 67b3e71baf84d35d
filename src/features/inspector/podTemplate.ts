/**
 * Where a kind keeps its pods' shape: a Pod's own metadata and spec, a workload's `spec.template`, a
 * CronJob's `spec.jobTemplate.spec.template`. Immutable updates: every setter returns a new object and
 * leaves the input as it was.
 */
import type { Container, KubeObject, ObjectMeta, PodSpec } from '../../engine';

/** Kinds whose objects carry a pod template (or are a Pod). */
export const POD_TEMPLATE_KINDS = [
  'Pod',
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
] as const;

export function hasPodTemplate(kind: string): boolean {
  return (POD_TEMPLATE_KINDS as readonly string[]).includes(kind);
}

type Json = Record<string, unknown>;

function obj(v: unknown): Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {};
}

/** The path from the object to its pod template ({metadata, spec}); empty for a Pod. */
function templatePath(kind: string): string[] {
  if (kind === 'Pod') return [];
  if (kind === 'CronJob') return ['spec', 'jobTemplate', 'spec', 'template'];
  return ['spec', 'template'];
}

function getIn(root: unknown, path: readonly string[]): Json {
  let cur = obj(root);
  for (const p of path) cur = obj(cur[p]);
  return cur;
}

/** Sets `value` at `path` below `root`, copying each object on the way. */
export function setIn(root: Json, path: readonly string[], value: unknown): Json {
  if (path.length === 0) return obj(value);
  const [head, ...rest] = path as [string, ...string[]];
  const next = { ...root };
  if (rest.length === 0) {
    if (value === undefined) delete next[head];
    else next[head] = value;
  } else next[head] = setIn(obj(root[head]), rest, value);
  return next;
}

/** The pod metadata (labels, annotations) of a Pod or a workload's template. */
export function podMeta(o: KubeObject): ObjectMeta {
  return getIn(o, [...templatePath(o.kind), 'metadata']) as ObjectMeta;
}

/** The pod spec of a Pod or a workload's template. */
export function podSpec(o: KubeObject): PodSpec {
  const spec = getIn(o, [...templatePath(o.kind), 'spec']) as Partial<PodSpec>;
  return { ...spec, containers: spec.containers ?? [] };
}

export function updatePodMeta(o: KubeObject, fn: (m: ObjectMeta) => ObjectMeta): KubeObject {
  const path = [...templatePath(o.kind), 'metadata'];
  return setIn(o, path, fn(podMeta(o))) as KubeObject;
}

export function updatePodSpec(o: KubeObject, fn: (s: PodSpec) => PodSpec): KubeObject {
  const path = [...templatePath(o.kind), 'spec'];
  return setIn(o, path, fn(podSpec(o))) as KubeObject;
}

/** The container at `index` (undefined when there is none). */
export function containerAt(o: KubeObject, index: number): Container | undefined {
  return podSpec(o).containers[index];
}

export function updateContainer(o: KubeObject, index: number, fn: (c: Container) => Container): KubeObject {
  return updatePodSpec(o, (s) => ({
    ...s,
    containers: s.containers.map((c, i) => (i === index ? fn(c) : c)),
  }));
}

/** An object whose optional fields may also be given as undefined (pruned drops them). */
export type Loose<T> = { [K in keyof T]?: T[K] | undefined };

/** Drops keys whose value is undefined, empty objects and empty arrays (so the YAML stays as written). */
export function pruned<T extends object>(v: Loose<T>): T {
  const out: Json = {};
  for (const [k, x] of Object.entries(v)) {
    if (x === undefined) continue;
    if (Array.isArray(x) && x.length === 0) continue;
    if (x !== null && typeof x === 'object' && !Array.isArray(x) && Object.keys(x).length === 0) continue;
    out[k] = x;
  }
  return out as T;
}
