import { describe, expect, it } from 'vitest';
import { deployment } from '../../bench/ioText';
import { fastParse } from './fastParse';
import { importManifests } from './import';
import { parseManifests } from './parse';

describe('the fast parser (the import of a valid file, in the worker)', () => {
  it('reads a big file in slices of documents, reporting progress, with the same objects as the positioned parser', () => {
    const text = Array.from({ length: 250 }, (_, i) => deployment(i)).join('---\n');
    const seen: number[] = [];
    const fast = fastParse(text, 'big.yaml', (_phase, done, total) => {
      expect(total).toBe(250);
      seen.push(done);
    });
    expect(seen).toEqual([200, 250]);
    expect(fast?.map((p) => p.object)).toEqual(parseManifests(text, 'big.yaml').objects.map((p) => p.object));
  });

  it('keeps an indented `---` inside a block scalar as content (only one at the start of a line begins a document)', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  x: |\n    ---\n    y\n';
    expect(fastParse(text, 'a.yaml')?.map((p) => p.object['data'])).toEqual([{ x: '---\ny\n' }]);
  });

  it('keeps __proto__ an own key on the path without anchors (no tree copy), touching no prototype', () => {
    const fast = fastParse(
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: p\ndata:\n  __proto__: polluted\n  constructor: x\n',
      'p.yaml',
    );
    const data = fast?.[0]?.object['data'] as Record<string, unknown>;
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(Object.keys(data)).toEqual(['__proto__', 'constructor']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('leaves very deep nesting without anchors to the positioned parser, which refuses it', async () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: d\ndata: ${'['.repeat(300)}${']'.repeat(300)}\n`;
    expect(fastParse(text, 'deep.yaml')).toBeUndefined();
    const r = await importManifests(text, 'deep.yaml');
    expect(!r.ok && r.issues[0]?.message).toMatch(/nesting deeper than 200 levels is not supported/);
  });
});
