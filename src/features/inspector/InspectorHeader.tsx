/**
 * The inspector's header: kind, name, namespace and pod status; who owns an object the cluster made
 * (a link that selects the owner); and the actions people look for: fail or recover a Node, break a
 * pod's probe or crash it (the engine's faults, runtime only), "What if…" on a workload (opens the
 * Charts tab's what-if view for it), delete.
 */
import {
  NODE_FAULT_ANNOTATION,
  controllerOf,
  keyOf,
  objectKey,
  podCells,
  type KubeObject,
  type Pod,
} from '../../engine';
import { breakPodAction, failNodeAction, recoverNodeAction, removeObject, select } from '../../store';
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
        {live.kind === 'Pod' &&
          (['readiness', 'liveness', 'crash'] as const).map((mode) => (
            <button
              key={mode}
              type="button"
              className="rounded bg-slate-700 px-2 py-0.5 hover:bg-slate-600"
              title={`Make this pod's application ${mode === 'crash' ? 'crash' : `fail its ${mode} probe`}`}
              onClick={() => breakPodAction(live.metadata.namespace ?? 'default', live.metadata.name, mode)}
            >
              {mode === 'crash' ? 'Crash' : `Break ${mode}`}
            </button>
          ))}
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
