/**
 * The form of workloads and Pods: replicas, labels and selector, the container (image, requests and
 * limits, ports) and the update strategy. Probes, scheduling and simulated behaviour are in their own
 * files. Validation follows pkg/apis/apps/validation and pkg/apis/core/validation (ValidateResourceRequirements).
 */
import {
  goStringMap,
  invalidValue,
  labelSelectorAsSelector,
  milliValue,
  value,
  type Container,
  type KubeObject,
  type LabelSelector,
} from '../../engine';

type ContainerPort = NonNullable<Container['ports']>[number];
import {
  choices,
  intOrPercentError,
  intOrString,
  minIntError,
  nonNegativeIntError,
  optionalInt,
  portError,
  quantityError,
  type Field,
  type ListField,
  type ScalarField,
} from './fields';
import { containerAt, podMeta, pruned, setIn, updateContainer, updatePodMeta } from './podTemplate';
import { labelSelectorToText, labelsToText, textToLabelSelector, textToLabels } from './selectorText';

type Json = Record<string, unknown>;

function spec(o: KubeObject): Json {
  return (o.spec ?? {}) as Json;
}

function str(v: unknown): string {
  return v === undefined || v === null ? '' : String(v);
}

/** Kinds with spec.replicas. */
const SCALABLE = ['Deployment', 'ReplicaSet', 'StatefulSet'];
/** Kinds with a spec.selector people write (Jobs and CronJobs generate theirs). */
const SELECTING = ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet'];

function intSpecField(id: string, label: string, key: string, min: number): ScalarField {
  return {
    kind: 'scalar',
    id,
    label,
    control: 'number',
    get: (o) => str(spec(o)[key]),
    set: (o, v) => setIn(o, ['spec', key], optionalInt(v)) as KubeObject,
    validate: (v) => minIntError(v, min),
  };
}

/** Replicas, labels, pod labels and selector. */
export function generalFields(kind: string): Field[] {
  const out: Field[] = [];
  if (SCALABLE.includes(kind)) out.push(intSpecField('replicas', 'Replicas', 'replicas', 0));
  if (kind === 'Job') {
    out.push(intSpecField('parallelism', 'Parallelism', 'parallelism', 0));
    out.push(intSpecField('completions', 'Completions', 'completions', 0));
  }
  out.push(
    labelsField(
      'labels',
      'Labels',
      (o) => o.metadata.labels,
      (o, l) => setIn(o, ['metadata', 'labels'], l),
    ),
  );
  if (kind !== 'Pod') {
    const path =
      kind === 'CronJob' ? 'spec.jobTemplate.spec.template.metadata.labels' : 'spec.template.metadata.labels';
    const podLabels = labelsField(
      'podLabels',
      'Pod labels',
      (o) => podMeta(o).labels,
      (o, l) => updatePodMeta(o, (m) => pruned({ ...m, labels: l })),
      path,
    );
    out.push({
      ...podLabels,
      // ValidateDeploymentSpec (and the ReplicaSet, StatefulSet, DaemonSet ones): the selector, immutable
      // once made, must still select the template's labels.
      validate: (v: string, o: KubeObject) => podLabels.validate?.(v, o) ?? selectorMismatch(o, v, path),
    });
  }
  if (SELECTING.includes(kind)) {
    out.push({
      kind: 'scalar',
      id: 'selector',
      label: 'Selector',
      control: 'text',
      placeholder: 'app=web',
      help: 'Must match the pod labels.',
      get: (o) => labelSelectorToText(spec(o)['selector'] as never),
      set: (o, v) => {
        const r = textToLabelSelector(v);
        return r.ok ? (setIn(o, ['spec', 'selector'], r.value) as KubeObject) : o;
      },
      validate: (v, o) => {
        const r = textToLabelSelector(v);
        if (!r.ok) return r.error;
        if (!r.value.matchLabels && !r.value.matchExpressions)
          return 'empty selector is invalid for deployment';
        const labels = podMeta(o).labels ?? {};
        const mismatch = Object.entries(r.value.matchLabels ?? {}).some(([k, x]) => labels[k] !== x);
        return mismatch ? '`selector` does not match template `labels`' : undefined;
      },
      // apps/v1: a selector cannot change once the object exists (ValidateDeploymentUpdate and friends).
      immutable: (o) =>
        o.kind === 'StatefulSet' ? STATEFULSET_FORBIDDEN : 'spec.selector: field is immutable',
    });
  }
  return out;
}

