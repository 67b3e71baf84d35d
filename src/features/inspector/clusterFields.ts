/**
 * The form of Nodes (capacity, zone and labels, taints, cordon) and Services (type, selector, ports).
 * A user-authored Node carries its own status, so capacity edits write both status.capacity and
 * status.allocatable (no system reservation is simulated). Messages follow pkg/apis/core/validation.
 */
import type { KubeObject, Service, ServicePort, Taint } from '../../engine';
import {
  choices,
  portError,
  portOrNameError,
  quantityError,
  type Field,
  type ListField,
  type ScalarField,
} from './fields';
import { pruned, setIn } from './podTemplate';
import { textToLabels } from './selectorText';
import { labelsField } from './workloadFields';

type Json = Record<string, unknown>;

/** The zone label of topology-aware scheduling (well-known label topology.kubernetes.io/zone). */
export const ZONE_LABEL = 'topology.kubernetes.io/zone';

function statusOf(o: KubeObject): Json {
  return (o.status ?? {}) as Json;
}

function capacityField(resource: 'cpu' | 'memory' | 'pods', label: string, placeholder: string): ScalarField {
  return {
    kind: 'scalar',
    id: `capacity.${resource}`,
    label,
    control: 'text',
    placeholder,
    get: (o) => String(((statusOf(o)['capacity'] ?? {}) as Json)[resource] ?? ''),
    set: (o, v) => {
      const capacity = { ...((statusOf(o)['capacity'] ?? {}) as Json), [resource]: v };
      const allocatable = { ...((statusOf(o)['allocatable'] ?? {}) as Json), [resource]: v };
      return setIn(o, ['status'], { ...statusOf(o), capacity, allocatable }) as KubeObject;
    },
    validate: (v) => (v === '' ? 'Required value' : quantityError(v)),
  };
}

const taintsField: ListField = {
  kind: 'list',
  id: 'taints',
  label: 'Taints',
  columns: [
    { id: 'key', label: 'Key', control: 'text', placeholder: 'dedicated' },
    { id: 'value', label: 'Value', control: 'text' },
    {
      id: 'effect',
      label: 'Effect',
      control: 'select',
      choices: choices('NoSchedule', 'PreferNoSchedule', 'NoExecute'),
    },
  ],
  newRow: { key: '', value: '', effect: 'NoSchedule' },
  get: (o) =>
    (((o.spec ?? {}) as Json)['taints'] as Taint[] | undefined)?.map((t) => ({
      key: t.key,
      value: t.value ?? '',
      effect: t.effect,
    })) ?? [],
  set: (o, rows) => {
    const taints = rows.map((r) =>
      pruned<Taint>({
        key: r['key'] ?? '',
        value: r['value'] || undefined,
        effect: r['effect'] ?? 'NoSchedule',
      }),
    );
    return setIn(o, ['spec'], pruned({ ...((o.spec ?? {}) as Json), taints })) as KubeObject;
  },
  validateRow: (r) => {
    if (!r['key']) return 'key: Required value';
    const l = textToLabels(`${r['key']}=${r['value'] ?? ''}`, 'spec.taints');
    return l.ok ? undefined : l.error;
  },
};

/** Capacity, zone, labels, taints and cordon of a Node. */
export function nodeFields(): Field[] {
  return [
    capacityField('cpu', 'CPU', '4'),
    capacityField('memory', 'Memory', '8Gi'),
    capacityField('pods', 'Pods', '110'),
    {
      kind: 'scalar',
      id: 'zone',
      label: 'Zone',
      control: 'text',
      placeholder: 'zone-a',
      get: (o) => o.metadata.labels?.[ZONE_LABEL] ?? '',
      set: (o, v) => {
        const labels = { ...o.metadata.labels };
        if (v === '') delete labels[ZONE_LABEL];
        else labels[ZONE_LABEL] = v;
        return setIn(
          o,
          ['metadata', 'labels'],
          Object.keys(labels).length ? labels : undefined,
        ) as KubeObject;
      },
      validate: (v) => {
        if (v === '') return undefined;
        const l = textToLabels(`${ZONE_LABEL}=${v}`, 'metadata.labels');
        return l.ok ? undefined : l.error;
      },
    },
    labelsField(
      'labels',
      'Labels',
      (o) => o.metadata.labels,
      (o, l) => setIn(o, ['metadata', 'labels'], l),
    ),
    taintsField,
    {
      kind: 'scalar',
      id: 'unschedulable',
      label: 'Cordoned (unschedulable)',
      control: 'checkbox',
      get: (o) => String(((o.spec ?? {}) as Json)['unschedulable'] === true),
      set: (o, v) =>
        setIn(
          o,
          ['spec'],
          pruned({ ...((o.spec ?? {}) as Json), unschedulable: v === 'true' ? true : undefined }),
        ) as KubeObject,
    },
  ];
}

