/**
 * A small Markdown reader for slides: a safe subset parsed to a tree, never to HTML. Headings, paragraphs,
 * bullet and numbered lists (nested by indentation), block quotes, fenced code, emphasis, inline code,
 * links and images. Raw HTML is not a construct here: it stays text, shown as written. Link and image
 * addresses are filtered by safeHref/safeImageSrc, so a `javascript:` link cannot exist in the tree.
 */
import { nextFence } from '../model';

export type Inline =
  | { t: 'text'; text: string }
  | { t: 'strong' | 'em' | 'del'; children: Inline[] }
  | { t: 'code'; text: string }
  | { t: 'link'; href: string; children: Inline[] }
  | { t: 'image'; src: string; alt: string }
  | { t: 'br' };

export type Block =
  | { t: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; children: Inline[] }
  | { t: 'paragraph'; children: Inline[] }
  | { t: 'list'; ordered: boolean; start: number; items: Block[][] }
  | { t: 'quote'; children: Block[] }
  | { t: 'code'; lang: string; text: string }
  | { t: 'rule' };

const MAX_DEPTH = 8;
/**
 * Longest run of text read for inline marks. Emphasis matching is quadratic in the worst case (thousands
 * of unmatched `*`), so a longer paragraph is shown as plain text rather than freezing the page.
 */
const MAX_INLINE_CHARS = 10_000;

