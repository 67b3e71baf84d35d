import { describe, expect, it } from 'vitest';
import { deepNesting } from './depth';
import { format } from './issues';
import { importManifests } from './import';
import { LIMITS, parseManifests } from './parse';

const blockMaps = (n: number): string =>
  Array.from({ length: n }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n') + '\n';
const dashes = (n: number): string => `${'- '.repeat(n)}x\n`;
const flow = (n: number, open = '[', close = ']'): string => `${open.repeat(n)}${close.repeat(n)}\n`;
const json = (n: number): string => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}\n`;
const prettyJson = (n: number): string =>
  `${Array.from({ length: n }, (_, i) => `${' '.repeat(i)}{"a":`).join('\n')}1${'}'.repeat(n)}\n`;

describe('the nesting depth of a text, before any parser sees it', () => {
  it.each([
    ['block mappings', blockMaps],
    ['block sequences on one line', dashes],
    ['flow sequences', (n: number) => flow(n)],
    ['flow mappings', (n: number) => flow(n, '{a: ', '}')],
    ['JSON', json],
    ['JSON over many lines', prettyJson],
  ])('counts %s as a parser nests them', (_name, make) => {
    expect(deepNesting(make(200), 200)).toBeUndefined();
    expect(deepNesting(make(201), 200)).toBeDefined();
  });

  it('does not count brackets in quoted or block scalars, or comments', () => {
    const text = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: c # [[[[[[',
      'data:',
      `  a: "${'['.repeat(500)}"`,
      `  b: '${'{'.repeat(500)}'`,
      '  c: |',
      `    ${'['.repeat(500)}`,
      `  d: plain${'['.repeat(500)}`,
      '',
    ].join('\n');
    expect(deepNesting(text, 5)).toBeUndefined();
  });
});

describe('very deep nesting is refused with one message, in bounded time', () => {
  it.each([
    ['flow sequences', flow(100_000)],
    ['an unclosed flow sequence', '['.repeat(100_000)],
    ['JSON', json(50_000)],
    ['block mappings', blockMaps(3000)],
    ['many deep documents', Array.from({ length: 300 }, () => flow(2000)).join('---\n')],
  ])('%s', async (_name, text) => {
    const t0 = performance.now();
    const r = await importManifests(text, 'deep.yaml');
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues).toHaveLength(1);
      expect(format(r.issues[0]!)).toMatch(
        /^deep\.yaml:\d+:\d+ nesting deeper than 200 levels is not supported$/,
      );
    }
  });

  it('names where the 201st level opens', () => {
    expect(parseManifests(flow(300), 'deep.yaml').issues.map(format)).toEqual([
      'deep.yaml:1:201 nesting deeper than 200 levels is not supported',
    ]);
    const deepMap = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n${blockMaps(300)
      .split('\n')
      .map((l) => (l ? `  ${l}` : l))
      .join('\n')}`;
    expect(parseManifests(deepMap, 'deep.yaml').issues.map(format)).toEqual([
      'deep.yaml:205:401 nesting deeper than 200 levels is not supported',
    ]);
  });

  it('still reads nesting at the limit', () => {
    expect(LIMITS.maxDepth).toBe(200);
    const text = `apiVersion: example.com/v1\nkind: Deep\nmetadata:\n  name: d\nspec: ${flow(190).trim()}\n`;
    expect(parseManifests(text, 'ok.yaml').issues).toEqual([]);
  });
});
