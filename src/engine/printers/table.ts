/**
 * `kubectl get` tables: the header and rows of a kind (rows.ts, rowsCluster.ts), a NAMESPACE column
 * first with --all-namespaces, extra columns with -o wide, aligned as kubectl's tabwriter aligns them.
 * Events and HorizontalPodAutoscalers have their own columns (printEvent, printHorizontalPodAutoscaler).
 */
import type { KubeObject } from '../api/types';
import { formatTable } from './tabwriter';
import { age, WORKLOAD_TABLES, type KindTable, type RowContext } from './rows';
import { CLUSTER_TABLES } from './rowsCluster';

/* eslint-disable @typescript-eslint/no-explicit-any -- rows read many optional fields */
type Any = any;

/** Options of a `kubectl get` table. */
export interface TableOptions {
  /** Simulated now, for AGE and LAST SEEN. */
  nowMs: number;
  wide?: boolean;
  /** Adds the NAMESPACE column first (`-A`). */
  allNamespaces?: boolean;
  /** Leaves out the header row (`--no-headers`). */
  noHeaders?: boolean;
}

const event: KindTable = {
  columns: ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'],
  wideColumns: [],
  row(o: Any, ctx) {
    const first = age(o.firstTimestamp ?? o.metadata.creationTimestamp, ctx.nowMs);
    const last = o.lastTimestamp ? age(o.lastTimestamp, ctx.nowMs) : first;
    const inv = o.involvedObject ?? {};
    const target = inv.name
      ? `${String(inv.kind).toLowerCase()}/${inv.name}`
      : String(inv.kind).toLowerCase();
    const message = String(o.message ?? '').trim();
    if (!ctx.wide) return [last, o.type ?? '', o.reason ?? '', target, message];
    const src = o.source?.component
      ? `${o.source.component}${o.source.host ? `, ${o.source.host}` : ''}`
      : '';
    return [
      last,
      o.type ?? '',
      o.reason ?? '',
      target,
      inv.fieldPath ?? '',
      src || o.reportingComponent || '',
      message,
      first,
      String(o.count ?? 1),
      o.metadata.name,
    ];
  },
};

const EVENT_WIDE = ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'SUBOBJECT', 'SOURCE', 'MESSAGE', 'FIRST SEEN'];

function hpaTargets(o: Any): string {
  const specs: Any[] = o.spec?.metrics ?? [];
  if (specs.length === 0) return '<none>';
  const cells = specs.slice(0, 2).map((m, i) => {
    const cur = o.status?.currentMetrics?.[i]?.resource?.current;
    const t = m.resource?.target ?? {};
    if (t.averageUtilization !== undefined) {
      const c = cur?.averageUtilization !== undefined ? `${cur.averageUtilization}%` : '<unknown>';
      return `${m.resource?.name ?? ''}: ${c}/${t.averageUtilization}%`;
    }
    const c = cur?.averageValue ?? '<unknown>';
    return `${m.resource?.name ?? ''}: ${c}/${t.averageValue ?? t.value ?? ''}`;
  });
  return specs.length > 2 ? `${cells.join(', ')} + ${specs.length - 2} more...` : cells.join(', ');
}

const hpa: KindTable = {
  columns: ['NAME', 'REFERENCE', 'TARGETS', 'MINPODS', 'MAXPODS', 'REPLICAS', 'AGE'],
  wideColumns: [],
  row: (o: Any, ctx) => [
    o.metadata.name,
    `${o.spec?.scaleTargetRef?.kind ?? ''}/${o.spec?.scaleTargetRef?.name ?? ''}`,
    hpaTargets(o),
    o.spec?.minReplicas === undefined ? '<unset>' : String(o.spec.minReplicas),
    String(o.spec?.maxReplicas ?? 0),
    String(o.status?.currentReplicas ?? 0),
    age(o.metadata.creationTimestamp, ctx.nowMs),
  ],
};

const fallback: KindTable = {
  columns: ['NAME', 'AGE'],
  wideColumns: [],
  row: (o: Any, ctx) => [o.metadata.name, age(o.metadata.creationTimestamp, ctx.nowMs)],
};

const TABLES: Record<string, KindTable> = {
  ...WORKLOAD_TABLES,
  ...CLUSTER_TABLES,
  Event: event,
  HorizontalPodAutoscaler: hpa,
};

/** The header of a kind's table. */
export function tableHeader(kind: string, options: Pick<TableOptions, 'wide' | 'allNamespaces'>): string[] {
  const t = TABLES[kind] ?? fallback;
  const cols =
    kind === 'Event' && options.wide
      ? [...EVENT_WIDE, 'COUNT', 'NAME']
      : [...t.columns, ...(options.wide ? t.wideColumns : [])];
  return options.allNamespaces ? ['NAMESPACE', ...cols] : cols;
}

/** The cells of one object's row. */
export function tableRow(obj: KubeObject, options: TableOptions): string[] {
  const t = TABLES[obj.kind] ?? fallback;
  const ctx: RowContext = { nowMs: options.nowMs, wide: options.wide ?? false };
  const cells = t.row(obj, ctx);
  return options.allNamespaces ? [obj.metadata.namespace ?? '', ...cells] : cells;
}

/** A whole `kubectl get` table of objects of one kind (no trailing newline). */
export function printTable(kind: string, objects: readonly KubeObject[], options: TableOptions): string {
  const rows = objects.map((o) => tableRow(o, options));
  return options.noHeaders
    ? formatTable(rows[0] ?? [], rows.slice(1))
    : formatTable(tableHeader(kind, options), rows);
}
