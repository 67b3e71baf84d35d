import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { Markdown } from './Markdown';
import { parseInline, parseMarkdown, safeHref, safeImageSrc } from './parseMarkdown';

const html = (text: string) => renderToStaticMarkup(<Markdown text={text} />);

describe('parseMarkdown', () => {
  it('Reads headings, paragraphs, nested lists, quotes, code and rules.', () => {
    const blocks = parseMarkdown(
      '# Title\n\nsome *text*\nmore\n\n- a\n  - a1\n- b\n\n1. one\n2. two\n\n> quoted\n\n```ts\nconst x = 1;\n```\n\n***',
    );
    expect(blocks.map((b) => b.t)).toEqual(['heading', 'paragraph', 'list', 'list', 'quote', 'code', 'rule']);
    const list = blocks[2];
    expect(list?.t === 'list' && list.items.length).toBe(2);
    expect(list?.t === 'list' && list.items[0]?.map((b) => b.t)).toEqual(['paragraph', 'list']);
    expect(blocks[5]).toEqual({ t: 'code', lang: 'ts', text: 'const x = 1;' });
  });

  it('Reads inline code literally, and emphasis, strike and escapes.', () => {
    expect(parseInline('`**not bold**` **bold** _em_ ~~old~~ \\*star')).toEqual([
      { t: 'code', text: '**not bold**' },
      { t: 'text', text: ' ' },
      { t: 'strong', children: [{ t: 'text', text: 'bold' }] },
      { t: 'text', text: ' ' },
      { t: 'em', children: [{ t: 'text', text: 'em' }] },
      { t: 'text', text: ' ' },
      { t: 'del', children: [{ t: 'text', text: 'old' }] },
      { t: 'text', text: ' *star' },
    ]);
  });

  it('Renders a safe link that opens in a new tab without access to this page.', () => {
    expect(html('[docs](https://kubernetes.io/docs)')).toBe(
      '<div><p class="mb-3 leading-snug"><a href="https://kubernetes.io/docs" target="_blank" rel="noopener noreferrer" class="text-blue-700 underline">docs</a></p></div>',
    );
  });

  it('Leaves out scene blocks and draws diagram blocks.', () => {
    const out = html('```scene\nseed: 1\n```\n```diagram\n- [VM]\n```');
    expect(out).not.toContain('seed');
    expect(out).toContain('data-testid="diagram"');
    expect(out).toContain('VM');
  });
});

const HOSTILE: { name: string; text: string }[] = [
  { name: 'a script element', text: '<script>alert(1)</script>' },
  { name: 'an image with an onerror handler', text: '<img src=x onerror="alert(1)">' },
  { name: 'an iframe', text: '<iframe src="https://evil.example"></iframe>' },
  { name: 'a javascript: link', text: '[click](javascript:alert(1))' },
  { name: 'a javascript: link in mixed case with spaces', text: '[click]( JaVaScRiPt:alert(1))' },
  { name: 'a data: link', text: '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)' },
  { name: 'a vbscript: link', text: '[x](vbscript:msgbox)' },
  { name: 'an SVG data image', text: '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)' },
  { name: 'a javascript: image', text: '![x](javascript:alert(1))' },
  { name: 'an http (not https) image', text: '![x](http://tracker.example/p.png)' },
  { name: 'a link whose text is HTML', text: '[<b onmouseover=alert(1)>x</b>](https://ok.example)' },
  { name: 'an attribute breakout in a link', text: '[x](https://a.example/"onclick="alert(1))' },
  {
    name: 'HTML inside a heading and a list',
    text: '# <svg onload=alert(1)>\n- <a href="javascript:x">y</a>',
  },
  { name: 'a style element', text: '<style>body{display:none}</style>' },
  { name: 'an HTML comment trick', text: '<!--><script>alert(1)</script>-->' },
];

describe('Markdown with hostile input', () => {
  it.each(HOSTILE)('Renders $name as inert text, with no element that can run code.', ({ text }) => {
    const out = html(text);
    expect(out).not.toMatch(/<(script|iframe|style|svg|object|embed)\b/i);
    expect(out).not.toMatch(/<[^>]+\son\w+=/i);
    expect(out).not.toMatch(/(href|src)="\s*(javascript|vbscript|data:text|data:image\/svg)/i);
    expect(out).not.toMatch(/<img[^>]+src="http:/);
  });

  it('Survives deeply nested quotes and emphasis without running out of stack.', () => {
    const deep = `${'> '.repeat(5000)}x\n\n${'*'.repeat(20000)}x${'*'.repeat(20000)}`;
    expect(() => html(deep)).not.toThrow();
  });

  it.each([
    ['unmatched stars', '*a '.repeat(3300)],
    ['unmatched brackets', '[x]('.repeat(2400)],
    ['unmatched backticks', '`a '.repeat(3300)],
  ])(
    'Reads a paragraph of %s just under the inline limit in under two seconds (it takes a few hundred ms).',
    (_name, text) => {
      const started = performance.now();
      html(text);
      expect(performance.now() - started).toBeLessThan(2000);
    },
  );

  it.each([
    ['https://kubernetes.io', 'https://kubernetes.io'],
    ['http://example.com/a?b=c', 'http://example.com/a?b=c'],
    ['#slide-3', '#slide-3'],
    ['javascript:alert(1)', null],
    ['//evil.example', null],
    ['/relative', null],
    ['mailto:a@b.c', null],
  ])('safeHref(%j) is %j.', (url, expected) => {
    expect(safeHref(url)).toBe(expected);
  });

  it.each([
    ['https://example.com/a.png', 'https://example.com/a.png'],
    ['data:image/png;base64,iVBORw0KGgo=', 'data:image/png;base64,iVBORw0KGgo='],
    ['data:image/svg+xml;base64,PHN2Zz4=', null],
    ['data:image/png;base64,"><script>', null],
    ['http://example.com/a.png', null],
  ])('safeImageSrc(%j) is %j.', (url, expected) => {
    expect(safeImageSrc(url)).toBe(expected);
  });
});
