import { describe, expect, it } from 'vitest';
import type { Ingress } from 'kubernetes-types/networking/v1';
import type { KubeObject } from '../api/types';
import { hostMatches, matchIngress, type PathType } from './ingressMatch';

type Ing = Ingress & KubeObject;

function ingress(
  paths: Array<[string, PathType]>,
  extra: Partial<NonNullable<Ingress['spec']>> = {},
  host?: string,
): Ing {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'test', namespace: 'default' },
    spec: {
      rules: [
        {
          ...(host ? { host } : {}),
          http: {
            paths: paths.map(([path, pathType]) => ({
              path,
              pathType,
              backend: { service: { name: `${pathType}:${path}`, port: { number: 80 } } },
            })),
          },
        },
      ],
      ...extra,
    },
  };
}

// The "Examples" table of kubernetes/website content/en/docs/concepts/services-networking/ingress.md
// (section "Path types" > "Examples"), row by row. `want` is the backend (pathType:path) that must win,
// or null for no match (the default backend).
const EXAMPLES: Array<[string, Array<[string, PathType]>, string[], string | null]> = [
  ['Prefix / matches all paths', [['/', 'Prefix']], ['/', '/foo', '/aaa/bbb/ccc'], 'Prefix:/'],
  ['Exact /foo matches /foo', [['/foo', 'Exact']], ['/foo'], 'Exact:/foo'],
  ['Exact /foo does not match /bar', [['/foo', 'Exact']], ['/bar'], null],
  ['Exact /foo does not match /foo/', [['/foo', 'Exact']], ['/foo/'], null],
  ['Exact /foo/ does not match /foo', [['/foo/', 'Exact']], ['/foo'], null],
  ['Prefix /foo matches /foo and /foo/', [['/foo', 'Prefix']], ['/foo', '/foo/'], 'Prefix:/foo'],
  ['Prefix /foo/ matches /foo and /foo/', [['/foo/', 'Prefix']], ['/foo', '/foo/'], 'Prefix:/foo/'],
  ['Prefix /aaa/bb does not match /aaa/bbb', [['/aaa/bb', 'Prefix']], ['/aaa/bbb'], null],
  ['Prefix /aaa/bbb matches /aaa/bbb', [['/aaa/bbb', 'Prefix']], ['/aaa/bbb'], 'Prefix:/aaa/bbb'],
  [
    'Prefix /aaa/bbb/ matches /aaa/bbb, ignoring the trailing slash',
    [['/aaa/bbb/', 'Prefix']],
    ['/aaa/bbb'],
    'Prefix:/aaa/bbb/',
  ],
  [
    'Prefix /aaa/bbb matches /aaa/bbb/, matching the trailing slash',
    [['/aaa/bbb', 'Prefix']],
    ['/aaa/bbb/'],
    'Prefix:/aaa/bbb',
  ],
  [
    'Prefix /aaa/bbb matches the subpath /aaa/bbb/ccc',
    [['/aaa/bbb', 'Prefix']],
    ['/aaa/bbb/ccc'],
    'Prefix:/aaa/bbb',
  ],
  [
    'Prefix /aaa/bbb does not match the string prefix /aaa/bbbxyz',
    [['/aaa/bbb', 'Prefix']],
    ['/aaa/bbbxyz'],
    null,
  ],
  [
    'Prefixes / and /aaa: /aaa/ccc matches the /aaa prefix',
    [
      ['/', 'Prefix'],
      ['/aaa', 'Prefix'],
    ],
    ['/aaa/ccc'],
    'Prefix:/aaa',
  ],
  [
    'Prefixes /, /aaa and /aaa/bbb: /aaa/bbb matches the /aaa/bbb prefix',
    [
      ['/', 'Prefix'],
      ['/aaa', 'Prefix'],
      ['/aaa/bbb', 'Prefix'],
    ],
    ['/aaa/bbb'],
    'Prefix:/aaa/bbb',
  ],
  [
    'Prefixes /, /aaa and /aaa/bbb: /ccc matches the / prefix',
    [
      ['/', 'Prefix'],
      ['/aaa', 'Prefix'],
      ['/aaa/bbb', 'Prefix'],
    ],
    ['/ccc'],
    'Prefix:/',
  ],
  ['Prefix /aaa does not match /ccc, which uses the default backend', [['/aaa', 'Prefix']], ['/ccc'], null],
  [
    'Mixed /foo (Prefix) and /foo (Exact): /foo prefers Exact',
    [
      ['/foo', 'Prefix'],
      ['/foo', 'Exact'],
    ],
    ['/foo'],
    'Exact:/foo',
  ],
];

