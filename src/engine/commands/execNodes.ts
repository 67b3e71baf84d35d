/**
 * kubectl's node verbs: cordon, uncordon, taint, and drain as staging/src/k8s.io/kubectl/pkg/drain does
 * it (cordon, then the pod filters of filters.go in order: DaemonSet-managed, mirror, local storage,
 * unreplicated; then an eviction per pod through the eviction subresource, which respects
 * PodDisruptionBudgets). The simulated drain does one pass: a refused eviction is reported, not retried.
 */
import { controllerOf } from '../api/meta';
import type { KubeObject, Node, Pod } from '../api/types';
import type { Simulation } from '../core/simulation';
import { evictPod } from '../controllers';
import { errorText, failed, ok, patchObject, type CommandResult } from './objects';
import { notFound } from './resources';
import { reorganizeTaints, taintsAlreadyThere } from './taints';
import type { Command } from './types';

type N = Node & KubeObject;
type P = Pod & KubeObject;
type Cmd<V extends Command['verb']> = Extract<Command, { verb: V }>;

function node(sim: Simulation, name: string): N | string {
  return sim.store.get<N>('Node', undefined, name) ?? notFound('Node', name);
}

function setUnschedulable(sim: Simulation, n: N, value: boolean): string {
  const word = value ? 'cordoned' : 'uncordoned';
  if ((n.spec?.unschedulable ?? false) === value) return `node/${n.metadata.name} already ${word}`;
  patchObject(sim, n, (o) => {
    const spec = { ...(o.spec as object) } as NonNullable<N['spec']>;
    if (value) spec.unschedulable = true;
    else delete spec.unschedulable;
    return { ...o, spec };
  });
  return `node/${n.metadata.name} ${word}`;
}

/** `kubectl cordon|uncordon NODE...`. */
export function runCordon(sim: Simulation, cmd: Cmd<'cordon' | 'uncordon'>): CommandResult {
  const lines: string[] = [];
  const errors: string[] = [];
  for (const name of cmd.nodes) {
    const n = node(sim, name);
    if (typeof n === 'string') errors.push(n);
    else lines.push(setUnschedulable(sim, n, cmd.verb === 'cordon'));
  }
  const output = [...lines, ...errors].join('\n');
  return errors.length ? failed(output) : ok(output);
}

type Verdict = { delete: boolean; kind: 'ok' | 'skip' | 'warning' | 'error'; message?: string };

const DS_FATAL = 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)';
const LOCAL_FATAL = 'Pods with local storage (use --delete-emptydir-data to override)';
const UNMANAGED_FATAL = 'cannot delete Pods that declare no controller (use --force to override)';

/** The drain filters of filters.go, applied in order until one says "do not delete". */
function drainVerdict(sim: Simulation, pod: P, cmd: Cmd<'drain'>): Verdict {
  const finished = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
  const ref = controllerOf(pod);
  let v: Verdict = { delete: true, kind: 'ok' };
  if (ref?.kind === 'DaemonSet' && !finished) {
    const exists = sim.store.get('DaemonSet', pod.metadata.namespace, ref.name);
    if (!exists)
      v = cmd.force
        ? { delete: true, kind: 'warning', message: `daemonsets.apps "${ref.name}" not found` }
        : { delete: false, kind: 'error', message: `daemonsets.apps "${ref.name}" not found` };
    else if (!cmd.ignoreDaemonsets) return { delete: false, kind: 'error', message: DS_FATAL };
    else return { delete: false, kind: 'warning', message: 'ignoring DaemonSet-managed Pods' };
    if (!v.delete) return v;
  }
  if (pod.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined)
    return { delete: false, kind: 'skip' };
  if ((pod.spec?.volumes ?? []).some((vol) => vol.emptyDir) && !finished) {
    if (!cmd.deleteEmptydirData) return { delete: false, kind: 'error', message: LOCAL_FATAL };
    v = { delete: true, kind: 'warning', message: 'deleting Pods with local storage' };
  }
  if (!finished && !ref) {
    if (!cmd.force) return { delete: false, kind: 'error', message: UNMANAGED_FATAL };
    v = { delete: true, kind: 'warning', message: 'deleting Pods that declare no controller' };
  }
  return v;
}