/**
 * ValidateStatefulSetUpdate's words for a change to any other part of the spec (selector, serviceName,
 * volumeClaimTemplates...).
 */
export const STATEFULSET_FORBIDDEN =
  "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

/** The API server's refusal when pod labels `text` no longer match the object's selector. */
function selectorMismatch(o: KubeObject, text: string, path: string): string | undefined {
  const selector = spec(o)['selector'] as LabelSelector | undefined;
  if (!selector) return undefined;
  const r = textToLabels(text, path);
  if (!r.ok) return undefined;
  if (labelSelectorAsSelector(selector).matches(r.value)) return undefined;
  return invalidValue(path, goStringMap(r.value), '`selector` does not match template `labels`');
}

/** A `k=v,k2=v2` field over a label map (empty text removes the map). */
export function labelsField(
  id: string,
  label: string,
  read: (o: KubeObject) => Record<string, string> | undefined,
  write: (o: KubeObject, labels: Record<string, string> | undefined) => unknown,
  path = 'metadata.labels',
): ScalarField {
  return {
    kind: 'scalar',
    id,
    label,
    control: 'text',
    placeholder: 'app=web,tier=frontend',
    get: (o) => labelsToText(read(o)),
    set: (o, v) => {
      const r = textToLabels(v, path);
      if (!r.ok) return o;
      return write(o, Object.keys(r.value).length ? r.value : undefined) as KubeObject;
    },
    validate: (v) => {
      const r = textToLabels(v, path);
      return r.ok ? undefined : r.error;
    },
  };
}

type ResourceKind = 'requests' | 'limits';
type ResourceName = 'cpu' | 'memory';

function resourceOf(c: Container | undefined, kind: ResourceKind, name: ResourceName): string {
  return str(c?.resources?.[kind]?.[name]);
}

function amount(name: ResourceName, q: string): number {
  return name === 'cpu' ? milliValue(q) : value(q);
}

function resourceField(index: number, kind: ResourceKind, name: ResourceName): ScalarField {
  const label = `${kind === 'requests' ? 'Request' : 'Limit'} ${name === 'cpu' ? 'CPU' : 'memory'}`;
  return {
    kind: 'scalar',
    id: `${kind}.${name}`,
    label,
    control: 'text',
    placeholder: name === 'cpu' ? '250m' : '256Mi',
    get: (o) => resourceOf(containerAt(o, index), kind, name),
    set: (o, v) =>
      updateContainer(o, index, (c) => {
        const current = { ...(c.resources?.[kind] ?? {}) };
        if (v === '') delete current[name];
        else current[name] = v;
        return pruned({ ...c, resources: pruned({ ...c.resources, [kind]: current }) });
      }),
    validate: (v, o) => {
      const q = quantityError(v);
      if (q || v === '') return q;
      if (amount(name, v) < 0) return 'must be greater than or equal to 0';
      const c = containerAt(o, index);
      // ValidateResourceRequirements: a request may not exceed its limit.
      if (kind === 'requests') {
        const limit = resourceOf(c, 'limits', name);
        if (limit && amount(name, v) > amount(name, limit))
          return `must be less than or equal to ${name} limit of ${limit}`;
      } else {
        const request = resourceOf(c, 'requests', name);
        if (request && amount(name, request) > amount(name, v))
          return `must be greater than or equal to ${name} request of ${request}`;
      }
      return undefined;
    },
  };
}

