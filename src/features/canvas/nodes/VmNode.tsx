import { memo } from 'react';
import type { Node as FlowNode, NodeProps } from '@xyflow/react';
import { formatBytes, milliValue, value, type KubeObject, type Node, type Pod } from '../../../engine';
import { useObject } from '../../../store';
import type { VmData } from '../layout';
import { podDisplay } from '../podState';
import { CapacityBar } from './CapacityBar';

type VmNodeProps = NodeProps<FlowNode<VmData, 'vm'>>;

const ZONE = 'topology.kubernetes.io/zone';
const HIDDEN_LABELS = new Set(['kubernetes.io/hostname', 'kubernetes.io/os', 'kubernetes.io/arch', ZONE]);

function conditionOf(node: Node): { ready: boolean; label: string } {
  const c = node.status?.conditions?.find((x) => x.type === 'Ready');
  const ready = c?.status === 'True';
  return { ready, label: ready ? 'Ready' : c?.status === 'Unknown' ? 'NotReady (Unknown)' : 'NotReady' };
}

function PodDot({ podKey }: { podKey: string }) {
  const pod = useObject<Pod & KubeObject>(podKey);
  if (!pod) return null;
  return <span className="kc-dot" data-state={podDisplay(pod).state} />;
}

/** A Node (a VM) drawn as a container: status, zone and labels, taints, capacity bars, then its pods. */
export const VmNode = memo(function VmNode({ id, data, selected }: VmNodeProps) {
  const node = useObject<Node & KubeObject>(id);
  if (!node) return null;
  const name = node.metadata.name;
  const { ready, label } = conditionOf(node);
  const cordoned = node.spec?.unschedulable === true;
  const alloc = node.status?.allocatable ?? node.status?.capacity ?? {};
  const labels = node.metadata.labels ?? {};
  const zone = labels[ZONE];
  const extra = Object.entries(labels).filter(([k]) => !HIDDEN_LABELS.has(k));
  const taints = node.spec?.taints ?? [];
  return (
    <div
      data-kind="Node"
      data-name={name}
      data-namespace=""
      data-ready={String(ready)}
      data-cordoned={String(cordoned)}
      aria-label={`Node ${name}, ${label}${cordoned ? ', cordoned' : ''}`}
      className={`kc-vm ${ready ? '' : 'kc-vm-down'} ${selected ? 'kc-selected' : ''}`}
    >
      <header className="flex items-center gap-2">
        <span className="kc-kind-icon bg-[#326ce5]">node</span>
        <span className="truncate font-semibold text-slate-100">{name}</span>
        <span className={`kc-pill ml-auto ${ready ? 'kc-pill-ok' : 'kc-pill-bad'}`}>{label}</span>
      </header>
      <div className="mt-1.5 flex h-[18px] flex-wrap gap-1 overflow-hidden">
        {cordoned && <span className="kc-badge kc-badge-warn">SchedulingDisabled</span>}
        {zone && <span className="kc-badge">{zone}</span>}
        {extra.slice(0, 2).map(([k, v]) => (
          <span key={k} className="kc-badge" title={`${k}=${v}`}>
            {k.split('/').pop()}={v}
          </span>
        ))}
        {taints.map((t) => (
          <span key={`${t.key}:${t.effect}`} className="kc-badge kc-badge-taint" title="taint">
            {t.key}
            {t.value ? `=${t.value}` : ''}:{t.effect}
          </span>
        ))}
      </div>
      <div className="mt-2 grid gap-1">
        <CapacityBar
          label="CPU"
          used={data.requested.milliCpu}
          total={milliValue(alloc['cpu'])}
          format={(m) => `${(m / 1000).toFixed(m % 1000 ? 2 : 0)}`}
        />
        <CapacityBar
          label="Mem"
          used={data.requested.memoryBytes}
          total={value(alloc['memory'])}
          format={formatBytes}
        />
        <CapacityBar
          label="Pods"
          used={data.requested.pods}
          total={value(alloc['pods'] ?? '110')}
          format={String}
        />
      </div>
      {data.summary && (
        <div className="mt-2 flex flex-wrap gap-[3px]" aria-label={`${data.summary.length} pods`}>
          {data.summary.map((k) => (
            <PodDot key={k} podKey={k} />
          ))}
        </div>
      )}
    </div>
  );
});