/** Parses Markdown text into blocks. */
export function parseMarkdown(text: string, depth = 0): Block[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (line.trim() === '') {
      i++;
      continue;
    }
    const fence = nextFence(line, null);
    const heading = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (fence !== null) {
      const lang =
        line
          .trim()
          .replace(/^[`~]+/, '')
          .trim()
          .split(/\s+/)[0] ?? '';
      const body: string[] = [];
      let open: string | null = fence;
      for (i++; i < lines.length; i++) {
        open = nextFence(lines[i] ?? '', open);
        if (open === null) break;
        body.push(lines[i] ?? '');
      }
      i++;
      blocks.push({ t: 'code', lang, text: body.join('\n') });
    } else if (heading?.[1]) {
      const level = heading[1].length as 1 | 2 | 3 | 4 | 5 | 6;
      blocks.push({ t: 'heading', level, children: parseInline(heading[2] ?? '') });
      i++;
    } else if (/^\s{0,3}([*_])(\s*\1){2,}\s*$/.test(line)) {
      blocks.push({ t: 'rule' });
      i++;
    } else if (/^\s{0,3}>/.test(line) && depth < MAX_DEPTH) {
      const quoted: string[] = [];
      for (; i < lines.length && /^\s{0,3}>/.test(lines[i] ?? ''); i++)
        quoted.push((lines[i] ?? '').replace(/^\s{0,3}>\s?/, ''));
      blocks.push({ t: 'quote', children: parseMarkdown(quoted.join('\n'), depth + 1) });
    } else if (listMarker(line) && depth < MAX_DEPTH) {
      i = readList(lines, i, blocks, depth);
    } else {
      const para: string[] = [];
      for (; i < lines.length; i++) {
        const l = lines[i] ?? '';
        if (l.trim() === '' || (para.length && startsBlock(l))) break;
        para.push(l);
      }
      blocks.push({ t: 'paragraph', children: parseInline(para.join('\n')) });
    }
  }
  return blocks;
}

function startsBlock(l: string): boolean {
  return nextFence(l, null) !== null || /^\s{0,3}(#{1,6}\s|>)/.test(l) || listMarker(l) !== null;
}

interface Marker {
  indent: number;
  ordered: boolean;
  start: number;
  width: number;
}

function listMarker(line: string): Marker | null {
  const m = /^(\s*)([-*+]|(\d{1,9})[.)])(\s+|$)/.exec(line);
  if (!m) return null;
  const indent = (m[1] ?? '').length;
  return { indent, ordered: m[3] !== undefined, start: Number(m[3] ?? 1), width: m[0].length };
}

/** Reads a list starting at line i; returns the index after it. */
function readList(lines: string[], i: number, out: Block[], depth: number): number {
  const first = listMarker(lines[i] ?? '') as Marker;
  const items: string[][] = [];
  while (i < lines.length) {
    const line = lines[i] ?? '';
    const m = listMarker(line);
    if (m && m.indent <= first.indent + 1 && m.ordered === first.ordered) {
      items.push([line.slice(m.width)]);
      i++;
      continue;
    }
    const indent = /^\s*/.exec(line)?.[0].length ?? 0;
    const blank = line.trim() === '';
    const next = lines[i + 1] ?? '';
    const continues = indent > first.indent || (!blank && !startsBlock(line));
    if (blank && (/^\s*/.exec(next)?.[0].length ?? 0) > first.indent && next.trim() !== '') {
      items[items.length - 1]?.push('');
      i++;
      continue;
    }
    if (blank || !continues) break;
    items[items.length - 1]?.push(line.slice(Math.min(indent, first.width + first.indent)));
    i++;
  }
  out.push({
    t: 'list',
    ordered: first.ordered,
    start: first.start,
    items: items.map((lines2) => parseMarkdown(lines2.join('\n'), depth + 1)),
  });
  return i;
}

/** Only http(s) links (and in-page anchors); anything else (javascript:, data:, vbscript:) is dropped. */
export function safeHref(url: string): string | null {
  const u = url.trim();
  if (/^#[\w-]*$/.test(u)) return u;
  return /^https?:\/\/[^\s]+$/i.test(u) ? u : null;
}

/** Only https images and raster data: images (no SVG, which can carry script in some contexts). */
export function safeImageSrc(url: string): string | null {
  const u = url.trim();
  if (/^https:\/\/[^\s]+$/i.test(u)) return u;
  return /^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]+$/.test(u) ? u : null;
}

const INLINE =
  /(`+)([\s\S]*?[^`])\1(?!`)|!\[([^\]]*)\]\(([^)\s]*)\)|\[([^\]]+)\]\(([^)\s]*)\)|(\*\*|__)(?=\S)([\s\S]*?\S)\7|(\*|_)(?=\S)([\s\S]*?\S)\9|~~(?=\S)([\s\S]*?\S)~~|( {2,}|\\)\n|\\([\\`*_{}[\]()#+\-.!~>|])/;

/** Parses inline Markdown: code spans first (their content is literal), then images, links, emphasis. */
export function parseInline(text: string, depth = 0): Inline[] {
  if (text.length > MAX_INLINE_CHARS) return [{ t: 'text', text }];
  const out: Inline[] = [];
  let rest = text;
  const push = (s: string) => {
    if (!s) return;
    const last = out[out.length - 1];
    if (last?.t === 'text') last.text += s;
    else out.push({ t: 'text', text: s });
  };
  const inner = (s: string) =>
    depth < MAX_DEPTH ? parseInline(s, depth + 1) : [{ t: 'text' as const, text: s }];
  for (let m = INLINE.exec(rest); m; m = INLINE.exec(rest)) {
    push(rest.slice(0, m.index));
    rest = rest.slice(m.index + m[0].length);
    if (m[1] !== undefined) out.push({ t: 'code', text: (m[2] ?? '').replace(/^ (.*) $/, '$1') });
    else if (m[4] !== undefined) {
      const src = safeImageSrc(m[4]);
      if (src) out.push({ t: 'image', src, alt: m[3] ?? '' });
      else push(m[3] ?? '');
    } else if (m[5] !== undefined) {
      const href = safeHref(m[6] ?? '');
      if (href) out.push({ t: 'link', href, children: inner(m[5]) });
      else out.push(...inner(m[5]));
    } else if (m[8] !== undefined) out.push({ t: 'strong', children: inner(m[8]) });
    else if (m[10] !== undefined) out.push({ t: 'em', children: inner(m[10]) });
    else if (m[11] !== undefined) out.push({ t: 'del', children: inner(m[11]) });
    else if (m[12] !== undefined) out.push({ t: 'br' });
    else push(m[13] ?? '');
  }
  push(rest);
  return out;
}
