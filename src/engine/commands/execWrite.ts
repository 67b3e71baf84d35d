/**
 * kubectl's writing verbs: apply (objects given inline, `-f -`), scale, set image, delete, label and
 * annotate, with kubectl's output lines (`deployment.apps/web created|configured|unchanged|scaled`,
 * `pod "web-1" deleted`, `deployment.apps/web labeled`) and errors.
 */
import { keyOf } from '../api/meta';
import { isClusterScoped } from '../api/kinds';
import type { KubeObject, PodSpec } from '../api/types';
import { ApiError, type Simulation } from '../core/simulation';
import { deepEqual } from '../../lib';
import {
  errorText,
  failed,
  getObject,
  listObjects,
  nsOf,
  ok,
  patchObject,
  type CommandResult,
} from './objects';
import { objectRef } from './resources';
import type { Command, KeyChange } from './types';

type Cmd<V extends Command['verb']> = Extract<Command, { verb: V }>;

function finish(lines: string[], errors: string[]): CommandResult {
  const output = [...lines, ...errors].join('\n');
  return errors.length ? failed(output) : ok(output);
}

/** `kubectl apply -f -` with the objects given inline (a scenario step's `objects`, the console's editor). */
export function runApply(
  sim: Simulation,
  cmd: Cmd<'apply'>,
  objects: readonly KubeObject[] | undefined,
): CommandResult {
  if (!objects)
    return failed(
      cmd.filename === '-'
        ? 'error: no objects passed to apply'
        : `error: the path "${cmd.filename}" does not exist`,
    );
  if (objects.length === 0) return failed('error: no objects passed to apply');
  const lines: string[] = [];
  const errors: string[] = [];
  /** The one Invalid error, when it is apply's only error (kubectl prints it its own way, below). */
  let invalid: ApiError | undefined;
  for (const input of objects) {
    const ns = isClusterScoped(input.kind) ? undefined : (input.metadata.namespace ?? cmd.scope.namespace);
    const obj = { ...input, metadata: { ...input.metadata, ...(ns ? { namespace: ns } : {}) } } as KubeObject;
    const key = keyOf(obj);
    const before = sim.authoredOf(key);
    const existed = sim.store.getByKey(key) !== undefined;
    try {
      sim.apply(obj);
      const after = sim.authoredOf(key);
      const verb = !existed ? 'created' : before && deepEqual(before, after) ? 'unchanged' : 'configured';
      lines.push(`${objectRef(obj.kind, obj.metadata.name)} ${verb}`);
    } catch (e) {
      invalid = e instanceof ApiError && e.reason === 'Invalid' ? e : undefined;
      errors.push(
        errorText(e).replace(
          /^Error from server \((\w+)\): /,
          `Error from server ($1): error when ${existed ? 'applying patch' : 'creating'} "STDIN": `,
        ),
      );
    }
  }
  // kubectl's CheckErr: apply's only error, when invalid, is printed from the status details as
  // `The Kind "name" is invalid: cause` (several causes: one per line, which the details would list).
  const single =
    errors.length === 1 && invalid && /^(\w+) "([^"]*)" is invalid: (?!\[)/.exec(invalid.message);
  if (single) errors[0] = `The ${invalid?.message}`;
  return finish(lines, errors);
}

const SCALABLE = new Set(['Deployment', 'ReplicaSet', 'StatefulSet']);

/** `kubectl scale --replicas=N`. */
export function runScale(sim: Simulation, cmd: Cmd<'scale'>): CommandResult {
  const lines: string[] = [];
  const errors: string[] = [];
  for (const t of cmd.targets) {
    for (const name of t.names) {
      const obj = getObject(sim, t.kind, cmd.scope, name);
      if (typeof obj === 'string') errors.push(obj);
      else if (!SCALABLE.has(t.kind)) errors.push(`error: no scaler has been implemented for {"${t.kind}"}`);
      else {
        patchObject(sim, obj, (o) => ({ ...o, spec: { ...(o.spec as object), replicas: cmd.replicas } }));
        lines.push(`${objectRef(t.kind, name)} scaled`);
      }
    }
  }
  return finish(lines, errors);
}

function podSpecOf(o: KubeObject): PodSpec | undefined {
  const spec = o.spec as Record<string, any> | undefined; // eslint-disable-line @typescript-eslint/no-explicit-any
  if (o.kind === 'Pod') return spec as PodSpec | undefined;
  if (o.kind === 'CronJob') return spec?.jobTemplate?.spec?.template?.spec;
  return spec?.template?.spec;
}

