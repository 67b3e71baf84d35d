/**
 * Table rows of `kubectl get` per kind: a port of the print functions and column definitions of
 * pkg/printers/internalversion/printers.go (AddHandlers). Each entry gives the columns, the extra
 * `-o wide` columns, and a function from an object to its cells. Kinds without an entry print NAME, AGE.
 */
import { labelSelectorAsSelector, selectorFromSet } from '../api/labels';
import { parseTimestamp } from '../api/time';
import type { Container, KubeObject, LabelSelector } from '../api/types';
import { humanDuration } from './duration';
import { podCells } from './podStatus';

/** What a row needs besides the object. */
export interface RowContext {
  nowMs: number;
  wide: boolean;
}

/** Columns and cells of one kind's table. */
export interface KindTable {
  columns: string[];
  wideColumns: string[];
  row(obj: KubeObject, ctx: RowContext): string[];
}

/* eslint-disable @typescript-eslint/no-explicit-any -- rows read many optional fields of many kinds */
type Any = any;

/** translateTimestampSince: `<unknown>` without a timestamp, else HumanDuration of the age. */
export function age(ts: string | undefined, nowMs: number): string {
  return ts ? humanDuration(nowMs - parseTimestamp(ts)) : '<unknown>';
}

/** labels.FormatLabels: `k=v` sorted by key, `<none>` when empty. */
export function formatLabels(labels: Record<string, string> | undefined): string {
  const s = selectorFromSet(labels).toString();
  return s === '' ? '<none>' : s;
}

/** metav1.FormatLabelSelector. */
export function formatLabelSelector(sel: LabelSelector | undefined): string {
  if (!sel) return '<none>';
  try {
    const s = labelSelectorAsSelector(sel).toString();
    return s === '' ? '<none>' : s;
  } catch {
    return '<error>';
  }
}

/** layoutContainerCells: container names and images, comma-separated. */
function containerCells(containers: Container[] | undefined): [string, string] {
  const cs = containers ?? [];
  return [cs.map((c) => c.name).join(','), cs.map((c) => c.image ?? '').join(',')];
}

const n = (v: unknown): string => String(typeof v === 'number' ? v : 0);

function withContainers(
  ctx: RowContext,
  base: string[],
  containers: Container[] | undefined,
  sel?: string,
): string[] {
  if (!ctx.wide) return base;
  const [names, images] = containerCells(containers);
  return sel === undefined ? [...base, names, images] : [...base, names, images, sel];
}

const pod: KindTable = {
  columns: ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
  wideColumns: ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'],
  row(o: Any, ctx) {
    const c = podCells(o, ctx.nowMs);
    const base = [
      o.metadata.name,
      c.ready,
      c.status,
      c.restarts,
      age(o.metadata.creationTimestamp, ctx.nowMs),
    ];
    if (!ctx.wide) return base;
    const gates: Array<{ conditionType: string }> = o.spec?.readinessGates ?? [];
    const conds: Array<{ type: string; status: string }> = o.status?.conditions ?? [];
    const trueGates = gates.filter((g) => conds.find((c) => c.type === g.conditionType)?.status === 'True');
    return [
      ...base,
      o.status?.podIPs?.[0]?.ip || o.status?.podIP || '<none>',
      o.spec?.nodeName || '<none>',
      o.status?.nominatedNodeName || '<none>',
      gates.length ? `${trueGates.length}/${gates.length}` : '<none>',
    ];
  },
};

const deployment: KindTable = {
  columns: ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'],
  wideColumns: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
  row(o: Any, ctx) {
    const s = o.status ?? {};
    const base = [
      o.metadata.name,
      `${n(s.readyReplicas)}/${n(o.spec?.replicas)}`,
      n(s.updatedReplicas),
      n(s.availableReplicas),
      age(o.metadata.creationTimestamp, ctx.nowMs),
    ];
    const sel = formatLabelSelector(o.spec?.selector);
    return withContainers(ctx, base, o.spec?.template?.spec?.containers, sel === '<none>' ? '' : sel);
  },
};

