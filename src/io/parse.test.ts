import { describe, expect, it } from 'vitest';
import { format } from './issues';
import { LIMITS, parseManifests } from './parse';

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
`;

describe('parsing manifests', () => {
  it('reads every document of a multi-document file with the position of each field', () => {
    const r = parseManifests(
      `${deployment}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n`,
      'a.yaml',
    );
    expect(r.issues).toEqual([]);
    expect(r.objects.map((o) => o.object['kind'])).toEqual(['Deployment', 'Service']);
    expect(r.objects[0]?.positions.get('spec.replicas')).toEqual({ line: 6, column: 3 });
    expect(r.objects[1]?.positions.get('metadata.name')).toEqual({ line: 11, column: 3 });
  });

  it('expands kind: List and the *List kinds of kubectl get -o yaml into their items', () => {
    const list = `apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: a\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: b\n`;
    const r = parseManifests(list.replace('kind: List', 'kind: ConfigMapList'), 'l.yaml');
    expect(r.objects.map((o) => (o.object['metadata'] as { name: string }).name)).toEqual(['a', 'b']);
    expect(r.objects[1]?.positions.get('metadata.name')).toEqual({ line: 11, column: 5 });
  });

  it('reads JSON, which is YAML', () => {
    const r = parseManifests('{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"x"}}', 'n.json');
    expect(r.objects[0]?.object).toEqual({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x' } });
  });

  it('skips empty documents and comments', () => {
    expect(parseManifests('---\n# nothing\n---\n', 'e.yaml')).toEqual({ objects: [], issues: [] });
  });

  it('refuses Helm template syntax and says to run helm template first', () => {
    const r = parseManifests(
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n',
      'chart.yaml',
    );
    expect(r.objects).toEqual([]);
    expect(format(r.issues[0]!)).toMatch(/^chart\.yaml:4:9 Helm template syntax .*run `helm template`/);
  });

  it('reports a YAML syntax error with its line', () => {
    const r = parseManifests('a: [1, 2\nb: 3\n', 'bad.yaml');
    expect(r.issues[0]?.file).toBe('bad.yaml');
    expect(r.issues[0]?.severity).toBe('error');
  });
});

describe('hostile input', () => {
  it('stops a YAML alias bomb with an error, quickly', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 10; i++)
      lines.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(',')}]`,
      );
    const t0 = performance.now();
    const r = parseManifests(lines.join('\n'), 'bomb.yaml');
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(r.objects).toEqual([]);
    expect(r.issues[0]?.message).toMatch(/too many values|alias/i);
  });

  it('refuses very deep nesting with an error', () => {
    const r = parseManifests(`${'['.repeat(500)}${']'.repeat(500)}`, 'deep.yaml');
    expect(r.objects).toEqual([]);
    expect(r.issues[0]?.message).toMatch(/nesting deeper than 200 levels is not supported/);
  });

  it('keeps __proto__ and constructor as plain keys without touching prototypes', () => {
    const r = parseManifests(
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: p\ndata:\n  __proto__: polluted\n  constructor: x\n',
      'p.yaml',
    );
    const data = r.objects[0]?.object['data'] as Record<string, unknown>;
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(Object.keys(data)).toEqual(['__proto__', 'constructor']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('keeps control characters and HTML in strings as text', () => {
    const r = parseManifests(
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: h\ndata:\n  x: "<script>alert(1)</script>\\u0007"\n',
      'h.yaml',
    );
    expect((r.objects[0]?.object['data'] as Record<string, string>)['x']).toBe(
      '<script>alert(1)</script>\u0007',
    );
  });

  it('refuses a file over the size limit', () => {
    const r = parseManifests(' '.repeat(LIMITS.maxBytes + 1), 'big.yaml');
    expect(r.issues[0]?.message).toMatch(/too large/);
  });
});
