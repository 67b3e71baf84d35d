import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORE_SCHEMA, loadAll } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { bigDeploymentsText, ioBenchText } from '../../bench/ioText';
import { readBlockDocument, RESOLVED_FIRST } from './blockYaml';

const jsYaml = (text: string): unknown => {
  const docs = loadAll(text, null, { schema: CORE_SCHEMA, json: false });
  return docs.length ? docs[0] : null;
};

/** The reader either leaves a document to js-yaml or reads exactly what js-yaml reads, key order included. */
function agrees(text: string): 'read' | 'left' {
  const read = readBlockDocument(text);
  if (!read) return 'left';
  let expected: unknown;
  try {
    expected = jsYaml(text);
  } catch (e) {
    throw new Error(`the reader read a document js-yaml refuses (${(e as Error).message}):\n${text}`, {
      cause: e,
    });
  }
  expect(JSON.stringify(read.value)).toBe(JSON.stringify(expected));
  expect(read.value).toStrictEqual(expected);
  return 'read';
}

function documents(text: string): string[] {
  const starts = [0];
  const marker = /^---(?=[ \t\r\n]|$)/gm;
  for (let m = marker.exec(text); m; m = marker.exec(text)) if (m.index > 0) starts.push(m.index);
  return starts.map((s, i) => text.slice(s, starts[i + 1] ?? text.length));
}

describe('the block YAML reader (the fast path of import)', () => {
  it('reads every document of real manifests exactly as js-yaml does', () => {
    for (const f of ['ingress-nginx-deploy.yaml', 'microservices-demo.yaml', 'nginx-deployment.yaml']) {
      const text = readFileSync(join(import.meta.dirname, 'fixtures', f), 'utf8');
      for (const doc of documents(text)) expect(agrees(doc), `${f}:\n${doc}`).toBe('read');
    }
    for (const doc of documents(ioBenchText(300))) expect(agrees(doc)).toBe('read');
    for (const doc of documents(bigDeploymentsText()).slice(0, 50)) expect(agrees(doc)).toBe('read');
  });

  it('reads the YAML kubectl and people write, with the core schema values js-yaml gives', () => {
    const cases = [
      'a: 1\nb: -2\nc: 0x1F\nd: 0o17\ne: 1.5\nf: .inf\ng: -.Inf\nh: .nan\ni: 1e3\nj: +12\nk: 012\nl: 1_000\n',
      'a: true\nb: False\nc: TRUE\nd: yes\ne: no\nf: on\ng: null\nh: ~\ni: Null\nj:\nk: NULL\n',
      'a: "quoted: # not a comment"\nb: \'it\'\'s\'\nc: "tab\\there \\u00e9 \\x41 \\"q\\" \\\\ \\/"\nd: plain # comment\ne: x#y\n',
      'image: nginx:1.25\nurl: http://example.com:80/a?b=c#frag\n',
      '"quoted key": 1\n\'single\': 2\n80: http\n1.0: one\ntrue: yes\nnull: nothing\n.inf: big\n',
      'list:\n- a\n- b\nnested:\n  - name: x\n    value: "1"\n  -   name: y\n      value: z\n  -\n    name: w\n',
      'a: |\n  line 1\n\n  line 3\n    indented\n  # not a comment\nb: |-\n  stripped\n\n\nc: after\n',
      'a: |\n\nb: 1\n',
      'a: |\n  x\n\n\n',
      'args: ["--port", \'8080\', plain, 42, true, -1, "a,b", "x]"]\nempty: []\nobj: {}\nspaced: [ a , b ]\n',
      '# comment\n\n---\n# only comments\n',
      '--- # a document\napiVersion: v1\n',
      '---\n',
      '',
      'a: 1\r\nb: |\r\n  x\r\n  y\r\n',
      '  indented: root\n  second: 2\n',
      'a:\n  b:\n    c:\n      d: deep\n  e: 1\nf: 2\n',
      '__proto__: x\nconstructor: y\ntoString: z\n',
      'a: -\n',
      'a: - b\n',
      'a: b: c\n',
      'a:\n  - - x\n',
      'k: a : b\n',
      '~: tilde\nnull: again\n',
      'a: b\n  c\n',
      '- a\n  b\n',
      'a: "multi\n  line"\n',
      "a: 'multi\n  line'\n",
      'a: &x 1\nb: *x\n',
      'a: !!str 1\n',
      'a: >\n  folded\n',
      'a: |+\n  kept\n\n',
      'a: |2\n   x\n',
      'a: {b: 1}\n',
      'a: [b, [c]]\n',
      'a: [b,]\n',
      'a: [b, c: d]\n',
      '? complex\n: key\n',
      'a: 1\na: 2\n',
      'a:\n  b: 1\n c: 2\n',
      'a:\n  - x\n - y\n',
      '- a\n-b\n',
      '%YAML 1.2\n---\na: 1\n',
      'a: 1\n...\n',
      'a:\tb\n',
      'a: "\\ud83d\\ude00"\n',
      'a: "\\N\\_"\n',
      'a: |\n    x\n  y\n',
      'a: |\n      \n  x\n',
      'a: b #c: d\n',
      'a #b: c\n',
      ': a\n',
      'just a scalar\n',
      '- a\n- b: c\n  d: e\n- [x, "y"]\n',
      'a:\n- b\n- c\nd: e\n',
      'key with spaces  : value with spaces   \n',
      'a: "x" y\n',
      "a: 'x' # c\n",
      '- "k": v\n  k2: v2\n',
      'a: "unterminated\n',
      'a: \\backslash\n',
      'a: 1 # c\n# c\n  # indented comment\nb: 2\n',
      'nbsp: "x"\n',
      'a: [ ]\nb: { }\n',
      'a: [1, 2.5, ~, null, "", \'\']\n',
      'a: ""\nb: \'\'\n',
      'a: -1x\nb: :x\nc: ?x\nd: --- \n',
    ];
    const outcome = cases.map(agrees);
    // The common forms are read here (not left to js-yaml).
    expect(outcome.slice(0, 18)).toEqual(Array(18).fill('read'));
  });

  it('reads a plain scalar as its text when its first character cannot start a null, boolean or number', () => {
    for (let code = 32; code < 0x250; code++) {
      const c = String.fromCharCode(code);
      if (RESOLVED_FIRST.has(c)) continue;
      for (const text of [c, `${c}1`, `${c}rue`, `${c}ull`, `${c}.5`, `${c}inf`])
        expect(CORE_SCHEMA.resolveImplicitScalarTag(text).value).toBe(text);
    }
  });

  it('leaves every document outside its subset to js-yaml', () => {
    for (const text of [
      'a: &x 1\nb: *x\n',
      'a: >\n  folded\n',
      'a: {b: 1}\n',
      'a: "multi\n  line"\n',
      'a: b\n  c\n',
      'a: 1\na: 2\n',
      'a:\tb\n',
      `data: ${'['.repeat(100)}${']'.repeat(100)}\n`,
      Array.from({ length: 250 }, (_, i) => `${' '.repeat(i * 2)}k${i}:`).join('\n'),
    ])
      expect(readBlockDocument(text), text).toBeUndefined();
  });
});
