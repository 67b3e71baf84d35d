/**
 * `kubectl describe`: the common header (Name, Namespace, Labels, Annotations), the fields that matter
 * most for pods, deployments, nodes and services (after pkg/describe/describe.go), and the Events section with
 * kubectl's "Age (xN over M)" column. A shortened describe: not every field upstream prints is here.
 */
import { controllerOf } from '../api/meta';
import { parseTimestamp, SIM_EPOCH_UNIX_MS } from '../api/time';
import type { Event, KubeObject, Service } from '../api/types';
import type { Simulation } from '../core/simulation';
import { age, formatLabelSelector, humanDuration } from '../printers';
import { serviceFields } from './describeService';
import { findTargets } from './execGet';
import { failed, ok, type CommandResult } from './objects';
import type { Command } from './types';

/* eslint-disable @typescript-eslint/no-explicit-any -- describe reads many optional fields */
type Any = any;
/** A `Key: value` line (more values continue below it), or a section: `Key:` then nested fields. */
export type Field =
  [string, string | string[]] | [string, { section: Field[] }] | [string, { table: string[][] }];

function mapLines(m: Record<string, string> | undefined): string[] {
  const keys = Object.keys(m ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${m?.[k]}`) : ['<none>'];
}

/**
 * Lines as describe's tabwriter aligns them: consecutive `Key: value` lines form a block whose values
 * start two spaces after the longest key; a section line (`Containers:`) ends the block.
 */
function render(fields: Field[], indent = ''): string[] {
  const out: string[] = [];
  let block: Array<[string, string[]]> = [];
  const flush = (): void => {
    const width = Math.max(0, ...block.map(([k]) => indent.length + k.length + 1)) + 2;
    for (const [k, values] of block)
      values.forEach((line, i) => out.push(`${(i === 0 ? `${indent}${k}:` : '').padEnd(width)}${line}`));
    block = [];
  };
  for (const [k, v] of fields) {
    if (typeof v === 'string' || Array.isArray(v)) {
      block.push([k, typeof v === 'string' ? [v] : v]);
      continue;
    }
    flush();
    out.push(`${indent}${k}:`);
    if ('section' in v) out.push(...render(v.section, `${indent}  `));
    else out.push(...table(v.table, `${indent}  `));
  }
  flush();
  return out;
}

/** Rows aligned with two spaces between columns (describe's Conditions, Events). */
function table(rows: string[][], indent: string): string[] {
  const widths = (rows[0] ?? []).map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)) + 2);
  return rows.map(
    (r) => `${indent}${r.map((cell, c) => (c < r.length - 1 ? cell.padEnd(widths[c] ?? 0) : cell)).join('')}`,
  );
}

/** The Conditions table of deployments and nodes: Type, Status, Reason with a dashed rule. */
function conditionTable(conditions: Any[] | undefined): string[][] {
  const rows = (conditions ?? []).map((c) => [c.type ?? '', c.status ?? '', c.reason ?? '']);
  return [['Type', 'Status', 'Reason'], ['----', '------', '------'], ...rows];
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
  const header = [
    ['Type', 'Reason', 'Age', 'From', 'Message'],
    ['----', '------', '----', '----', '-------'],
  ];
  return ['Events:', ...table([...header, ...rows], '  ')].join('\n');
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
  const containers: Field[] = [];
  for (const c of o.spec?.containers ?? []) {
    const s = (o.status?.containerStatuses ?? []).find((x: Any) => x.name === c.name);
    const state = s?.state?.running
      ? 'Running'
      : s?.state?.waiting
        ? `Waiting (${s.state.waiting.reason ?? ''})`
        : s?.state?.terminated
          ? `Terminated (${s.state.terminated.reason ?? ''})`
          : 'Waiting';
    containers.push([
      c.name,
      {
        section: [
          ['Image', c.image ?? ''],
          ['State', state],
          ['Ready', s?.ready ? 'True' : 'False'],
          ['Restart Count', String(s?.restartCount ?? 0)],
          mountsField(c),
        ],
      },
    ]);
  }
  fields.push(['Containers', { section: containers }]);
  const conditions = (o.status?.conditions ?? []).map((c: Any) => [c.type, c.status]);
  if (conditions.length) fields.push(['Conditions', { table: [['Type', 'Status'], ...conditions] }]);
  const volumes = (o.spec?.volumes ?? []).map((v: Any): Field => [v.name, { section: volumeFields(v) }]);
  fields.push(volumes.length ? ['Volumes', { section: volumes }] : ['Volumes', '<none>']);
  // Set by the API server at creation (pod strategy PrepareForCreate), so a Pending pod shows it too.
  fields.push(['QoS Class', o.status?.qosClass ?? '']);
  return fields;
}

/** A container's `Mounts:` as describe prints them: `/data from data (rw)`. */
function mountsField(c: Any): Field {
  const mounts: Any[] = c.volumeMounts ?? [];
  if (mounts.length === 0) return ['Mounts', '<none>'];
  return [
    'Mounts',
    {
      table: mounts.map((m) => [
        `${m.mountPath} from ${m.name} (${m.readOnly ? 'ro' : 'rw'}${m.subPath ? `,path="${m.subPath}"` : ''})`,
      ]),
    },
  ];
}

/** One volume's lines in describe's words (pkg/describe's printVolumes), for the kinds people use. */
function volumeFields(v: Any): Field[] {
  const ro = (x: Any): Field => ['ReadOnly', String(x?.readOnly ?? false)];
  if (v.persistentVolumeClaim)
    return [
      ['Type', 'PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)'],
      ['ClaimName', v.persistentVolumeClaim.claimName ?? ''],
      ro(v.persistentVolumeClaim),
    ];
  if (v.nfs)
    return [
      ['Type', 'NFS (an NFS mount that lasts the lifetime of a pod)'],
      ['Server', v.nfs.server ?? ''],
      ['Path', v.nfs.path ?? ''],
      ro(v.nfs),
    ];
  if (v.configMap)
    return [
      ['Type', 'ConfigMap (a volume populated by a ConfigMap)'],
      ['Name', v.configMap.name ?? ''],
      ['Optional', String(v.configMap.optional ?? false)],
    ];
  if (v.secret)
    return [
      ['Type', 'Secret (a volume populated by a Secret)'],
      ['SecretName', v.secret.secretName ?? ''],
      ['Optional', String(v.secret.optional ?? false)],
    ];
  if (v.emptyDir)
    return [
      ['Type', "EmptyDir (a temporary directory that shares a pod's lifetime)"],
      ['Medium', v.emptyDir.medium ?? ''],
      ['SizeLimit', v.emptyDir.sizeLimit ?? '<unset>'],
    ];
  if (v.hostPath)
    return [
      ['Type', 'HostPath (bare host directory volume)'],
      ['Path', v.hostPath.path ?? ''],
      ['HostPathType', v.hostPath.type ?? ''],
    ];
  const type = Object.keys(v).find((k) => k !== 'name') ?? 'unknown';
  return [['Type', `${type} (not described by kubecanvas)`]];
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
    ['Conditions', { table: conditionTable(s.conditions) }],
    ['OldReplicaSets', old.length ? old.map(rsLine).join(', ') : '<none>'],
    ['NewReplicaSet', newRs ? rsLine(newRs) : '<none>'],
  ];
}

/** describe node's System Info (describe.go describeNode), from the kubelet's status.nodeInfo. */
function systemInfo(info: Any): Field[] {
  const i = info ?? {};
  const out: Field[] = [
    ['Machine ID', i.machineID ?? ''],
    ['System UUID', i.systemUUID ?? ''],
    ['Boot ID', i.bootID ?? ''],
    ['Kernel Version', i.kernelVersion ?? ''],
    ['OS Image', i.osImage ?? ''],
    ['Operating System', i.operatingSystem ?? ''],
    ['Architecture', i.architecture ?? ''],
    ['Container Runtime Version', i.containerRuntimeVersion ?? ''],
    ['Kubelet Version', i.kubeletVersion ?? ''],
  ];
  if (i.kubeProxyVersion) out.push(['Kube-Proxy Version', i.kubeProxyVersion]);
  return out;
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
    ['Conditions', { table: conditionTable(o.status?.conditions) }],
    ['Capacity', res(o.status?.capacity)],
    ['Allocatable', res(o.status?.allocatable)],
    ['System Info', { section: systemInfo(o.status?.nodeInfo) }],
    ['Non-terminated Pods', `(${pods.length} in total)`],
  ];
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Go's time.RFC1123Z of an RFC 3339 UTC timestamp; a missing one is Go's zero time. */
function rfc1123z(ts: string | undefined): string {
  const m = ts ? /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})/.exec(ts) : null;
  if (!m) return 'Mon, 01 Jan 0001 00:00:00 +0000';
  const [y, mo, d, hh, mi, ss] = m.slice(1) as [string, string, string, string, string, string];
  const days = Math.floor((parseTimestamp(`${y}-${mo}-${d}T00:00:00Z`) + SIM_EPOCH_UNIX_MS) / 86_400_000);
  const weekday = DAYS[(((days + 4) % 7) + 7) % 7] ?? '';
  return `${weekday}, ${d} ${MONTHS[Number(mo) - 1] ?? ''} ${y} ${hh}:${mi}:${ss} +0000`;
}

/**
 * describePersistentVolumeClaim (pkg/describe/describe.go): class, status, volume, capacity once bound,
 * the pods that use it, and its Conditions (Resizing, FileSystemResizePending while it grows).
 */
function claimFields(o: Any, sim: Simulation): Field[] {
  const bound = !!o.spec?.volumeName;
  const fields: Field[] = [
    ['Name', o.metadata.name],
    ['Namespace', o.metadata.namespace ?? 'default'],
    [
      'StorageClass',
      o.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? o.spec?.storageClassName ?? '',
    ],
    [
      'Status',
      o.metadata.deletionTimestamp
        ? `Terminating (lasts ${humanDuration(sim.now - parseTimestamp(o.metadata.deletionTimestamp))})`
        : (o.status?.phase ?? ''),
    ],
    ['Volume', o.spec?.volumeName ?? ''],
    ['Labels', mapLines(o.metadata.labels)],
    ['Annotations', mapLines(o.metadata.annotations)],
    ['Finalizers', `[${(o.metadata.finalizers ?? []).join(' ')}]`],
    ['Capacity', bound ? (o.status?.capacity?.storage ?? '') : ''],
    ['Access Modes', bound ? accessModesText(o.status?.accessModes) : ''],
  ];
  if (o.spec?.volumeMode) fields.push(['VolumeMode', o.spec.volumeMode]);
  const users = sim.store
    .list<Any>('Pod', o.metadata.namespace)
    .filter((p) =>
      (p.spec?.volumes ?? []).some((v: Any) => v.persistentVolumeClaim?.claimName === o.metadata.name),
    )
    .map((p) => p.metadata.name as string)
    .sort();
  fields.push(['Used By', users.length ? users : '<none>']);
  const conditions = o.status?.conditions ?? [];
  if (conditions.length)
    fields.push([
      'Conditions',
      {
        table: [
          ['Type', 'Status', 'LastProbeTime', 'LastTransitionTime', 'Reason', 'Message'],
          ['----', '------', '-----------------', '------------------', '------', '-------'],
          ...conditions.map((c: Any) => [
            `${c.type ?? ''} `,
            `${c.status ?? ''} `,
            `${rfc1123z(c.lastProbeTime)} `,
            `${rfc1123z(c.lastTransitionTime)} `,
            `${c.reason ?? ''} `,
            c.message ?? '',
          ]),
        ],
      },
    ]);
  return fields;
}

/** GetAccessModesAsString: RWO, ROX, RWX, RWOP in that order. */
function accessModesText(modes: string[] | undefined): string {
  const short: Array<[string, string]> = [
    ['ReadWriteOnce', 'RWO'],
    ['ReadOnlyMany', 'ROX'],
    ['ReadWriteMany', 'RWX'],
    ['ReadWriteOncePod', 'RWOP'],
  ];
  return short
    .filter(([m]) => (modes ?? []).includes(m))
    .map(([, s]) => s)
    .join(',');
}

function describeOne(sim: Simulation, o: KubeObject): string {
  if (o.kind === 'Service') {
    // describeService writes Events in the same aligned block when there are none.
    const fields = [...header(o), ...serviceFields(o as Service & KubeObject, sim)];
    const events = eventsSection(sim, o);
    return events.startsWith('Events:\n')
      ? `${render(fields).join('\n')}\n${events}`
      : render([...fields, ['Events', '<none>']]).join('\n');
  }
  const fields =
    o.kind === 'Pod'
      ? podFields(o, sim)
      : o.kind === 'Deployment'
        ? deploymentFields(o, sim)
        : o.kind === 'Node'
          ? nodeFields(o, sim)
          : o.kind === 'PersistentVolumeClaim'
            ? claimFields(o, sim)
            : header(o);
  return `${render(fields).join('\n')}\n${eventsSection(sim, o)}`;
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
