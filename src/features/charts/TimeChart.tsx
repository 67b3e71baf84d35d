/**
 * A time-series chart drawn by uPlot (canvas: real axes with simulated-time labels, a hover cursor, many
 * points cheaply), with its legend in React: each series' colour, name and value, at the hovered second
 * or the latest one. Colours come from CSS variables (`--kc-chart-1`...; a theme may set them) resolved
 * when the chart draws, and axes and labels use the text colour (currentColor), so the chart follows a
 * light or dark theme; a theme switch (class, style or data attribute on <html>, or the OS preference)
 * redraws it. The canvas is one role="img" with a text alternative that names the latest values.
 */
import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { axisIncrements, clockLabel, niceMax, shortNumber } from './format';

export interface ChartSeries {
  label: string;
  /** One value per x; null leaves a gap. */
  values: ReadonlyArray<number | null>;
  /** A CSS custom property (`--kc-chart-1`) and the colour used when the theme does not set it. */
  color: { variable: string; fallback: string };
  dash?: number[];
  /** Fill the area under the line (faintly). */
  fill?: boolean;
}

export interface Marker {
  x: number;
  label: string;
}

export interface TimeChartProps {
  /** Short name shown above the chart and first in its text alternative, e.g. `Success`. */
  title: string;
  unit: string;
  /** Simulated seconds of each point. */
  x: readonly number[];
  series: ChartSeries[];
  /** A fixed top of the y axis (100 for percentages); otherwise a nice bound above the data. */
  yMax?: number;
  /** Smallest top of the y axis when it follows the data. */
  yMinTop?: number;
  height?: number;
  markers?: Marker[];
  /** Formats the time axis and the hovered time (default m:ss of simulated time). */
  formatTime?: (seconds: number) => string;
}

/** Series colours that read on dark and light panels alike (Tailwind 500s). */
export const CHART_COLORS = {
  blue: { variable: '--kc-chart-1', fallback: '#0ea5e9' },
  green: { variable: '--kc-chart-2', fallback: '#10b981' },
  amber: { variable: '--kc-chart-3', fallback: '#f59e0b' },
  red: { variable: '--kc-chart-4', fallback: '#f43f5e' },
  violet: { variable: '--kc-chart-5', fallback: '#8b5cf6' },
  slate: { variable: '--kc-chart-6', fallback: '#64748b' },
} as const;

/** Further colours for one line per node. */
export const NODE_COLORS = [
  CHART_COLORS.blue,
  CHART_COLORS.green,
  CHART_COLORS.amber,
  CHART_COLORS.violet,
  CHART_COLORS.red,
  { variable: '--kc-chart-7', fallback: '#14b8a6' },
  { variable: '--kc-chart-8', fallback: '#ec4899' },
  CHART_COLORS.slate,
];

function resolve(el: Element, c: { variable: string; fallback: string }): string {
  return getComputedStyle(el).getPropertyValue(c.variable).trim() || c.fallback;
}

function textColor(el: Element): string {
  return getComputedStyle(el).color || '#94a3b8';
}

/** Redraws every chart when the theme may have changed. */
const themeListeners = new Set<() => void>();
let themeWatch: MutationObserver | undefined;
function onThemeChange(l: () => void): () => void {
  if (!themeWatch && typeof MutationObserver !== 'undefined') {
    themeWatch = new MutationObserver(() => themeListeners.forEach((f) => f()));
    themeWatch.observe(document.documentElement, { attributes: true });
    themeWatch.observe(document.body, {
      attributes: true,
      attributeFilter: ['class', 'style', 'data-theme'],
    });
    window
      .matchMedia?.('(prefers-color-scheme: light)')
      .addEventListener('change', () => themeListeners.forEach((f) => f()));
  }
  themeListeners.add(l);
  return () => themeListeners.delete(l);
}

const defaultTime = (s: number): string => clockLabel(s);