function portsField(index: number): ListField {
  return {
    kind: 'list',
    id: 'ports',
    label: 'Container ports',
    columns: [
      { id: 'name', label: 'Name', control: 'text', placeholder: 'http' },
      { id: 'containerPort', label: 'Port', control: 'number', placeholder: '8080' },
      { id: 'protocol', label: 'Protocol', control: 'select', choices: choices('TCP', 'UDP', 'SCTP') },
    ],
    newRow: { name: '', containerPort: '8080', protocol: 'TCP' },
    get: (o) =>
      (containerAt(o, index)?.ports ?? []).map((p) => ({
        name: p.name ?? '',
        containerPort: String(p.containerPort),
        protocol: p.protocol ?? 'TCP',
      })),
    set: (o, rows) =>
      updateContainer(o, index, (c) =>
        pruned({
          ...c,
          ports: rows.map((r) =>
            pruned<ContainerPort>({
              ...(r['name'] ? { name: r['name'] } : {}),
              containerPort: Number(r['containerPort']),
              ...(r['protocol'] && r['protocol'] !== 'TCP' ? { protocol: r['protocol'] } : {}),
            }),
          ),
        }),
      ),
    validateRow: (r) => portError(r['containerPort'] ?? ''),
  };
}

/** Image, requests and limits, ports of the container at `index`. */
export function containerFields(index: number): Field[] {
  return [
    {
      kind: 'scalar',
      id: 'image',
      label: 'Image',
      control: 'text',
      placeholder: 'nginx:1.27',
      get: (o) => containerAt(o, index)?.image ?? '',
      set: (o, v) => updateContainer(o, index, (c) => ({ ...c, image: v })),
      validate: (v) =>
        v.trim() === '' ? 'Required value' : /\s/.test(v) ? 'must not contain spaces' : undefined,
    },
    resourceField(index, 'requests', 'cpu'),
    resourceField(index, 'requests', 'memory'),
    resourceField(index, 'limits', 'cpu'),
    resourceField(index, 'limits', 'memory'),
    portsField(index),
  ];
}

function strategyPath(kind: string): string[] {
  return kind === 'Deployment' ? ['spec', 'strategy'] : ['spec', 'updateStrategy'];
}

function strategyOf(o: KubeObject): Json {
  const s = strategyPath(o.kind)[1] as string;
  return (spec(o)[s] ?? {}) as Json;
}

function rollingOf(o: KubeObject): Json {
  return (strategyOf(o)['rollingUpdate'] ?? {}) as Json;
}

function rollingField(key: string, label: string, check: (v: string) => string | undefined): ScalarField {
  return {
    kind: 'scalar',
    id: `rollingUpdate.${key}`,
    label,
    control: 'text',
    placeholder: key === 'partition' ? '0' : '25%',
    get: (o) => str(rollingOf(o)[key]),
    set: (o, v) => {
      const next = pruned({ ...rollingOf(o), [key]: v === '' ? undefined : intOrString(v) });
      return setIn(
        o,
        [...strategyPath(o.kind), 'rollingUpdate'],
        Object.keys(next).length ? next : undefined,
      ) as KubeObject;
    },
    validate: check,
    visible: (o) => (strategyOf(o)['type'] ?? 'RollingUpdate') === 'RollingUpdate',
  };
}

/** Deployment strategy (RollingUpdate/Recreate) or StatefulSet/DaemonSet updateStrategy. */
export function strategyFields(kind: string): Field[] {
  if (!['Deployment', 'StatefulSet', 'DaemonSet'].includes(kind)) return [];
  const types =
    kind === 'Deployment' ? choices('RollingUpdate', 'Recreate') : choices('RollingUpdate', 'OnDelete');
  const out: Field[] = [
    {
      kind: 'scalar',
      id: 'strategy.type',
      label: 'Update strategy',
      control: 'select',
      choices: types,
      get: (o) => str(strategyOf(o)['type'] ?? 'RollingUpdate'),
      // Recreate and OnDelete may not carry rollingUpdate (ValidateDeploymentStrategy).
      set: (o, v) =>
        setIn(
          o,
          strategyPath(o.kind),
          v === 'RollingUpdate' ? { ...strategyOf(o), type: v } : { type: v },
        ) as KubeObject,
    },
  ];
  if (kind === 'StatefulSet') out.push(rollingField('partition', 'Partition', (v) => nonNegativeIntError(v)));
  else out.push(rollingField('maxSurge', 'Max surge', intOrPercentError));
  out.push(rollingField('maxUnavailable', 'Max unavailable', intOrPercentError));
  out.push(intSpecField('minReadySeconds', 'Min ready seconds', 'minReadySeconds', 0));
  return out;
}
