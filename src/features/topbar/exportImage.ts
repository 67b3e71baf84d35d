/**
 * Exporting the canvas as a picture (PNG or SVG) with html-to-image, loaded on first use: the whole
 * drawing (every object React Flow has drawn, and the edges between them) framed with a margin, on the
 * theme's background, downloaded as kubecanvas-<date>.png or .svg.
 */
import { notify } from '../../store';

/** The largest side of an exported image, in pixels. */
const MAX_SIDE = 4096;
const MARGIN = 40;

export type ImageFormat = 'png' | 'svg';

/** kubecanvas-2026-11-30.png: the date in the person's time zone. */
export function imageFileName(format: ImageFormat, now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `kubecanvas-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.${format}`;
}

/** The frame of every drawn object, in flow coordinates, from the DOM and the viewport's transform. */
function drawnBounds(flowEl: Element, viewport: HTMLElement) {
  const m = new DOMMatrixReadOnly(getComputedStyle(viewport).transform);
  const zoom = m.a || 1;
  const origin = flowEl.getBoundingClientRect();
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const el of viewport.querySelectorAll('.react-flow__node')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    const left = (r.left - origin.left - m.e) / zoom;
    const top = (r.top - origin.top - m.f) / zoom;
    x0 = Math.min(x0, left);
    y0 = Math.min(y0, top);
    x1 = Math.max(x1, left + r.width / zoom);
    y1 = Math.max(y1, top + r.height / zoom);
  }
  return Number.isFinite(x0) ? { x0, y0, x1, y1 } : null;
}

function save(url: string, name: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
}

/** Draws the canvas into an image and downloads it; tells the person when there is nothing to draw. */
export async function downloadCanvasImage(format: ImageFormat): Promise<void> {
  const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
  const flowEl = viewport?.closest('.react-flow');
  const bounds = viewport && flowEl ? drawnBounds(flowEl, viewport) : null;
  if (!viewport || !bounds) {
    notify('error', 'Nothing to export', ['The canvas is empty.']);
    return;
  }
  const w = bounds.x1 - bounds.x0 + 2 * MARGIN;
  const h = bounds.y1 - bounds.y0 + 2 * MARGIN;
  const scale = Math.min(1, MAX_SIDE / Math.max(w, h));
  const width = Math.round(w * scale);
  const height = Math.round(h * scale);
  const style = {
    width: `${width}px`,
    height: `${height}px`,
    transform: `translate(${(MARGIN - bounds.x0) * scale}px, ${(MARGIN - bounds.y0) * scale}px) scale(${scale})`,
  };
  const backgroundColor = getComputedStyle(document.body).backgroundColor;
  const { toPng, toSvg } = await import('html-to-image');
  const options = { width, height, style, backgroundColor, pixelRatio: 1, skipFonts: true };
  try {
    const url = format === 'png' ? await toPng(viewport, options) : await toSvg(viewport, options);
    save(url, imageFileName(format));
  } catch (e) {
    notify('error', `Could not export the canvas as ${format.toUpperCase()}`, [
      e instanceof Error ? e.message : String(e),
    ]);
  }
}
