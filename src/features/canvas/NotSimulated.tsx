/**
 * The objects of the design whose kind the simulation does not act on (ServiceAccounts, RBAC, CRDs,
 * webhooks...): they are kept and exported untouched, and listed here so that nothing a person imported
 * is invisible. Clicking one selects it (its YAML shows in the dock).
 */
import { Panel } from '@xyflow/react';
import { useMemo } from 'react';
import { isSimulatedKind, keyOf, type KubeObject } from '../../engine';
import { select, useDocument, type DocumentState } from '../../store';
import { notSimulated } from './notSimulated';

const selectObjects = (s: DocumentState) => s.objects;

/** A small list at the bottom of the canvas; nothing when every object is simulated. */
export function NotSimulatedPanel() {
  const objects = useDocument(selectObjects);
  const others = useMemo(() => notSimulated(objects as readonly KubeObject[], isSimulatedKind), [objects]);
  if (others.length === 0) return null;
  return (
    <Panel position="bottom-center">
      <section
        aria-label="Objects not simulated"
        className="max-h-48 max-w-72 overflow-auto rounded border border-slate-700 bg-slate-900/90 p-2 text-xs"
      >
        <h2 className="mb-1 font-semibold text-slate-300">Kept, not simulated ({others.length})</h2>
        <ul>
          {others.map((o) => (
            <li key={keyOf(o)}>
              <button
                type="button"
                data-kind={o.kind}
                data-name={o.metadata.name}
                data-namespace={o.metadata.namespace ?? ''}
                className="w-full truncate text-left text-slate-400 hover:text-slate-100"
                onClick={() => select(keyOf(o))}
                title={`${o.apiVersion} ${o.kind}: kept and exported as written; the simulation does not act on it`}
              >
                {o.kind}/{o.metadata.name}
              </button>
            </li>
          ))}
        </ul>
      </section>
    </Panel>
  );
}
