import { memo, useMemo, type CSSProperties } from 'react';
import type { Node as FlowNode, NodeProps } from '@xyflow/react';
import { formatBytes, milliValue, value, type KubeObject, type Node, type Pod } from '../../../engine';
import { useObject, useObjectsText } from '../../../store';
import { countCells, podCells, type PodCounts, type VmData } from '../layout';
import { machineDown } from '../nodeFault';
import { labelIdOf } from './a11y';
import { CapacityBar } from './CapacityBar';
import { NodeFaultBadge } from './NodeFaultBadge';

type VmNodeProps = NodeProps<FlowNode<VmData, 'vm'>>;

const ZONE = 'topology.kubernetes.io/zone';
const HIDDEN_LABELS = new Set(['kubernetes.io/hostname', 'kubernetes.io/os', 'kubernetes.io/arch', ZONE]);

function conditionOf(node: Node): { ready: boolean; label: string; detail: string } {
  const c = node.status?.conditions?.find((x) => x.type === 'Ready');
  const ready = c?.status === 'True';
  return { ready, label: ready ? 'Ready' : 'NotReady', detail: c?.message ?? c?.reason ?? '' };
}

const CELL = 6;
const CELL_GAP = 2;
const CELL_COLOURS: Record<string, string> = { r: '#10b981', n: '#326ce5', t: '#64748b' };

/**
 * Every pod of the node as one coloured cell, in one SVG element with one path per colour (a canvas per
 * node would be a layer of its own to composite on every pan frame; a path is painted with the node).
 */
function PodCells({ cells }: { cells: string }) {
  const width = 224;
  const perRow = Math.floor((width + CELL_GAP) / (CELL + CELL_GAP));
  const rows = Math.max(1, Math.ceil(cells.length / perRow));
  const height = rows * (CELL + CELL_GAP) - CELL_GAP;
  const paths = useMemo(() => {
    const d: Record<string, string> = { r: '', n: '', t: '' };
    for (let i = 0; i < cells.length; i++) {
      const x = (i % perRow) * (CELL + CELL_GAP);
      const y = Math.floor(i / perRow) * (CELL + CELL_GAP);
      d[cells[i] ?? 'n'] += `M${x} ${y}h${CELL}v${CELL}h-${CELL}z`;
    }
    return d;
  }, [cells, perRow]);
  return (
    <svg width={width} height={height} className="kc-pod-cells" aria-hidden="true">
      {Object.entries(paths).map(([k, d]) => (d ? <path key={k} d={d} fill={CELL_COLOURS[k]} /> : null))}
    </svg>
  );
}

/**
 * The bar split by readiness as one element's background (ready, not ready, terminating, left to right):
 * coloured parts in a rounded track would need the track to clip them, and a clip is a paint property
 * Chrome re-layerizes on every Node in every frame the canvas paints.
 */
function summaryStyle(counts: PodCounts, total: number): CSSProperties {
  if (total === 0) return { overflow: 'visible' };
  const a = (100 * counts.ready) / total;
  const b = (100 * (counts.ready + counts.notReady)) / total;
  return {
    overflow: 'visible',
    backgroundImage: `linear-gradient(90deg, var(--color-emerald-500, oklch(69.6% 0.17 162.48)) 0 ${a}%, #326ce5 ${a}% ${b}%, var(--color-slate-500) ${b}% 100%)`,
  };
}

const readCells = (pods: ReadonlyArray<KubeObject | undefined>): string =>
  podCells(pods as ReadonlyArray<(Pod & KubeObject) | undefined>);

/**
 * Low detail: the node's pods as one bar split by readiness, their cells, and the count. It reads the
 * pods itself: a pod turning ready repaints this card, not a new layout of the cluster.
 */
function PodSummary({ pods }: { pods: readonly string[] }) {
  const counts = countCells(useObjectsText(pods, readCells));
  const total = pods.length;
  return (
    <div className="kc-pods-summary mt-3" role="img" aria-label={`${total} pods, ${counts.ready} ready`}>
      <div className="kc-summary" style={summaryStyle(counts, total)} />
      {total > 0 && <PodCells cells={counts.cells} />}
      <div className="mt-1 text-[22px] font-semibold text-slate-300 tabular-nums">
        {counts.ready}/{total} <span className="text-[14px] font-normal text-slate-400">pods ready</span>
      </div>
    </div>
  );
}