/** `kubectl set image KIND/NAME container=image ...` (`*` sets every container). */
export function runSetImage(sim: Simulation, cmd: Cmd<'set-image'>): CommandResult {
  const name = cmd.target.names[0] as string;
  const obj = getObject(sim, cmd.target.kind, cmd.scope, name);
  if (typeof obj === 'string') return failed(obj);
  const spec = podSpecOf(obj);
  if (!spec) return failed(`error: ${objectRef(obj.kind, name)} has no pod template`);
  const all = [...(spec.initContainers ?? []), ...spec.containers];
  for (const [container] of cmd.images) {
    if (container !== '*' && !all.some((c) => c.name === container))
      return failed(`error: unable to find container named "${container}"`);
  }
  let changed = false;
  patchObject(sim, obj, (o) => {
    const s = podSpecOf(o);
    for (const list of [s?.initContainers ?? [], s?.containers ?? []]) {
      for (const c of list) {
        for (const [container, image] of cmd.images) {
          if ((container === '*' || c.name === container) && c.image !== image) {
            c.image = image;
            changed = true;
          }
        }
      }
    }
    return o;
  });
  return ok(changed ? `${objectRef(obj.kind, name)} image updated` : '');
}

/** `kubectl delete KIND NAME... | -l selector | --all`. */
export function runDelete(sim: Simulation, cmd: Cmd<'delete'>): CommandResult {
  const lines: string[] = [];
  const errors: string[] = [];
  const options = cmd.gracePeriod !== undefined ? { gracePeriodSeconds: cmd.gracePeriod } : {};
  for (const t of cmd.targets) {
    const objects =
      t.names.length > 0
        ? t.names.map((n) => getObject(sim, t.kind, cmd.scope, n))
        : listObjects(sim, t.kind, cmd.scope, cmd.selector);
    for (const o of objects) {
      if (typeof o === 'string') {
        errors.push(o);
        continue;
      }
      try {
        sim.delete(o.kind, o.metadata.namespace, o.metadata.name, options);
        lines.push(`${objectRef(o.kind, '').slice(0, -1)} "${o.metadata.name}" deleted`);
      } catch (e) {
        errors.push(errorText(e));
      }
    }
    if (t.names.length === 0 && objects.length === 0 && lines.length === 0 && errors.length === 0)
      lines.push(
        cmd.scope.allNamespaces
          ? 'No resources found'
          : `No resources found in ${nsOf(t.kind, cmd.scope) ?? cmd.scope.namespace} namespace.`,
      );
  }
  return finish(lines, errors);
}

function applyKeyChanges(
  current: Record<string, string> | undefined,
  changes: readonly KeyChange[],
  overwrite: boolean,
): Record<string, string> | string {
  const next = { ...current };
  for (const c of changes) {
    if (c.value === undefined) delete next[c.key];
    else {
      const old = current?.[c.key];
      if (old !== undefined && old !== c.value && !overwrite)
        return `error: '${c.key}' already has a value (${old}), and --overwrite is false`;
      next[c.key] = c.value;
    }
  }
  return next;
}

/** `kubectl label` and `kubectl annotate`: `key=value` sets, `key-` removes. */
export function runMeta(sim: Simulation, cmd: Cmd<'label' | 'annotate'>): CommandResult {
  const field = cmd.verb === 'label' ? 'labels' : 'annotations';
  const lines: string[] = [];
  const errors: string[] = [];
  for (const name of cmd.target.names) {
    const obj = getObject(sim, cmd.target.kind, cmd.scope, name);
    if (typeof obj === 'string') {
      errors.push(obj);
      continue;
    }
    const next = applyKeyChanges(obj.metadata[field], cmd.changes, cmd.overwrite);
    if (typeof next === 'string') {
      errors.push(next);
      continue;
    }
    const ref = objectRef(obj.kind, name);
    if (deepEqual(next, obj.metadata[field] ?? {})) {
      lines.push(`${ref} not ${cmd.verb === 'label' ? 'labeled' : 'annotated'}`);
      continue;
    }
    patchObject(sim, obj, (o) => {
      const meta = { ...o.metadata };
      const merged = applyKeyChanges(meta[field], cmd.changes, true) as Record<string, string>;
      if (Object.keys(merged).length) meta[field] = merged;
      else delete meta[field];
      return { ...o, metadata: meta };
    });
    const removedOnly = cmd.changes.every((c) => c.value === undefined);
    const word = cmd.verb === 'label' ? (removedOnly ? 'unlabeled' : 'labeled') : 'annotated';
    lines.push(`${ref} ${word}`);
  }
  return finish(lines, errors);
}
