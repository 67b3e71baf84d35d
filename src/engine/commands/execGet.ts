/**
 * `kubectl get`: tables (-o wide, -A, --show-labels, --no-headers), names, JSON and YAML, with kubectl's
 * "No resources found" and NotFound messages. Several kinds (`get deploy,svc`, `get all`) print one table
 * per kind with `kind.group/name` names, separated by blank lines, as kubectl does.
 */
import type { KubeObject } from '../api/types';
import type { Simulation } from '../core/simulation';
import { formatTable, tableHeader, tableRow, toYaml } from '../printers';
import { failed, getObject, listObjects, type CommandResult } from './objects';
import { objectRef } from './resources';
import type { Command, Scope } from './types';

type GetCommand = Extract<Command, { verb: 'get' }>;

interface Found {
  kind: string;
  objects: KubeObject[];
}

/** Finds the objects of each target; NotFound errors are collected, as kubectl prints them after. */
export function findTargets(
  sim: Simulation,
  cmd: { scope: Scope; targets: GetCommand['targets']; selector?: string },
  errors: string[],
): Found[] {
  return cmd.targets.map((t) => {
    if (t.names.length === 0)
      return { kind: t.kind, objects: listObjects(sim, t.kind, cmd.scope, cmd.selector) };
    const objects: KubeObject[] = [];
    for (const name of t.names) {
      const o = getObject(sim, t.kind, cmd.scope, name);
      if (typeof o === 'string') errors.push(o);
      else objects.push(o);
    }
    return { kind: t.kind, objects };
  });
}

function noneFound(scope: Scope): string {
  return scope.allNamespaces ? 'No resources found' : `No resources found in ${scope.namespace} namespace.`;
}

function asList(items: KubeObject[]): unknown {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
}

function labelsCell(o: KubeObject): string {
  const l = o.metadata.labels ?? {};
  const keys = Object.keys(l).sort();
  return keys.length ? keys.map((k) => `${k}=${l[k]}`).join(',') : '<none>';
}

function tables(sim: Simulation, cmd: GetCommand, found: Found[]): string[] {
  const multi = found.length > 1;
  const opts = { nowMs: sim.now, wide: cmd.output === 'wide', allNamespaces: cmd.scope.allNamespaces };
  const out: string[] = [];
  for (const f of found) {
    if (f.objects.length === 0) continue;
    const header = tableHeader(f.kind, opts);
    const rows = f.objects.map((o) => {
      const cells = tableRow(o, opts);
      const nameCol = opts.allNamespaces ? 1 : 0;
      if (multi && f.kind !== 'Event') cells[nameCol] = objectRef(o.kind, o.metadata.name);
      return cmd.showLabels ? [...cells, labelsCell(o)] : cells;
    });
    const head = cmd.showLabels ? [...header, 'LABELS'] : header;
    out.push(cmd.noHeaders ? formatTable(rows[0] ?? [], rows.slice(1)) : formatTable(head, rows));
  }
  return out;
}

/** The value at a simple JSONPath (`.status.phase`, `{.metadata.name}`, `spec.nodeName`). */
function at(obj: unknown, path: string): unknown {
  const keys = path
    .replace(/^\{|\}$/g, '')
    .replace(/^\./, '')
    .split('.')
    .filter(Boolean);
  let v: unknown = obj;
  for (const k of keys)
    v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

/** --field-selector: `path=value`, `path==value`, `path!=value`, comma-separated, ANDed. */
function fieldFilter(text: string): (o: KubeObject) => boolean {
  const terms = text.split(',').map((t) => {
    const m = /^([^!=]+)(!=|==|=)(.*)$/.exec(t.trim());
    if (!m) throw new Error(`invalid field selector: ${t}`);
    return { path: m[1] as string, neq: m[2] === '!=', value: m[3] as string };
  });
  return (o) => terms.every((t) => (String(at(o, t.path) ?? '') === t.value) !== t.neq);
}

/** --sort-by: ascending by the value at a JSONPath; objects without it keep their order, first. */
function sortBy(objects: KubeObject[], path: string): KubeObject[] {
  const key = (o: KubeObject): string | number | undefined => {
    const v = at(o, path);
    return typeof v === 'number' ? v : v === undefined || v === null ? undefined : String(v);
  };
  return objects
    .map((o, i) => ({ o, i, k: key(o) }))
    .sort((a, b) => {
      if (a.k === undefined || b.k === undefined) return a.k === b.k ? a.i - b.i : a.k === undefined ? -1 : 1;
      return a.k < b.k ? -1 : a.k > b.k ? 1 : a.i - b.i;
    })
    .map((x) => x.o);
}

/** Runs `kubectl get`. */
export function runGet(sim: Simulation, cmd: GetCommand): CommandResult {
  const errors: string[] = [];
  let found = findTargets(sim, cmd, errors);
  if (cmd.fieldSelector !== undefined) {
    const keep = fieldFilter(cmd.fieldSelector);
    found = found.map((f) => ({ ...f, objects: f.objects.filter(keep) }));
  }
  if (cmd.sortBy !== undefined) {
    const path = cmd.sortBy;
    found = found.map((f) => ({ ...f, objects: sortBy(f.objects, path) }));
  }
  const all = found.flatMap((f) => f.objects);
  const single = found.length === 1 && found[0]?.objects.length === 1 && cmd.targets[0]?.names.length === 1;
  let body: string;
  switch (cmd.output) {
    case 'name':
      body = all.map((o) => objectRef(o.kind, o.metadata.name)).join('\n');
      break;
    case 'json':
      body = all.length || !errors.length ? JSON.stringify(single ? all[0] : asList(all), null, 4) : '';
      break;
    case 'yaml':
      body = all.length || !errors.length ? toYaml(single ? all[0] : asList(all)).trimEnd() : '';
      break;
    default:
      body = tables(sim, cmd, found).join('\n\n');
      if (!body && errors.length === 0) body = noneFound(cmd.scope);
  }
  const output = [body, ...errors].filter((s) => s !== '').join('\n');
  return errors.length ? failed(output) : { ok: true, output };
}
