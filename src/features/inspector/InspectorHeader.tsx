/**
 * The inspector's header: kind, name, namespace and pod status; who owns an object the cluster made
 * (a link that selects the owner); and the actions people look for: fail or recover a Node, break a
 * pod's probe or crash it and heal it again (the engine's faults, runtime only, recorded on the timeline), "What if…" on a workload (opens the
 * Charts tab's what-if view for it), delete.
 */
import {
  NODE_FAULT_ANNOTATION,
  controllerOf,
  keyOf,
  objectKey,
  originBehavior,
  podBreaks,
  podCells,
  type PodBreak,
  type KubeObject,
  type Pod,
} from '../../engine';
import {
  breakPodAction,
  failNodeAction,
  getSimulation,
  healPodAction,
  recoverNodeAction,
  removeObject,
  select,
} from '../../store';
import { openWhatIf } from '../dock';

/** Workloads the what-if can change (its runs start from the authored design). */
const WHAT_IF_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);

export function InspectorHeader({ live, authored }: { live: KubeObject; authored: KubeObject | undefined }) {
  const owner = controllerOf(live);
  const ownerKey = owner ? objectKey(owner.kind, live.metadata.namespace, owner.name) : null;
  const down = live.metadata.annotations?.[NODE_FAULT_ANNOTATION] === 'down';
  const node = live.metadata.name;
  const status = live.kind === 'Pod' ? podCells(live as Pod & KubeObject, 0).status : undefined;
  return (
    <header className="flex flex-col gap-1 border-b border-slate-700 p-2">
      <div className="flex items-baseline gap-2">
        <span className="rounded bg-slate-700 px-1.5 text-[11px] text-slate-200">{live.kind}</span>
        <h2 className="truncate text-sm font-semibold text-slate-100">{live.metadata.name}</h2>
        {live.metadata.namespace && <span className="text-slate-400">{live.metadata.namespace}</span>}
        {status && <span className="ml-auto font-mono text-slate-300">{status}</span>}
      </div>
      {!authored && (
        <p className="text-slate-400">
          Made by the cluster
          {owner && ownerKey ? (
            <>
              {' '}
              (controlled by{' '}
              <button type="button" className="text-sky-300 hover:underline" onClick={() => select(ownerKey)}>
                {owner.kind} {owner.name}
              </button>
              ): edit its owner.
            </>
          ) : (
            '.'
          )}
        </p>
      )}
      <div className="flex flex-wrap gap-1">
        {live.kind === 'Node' && (
          <button
            type="button"
            className="rounded bg-slate-700 px-2 py-0.5 hover:bg-slate-600"
            onClick={() => (down ? recoverNodeAction : failNodeAction)(node)}
          >
            {down ? 'Recover node' : 'Fail node'}
          </button>
        )}
        {live.kind === 'Pod' && <PodFaultButtons pod={live} authored={authored} />}
        {authored && WHAT_IF_KINDS.has(live.kind) && (
          <button
            type="button"
            className="rounded bg-slate-700 px-2 py-0.5 hover:bg-slate-600"
            title="Run the design twice, as it is and with one change to this workload, and chart both"
            onClick={() => openWhatIf(keyOf(live))}
          >
            What if…
          </button>
        )}
        <button
          type="button"
          className="rounded bg-slate-700 px-2 py-0.5 hover:bg-red-900"
          onClick={() => removeObject(keyOf(live))}
        >
          Delete
        </button>
      </div>
    </header>
  );
}

const BREAK_LABEL: Record<PodBreak, string> = {
  readiness: 'Break readiness',
  liveness: 'Break liveness',
  crash: 'Crash',
};
const HEAL_LABEL: Record<PodBreak, string> = {
  readiness: 'Heal readiness',
  liveness: 'Heal liveness',
  crash: 'Stop crashing',
};

/**
 * Break or heal, per fault: a broken probe (or crash) offers its heal where the break was, which puts
 * the pod back as it was made (its controller's template, or the authored pod).
 */
function PodFaultButtons({ pod, authored }: { pod: KubeObject; authored: KubeObject | undefined }) {
  const broken = podBreaks(pod, originBehavior(getSimulation().store, pod, authored));
  const ns = pod.metadata.namespace ?? 'default';
  return (
    <>
      {(['readiness', 'liveness', 'crash'] as const).map((mode) => {
        const heal = broken.includes(mode);
        return (
          <button
            key={mode}
            type="button"
            className={`rounded px-2 py-0.5 ${heal ? 'bg-emerald-800 text-emerald-50 hover:bg-emerald-700' : 'bg-slate-700 hover:bg-slate-600'}`}
            title={
              heal
                ? `Put this pod's application back as it was made (${mode === 'crash' ? 'it stops crashing' : `its ${mode} probe passes again`})`
                : `Make this pod's application ${mode === 'crash' ? 'crash' : `fail its ${mode} probe`}`
            }
            onClick={() => (heal ? healPodAction : breakPodAction)(ns, pod.metadata.name, mode)}
          >
            {heal ? HEAL_LABEL[mode] : BREAK_LABEL[mode]}
          </button>
        );
      })}
    </>
  );
}
