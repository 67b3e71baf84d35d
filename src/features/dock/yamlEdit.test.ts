import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../engine';
import { issuesFromImport, parseYamlObjects, toYamlText } from './yamlEdit';

const pod: KubeObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', namespace: 'default' },
  spec: { containers: [{ name: 'web', image: 'nginx' }] },
};

describe('YAML text of authored objects', () => {
  it('writes keys in the order written and sequences at their key, as kubectl does', () => {
    expect(toYamlText([pod])).toBe(
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: default\nspec:\n  containers:\n  - name: web\n    image: nginx\n',
    );
  });

  it('reads its own text back to the same objects', () => {
    expect(parseYamlObjects(toYamlText([pod, { ...pod, metadata: { name: 'api' } }]))).toEqual({
      ok: true,
      objects: [pod, { ...pod, metadata: { name: 'api' } }],
    });
  });
});

describe('problems in edited YAML come with their line and column', () => {
  it.each<[string, string, { line: number; column: number; message: string }]>([
    [
      'A syntax error',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: [web\n',
      {
        line: 5,
        column: 1,
        message: 'Flow sequence in block collection must be sufficiently indented and end with a ]',
      },
    ],
    [
      'A missing name, at the start of its document',
      'apiVersion: v1\nkind: Pod\n---\napiVersion: v1\nkind: Pod\nmetadata: {}\n',
      { line: 1, column: 1, message: 'metadata.name: Required value: name or generateName is required' },
    ],
    [
      'A list instead of an object',
      '- a\n- b\n',
      {
        line: 1,
        column: 1,
        message: 'a document must be a Kubernetes object (a mapping with apiVersion, kind and metadata)',
      },
    ],
    [
      'A repeated key',
      'apiVersion: v1\napiVersion: v2\n',
      { line: 2, column: 1, message: 'Map keys must be unique' },
    ],
  ])('%s', (_name, text, want) => {
    const r = parseYamlObjects(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject(want);
  });

  it('refuses an alias bomb instead of expanding it', () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      ...'bcdefgh'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(',')}]`),
    ].join('\n');
    const r = parseYamlObjects(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n${bomb}\n`);
    expect(r.ok).toBe(false);
  });
});

describe('issuesFromImport', () => {
  it('reads line and column back from the import messages of the same file', () => {
    expect(
      issuesFromImport(
        [
          'web.yaml:9:13 Deployment web: spec.replicas: expected integer, got string',
          'other.yaml:1:1 something else',
          'no position here',
        ],
        'web.yaml',
      ),
    ).toEqual([
      {
        line: 9,
        column: 13,
        severity: 'error',
        message: 'Deployment web: spec.replicas: expected integer, got string',
      },
      { line: 1, column: 1, severity: 'error', message: 'other.yaml:1:1 something else' },
      { line: 1, column: 1, severity: 'error', message: 'no position here' },
    ]);
  });
});
