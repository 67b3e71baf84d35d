/**
 * Where a pod may run: nodeSelector, node affinity, pod affinity and anti-affinity, topology spread
 * constraints and tolerations, as rows people edit. Validation follows pkg/apis/core/validation
 * (validateAffinity, validateTolerations, validateTopologySpreadConstraints) in its words.
 */
import type {
  Affinity,
  KubeObject,
  NodeSelectorTerm,
  PodAffinityTerm,
  PodSpec,
  Toleration,
  TopologySpreadConstraint,
  WeightedPodAffinityTerm,
} from '../../engine';
import { choices, minIntError, optionalInt, type Field, type ListField, type Row } from './fields';
import { podSpec, pruned, updatePodSpec } from './podTemplate';
import { labelsField } from './workloadFields';
import {
  labelSelectorToText,
  nodeRequirementsToText,
  textToLabelSelector,
  textToNodeRequirements,
} from './selectorText';

const MODES = choices('required', 'preferred');

function affinityOf(o: KubeObject): Affinity {
  return podSpec(o).affinity ?? {};
}

function setAffinity(o: KubeObject, a: Affinity): KubeObject {
  return updatePodSpec(o, (s) => pruned<PodSpec>({ ...s, affinity: pruned(a) }));
}

function weightError(r: Row): string | undefined {
  if (r['mode'] !== 'preferred') return undefined;
  const w = Number(r['weight']);
  return Number.isInteger(w) && w >= 1 && w <= 100 ? undefined : 'weight must be in the range 1-100';
}