function grouped(items: Array<{ pod: P; v: Verdict }>, kind: Verdict['kind']): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const { pod, v } of items) {
    if (v.kind !== kind) continue;
    const key = v.message ?? 'unexpected error';
    m.set(key, [...(m.get(key) ?? []), `${pod.metadata.namespace}/${pod.metadata.name}`]);
  }
  return m;
}

function drainOne(sim: Simulation, n: N, cmd: Cmd<'drain'>, out: string[]): boolean {
  out.push(setUnschedulable(sim, n, true));
  const pods = sim.store.podsOnNode(n.metadata.name).filter((p) => !p.metadata.deletionTimestamp);
  const items = pods.map((pod) => ({ pod, v: drainVerdict(sim, pod, cmd) }));
  const errors = [...grouped(items, 'error')].map(
    ([msg, ps]) =>
      `${msg.toLowerCase().startsWith('cannot delete') ? msg : `cannot delete ${msg}`}: ${ps.join(', ')}`,
  );
  if (errors.length) {
    out.push(
      `error: unable to drain node "${n.metadata.name}" due to error: ${errors.length > 1 ? `[${errors.join(', ')}]` : errors[0]}, continuing command...`,
      'There are pending nodes to be drained:',
      ` ${n.metadata.name}`,
      ...errors,
    );
    return false;
  }
  const warnings = [...grouped(items, 'warning')].map(([msg, ps]) => `${msg}: ${ps.join(', ')}`);
  if (warnings.length) out.push(`Warning: ${warnings.join('; ')}`);
  let refused = false;
  for (const { pod, v } of items) {
    if (!v.delete) continue;
    out.push(`evicting pod ${pod.metadata.namespace}/${pod.metadata.name}`);
    try {
      evictPod(sim, pod);
      out.push(`pod/${pod.metadata.name} evicted`);
    } catch (e) {
      refused = true;
      const msg = errorText(e).replace(/^Error from server \(\w+\): /, '');
      out.push(
        `error when evicting pods/"${pod.metadata.name}" -n "${pod.metadata.namespace}" (will retry after 5s): ${msg}`,
      );
    }
  }
  if (!refused) out.push(`node/${n.metadata.name} drained`);
  return !refused;
}

/** `kubectl drain NODE [--ignore-daemonsets] [--delete-emptydir-data] [--force]`. */
export function runDrain(sim: Simulation, cmd: Cmd<'drain'>): CommandResult {
  const out: string[] = [];
  let success = true;
  for (const name of cmd.nodes) {
    const n = node(sim, name);
    if (typeof n === 'string') {
      out.push(n);
      success = false;
    } else success = drainOne(sim, n, cmd, out) && success;
  }
  return { ok: success, output: out.join('\n') };
}

/** `kubectl taint nodes NODE key=value:Effect | key:Effect- ...`. */
export function runTaint(sim: Simulation, cmd: Cmd<'taint'>): CommandResult {
  const lines: string[] = [];
  for (const name of cmd.nodes) {
    const n = node(sim, name);
    if (typeof n === 'string') return failed([...lines, n].join('\n'));
    const old = n.spec?.taints ?? [];
    const existing = cmd.overwrite ? '' : taintsAlreadyThere(old, cmd.add);
    if (existing)
      return failed(
        [
          ...lines,
          `error: node ${name} already has ${existing} taint(s) with same effect(s) and --overwrite is false`,
        ].join('\n'),
      );
    const { operation, taints, errors } = reorganizeTaints(old, cmd.overwrite, cmd.add, cmd.remove);
    if (errors.length)
      return failed(
        [...lines, `error: ${errors.length > 1 ? `[${errors.join(', ')}]` : errors[0]}`].join('\n'),
      );
    patchObject(sim, n, (o) => {
      const spec = { ...(o.spec as object) } as NonNullable<N['spec']>;
      if (taints.length) spec.taints = taints;
      else delete spec.taints;
      return { ...o, spec };
    });
    lines.push(`node/${name} ${operation}`);
  }
  return ok(lines.join('\n'));
}
