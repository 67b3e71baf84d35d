/**
 * Resource types as kubectl resolves them (`kubectl api-resources`): plural, singular, short names and
 * Kind, case-insensitive, optionally qualified by group (`deployments.apps`, `deploy.v1.apps`). Also the
 * names kubectl prints: `deployment.apps/web` (singular.group) and `deployments.apps "web"` in errors.
 */
import { isClusterScoped } from '../api/kinds';

/** One resource type, as the API server's discovery describes it. */
export interface ResourceType {
  kind: string;
  plural: string;
  singular: string;
  group: string;
  shortNames: readonly string[];
}

const TYPES: readonly ResourceType[] = [
  ['Pod', 'pods', '', ['po']],
  ['Service', 'services', '', ['svc']],
  ['Node', 'nodes', '', ['no']],
  ['Namespace', 'namespaces', '', ['ns']],
  ['ConfigMap', 'configmaps', '', ['cm']],
  ['Secret', 'secrets', '', []],
  ['PersistentVolume', 'persistentvolumes', '', ['pv']],
  ['PersistentVolumeClaim', 'persistentvolumeclaims', '', ['pvc']],
  ['Event', 'events', '', ['ev']],
  ['ServiceAccount', 'serviceaccounts', '', ['sa']],
  ['Endpoints', 'endpoints', '', ['ep']],
  ['Deployment', 'deployments', 'apps', ['deploy']],
  ['ReplicaSet', 'replicasets', 'apps', ['rs']],
  ['StatefulSet', 'statefulsets', 'apps', ['sts']],
  ['DaemonSet', 'daemonsets', 'apps', ['ds']],
  ['Job', 'jobs', 'batch', []],
  ['CronJob', 'cronjobs', 'batch', ['cj']],
  ['HorizontalPodAutoscaler', 'horizontalpodautoscalers', 'autoscaling', ['hpa']],
  ['PodDisruptionBudget', 'poddisruptionbudgets', 'policy', ['pdb']],
  ['Ingress', 'ingresses', 'networking.k8s.io', ['ing']],
  ['IngressClass', 'ingressclasses', 'networking.k8s.io', []],
  ['EndpointSlice', 'endpointslices', 'discovery.k8s.io', []],
  ['StorageClass', 'storageclasses', 'storage.k8s.io', ['sc']],
  ['PriorityClass', 'priorityclasses', 'scheduling.k8s.io', ['pc']],
  ['ControllerRevision', 'controllerrevisions', 'apps', []],
  ['Lease', 'leases', 'coordination.k8s.io', []],
  // The simulator's own kinds (kubecanvas.dev/v1alpha1), as a CRD would add them.
  ['NodeGroup', 'nodegroups', 'kubecanvas.dev', ['ng']],
  ['TrafficSource', 'trafficsources', 'kubecanvas.dev', []],
].map(([kind, plural, group, shortNames]) => ({
  kind: kind as string,
  plural: plural as string,
  singular: (kind as string).toLowerCase(),
  group: group as string,
  shortNames: shortNames as string[],
}));

/** `kubectl get all`: the categories "all" expands to, in kubectl's order. */
export const ALL_CATEGORY = [
  'Pod',
  'Service',
  'DaemonSet',
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'HorizontalPodAutoscaler',
  'CronJob',
  'Job',
];

const BY_KIND = new Map(TYPES.map((t) => [t.kind, t]));

/** Resolves what a user typed (`po`, `pods`, `Pod`, `deployments.apps`) to a resource type. */
export function resolveResource(text: string): ResourceType | undefined {
  const lower = text.toLowerCase();
  const dot = lower.indexOf('.');
  const name = dot < 0 ? lower : lower.slice(0, dot);
  const qualifier = dot < 0 ? undefined : lower.slice(dot + 1);
  return TYPES.find((t) => {
    if (name !== t.plural && name !== t.singular && !t.shortNames.includes(name)) return false;
    if (qualifier === undefined) return true;
    const group = t.group || '';
    return qualifier === group || qualifier === `v1.${group}` || (group === '' && qualifier === 'v1');
  });
}

/** The resource type of a Kind (unknown kinds get a lower-case plural guess, as discovery would). */
export function typeOfKind(kind: string): ResourceType {
  return (
    BY_KIND.get(kind) ?? {
      kind,
      plural: `${kind.toLowerCase()}s`,
      singular: kind.toLowerCase(),
      group: '',
      shortNames: [],
    }
  );
}

/** `deployment.apps/web`, `pod/web-1`: how kubectl names an object in its output. */
export function objectRef(kind: string, name: string): string {
  const t = typeOfKind(kind);
  return `${t.group ? `${t.singular}.${t.group}` : t.singular}/${name}`;
}

/** `deployments.apps "web"`: how the API server names an object in errors. */
export function qualifiedPlural(kind: string): string {
  const t = typeOfKind(kind);
  return t.group ? `${t.plural}.${t.group}` : t.plural;
}

/** `Error from server (NotFound): deployments.apps "web" not found`. */
export function notFound(kind: string, name: string): string {
  return `Error from server (NotFound): ${qualifiedPlural(kind)} "${name}" not found`;
}

export { isClusterScoped };
