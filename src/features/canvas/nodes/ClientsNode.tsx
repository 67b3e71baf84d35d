import { memo, useCallback, useMemo, useSyncExternalStore } from 'react';
import { Handle, Position, type Node as FlowNode, type NodeProps } from '@xyflow/react';
import type { TrafficSource } from '../../../engine';
import { getTrafficMetrics, subscribeFrame, useObject } from '../../../store';
import type { ClientsData } from '../clients';
import { labelIdOf, objectWords } from './a11y';

type ClientsProps = NodeProps<FlowNode<ClientsData, 'clients'>>;

/** Requests per second as people say it: 50, 1.5k, 12k. */
export function formatRps(rps: number): string {
  if (rps >= 10_000) return `${Math.round(rps / 1000)}k`;
  if (rps >= 1000) return `${(rps / 1000).toFixed(1).replace(/\.0$/, '')}k`;
  return Number.isInteger(rps) ? String(rps) : rps.toFixed(1);
}

/** The share of the source's requests that succeeded in the latest traffic bucket (percent), or -1. */
function useSuccessPercent(key: string): number {
  const read = useCallback(() => {
    const last = getTrafficMetrics().last(key);
    return last && last.rps > 0 ? Math.floor(last.successRate * 100) : -1;
  }, [key]);
  return useSyncExternalStore(subscribeFrame, read);
}

const kindWord = (key: string): string => (key.startsWith('Ingress/') ? 'ing' : 'svc');

/**
 * A TrafficSource drawn as the people using the app: clients on the internet, the requests per second
 * they send, the target, and how many of their requests succeed. Its edge carries the moving dots.
 */
export const ClientsNode = memo(function ClientsNode({ id, data, selected }: ClientsProps) {
  const src = useObject<TrafficSource>(id);
  const ok = useSuccessPercent(id);
  const rps = src?.spec?.rps ?? 0;
  const spoken = useMemo(
    () =>
      `Clients: ${rps} requests per second to ${objectWords(data.target)}${ok >= 0 ? `, ${ok}% succeed` : ''}`,
    [rps, data.target, ok],
  );
  const badge = useMemo(
    () => `${kindWord(data.target)} ${data.target.split('/').pop() ?? ''}`,
    [data.target],
  );
  if (!src) return null;
  const tone = ok < 0 ? '' : ok >= 99 ? 'kc-clients-ok' : ok >= 90 ? 'kc-clients-warn' : 'kc-clients-bad';
  return (
    <div
      data-kind="TrafficSource"
      data-name={src.metadata.name}
      data-namespace={src.metadata.namespace ?? 'default'}
      data-rps={rps}
      id={labelIdOf(id)}
      aria-label={spoken}
      title="Clients on the internet. Right-click to change the requests per second or stop them."
      className={`kc-card kc-clients ${selected ? 'kc-selected' : ''}`}
    >
      <Handle type="source" id="out" position={Position.Left} isConnectable={false} />
      <div className="flex items-center gap-2">
        <svg className="kc-clients-icon" viewBox="0 0 24 24" aria-hidden="true">
          <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" strokeWidth="1.8" />
          <path
            d="M3 12h18M12 3c2.8 3 2.8 15 0 18M12 3c-2.8 3-2.8 15 0 18"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.6"
          />
        </svg>
        <span className="shrink-0 font-semibold text-slate-100">Clients</span>
        <span className="kc-badge ml-auto min-w-0 truncate" title={badge}>
          {badge}
        </span>
      </div>
      <div className="mt-1.5 flex items-baseline gap-2">
        <span className="kc-clients-rps tabular-nums">{formatRps(rps)}</span>
        <span className="text-[11px] text-slate-400">req/s</span>
        {ok >= 0 && <span className={`kc-clients-rate ml-auto tabular-nums ${tone}`}>{ok}% OK</span>}
      </div>
    </div>
  );
});