export function TimeChart({
  title,
  unit,
  x,
  series,
  yMax,
  yMinTop = 1,
  height = 96,
  markers = [],
  formatTime = defaultTime,
}: TimeChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  // Hidden charts (another dock tab is open) keep their latest data and draw it when shown.
  const data = useRef<uPlot.AlignedData>([[]]);
  const stale = useRef(false);
  const [hover, setHover] = useState<number | null>(null);
  // What the draw callbacks read: the latest props without recreating the chart.
  const live = useRef({ series, markers, yMax, yMinTop, formatTime, unit });
  live.current = { series, markers, yMax, yMinTop, formatTime, unit };
  const shape = series.map((s) => `${s.label}|${s.color.variable}|${s.dash?.join(',') ?? ''}`).join(';');

  useEffect(() => {
    const el = host.current;
    if (!el) return undefined;
    let colors: string[] = [];
    let ink = '#94a3b8';
    const refresh = (): void => {
      colors = live.current.series.map((s) => resolve(el, s.color));
      ink = textColor(el);
    };
    refresh();
    const opts: uPlot.Options = {
      width: Math.max(120, el.clientWidth),
      height,
      legend: { show: false },
      padding: [6, 16, 0, 0],
      cursor: { y: false, points: { size: 6 }, drag: { x: false, y: false } },
      scales: {
        x: { time: false },
        y: {
          range: (_u, _min, max) => {
            const { yMax: fixed, yMinTop: floor } = live.current;
            return [0, fixed ?? niceMax(Math.max(floor, max))];
          },
        },
      },
      axes: [
        {
          stroke: () => ink,
          grid: { stroke: 'rgba(148, 163, 184, 0.15)', width: 1 },
          ticks: { stroke: 'rgba(148, 163, 184, 0.3)', width: 1, size: 4 },
          incrs: axisIncrements,
          space: 56,
          size: 22,
          font: '10px system-ui, sans-serif',
          values: (_u, splits) => splits.map((s) => live.current.formatTime(s)),
        },
        {
          stroke: () => ink,
          grid: { stroke: 'rgba(148, 163, 184, 0.15)', width: 1 },
          ticks: { show: false },
          space: 24,
          size: 38,
          font: '10px system-ui, sans-serif',
          values: (_u, splits) =>
            splits.map((s) => `${shortNumber(s)}${live.current.unit.trim() === '%' ? '%' : ''}`),
        },
      ],
      series: [
        {},
        ...series.map((s, i) => ({
          label: s.label,
          stroke: () => colors[i] ?? s.color.fallback,
          width: 1.5,
          ...(s.dash ? { dash: s.dash } : {}),
          ...(s.fill ? { fill: () => withAlpha(colors[i] ?? s.color.fallback, 0.12) } : {}),
          points: { show: false },
          spanGaps: false,
        })),
      ],
      hooks: {
        drawClear: [refresh],
        setCursor: [(u) => setHover(u.cursor.idx ?? null)],
        draw: [
          (u) => {
            const ctx = u.ctx;
            for (const m of live.current.markers) {
              const px = Math.round(u.valToPos(m.x, 'x', true));
              if (px < u.bbox.left || px > u.bbox.left + u.bbox.width) continue;
              ctx.save();
              ctx.strokeStyle = ink;
              ctx.globalAlpha = 0.6;
              ctx.setLineDash([3, 3]);
              ctx.beginPath();
              ctx.moveTo(px, u.bbox.top);
              ctx.lineTo(px, u.bbox.top + u.bbox.height);
              ctx.stroke();
              ctx.globalAlpha = 0.9;
              ctx.fillStyle = ink;
              ctx.font = `${Math.round(10 * devicePixelRatio)}px system-ui, sans-serif`;
              ctx.fillText(m.label, px + 4 * devicePixelRatio, u.bbox.top + 11 * devicePixelRatio);
              ctx.restore();
            }
          },
        ],
      },
    };
    const u = new uPlot(opts, [[], ...series.map(() => [])] as uPlot.AlignedData, el);
    plot.current = u;
    const resize = new ResizeObserver(() => {
      const w = el.clientWidth;
      if (w > 0 && w !== u.width) u.setSize({ width: w, height });
      // Shown again (the dock tab reopened): draw the data that came while it was hidden.
      if (w > 0 && stale.current) {
        stale.current = false;
        u.setData(data.current);
      }
    });
    resize.observe(el);
    const stop = onThemeChange(() => u.redraw(false));
    return () => {
      stop();
      resize.disconnect();
      u.destroy();
      plot.current = null;
    };
    // Recreated only when the series' identity (names, colours) or the height changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shape, height]);

  useEffect(() => {
    data.current = [
      x as number[],
      ...series.map((s) => s.values as Array<number | null>),
    ] as uPlot.AlignedData;
    const u = plot.current;
    if (!u) return;
    if ((host.current?.clientWidth ?? 0) === 0) {
      stale.current = true;
      return;
    }
    u.setData(data.current);
  }, [x, series, yMax]);

  const at = hover ?? x.length - 1;
  const time = x[at];
  const latest = series.map((s) => s.values[s.values.length - 1]);
  const top = yMax ?? niceMax(Math.max(yMinTop, ...series.flatMap((s) => s.values.map((v) => v ?? 0))));
  const alt =
    `${title}: ` +
    (x.length === 0
      ? 'no data'
      : series
          .map((s, i) => {
            const v = latest[i];
            const text = v === null || v === undefined ? '–' : `${shortNumber(v)}${unit}`;
            return i === 0 ? `${text} now` : `${s.label} ${text}`;
          })
          .join(', ')) +
    `, axis up to ${shortNumber(top)}${unit}`;
  return (
    <figure className="flex min-w-0 flex-1 flex-col gap-0.5">
      <figcaption className="flex flex-wrap items-baseline gap-x-2 text-[11px]">
        <span className="font-semibold">{title}</span>
        {series.map((s, i) => {
          const v = s.values[at];
          return (
            <span key={s.label} className="flex items-center gap-1 opacity-90">
              <span
                aria-hidden="true"
                className="inline-block h-0.5 w-3"
                style={{ background: `var(${s.color.variable}, ${s.color.fallback})` }}
              />
              {s.label}
              <span className="font-mono">
                {v === null || v === undefined ? '–' : `${shortNumber(v)}${unit}`}
              </span>
              {i === series.length - 1 && time !== undefined && (
                <span className="font-mono opacity-75">
                  {hover === null ? 'now' : `at ${formatTime(time)}`}
                </span>
              )}
            </span>
          );
        })}
      </figcaption>
      <div ref={host} role="img" aria-label={alt} className="min-w-0" style={{ height }} />
    </figure>
  );
}

function withAlpha(color: string, alpha: number): string {
  const hex = /^#([0-9a-f]{6})$/i.exec(color.trim());
  if (!hex) return color;
  const n = parseInt(hex[1] as string, 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}
