import { describe, expect, it } from 'vitest';
import { parseDeck, serializeDeck, slideTitle } from './deckMarkdown';

const cases: { name: string; text: string; slides: { body: string; notes: string }[] }[] = [
  {
    name: 'A line of three dashes separates slides.',
    text: '# One\n\n---\n\n# Two\n',
    slides: [
      { body: '# One', notes: '' },
      { body: '# Two', notes: '' },
    ],
  },
  {
    name: 'Separators need no blank lines around them.',
    text: 'a\n---\nb',
    slides: [
      { body: 'a', notes: '' },
      { body: 'b', notes: '' },
    ],
  },
  {
    name: 'A leading separator (front matter style) makes no empty first slide.',
    text: '---\n# One\n---\n# Two',
    slides: [
      { body: '# One', notes: '' },
      { body: '# Two', notes: '' },
    ],
  },
  {
    name: 'Text after a Note: line is the speaker notes (reveal.js).',
    text: '# Title\nsome text\n\nNote:\nsay hello\nslowly\n---\nnext',
    slides: [
      { body: '# Title\nsome text', notes: 'say hello\nslowly' },
      { body: 'next', notes: '' },
    ],
  },
  {
    name: 'Notes: with text on the same line is accepted too, in any case.',
    text: 'x\nNOTES: quick one',
    slides: [{ body: 'x', notes: 'quick one' }],
  },
  {
    name: 'An HTML comment is a note (Marp) and never part of the slide.',
    text: '# T\n<!-- remember the demo -->\ntext\n<!--\ntwo\nlines -->',
    slides: [{ body: '# T\ntext', notes: 'remember the demo\ntwo\nlines' }],
  },
  {
    name: 'Dashes and Note: inside a fenced block belong to the block.',
    text: '```scene\na: 1\n---\nNote: no\n```\n---\nb',
    slides: [
      { body: '```scene\na: 1\n---\nNote: no\n```', notes: '' },
      { body: 'b', notes: '' },
    ],
  },
  {
    name: 'A longer fence is closed only by a fence at least as long.',
    text: '````\n```\n---\n````\n---\nz',
    slides: [
      { body: '````\n```\n---\n````', notes: '' },
      { body: 'z', notes: '' },
    ],
  },
  {
    name: 'Windows line endings are read as plain newlines.',
    text: 'a\r\n---\r\nb\r\n',
    slides: [
      { body: 'a', notes: '' },
      { body: 'b', notes: '' },
    ],
  },
  { name: 'An empty text is one empty slide.', text: '', slides: [{ body: '', notes: '' }] },
];

describe('parseDeck', () => {
  it.each(cases)('$name', ({ text, slides }) => {
    expect(parseDeck(text).slides).toEqual(slides);
  });
});

describe('serializeDeck', () => {
  it.each(cases)('Round trip: $name', ({ text }) => {
    const deck = parseDeck(text);
    const again = parseDeck(serializeDeck(deck));
    expect(again).toEqual(deck);
    expect(serializeDeck(again)).toBe(serializeDeck(deck));
  });

  it('Writes notes after a Note: line and slides between --- lines.', () => {
    const text = serializeDeck({
      slides: [
        { body: '# A', notes: 'n' },
        { body: '', notes: 'only notes' },
      ],
    });
    expect(text).toBe('# A\n\nNote:\nn\n\n---\n\nNote:\nonly notes\n');
  });
});

describe('slideTitle', () => {
  it.each([
    { body: '# **Hello** `k8s`\ntext', title: 'Hello k8s' },
    { body: 'plain first line\n## later', title: 'later' },
    { body: '```scene\nseed: 1\n```\nfirst words', title: 'first words' },
    { body: '', title: '' },
  ])('The title of "$body" is "$title".', ({ body, title }) => {
    expect(slideTitle({ body, notes: '' })).toBe(title);
  });
});
