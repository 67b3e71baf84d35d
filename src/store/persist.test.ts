import { describe, expect, it } from 'vitest';
import { parseSaved, serializeDocument } from './persist';
import { exampleCluster } from './templates';

describe('saved documents', () => {
  it('reads back what it wrote', () => {
    const doc = { objects: exampleCluster(), positions: { 'Node//node-1': { x: 1, y: 2 } }, seed: 3 };
    expect(parseSaved(serializeDocument(doc))).toEqual(doc);
  });

  it.each([
    ['text that is not JSON', '{"formatVersion":1,'],
    ['a document of an unknown format', '{"formatVersion":99,"objects":[]}'],
    ['objects that are not API objects', '{"formatVersion":1,"objects":[{"kind":"Pod"}]}'],
  ])('refuses %s rather than half-read it', (_why, text) => {
    expect(() => parseSaved(text)).toThrow();
  });

  it('drops positions that are not numbers and defaults the seed', () => {
    const doc = parseSaved('{"formatVersion":1,"objects":[],"positions":{"a":{"x":"1","y":2}}}');
    expect(doc).toEqual({ objects: [], positions: {}, seed: 1 });
  });
});
