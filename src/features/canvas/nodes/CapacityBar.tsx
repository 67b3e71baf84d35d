import type { CSSProperties } from 'react';

/**
 * The fill's box: as wide as the requested share, rounded on the left (and on the right once full). The
 * track draws it without clipping it (`overflow: visible`) and without a transform: a clip or a transform
 * per bar is a paint property of its own, and Chrome re-layerizes every one of them, on every node, in
 * every frame the canvas paints (three bars on each of hundreds of Nodes).
 */
function fillStyle(ratio: number): CSSProperties {
  return {
    width: `${ratio * 100}%`,
    transform: 'none',
    transition: 'width 300ms ease',
    borderRadius: ratio >= 1 ? '3px' : '3px 0 0 3px',
  };
}
const TRACK: CSSProperties = { overflow: 'visible' };

/** One capacity bar: requested against allocatable, as kube-ops-view draws them. */
export function CapacityBar({
  label,
  used,
  total,
  format,
}: {
  label: string;
  used: number;
  total: number;
  format: (n: number) => string;
}) {
  const ratio = total > 0 ? Math.min(1, used / total) : 0;
  const tone = ratio > 0.9 ? 'kc-bar-hot' : ratio > 0.7 ? 'kc-bar-warm' : '';
  return (
    <div
      className="grid grid-cols-[34px_1fr_auto] items-center gap-2 text-[10px] text-slate-400"
      title={`${label}: ${format(used)} requested of ${format(total)} allocatable`}
    >
      <span>{label}</span>
      <span className="kc-bar" style={TRACK}>
        <span className={`kc-bar-fill ${tone}`} style={fillStyle(ratio)} />
      </span>
      <span className="tabular-nums">
        {format(used)}/{format(total)}
      </span>
    </div>
  );
}
