/**
 * Export: the authored objects as one multi-document YAML that `kubectl apply -f` accepts, in apply order,
 * keys ordered as kubectl writes them, without server-populated fields. It writes what the user authored:
 * pass `sim.authored()` or the document's objects, never live objects (those carry defaults and
 * controller-made objects); a namespaced object written without a namespace is exported without one.
 *
 * Two audiences:
 * - By default, what a real cluster should get: no simulated infrastructure (Nodes, which a cluster's
 *   machines register themselves; the simulator's own kinds `kubecanvas.dev/...`: NodeGroup,
 *   TrafficSource, Scenario) and no `kubecanvas.dev/` annotations (behaviour, faults).
 * - With `includeSimulation`, the whole design, so importing it gives the same design back: the simulated
 *   infrastructure too, and each Node's size. A Node's capacity and allocatable are status, which the API
 *   server (and so our import) ignores in a manifest; they travel in the `kubecanvas.dev/node-status`
 *   annotation (the authored status as JSON), which import turns back into the Node's status
 *   (`restoreSimulated`).
 */
import { stringify } from 'yaml';
import {
  isClusterScoped,
  isSimulatedInfrastructure,
  keyOf,
  stableStringify,
  type KubeObject,
} from '../engine';
import { applyOrder } from './applyOrder';
import { isRecord } from './parse';

/** Which objects to export and whether to keep the simulated infrastructure and annotations. */
export interface ExportOptions {
  includeSimulation?: boolean;
  /** Only objects in this namespace (cluster-scoped objects are left out). */
  namespace?: string;
  /** Only objects with these keys (`keyOf(obj)`). */
  selection?: ReadonlySet<string>;
}

/** The annotation prefix of simulation behaviour and traffic settings. */
export const SIMULATION_PREFIX = 'kubecanvas.dev/';

/** The annotation that carries a Node's authored status (capacity, allocatable) in a simulation export. */
export const NODE_STATUS_ANNOTATION = `${SIMULATION_PREFIX}node-status`;

/**
 * Whether an object is simulated infrastructure: a Node (a simulated machine; a real cluster's kubelets
 * register their own) or a simulator-only kind (`kubecanvas.dev/...` apiVersion: NodeGroup, TrafficSource,
 * Scenario). Kept in the project file and in an export with `includeSimulation`; left out of what a
 * real cluster is given.
 */
export function isSimulationOnly(obj: Pick<KubeObject, 'apiVersion' | 'kind'>): boolean {
  return isSimulatedInfrastructure(obj);
}

const SERVER_METADATA = [
  'uid',
  'resourceVersion',
  'managedFields',
  'creationTimestamp',
  'generation',
  'selfLink',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
];
const TOP_ORDER = ['apiVersion', 'kind', 'metadata', 'spec'];
const META_ORDER = ['name', 'generateName', 'namespace', 'labels', 'annotations'];

/** Exports objects as multi-document YAML (empty string for none). */
export function exportManifests(objects: readonly KubeObject[], options: ExportOptions = {}): string {
  const chosen = objects.filter(
    (o) =>
      (options.includeSimulation === true || !isSimulationOnly(o)) &&
      (!options.selection || options.selection.has(keyOf(o))) &&
      (options.namespace === undefined ||
        (!isClusterScoped(o.kind) && (o.metadata.namespace ?? 'default') === options.namespace) ||
        (o.kind === 'Namespace' && o.metadata.name === options.namespace)),
  );
  return applyOrder(chosen)
    .map((o) =>
      stringify(cleanForExport(o, options.includeSimulation ?? false), {
        lineWidth: 0,
        aliasDuplicateObjects: false,
      }),
    )
    .join('---\n');
}

/**
 * One object as it is exported: server fields and status dropped, keys ordered; simulation annotations
 * (and a Node's status as an annotation) only with `includeSimulation`.
 */
export function cleanForExport(obj: KubeObject, includeSimulation: boolean): Record<string, unknown> {
  const meta: Record<string, unknown> = { ...obj.metadata };
  for (const k of SERVER_METADATA) delete meta[k];
  let ann = meta['annotations'] as Record<string, string> | undefined;
  if (includeSimulation && obj.kind === 'Node' && isRecord(obj.status) && Object.keys(obj.status).length) {
    // Keys sorted, so the same size is the same text whatever order the status was written in.
    ann = { ...ann, [NODE_STATUS_ANNOTATION]: stableStringify(obj.status) };
    meta['annotations'] = ann;
  }
  if (ann && !includeSimulation) {
    const kept = Object.fromEntries(Object.entries(ann).filter(([k]) => !k.startsWith(SIMULATION_PREFIX)));
    if (Object.keys(kept).length) meta['annotations'] = kept;
    else delete meta['annotations'];
  }
  const rest: Record<string, unknown> = { ...obj, metadata: ordered(meta, META_ORDER) };
  delete rest['status'];
  return ordered(rest, TOP_ORDER);
}

function ordered(obj: Record<string, unknown>, first: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const put = (k: string): void => {
    Object.defineProperty(out, k, { value: obj[k], enumerable: true, writable: true, configurable: true });
  };
  for (const k of first) if (obj[k] !== undefined) put(k);
  for (const k of Object.keys(obj)) if (!first.includes(k) && obj[k] !== undefined) put(k);
  return out;
}

/**
 * An imported object as the design holds it: a Node exported with `includeSimulation` gets its status
 * (capacity, allocatable) back from the `kubecanvas.dev/node-status` annotation, which goes. Anything else,
 * or an annotation that is not a JSON object (validation reports it), is returned as it is.
 */
export function restoreSimulated(obj: KubeObject): KubeObject {
  const ann = obj.metadata.annotations;
  const text = ann?.[NODE_STATUS_ANNOTATION];
  if (obj.kind !== 'Node' || !ann || typeof text !== 'string') return obj;
  const status = nodeStatusOf(text);
  if (!status) return obj;
  const { [NODE_STATUS_ANNOTATION]: _status, ...rest } = ann;
  const { annotations: _ann, ...meta } = obj.metadata;
  return {
    ...obj,
    metadata: Object.keys(rest).length ? { ...meta, annotations: rest } : meta,
    status,
  } as KubeObject;
}

/** The status in a `kubecanvas.dev/node-status` annotation, or undefined when it is not a JSON object. */
export function nodeStatusOf(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return isRecord(v) ? v : undefined;
  } catch {
    return undefined;
  }
}
