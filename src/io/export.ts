/**
 * Export: the authored objects as one multi-document YAML that `kubectl apply -f` accepts, in apply order,
 * keys ordered as kubectl writes them, without server-populated fields and (unless asked) without
 * simulation annotations and simulator-only kinds (`kubecanvas.dev/...`). It writes what the user authored: pass `sim.authored()`,
 * never live objects (those carry defaults and controller-made objects).
 */
import { stringify } from 'yaml';
import { keyOf, type KubeObject } from '../engine';
import { applyOrder } from './applyOrder';

/** Which objects to export and whether to keep simulation annotations. */
export interface ExportOptions {
  includeSimulation?: boolean;
  /** Only objects in this namespace (cluster-scoped objects are left out). */
  namespace?: string;
  /** Only objects with these keys (`keyOf(obj)`). */
  selection?: ReadonlySet<string>;
}

/** The annotation prefix of simulation behaviour and traffic settings. */
export const SIMULATION_PREFIX = 'kubecanvas.dev/';

/**
 * Whether an object is a simulator-only kind (`kubecanvas.dev/...` apiVersion: NodeGroup, TrafficSource,
 * Scenario): kept in the project file, left out of what kubectl is given (no API server knows them).
 */
export function isSimulationOnly(obj: Pick<KubeObject, 'apiVersion'>): boolean {
  return (obj.apiVersion ?? '').startsWith(SIMULATION_PREFIX);
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
        (o.metadata.namespace ?? 'default') === options.namespace ||
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

/** One object as it is exported: server fields dropped, keys ordered, simulation annotations optional. */
export function cleanForExport(obj: KubeObject, includeSimulation: boolean): Record<string, unknown> {
  const meta: Record<string, unknown> = { ...obj.metadata };
  for (const k of SERVER_METADATA) delete meta[k];
  const ann = meta['annotations'] as Record<string, string> | undefined;
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
