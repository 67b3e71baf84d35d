/**
 * `kubectl describe`: the common header (Name, Namespace, Labels, Annotations), the fields that matter
 * most for pods, deployments and nodes (after pkg/describe/describe.go), and the Events section with
 * kubectl's "Age (xN over M)" column. A shortened describe: not every field upstream prints is here.
 */
import { controllerOf } from '../api/meta';
import { parseTimestamp } from '../api/time';
import type { Event, KubeObject } from '../api/types';
import type { Simulation } from '../core/simulation';
import { age, formatLabelSelector, humanDuration, podCells } from '../printers';
import { findTargets } from './execGet';
import { failed, ok, type CommandResult } from './objects';
import type { Command } from './types';

/* eslint-disable @typescript-eslint/no-explicit-any -- describe reads many optional fields */
type Any = any;
type Field = [string, string | string[]];

function mapLines(m: Record<string, string> | undefined): string[] {
  const keys = Object.keys(m ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${m?.[k]}`) : ['<none>'];
}

function render(fields: Field[]): string {
  const width = Math.max(...fields.map(([k]) => k.length + 1)) + 2;
  const out: string[] = [];
  for (const [k, v] of fields) {
    const values = Array.isArray(v) ? v : [v];
    values.forEach((line, i) => out.push(`${(i === 0 ? `${k}:` : '').padEnd(width)}${line}`));
  }
  return out.join('\n');
}

function eventsSection(sim: Simulation, obj: KubeObject): string {
  const events = sim.store
    .list<Event & KubeObject>('Event', obj.metadata.namespace ?? 'default')
    .filter((e) => e.involvedObject?.uid === obj.metadata.uid)
    .sort((a, b) => parseTimestamp(a.lastTimestamp ?? '') - parseTimestamp(b.lastTimestamp ?? ''));
  if (events.length === 0) return 'Events:                <none>';
  const rows = events.map((e) => {
    const last = age(e.lastTimestamp ?? e.firstTimestamp, sim.now);
    const count = e.count ?? 1;
    const a = count > 1 ? `${last} (x${count} over ${age(e.firstTimestamp, sim.now)})` : last;
    return [e.type ?? '', e.reason ?? '', a, e.source?.component ?? '', (e.message ?? '').trim()];
  });
  const all = [
    ['Type', 'Reason', 'Age', 'From', 'Message'],
    ['----', '------', '----', '----', '-------'],
    ...rows,
  ];
  const widths = [0, 1, 2, 3].map((c) => Math.max(...all.map((r) => (r[c] ?? '').length)) + 2);
  return [
    'Events:',
    ...all.map((r) => `  ${r.map((cell, c) => (c < 4 ? cell.padEnd(widths[c] ?? 0) : cell)).join('')}`),
  ].join('\n');
}

function header(o: Any): Field[] {
  const fields: Field[] = [['Name', o.metadata.name]];
  if (o.metadata.namespace) fields.push(['Namespace', o.metadata.namespace]);
  fields.push(['Labels', mapLines(o.metadata.labels)], ['Annotations', mapLines(o.metadata.annotations)]);
  return fields;
}

function podFields(o: Any, sim: Simulation): Field[] {
  const node = o.spec?.nodeName
    ? `${o.spec.nodeName}${o.status?.hostIP ? `/${o.status.hostIP}` : ''}`
    : '<none>';
  const owner = controllerOf(o);
  const cells = podCells(o, sim.now);
  const fields: Field[] = [
    ...header(o),
    ['Node', node],
    [
      'Status',
      o.metadata.deletionTimestamp
        ? `Terminating (lasts ${humanDuration(parseTimestamp(o.metadata.deletionTimestamp) - sim.now)})`
        : (o.status?.phase ?? 'Pending'),
    ],
    ['IP', o.status?.podIP ?? ''],
  ];
  if (owner) fields.push(['Controlled By', `${owner.kind}/${owner.name}`]);
  for (const c of o.spec?.containers ?? []) {
    const s = (o.status?.containerStatuses ?? []).find((x: Any) => x.name === c.name);
    const state = s?.state?.running
      ? 'Running'
      : s?.state?.waiting
        ? `Waiting (${s.state.waiting.reason ?? ''})`
        : s?.state?.terminated
          ? `Terminated (${s.state.terminated.reason ?? ''})`
          : 'Waiting';
    fields.push([
      `Container ${c.name}`,
      [
        `Image: ${c.image ?? ''}`,
        `State: ${state}`,
        `Ready: ${s?.ready ? 'True' : 'False'}`,
        `Restart Count: ${s?.restartCount ?? 0}`,
      ],
    ]);
  }
  fields.push(['Ready', cells.ready]);
  return fields;
}

function deploymentFields(o: Any, sim: Simulation): Field[] {
  const s = o.status ?? {};
  const ru = o.spec?.strategy?.rollingUpdate;
  const rses = sim.store
    .list('ReplicaSet', o.metadata.namespace)
    .filter((r) => controllerOf(r)?.uid === o.metadata.uid);
  const revisionOf = (r: Any): number =>
    Number(r.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
  const newRs = rses.reduce<Any>(
    (best, r) => (!best || revisionOf(r) > revisionOf(best) ? r : best),
    undefined,
  );
  const rsLine = (r: Any): string =>
    `${r.metadata.name} (${r.status?.replicas ?? 0}/${r.spec?.replicas ?? 0} replicas created)`;
  const old = rses.filter((r) => r !== newRs && ((r as Any).spec?.replicas ?? 0) > 0);
  return [
    ...header(o),
    ['Selector', formatLabelSelector(o.spec?.selector)],
    [
      'Replicas',
      `${o.spec?.replicas ?? 0} desired | ${s.updatedReplicas ?? 0} updated | ${s.replicas ?? 0} total | ${s.availableReplicas ?? 0} available | ${s.unavailableReplicas ?? 0} unavailable`,
    ],
    ['StrategyType', o.spec?.strategy?.type ?? 'RollingUpdate'],
    ['MinReadySeconds', String(o.spec?.minReadySeconds ?? 0)],
    ...(ru
      ? ([
          [
            'RollingUpdateStrategy',
            `${ru.maxUnavailable ?? '25%'} max unavailable, ${ru.maxSurge ?? '25%'} max surge`,
          ],
        ] as Field[])
      : []),
    ['Images', (o.spec?.template?.spec?.containers ?? []).map((c: Any) => c.image ?? '').join(',')],
    ['Conditions', (s.conditions ?? []).map((c: Any) => `${c.type} ${c.status} ${c.reason ?? ''}`.trim())],
    ['OldReplicaSets', old.length ? old.map(rsLine).join(', ') : '<none>'],
    ['NewReplicaSet', newRs ? rsLine(newRs) : '<none>'],
  ];
}

function nodeFields(o: Any, sim: Simulation): Field[] {
  const taints = (o.spec?.taints ?? []).map(
    (t: Any) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`,
  );
  const pods = sim.store
    .podsOnNode(o.metadata.name)
    .filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
  const res = (m: Record<string, string> | undefined): string[] =>
    Object.entries(m ?? {}).map(([k, v]) => `${k}: ${v}`);
  return [
    ...header(o),
    ['Taints', taints.length ? taints : '<none>'],
    ['Unschedulable', String(o.spec?.unschedulable ?? false)],
    [
      'Conditions',
      (o.status?.conditions ?? []).map((c: Any) => `${c.type} ${c.status} ${c.reason ?? ''}`.trim()),
    ],
    ['Capacity', res(o.status?.capacity)],
    ['Allocatable', res(o.status?.allocatable)],
    ['Non-terminated Pods', `(${pods.length} in total)`],
  ];
}

function describeOne(sim: Simulation, o: KubeObject): string {
  const fields =
    o.kind === 'Pod'
      ? podFields(o, sim)
      : o.kind === 'Deployment'
        ? deploymentFields(o, sim)
        : o.kind === 'Node'
          ? nodeFields(o, sim)
          : header(o);
  return `${render(fields)}\n${eventsSection(sim, o)}`;
}

/** Runs `kubectl describe`. */
export function runDescribe(sim: Simulation, cmd: Extract<Command, { verb: 'describe' }>): CommandResult {
  const errors: string[] = [];
  const found = findTargets(sim, cmd, errors);
  const all = found.flatMap((f) => f.objects);
  const body = all.map((o) => describeOne(sim, o)).join('\n\n\n');
  if (!body && !errors.length)
    return ok(
      cmd.scope.allNamespaces
        ? 'No resources found'
        : `No resources found in ${cmd.scope.namespace} namespace.`,
    );
  const output = [body, ...errors].filter(Boolean).join('\n');
  return errors.length ? failed(output) : ok(output);
}