const replicaSet: KindTable = {
  columns: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'],
  wideColumns: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
  row(o: Any, ctx) {
    const s = o.status ?? {};
    const base = [o.metadata.name, n(o.spec?.replicas), n(s.replicas), n(s.readyReplicas)];
    base.push(age(o.metadata.creationTimestamp, ctx.nowMs));
    return withContainers(
      ctx,
      base,
      o.spec?.template?.spec?.containers,
      formatLabelSelector(o.spec?.selector),
    );
  },
};

const statefulSet: KindTable = {
  columns: ['NAME', 'READY', 'AGE'],
  wideColumns: ['CONTAINERS', 'IMAGES'],
  row(o: Any, ctx) {
    const base = [
      o.metadata.name,
      `${n(o.status?.readyReplicas)}/${n(o.spec?.replicas)}`,
      age(o.metadata.creationTimestamp, ctx.nowMs),
    ];
    return withContainers(ctx, base, o.spec?.template?.spec?.containers);
  },
};

const daemonSet: KindTable = {
  columns: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE'],
  wideColumns: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
  row(o: Any, ctx) {
    const s = o.status ?? {};
    const base = [
      o.metadata.name,
      n(s.desiredNumberScheduled),
      n(s.currentNumberScheduled),
      n(s.numberReady),
      n(s.updatedNumberScheduled),
      n(s.numberAvailable),
      formatLabels(o.spec?.template?.spec?.nodeSelector),
      age(o.metadata.creationTimestamp, ctx.nowMs),
    ];
    return withContainers(
      ctx,
      base,
      o.spec?.template?.spec?.containers,
      formatLabelSelector(o.spec?.selector),
    );
  },
};

function jobCondition(o: Any, type: string): boolean {
  return (o.status?.conditions ?? []).some((c: Any) => c.type === type && c.status === 'True');
}

function jobStatus(o: Any): string {
  if (jobCondition(o, 'Complete')) return 'Complete';
  if (jobCondition(o, 'Failed')) return 'Failed';
  if (o.metadata.deletionTimestamp) return 'Terminating';
  if (jobCondition(o, 'Suspended')) return 'Suspended';
  if (jobCondition(o, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

const job: KindTable = {
  columns: ['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE'],
  wideColumns: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
  row(o: Any, ctx) {
    const succeeded = n(o.status?.succeeded);
    const parallelism = o.spec?.parallelism ?? 0;
    const completions =
      o.spec?.completions !== undefined && o.spec?.completions !== null
        ? `${succeeded}/${o.spec.completions}`
        : parallelism > 1
          ? `${succeeded}/1 of ${parallelism}`
          : `${succeeded}/1`;
    const start = o.status?.startTime;
    const end = o.status?.completionTime;
    const duration = !start
      ? ''
      : humanDuration((end ? parseTimestamp(end) : ctx.nowMs) - parseTimestamp(start));
    const base = [
      o.metadata.name,
      jobStatus(o),
      completions,
      duration,
      age(o.metadata.creationTimestamp, ctx.nowMs),
    ];
    return withContainers(
      ctx,
      base,
      o.spec?.template?.spec?.containers,
      formatLabelSelector(o.spec?.selector),
    );
  },
};

const cronJob: KindTable = {
  columns: ['NAME', 'SCHEDULE', 'TIMEZONE', 'SUSPEND', 'ACTIVE', 'LAST SCHEDULE', 'AGE'],
  wideColumns: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
  row(o: Any, ctx) {
    const last = o.status?.lastScheduleTime ? age(o.status.lastScheduleTime, ctx.nowMs) : '<none>';
    const base = [
      o.metadata.name,
      o.spec?.schedule ?? '',
      o.spec?.timeZone ?? '<none>',
      o.spec?.suspend === undefined ? '<unset>' : String(o.spec.suspend),
      String((o.status?.active ?? []).length),
      last,
      age(o.metadata.creationTimestamp, ctx.nowMs),
    ];
    const tmpl = o.spec?.jobTemplate?.spec;
    return withContainers(ctx, base, tmpl?.template?.spec?.containers, formatLabelSelector(tmpl?.selector));
  },
};

export const WORKLOAD_TABLES: Record<string, KindTable> = {
  Pod: pod,
  Deployment: deployment,
  ReplicaSet: replicaSet,
  StatefulSet: statefulSet,
  DaemonSet: daemonSet,
  Job: job,
  CronJob: cronJob,
};