describe('Ingress path matching: the Kubernetes docs Examples table (ingress.md)', () => {
  for (const [name, paths, requests, want] of EXAMPLES) {
    for (const request of requests) {
      it(`${name} (request ${request}).`, () => {
        const m = matchIngress([ingress(paths)], undefined, request);
        expect(m?.backend.service?.name ?? null).toBe(want);
      });
    }
  }

  it('a request no rule matches goes to the defaultBackend when the Ingress has one', () => {
    const ing = ingress([['/aaa', 'Prefix']], {
      defaultBackend: { service: { name: 'fallback', port: { number: 80 } } },
    });
    expect(matchIngress([ing], undefined, '/ccc')).toMatchObject({
      rule: 'defaultBackend',
      backend: { service: { name: 'fallback' } },
    });
  });

  it('ImplementationSpecific is matched as Prefix', () => {
    expect(
      matchIngress([ingress([['/api', 'ImplementationSpecific']])], undefined, '/api/v1')?.backend.service
        ?.name,
    ).toBe('ImplementationSpecific:/api');
  });
});

// The "Hostname wildcards" table of the same page.
describe('Ingress host matching: the docs Hostname wildcards table', () => {
  it.each([
    ['*.foo.com matches bar.foo.com, based on the shared suffix', '*.foo.com', 'bar.foo.com', true],
    [
      '*.foo.com does not match baz.bar.foo.com: the wildcard covers a single DNS label',
      '*.foo.com',
      'baz.bar.foo.com',
      false,
    ],
    [
      '*.foo.com does not match foo.com: the wildcard covers a single DNS label',
      '*.foo.com',
      'foo.com',
      false,
    ],
    ['an exact host matches the same Host header', 'foo.bar.com', 'foo.bar.com', true],
    ['an exact host does not match another host', 'foo.bar.com', 'bar.foo.com', false],
  ])('%s', (_name, rule, host, want) => {
    expect(hostMatches(rule, host)).toBe(want);
  });

  it('rules for an exact host win over wildcard rules, and rules without a host catch the rest', () => {
    const exact = ingress([['/', 'Prefix']], {}, 'foo.bar.com');
    const wild = {
      ...ingress([['/', 'Exact']], {}, '*.bar.com'),
      metadata: { name: 'wild', namespace: 'default' },
    };
    const any = {
      ...ingress([['/', 'ImplementationSpecific']]),
      metadata: { name: 'any', namespace: 'default' },
    };
    expect(matchIngress([wild, exact, any], 'foo.bar.com', '/')?.ingress.metadata.name).toBe('test');
    expect(matchIngress([wild, exact, any], 'baz.bar.com', '/')?.ingress.metadata.name).toBe('wild');
    expect(matchIngress([wild, exact, any], 'other.org', '/')?.ingress.metadata.name).toBe('any');
    expect(matchIngress([wild, exact, any], undefined, '/')?.ingress.metadata.name).toBe('any');
  });

  it('a host listed under tls is reported as served with TLS', () => {
    const ing = ingress(
      [['/', 'Prefix']],
      { tls: [{ hosts: ['foo.bar.com'], secretName: 'tls' }] },
      'foo.bar.com',
    );
    expect(matchIngress([ing], 'foo.bar.com', '/')?.tls).toBe(true);
  });
});
