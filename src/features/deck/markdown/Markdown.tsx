import { Fragment, type ReactNode } from 'react';
import { parseMarkdown, type Block, type Inline } from './parseMarkdown';
import { DiagramView } from './DiagramView';

export interface MarkdownProps {
  text: string;
  /** Class of the wrapper (sizes differ between the slide, the presenter view and thumbnails). */
  className?: string;
}

/**
 * Renders a slide's Markdown as React elements built from the safe tree of parseMarkdown: no HTML string is
 * ever injected, so nothing a deck contains can run. ```diagram blocks are drawn; ```scene blocks are left
 * out (the scene plays on the canvas beside the text).
 */
export function Markdown({ text, className }: MarkdownProps) {
  return <div className={className}>{blocks(parseMarkdown(text))}</div>;
}

function blocks(list: Block[]): ReactNode {
  return list.map((b, i) => <Fragment key={i}>{block(b)}</Fragment>);
}

const HEADING = {
  1: 'mb-4 text-[1.9em] font-bold leading-tight',
  2: 'mb-3 text-[1.5em] font-semibold leading-tight',
  3: 'mb-2 text-[1.25em] font-semibold',
  4: 'mb-2 font-semibold',
  5: 'mb-1 font-semibold',
  6: 'mb-1 font-semibold',
} as const;

function block(b: Block): ReactNode {
  switch (b.t) {
    case 'heading': {
      const H = `h${b.level}` as const;
      return <H className={HEADING[b.level]}>{inlines(b.children)}</H>;
    }
    case 'paragraph':
      return <p className="mb-3 leading-snug">{inlines(b.children)}</p>;
    case 'list': {
      const items = b.items.map((item, i) => (
        <li key={i} className="mb-1 [&>p]:mb-1">
          {blocks(item)}
        </li>
      ));
      return b.ordered ? (
        <ol start={b.start} className="mb-3 ml-6 list-decimal">
          {items}
        </ol>
      ) : (
        <ul className="mb-3 ml-6 list-disc">{items}</ul>
      );
    }
    case 'quote':
      return (
        <blockquote className="mb-3 border-l-4 border-slate-300 pl-4 text-slate-600">
          {blocks(b.children)}
        </blockquote>
      );
    case 'code':
      if (b.lang === 'scene') return null;
      if (b.lang === 'diagram') return <DiagramView text={b.text} />;
      return (
        <pre className="mb-3 overflow-x-auto rounded bg-slate-900 p-3 text-[0.7em] leading-snug text-slate-100">
          <code>{b.text}</code>
        </pre>
      );
    case 'rule':
      return <hr className="my-4 border-slate-300" />;
  }
}

function inlines(list: Inline[]): ReactNode {
  return list.map((n, i) => <Fragment key={i}>{inline(n)}</Fragment>);
}

function inline(n: Inline): ReactNode {
  switch (n.t) {
    case 'text':
      return n.text;
    case 'strong':
      return <strong>{inlines(n.children)}</strong>;
    case 'em':
      return <em>{inlines(n.children)}</em>;
    case 'del':
      return <del>{inlines(n.children)}</del>;
    case 'code':
      return (
        <code className="rounded bg-slate-200/70 px-1 font-mono text-[0.85em] text-slate-800">{n.text}</code>
      );
    case 'link':
      return (
        <a href={n.href} target="_blank" rel="noopener noreferrer" className="text-blue-700 underline">
          {inlines(n.children)}
        </a>
      );
    case 'image':
      return <img src={n.src} alt={n.alt} className="inline-block max-h-[40vh] max-w-full" />;
    case 'br':
      return <br />;
  }
}
