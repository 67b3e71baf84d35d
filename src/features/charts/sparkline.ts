/**
 * Small time-series charts drawn as SVG paths (no chart library: a few dozen points per series). Pure
 * geometry: values in, path data and axis bounds out.
 */

export interface Bounds {
  min: number;
  max: number;
}

/** A "nice" upper bound for an axis (1, 2, 2.5 or 5 times a power of ten, at least `value`). */
export function niceMax(value: number): number {
  if (!(value > 0)) return 1;
  const pow = 10 ** Math.floor(Math.log10(value));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * pow >= value) return m * pow;
  return 10 * pow;
}

/**
 * The path of a line through `values` (oldest first) over a `width` x `height` box, y growing downwards;
 * values are clamped to the bounds. Empty for no values; one value draws a flat line.
 */
export function linePath(values: readonly number[], width: number, height: number, b: Bounds): string {
  if (values.length === 0) return '';
  const span = b.max - b.min || 1;
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  const y = (v: number) => {
    const c = Math.min(b.max, Math.max(b.min, v));
    return +(height - ((c - b.min) / span) * height).toFixed(2);
  };
  if (values.length === 1) return `M0,${y(values[0] as number)}L${width},${y(values[0] as number)}`;
  return values.map((v, i) => `${i === 0 ? 'M' : 'L'}${+(i * step).toFixed(2)},${y(v)}`).join('');
}

/** The closed area under a line path (for a filled sparkline). */
export function areaPath(line: string, width: number, height: number): string {
  return line ? `${line}L${width},${height}L0,${height}Z` : '';
}

/** Formats a figure for a chart's label: `1.2k`, `35`, `0.5`. */
export function shortNumber(v: number): string {
  if (!Number.isFinite(v)) return '–';
  if (Math.abs(v) >= 1000) return `${+(v / 1000).toFixed(1)}k`;
  if (Math.abs(v) >= 10) return String(Math.round(v));
  return String(+v.toFixed(1));
}