/** A Node's name: "Node node-1, Ready, zone-a, 4 pods" (cordoned, its VM down, when so). */
function vmLabel(node: Node & KubeObject, pods: number): string {
  const zone = node.metadata.labels?.[ZONE];
  return [
    `Node ${node.metadata.name}`,
    conditionOf(node).label,
    ...(node.spec?.unschedulable === true ? ['cordoned'] : []),
    ...(machineDown(node) ? ['VM down'] : []),
    ...(zone ? [zone] : []),
    `${pods} pod${pods === 1 ? '' : 's'}`,
  ].join(', ');
}

/** A Node (a VM) drawn as a container: status, zone and labels, taints, capacity bars, then its pods. */
export const VmNode = memo(function VmNode({ id, data, selected }: VmNodeProps) {
  const node = useObject<Node & KubeObject>(id);
  const pods = data.requested.pods;
  // The spoken name, once per Node object and pod count.
  const spoken = useMemo(() => (node ? vmLabel(node, pods) : ''), [node, pods]);
  if (!node) return null;
  const name = node.metadata.name;
  const { ready, label, detail } = conditionOf(node);
  const cordoned = node.spec?.unschedulable === true;
  const alloc = node.status?.allocatable ?? node.status?.capacity ?? {};
  const labels = node.metadata.labels ?? {};
  const zone = labels[ZONE];
  const extra = Object.entries(labels).filter(([k]) => !HIDDEN_LABELS.has(k));
  const taints = node.spec?.taints ?? [];
  const off = machineDown(node);
  return (
    <div
      data-kind="Node"
      data-name={name}
      data-namespace=""
      data-ready={String(ready)}
      data-cordoned={String(cordoned)}
      data-machine={off ? 'off' : 'on'}
      id={labelIdOf(id)}
      aria-label={spoken}
      className={`kc-vm ${ready ? '' : 'kc-vm-down'} ${off ? 'kc-vm-off' : ''} ${selected ? 'kc-selected' : ''}`}
    >
      {off && <NodeFaultBadge node={node} />}
      <header className="flex items-center gap-2">
        <span className="kc-kind-icon bg-[#326ce5]">node</span>
        <span className="truncate font-semibold text-slate-100">{name}</span>
        <span className={`kc-pill ml-auto shrink-0 ${ready ? 'kc-pill-ok' : 'kc-pill-bad'}`} title={detail}>
          {label}
        </span>
      </header>
      <div className="mt-1.5 flex h-[18px] flex-wrap gap-1 overflow-hidden">
        {/* Taints first (a failed node's unreachable taints must be seen), one badge per key. */}
        {taintBadges(taints).map((t) => (
          <span key={t.key} className="kc-badge kc-badge-taint" title={t.title}>
            {t.text}
          </span>
        ))}
        {cordoned && <span className="kc-badge kc-badge-warn">SchedulingDisabled</span>}
        {zone && <span className="kc-badge">{zone}</span>}
        {extra.slice(0, 2).map(([k, v]) => (
          <span key={k} className="kc-badge" title={`${k}=${v}`}>
            {k.split('/').pop()}={v}
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
      {data.pods && <PodSummary pods={data.pods} />}
      <div className="kc-vm-tiny" aria-hidden="true">
        {name}
      </div>
    </div>
  );
});

type Taint = { key: string; value?: string; effect: string };

/**
 * The node's taints as short badges: one per key (`unreachable: NoSchedule·NoExecute`), the key without
 * its domain, the full taints in the tooltip.
 */
function taintBadges(taints: readonly Taint[]): Array<{ key: string; text: string; title: string }> {
  const byKey = new Map<string, Taint[]>();
  for (const t of taints) byKey.set(t.key, [...(byKey.get(t.key) ?? []), t]);
  return [...byKey].map(([key, ts]) => ({
    key,
    text: `${key.split('/').pop()}${ts[0]?.value ? `=${ts[0].value}` : ''}: ${ts.map((t) => t.effect).join('·')}`,
    title: ts.map((t) => `taint ${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`).join('\n'),
  }));
}
