/**
 * The charts' numbers and axes: nice axis bounds, short figures, simulated-time labels and the steps
 * between time ticks. Pure functions.
 */

/** A "nice" upper bound for an axis (1, 2, 2.5 or 5 times a power of ten, at least `value`). */
export function niceMax(value: number): number {
  if (!(value > 0)) return 1;
  const pow = 10 ** Math.floor(Math.log10(value));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * pow >= value) return m * pow;
  return 10 * pow;
}

/** Formats a figure for a chart's label: `1.2k`, `35`, `0.5`. */
export function shortNumber(v: number): string {
  if (!Number.isFinite(v)) return '–';
  if (Math.abs(v) >= 1000) return `${+(v / 1000).toFixed(1)}k`;
  if (Math.abs(v) >= 10) return String(Math.round(v));
  return String(+v.toFixed(1));
}

/** Simulated seconds as a clock: `0:45`, `12:05`, `1:02:03` (negative values get a minus sign). */
export function clockLabel(seconds: number): string {
  const sign = seconds < 0 ? '-' : '';
  const total = Math.round(Math.abs(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${sign}${h}:${String(m).padStart(2, '0')}:${ss}` : `${sign}${m}:${ss}`;
}

/** Steps between time-axis ticks, in seconds: whole seconds, then minutes, then hours. */
export const axisIncrements = [
  1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14_400, 21_600, 43_200, 86_400,
];
