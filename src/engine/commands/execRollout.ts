/**
 * `kubectl rollout status|history|undo|pause|resume|restart` over the simulated workloads: status as
 * rollout_status.go words it (one poll, no waiting: the console shows the state now), history as
 * rollout_history.go prints it, and undo/pause/resume/restart through the deployment helpers.
 */
import { controllerOf } from '../api/meta';
import { timestamp } from '../api/time';
import type { KubeObject, Pod } from '../api/types';
import type { Simulation } from '../core/simulation';
import { labelSelectorAsSelector } from '../api/labels';
import {
  REVISION,
  restartDeployment,
  rollbackDeployment,
  rollbackWorkload,
  setDeploymentPaused,
  workloadHistory,
  type RevisionedKind,
} from '../controllers';
import { rolloutStatus } from '../printers';
import { errorText, failed, getObject, ok, patchObject, type CommandResult } from './objects';
import { objectRef, qualifiedPlural } from './resources';
import type { Command } from './types';

type Cmd = Extract<Command, { verb: 'rollout' }>;
/* eslint-disable @typescript-eslint/no-explicit-any -- reads spec fields of three workload kinds */
type Any = any;

const ROLLOUT_KINDS = new Set(['Deployment', 'DaemonSet', 'StatefulSet']);

function podsOf(sim: Simulation, d: Any): Array<Pod & KubeObject> {
  const sel = labelSelectorAsSelector(d.spec?.selector);
  return sim.store
    .list<Pod & KubeObject>('Pod', d.metadata.namespace)
    .filter((p) => sel.matches(p.metadata.labels));
}

/** rollout_history.go's table for a StatefulSet or DaemonSet, from its ControllerRevisions. */
function revisionHistory(sim: Simulation, d: KubeObject): CommandResult {
  const rows = workloadHistory(
    sim,
    d.kind as RevisionedKind,
    d.metadata.namespace as string,
    d.metadata.name,
  ).map((r) => [String(r.revision), r.changeCause ?? '<none>']);
  const all = [['REVISION', 'CHANGE-CAUSE'], ...rows];
  const w = Math.max(...all.map((r) => (r[0] ?? '').length)) + 2;
  return ok(
    [
      `${objectRef(d.kind, d.metadata.name)} `,
      ...all.map(([a, b]) => `${(a ?? '').padEnd(w)}${b ?? ''}`),
    ].join('\n'),
  );
}

function history(sim: Simulation, d: KubeObject, revision?: number): CommandResult {
  if (d.kind !== 'Deployment') {
    if (revision !== undefined && revision > 0)
      return failed(`error: kubecanvas does not print one revision of a ${d.kind} yet`);
    return revisionHistory(sim, d);
  }
  const rses = sim.store
    .list('ReplicaSet', d.metadata.namespace)
    .filter((r) => controllerOf(r)?.uid === d.metadata.uid)
    .map((r) => ({ r, rev: Number(r.metadata.annotations?.[REVISION] ?? 0) }))
    .sort((a, b) => a.rev - b.rev);
  if (revision !== undefined && revision > 0) {
    const hit = rses.find((x) => x.rev === revision);
    if (!hit) return failed(`error: unable to find the specified revision`);
    const tmpl = (hit.r as Any).spec?.template ?? {};
    const labels = Object.entries(tmpl.metadata?.labels ?? {}).map(([k, v]) => `${k}=${v}`);
    const containers = (tmpl.spec?.containers ?? []).flatMap((c: Any) => [
      `   ${c.name}:`,
      `    Image:\t${c.image ?? ''}`,
    ]);
    return ok(
      [
        `${objectRef(d.kind, d.metadata.name)} with revision #${revision}`,
        'Pod Template:',
        `  Labels:\t${labels.join('\n\t') || '<none>'}`,
        '  Containers:',
        ...containers,
      ].join('\n'),
    );
  }
  const rows = rses.map((x) => [
    String(x.rev),
    x.r.metadata.annotations?.['kubernetes.io/change-cause'] ?? '<none>',
  ]);
  const all = [['REVISION', 'CHANGE-CAUSE'], ...rows];
  const w = Math.max(...all.map((r) => (r[0] ?? '').length)) + 2;
  return ok(
    [
      `${objectRef(d.kind, d.metadata.name)} `,
      ...all.map(([a, b]) => `${(a ?? '').padEnd(w)}${b ?? ''}`),
    ].join('\n'),
  );
}

function restartTemplate(sim: Simulation, o: KubeObject): void {
  patchObject(sim, o, (x: Any) => {
    const tmpl = x.spec?.template ?? {};
    const meta = tmpl.metadata ?? {};
    const annotations = { ...meta.annotations, 'kubectl.kubernetes.io/restartedAt': timestamp(sim.now) };
    return { ...x, spec: { ...x.spec, template: { ...tmpl, metadata: { ...meta, annotations } } } };
  });
}

function pauseResume(sim: Simulation, d: Any, paused: boolean): CommandResult {
  const ref = objectRef(d.kind, d.metadata.name);
  if (d.kind !== 'Deployment')
    return failed(
      `error: ${qualifiedPlural(d.kind)} "${d.metadata.name}" ${paused ? 'pausing' : 'resuming'} is not supported`,
    );
  if ((d.spec?.paused ?? false) === paused)
    return failed(
      `error: ${qualifiedPlural(d.kind)} "${d.metadata.name}" is ${paused ? 'already paused' : 'not paused'}`,
    );
  setDeploymentPaused(sim, d.metadata.namespace, d.metadata.name, paused);
  return ok(`${ref} ${paused ? 'paused' : 'resumed'}`);
}

/** Runs `kubectl rollout <action> KIND/NAME`. */
export function runRollout(sim: Simulation, cmd: Cmd): CommandResult {
  const name = cmd.target.names[0] as string;
  const obj = getObject(sim, cmd.target.kind, cmd.scope, name);
  if (typeof obj === 'string') return failed(obj);
  if (!ROLLOUT_KINDS.has(obj.kind))
    return failed(
      `error: no ${cmd.action === 'status' ? 'status viewer' : 'history viewer'} has been implemented for ${obj.kind}`,
    );
  const ref = objectRef(obj.kind, name);
  const ns = obj.metadata.namespace as string;
  try {
    switch (cmd.action) {
      case 'status': {
        const s = rolloutStatus(obj, obj.kind === 'Deployment' ? podsOf(sim, obj) : []);
        if (s.error) return failed(`error: ${s.error}`);
        return cmd.watch && !s.done
          ? { ok: true, output: s.message.trimEnd(), pending: true }
          : ok(s.message.trimEnd());
      }
      case 'history':
        return history(sim, obj, cmd.toRevision);
      case 'undo':
        if (obj.kind !== 'Deployment')
          return ok(`${ref} ${rollbackWorkload(sim, obj.kind as RevisionedKind, ns, name, cmd.toRevision)}`);
        rollbackDeployment(sim, ns, name, cmd.toRevision);
        return ok(`${ref} rolled back`);
      case 'pause':
      case 'resume':
        return pauseResume(sim, obj, cmd.action === 'pause');
      case 'restart':
        if (obj.kind === 'Deployment') restartDeployment(sim, ns, name);
        else restartTemplate(sim, obj);
        return ok(`${ref} restarted`);
    }
  } catch (e) {
    return failed(errorText(e).replace(/^Error from server \(Invalid\): /, 'error: '));
  }
  return failed(`error: unknown command "${String(cmd.action)}" for "kubectl rollout"`);
}
