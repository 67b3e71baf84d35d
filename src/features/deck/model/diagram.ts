/**
 * The ```diagram block: boxes drawn in the slide (no canvas, no simulation), for the talk's opening where
 * there is no Kubernetes yet. YAML:
 *
 *   caption: One VM, everything installed by hand
 *   rows:
 *   - arrows: true           # draw → between the boxes of this row
 *     boxes:
 *     - Load balancer        # a box may be just its title
 *     - title: VM web-1
 *       tone: vm             # plain | vm | container | file | cloud | warn
 *       items: [app server, redis]
 *       boxes: [...]         # boxes inside this one
 *   - [Dockerfile, registry] # a row may be just its boxes
 */
import { isRecord, parseYaml } from './safeYaml';
import type { Diagram, DiagramBox, DiagramTone } from './types';

const TONES: readonly DiagramTone[] = ['plain', 'vm', 'container', 'file', 'cloud', 'warn'];
const MAX_DEPTH = 4;

/** A parsed diagram, or the reason it cannot be drawn. */
export type DiagramResult = { diagram: Diagram; error: null } | { diagram: null; error: string };

export function parseDiagram(text: string): DiagramResult {
  const parsed = parseYaml(text);
  if (!parsed.ok) return { diagram: null, error: `diagram: ${parsed.error}` };
  const v = parsed.value;
  const rows = isRecord(v) ? v['rows'] : v;
  if (!Array.isArray(rows))
    return { diagram: null, error: 'diagram: expected rows: a list of rows of boxes' };
  const caption = isRecord(v) && typeof v['caption'] === 'string' ? v['caption'] : '';
  return {
    diagram: {
      caption,
      rows: rows.map((r) => {
        const boxes = Array.isArray(r) ? r : isRecord(r) && Array.isArray(r['boxes']) ? r['boxes'] : [];
        return { arrows: isRecord(r) && r['arrows'] === true, boxes: boxes.map((b) => box(b, 0)) };
      }),
    },
    error: null,
  };
}

function box(b: unknown, depth: number): DiagramBox {
  if (!isRecord(b)) return { title: text(b), items: [], boxes: [], tone: 'plain' };
  const tone = TONES.find((t) => t === b['tone']) ?? 'plain';
  const items = Array.isArray(b['items']) ? b['items'].map(text) : [];
  const inner =
    depth < MAX_DEPTH && Array.isArray(b['boxes']) ? b['boxes'].map((c) => box(c, depth + 1)) : [];
  return { title: text(b['title']), items, boxes: inner, tone };
}

function text(v: unknown): string {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}