const nodeAffinityField: ListField = {
  kind: 'list',
  id: 'nodeAffinity',
  label: 'Node affinity',
  help: 'One row per term, e.g. topology.kubernetes.io/zone in (zone-a,zone-b). Required terms are ORed.',
  columns: [
    { id: 'mode', label: 'Mode', control: 'select', choices: MODES },
    { id: 'weight', label: 'Weight', control: 'number', placeholder: '1-100' },
    { id: 'match', label: 'Node labels', control: 'text', placeholder: 'disktype=ssd' },
  ],
  newRow: { mode: 'required', weight: '', match: '' },
  get: (o) => {
    const na = affinityOf(o).nodeAffinity;
    const required = (na?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []).map(
      (t) => ({
        mode: 'required',
        weight: '',
        match: nodeRequirementsToText(t.matchExpressions),
      }),
    );
    const preferred = (na?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((p) => ({
      mode: 'preferred',
      weight: String(p.weight),
      match: nodeRequirementsToText(p.preference.matchExpressions),
    }));
    return [...required, ...preferred];
  },
  set: (o, rows) => {
    const term = (r: Row): NodeSelectorTerm => {
      const parsed = textToNodeRequirements(r['match'] ?? '');
      return parsed.ok ? { matchExpressions: parsed.value } : {};
    };
    const required = rows.filter((r) => r['mode'] === 'required').map(term);
    const preferred = rows
      .filter((r) => r['mode'] === 'preferred')
      .map((r) => ({ weight: Number(r['weight']), preference: term(r) }));
    const nodeAffinity = pruned({
      requiredDuringSchedulingIgnoredDuringExecution: required.length
        ? { nodeSelectorTerms: required }
        : undefined,
      preferredDuringSchedulingIgnoredDuringExecution: preferred,
    });
    return setAffinity(o, { ...affinityOf(o), nodeAffinity });
  },
  validateRow: (r) => {
    const parsed = textToNodeRequirements(r['match'] ?? '');
    return parsed.ok ? weightError(r) : parsed.error;
  },
};

function podTermRow(type: string, mode: string, weight: string, t: PodAffinityTerm): Row {
  return { type, mode, weight, topologyKey: t.topologyKey, selector: labelSelectorToText(t.labelSelector) };
}

const podAffinityField: ListField = {
  kind: 'list',
  id: 'podAffinity',
  label: 'Pod affinity and anti-affinity',
  help: 'Near (affinity) or away from (anti-affinity) pods with these labels, per topology domain.',
  columns: [
    { id: 'type', label: 'Type', control: 'select', choices: choices('affinity', 'anti-affinity') },
    { id: 'mode', label: 'Mode', control: 'select', choices: MODES },
    { id: 'weight', label: 'Weight', control: 'number', placeholder: '1-100' },
    { id: 'topologyKey', label: 'Topology key', control: 'text', placeholder: 'kubernetes.io/hostname' },
    { id: 'selector', label: 'Pod labels', control: 'text', placeholder: 'app=redis' },
  ],
  newRow: {
    type: 'anti-affinity',
    mode: 'preferred',
    weight: '100',
    topologyKey: 'kubernetes.io/hostname',
    selector: '',
  },
  get: (o) => {
    const a = affinityOf(o);
    const rows: Row[] = [];
    for (const [type, pa] of [
      ['affinity', a.podAffinity],
      ['anti-affinity', a.podAntiAffinity],
    ] as const) {
      for (const t of pa?.requiredDuringSchedulingIgnoredDuringExecution ?? [])
        rows.push(podTermRow(type, 'required', '', t));
      for (const w of pa?.preferredDuringSchedulingIgnoredDuringExecution ?? [])
        rows.push(podTermRow(type, 'preferred', String(w.weight), w.podAffinityTerm));
    }
    return rows;
  },
  set: (o, rows) => {
    const term = (r: Row): PodAffinityTerm => {
      const s = textToLabelSelector(r['selector'] ?? '');
      return { topologyKey: r['topologyKey'] ?? '', ...(s.ok ? { labelSelector: s.value } : {}) };
    };
    const build = (type: string) => {
      const mine = rows.filter((r) => r['type'] === type);
      return pruned({
        requiredDuringSchedulingIgnoredDuringExecution: mine
          .filter((r) => r['mode'] === 'required')
          .map(term),
        preferredDuringSchedulingIgnoredDuringExecution: mine
          .filter((r) => r['mode'] === 'preferred')
          .map((r): WeightedPodAffinityTerm => ({ weight: Number(r['weight']), podAffinityTerm: term(r) })),
      });
    };
    return setAffinity(o, {
      ...affinityOf(o),
      podAffinity: build('affinity'),
      podAntiAffinity: build('anti-affinity'),
    });
  },
  validateRow: (r) => {
    if (!r['topologyKey']) return 'topologyKey: Required value: can not be empty';
    const s = textToLabelSelector(r['selector'] ?? '');
    return s.ok ? weightError(r) : s.error;
  },
};

const spreadField: ListField = {
  kind: 'list',
  id: 'topologySpread',
  label: 'Topology spread constraints',
  columns: [
    { id: 'maxSkew', label: 'Max skew', control: 'number', placeholder: '1' },
    { id: 'topologyKey', label: 'Topology key', control: 'text', placeholder: 'topology.kubernetes.io/zone' },
    {
      id: 'whenUnsatisfiable',
      label: 'When unsatisfiable',
      control: 'select',
      choices: choices('DoNotSchedule', 'ScheduleAnyway'),
    },
    { id: 'selector', label: 'Pod labels', control: 'text', placeholder: 'app=web' },
  ],
  newRow: {
    maxSkew: '1',
    topologyKey: 'topology.kubernetes.io/zone',
    whenUnsatisfiable: 'DoNotSchedule',
    selector: '',
  },
  get: (o) =>
    (podSpec(o).topologySpreadConstraints ?? []).map((c) => ({
      maxSkew: String(c.maxSkew),
      topologyKey: c.topologyKey,
      whenUnsatisfiable: c.whenUnsatisfiable,
      selector: labelSelectorToText(c.labelSelector),
    })),
  set: (o, rows) =>
    updatePodSpec(o, (s) =>
      pruned<PodSpec>({
        ...s,
        topologySpreadConstraints: rows.map((r): TopologySpreadConstraint => {
          const sel = textToLabelSelector(r['selector'] ?? '');
          return {
            maxSkew: Number(r['maxSkew']),
            topologyKey: r['topologyKey'] ?? '',
            whenUnsatisfiable: r['whenUnsatisfiable'] ?? 'DoNotSchedule',
            ...(sel.ok && r['selector'] ? { labelSelector: sel.value } : {}),
          };
        }),
      }),
    ),
  validateRow: (r) => {
    if (minIntError(r['maxSkew'] ?? '', 1, false)) return 'maxSkew: must be greater than zero';
    if (!r['topologyKey']) return 'topologyKey: Required value: can not be empty';
    const s = textToLabelSelector(r['selector'] ?? '');
    return s.ok ? undefined : s.error;
  },
};

/** The row of a toleration, and back. */
export function tolerationRow(t: Toleration): Row {
  return {
    key: t.key ?? '',
    operator: t.operator ?? 'Equal',
    value: t.value ?? '',
    effect: t.effect ?? '',
    seconds: t.tolerationSeconds === undefined ? '' : String(t.tolerationSeconds),
  };
}

export function rowToleration(r: Row): Toleration {
  const seconds = optionalInt(r['seconds'] ?? '');
  return pruned<Toleration>({
    key: r['key'] || undefined,
    operator: r['operator'] === 'Exists' ? 'Exists' : undefined,
    value: r['operator'] === 'Exists' ? undefined : r['value'] || undefined,
    effect: r['effect'] || undefined,
    tolerationSeconds: seconds,
  });
}

/** validateTolerations' rules, in its messages. */
export function tolerationError(r: Row): string | undefined {
  if (!r['key'] && r['operator'] !== 'Exists')
    return 'operator must be Exists when `key` is empty, which means "match all values and all keys"';
  if (r['operator'] === 'Exists' && r['value']) return "value must be empty when `operator` is 'Exists'";
  if (r['seconds'] && r['effect'] !== 'NoExecute')
    return "effect must be 'NoExecute' when `tolerationSeconds` is set";
  return minIntError(r['seconds'] ?? '', 0);
}

const tolerationsField: ListField = {
  kind: 'list',
  id: 'tolerations',
  label: 'Tolerations',
  columns: [
    { id: 'key', label: 'Key', control: 'text', placeholder: 'dedicated' },
    { id: 'operator', label: 'Operator', control: 'select', choices: choices('Equal', 'Exists') },
    { id: 'value', label: 'Value', control: 'text' },
    {
      id: 'effect',
      label: 'Effect',
      control: 'select',
      choices: choices('', 'NoSchedule', 'PreferNoSchedule', 'NoExecute'),
    },
    { id: 'seconds', label: 'Seconds', control: 'number' },
  ],
  newRow: { key: '', operator: 'Equal', value: '', effect: 'NoSchedule', seconds: '' },
  get: (o) => (podSpec(o).tolerations ?? []).map(tolerationRow),
  set: (o, rows) => updatePodSpec(o, (s) => pruned<PodSpec>({ ...s, tolerations: rows.map(rowToleration) })),
  validateRow: tolerationError,
};

/** nodeSelector, node affinity, pod (anti-)affinity, topology spread, tolerations. */
export function schedulingFields(): Field[] {
  return [
    labelsField(
      'nodeSelector',
      'Node selector',
      (o) => podSpec(o).nodeSelector,
      (o, l) => updatePodSpec(o, (s) => pruned<PodSpec>({ ...s, nodeSelector: l })),
    ),
    nodeAffinityField,
    podAffinityField,
    spreadField,
    tolerationsField,
  ];
}
