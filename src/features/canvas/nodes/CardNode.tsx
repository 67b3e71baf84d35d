import { memo, useMemo } from 'react';
import { Handle, Position, type Node as FlowNode, type NodeProps } from '@xyflow/react';
import type { KubeObject } from '../../../engine';
import { useObject } from '../../../store';
import type { CardData } from '../layout';
import { CONNECTABLE_WORKLOADS as ACCEPTS_SERVICE } from '../links';
import { labelIdOf } from './a11y';
import { KIND_ICON } from './cardSummary';
import { cardText } from './cardText';

type CardNodeProps = NodeProps<FlowNode<CardData, 'card'>>;

/**
 * Kinds whose detail is an image (or a rollout's ReplicaSets, newest last): too long for the card, it is
 * cut at its start (`…microservices-demo/emailservice:v0.10.1`), so the name and tag stay in sight.
 */
const TAIL_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job']);
const DETAIL = 'truncate text-slate-400';
const DETAIL_TAIL = 'kc-tail truncate text-slate-400';

/** A controller, Service, Ingress, claim or ConfigMap: kind, name, and a kubectl-like status line. */
export const CardNode = memo(function CardNode({ id, data, selected }: CardNodeProps) {
  const obj = useObject<KubeObject>(id);
  // Worked out once per object (a changed object is a new one), not again when only the selection moves.
  const text = useMemo(() => (obj ? cardText(obj) : null), [obj]);
  if (!obj || !text) return null;
  const icon = KIND_ICON[data.kind] ?? { text: data.kind.toLowerCase(), color: '#64748b' };
  const { status, detail } = text;
  const ns = obj.metadata.namespace ?? 'default';
  return (
    <div
      id={labelIdOf(id)}
      data-kind={obj.kind}
      data-name={obj.metadata.name}
      data-namespace={ns}
      aria-label={text.label}
      className={`kc-card ${selected ? 'kc-selected' : ''} ${obj.metadata.deletionTimestamp ? 'opacity-50' : ''}`}
    >
      <Handle type="source" id="out" position={Position.Right} isConnectable={false} />
      <Handle type="source" id="left" position={Position.Left} isConnectable={false} />
      <Handle type="target" id="right" position={Position.Right} isConnectable={false} />
      <Handle type="target" id="top" position={Position.Top} isConnectable={false} />
      <Handle type="source" id="bottom" position={Position.Bottom} isConnectable={false} />
      {/* Drag from a Service to a workload (or from an Ingress to a Service) to connect them. */}
      {(data.kind === 'Service' || data.kind === 'Ingress') && (
        <Handle
          type="source"
          id="link"
          position={Position.Left}
          className="kc-link-handle"
          title={
            data.kind === 'Service'
              ? 'Drag to a workload to route to its pods'
              : 'Drag to a Service to route to it'
          }
        />
      )}
      {(ACCEPTS_SERVICE.has(data.kind) || data.kind === 'Service') && (
        <Handle
          type="target"
          id="accept"
          position={Position.Right}
          className="kc-accept-handle"
          isConnectableStart={false}
        />
      )}
      <div className="flex items-center gap-2">
        <span className="kc-kind-icon" style={{ backgroundColor: icon.color }}>
          {icon.text}
        </span>
        <span className="truncate text-[13px] font-semibold text-slate-100" title={obj.metadata.name}>
          {obj.metadata.name}
        </span>
        {ns !== 'default' && <span className="kc-badge ml-auto">{ns}</span>}
      </div>
      <div className="mt-1.5 flex items-baseline gap-2 text-[11px]">
        <span className="shrink-0 font-medium whitespace-nowrap text-slate-300">{status}</span>
        {TAIL_KINDS.has(obj.kind) ? (
          <span className={DETAIL_TAIL}>
            <bdi>{detail}</bdi>
          </span>
        ) : (
          <span className={DETAIL}>{detail}</span>
        )}
      </div>
      {text.more && (
        <div className="truncate text-[11px] leading-4 text-slate-400" title={text.more}>
          {text.more}
        </div>
      )}
    </div>
  );
});
