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
      <span className="kc-bar">
        <span className={`kc-bar-fill ${tone}`} style={{ transform: `scaleX(${ratio})` }} />
      </span>
      <span className="tabular-nums">
        {format(used)}/{format(total)}
      </span>
    </div>
  );
}
