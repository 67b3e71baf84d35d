/**
 * The scheduler's explanation of a pod, as a table: for each node its filter verdict in the scheduler's
 * words, then each score plugin's normalized score and the weighted total; the chosen node highlighted.
 * A pending pod's FailedScheduling message comes first.
 */
import type { PodExplanation } from '../../engine';
import { explainRows, scorePlugins } from './explainLive';

export interface ExplainTableProps {
  explanation: PodExplanation;
  /** The node the pod is bound to, if any. */
  boundNode: string | undefined;
}

export function ExplainTable({ explanation, boundNode }: ExplainTableProps) {
  const plugins = scorePlugins(explanation);
  const rows = explainRows(explanation, boundNode);
  return (
    <div className="flex flex-col gap-2 text-xs">
      {boundNode ? (
        <p className="text-slate-300">
          Bound to <strong className="font-mono">{boundNode}</strong>. The table shows how the scheduler would
          judge each node for this pod now.
          {explanation.selected && explanation.selected !== boundNode
            ? ` It would now pick ${explanation.selected}.`
            : ''}
        </p>
      ) : explanation.message ? (
        <p role="status" className="rounded p-1.5 font-mono bg-amber-950 text-amber-200">
          FailedScheduling: {explanation.message}
        </p>
      ) : (
        <p className="text-slate-300">
          The scheduler would pick <strong className="font-mono">{explanation.selected}</strong>.
        </p>
      )}
      {explanation.nominatedNodeName && (
        <p>
          Preemption would nominate {explanation.nominatedNodeName}, evicting{' '}
          {(explanation.victims ?? []).join(', ')}.
        </p>
      )}
      {explanation.note && <p className="text-slate-400">{explanation.note}</p>}
      <table className="w-full text-left" aria-label="Scheduler explanation">
        <thead className="text-slate-400">
          <tr>
            <th scope="col" className="pr-2 font-normal">
              Node
            </th>
            <th scope="col" className="pr-2 font-normal">
              Filter / scores
            </th>
            <th scope="col" className="text-right font-normal">
              Total
            </th>
          </tr>
        </thead>
        <tbody className="font-mono">
          {rows.map((r) => (
            <tr
              key={r.node}
              aria-current={r.chosen ? 'true' : undefined}
              className={`align-top ${r.chosen ? 'bg-emerald-950/60 text-emerald-100' : r.feasible ? '' : 'text-slate-400'}`}
            >
              <th scope="row" className="pr-2 text-left font-mono font-normal whitespace-nowrap">
                {r.chosen ? '✓ ' : ''}
                {r.node}
              </th>
              <td className="pr-2">
                <span className={r.feasible ? 'text-emerald-400' : 'text-red-400'}>{r.verdict}</span>
                {r.scores.length > 0 && (
                  <span className="block text-[11px] text-slate-400">
                    {plugins
                      .filter((p) => r.scores.some(([name]) => name === p))
                      .map((p) => `${p} ${r.scores.find(([name]) => name === p)?.[1] ?? ''}`)
                      .join(' · ')}
                  </span>
                )}
              </td>
              <td className={`text-right ${r.chosen ? 'font-semibold' : ''}`}>{r.total ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