function serviceSpec(o: KubeObject): NonNullable<Service['spec']> {
  return (o.spec ?? {}) as NonNullable<Service['spec']>;
}

const servicePortsField: ListField = {
  kind: 'list',
  id: 'servicePorts',
  label: 'Ports',
  columns: [
    { id: 'name', label: 'Name', control: 'text', placeholder: 'http' },
    { id: 'port', label: 'Port', control: 'number', placeholder: '80' },
    { id: 'targetPort', label: 'Target port', control: 'text', placeholder: '8080' },
    { id: 'protocol', label: 'Protocol', control: 'select', choices: choices('TCP', 'UDP', 'SCTP') },
    { id: 'nodePort', label: 'Node port', control: 'number', placeholder: 'auto' },
  ],
  newRow: { name: '', port: '80', targetPort: '', protocol: 'TCP', nodePort: '' },
  get: (o) =>
    (serviceSpec(o).ports ?? []).map((p) => ({
      name: p.name ?? '',
      port: String(p.port),
      targetPort: p.targetPort === undefined ? '' : String(p.targetPort),
      protocol: p.protocol ?? 'TCP',
      nodePort: p.nodePort === undefined ? '' : String(p.nodePort),
    })),
  set: (o, rows) => {
    const ports = rows.map((r) =>
      pruned<ServicePort>({
        name: r['name'] || undefined,
        port: Number(r['port']),
        targetPort: r['targetPort']
          ? /^\d+$/.test(r['targetPort'])
            ? Number(r['targetPort'])
            : r['targetPort']
          : undefined,
        protocol: r['protocol'] && r['protocol'] !== 'TCP' ? r['protocol'] : undefined,
        nodePort: r['nodePort'] ? Number(r['nodePort']) : undefined,
      }),
    );
    return setIn(o, ['spec'], pruned({ ...serviceSpec(o), ports })) as KubeObject;
  },
  validateRow: (r) => {
    const p = portError(r['port'] ?? '');
    if (p) return `port: ${p}`;
    const t = portOrNameError(r['targetPort'] ?? '', true);
    if (t) return `targetPort: ${t}`;
    if (r['nodePort']) {
      const n = Number(r['nodePort']);
      if (!(n >= 30000 && n <= 32767))
        return 'nodePort: provided port is not in the valid range. The range of valid ports is 30000-32767';
    }
    return undefined;
  },
};

/** Type, selector, ports and labels of a Service. */
export function serviceFields(): Field[] {
  return [
    {
      kind: 'scalar',
      id: 'serviceType',
      label: 'Type',
      control: 'select',
      choices: choices('ClusterIP', 'NodePort', 'LoadBalancer'),
      get: (o) => serviceSpec(o).type ?? 'ClusterIP',
      set: (o, v) => {
        const next: Json = { ...serviceSpec(o), type: v === 'ClusterIP' ? undefined : v };
        // A ClusterIP Service may not keep node ports (validation: "may not be used when `type` is 'ClusterIP'").
        if (v === 'ClusterIP' && Array.isArray(next['ports']))
          next['ports'] = (next['ports'] as ServicePort[]).map((p) => {
            const q = { ...p };
            delete q.nodePort;
            return q;
          });
        return setIn(o, ['spec'], pruned(next)) as KubeObject;
      },
    },
    labelsField(
      'serviceSelector',
      'Selector',
      (o) => serviceSpec(o).selector,
      (o, l) => setIn(o, ['spec'], pruned({ ...serviceSpec(o), selector: l })),
      'spec.selector',
    ),
    servicePortsField,
    labelsField(
      'labels',
      'Labels',
      (o) => o.metadata.labels,
      (o, l) => setIn(o, ['metadata', 'labels'], l),
    ),
  ];
}
