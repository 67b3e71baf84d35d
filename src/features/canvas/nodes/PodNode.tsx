import { memo, useMemo } from 'react';
import { Handle, Position, type Node as FlowNode, type NodeProps } from '@xyflow/react';
import type { KubeObject, Pod } from '../../../engine';
import { useObject } from '../../../store';
import type { PodData } from '../layout';
import { podDisplay, type PodDisplay } from '../podState';
import { labelIdOf, podLabel } from './a11y';

type PodNodeProps = NodeProps<FlowNode<PodData, 'pod'>>;

/** The short part of a generated pod name (its hash suffix), shown on the chip. */
export function shortPodName(name: string): string {
  const parts = name.split('-');
  if (parts.length < 2) return name;
  const last = parts[parts.length - 1] ?? name;
  return /^\d+$/.test(last) ? `${parts[parts.length - 2] ?? ''}-${last}`.slice(-9) : last.slice(0, 7);
}

/** What the chip shows and says, worked out once per pod object (a changed pod is a new object). */
function chipOf(pod: Pod & KubeObject): { d: PodDisplay; label: string; title: string } {
  const d = podDisplay(pod);
  const name = pod.metadata.name;
  return {
    d,
    label: podLabel(name, pod.metadata.namespace, pod.spec?.nodeName ?? '', d),
    title: `${name}\n${d.status}${d.restarts ? ` · ${d.restarts} restarts` : ''}`,
  };
}

/** A pod: a small chip coloured by its state, with its restart count. */
export const PodNode = memo(function PodNode({ id, selected }: PodNodeProps) {
  const pod = useObject<Pod & KubeObject>(id);
  const chip = useMemo(() => (pod ? chipOf(pod) : null), [pod]);
  if (!pod || !chip) return null;
  const { d } = chip;
  const name = pod.metadata.name;
  return (
    <div
      id={labelIdOf(id)}
      data-kind="Pod"
      data-name={name}
      data-namespace={pod.metadata.namespace ?? 'default'}
      data-node={pod.spec?.nodeName ?? ''}
      data-phase={pod.status?.phase ?? 'Pending'}
      data-ready={String(d.ready)}
      data-state={d.state}
      aria-label={chip.label}
      title={chip.title}
      className={`kc-pod ${selected ? 'kc-selected' : ''}`}
    >
      <Handle type="target" id="in" position={Position.Left} isConnectable={false} />
      <Handle type="target" id="right" position={Position.Right} isConnectable={false} />
      <Handle type="source" id="bottom" position={Position.Bottom} isConnectable={false} />
      <span className="truncate">{shortPodName(name)}</span>
      {d.restarts > 0 && <span className="kc-restarts">↻{d.restarts}</span>}
    </div>
  );
});
