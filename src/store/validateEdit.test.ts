import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../engine';
import { validateEdit } from './io';

const deployment = (podLabels: Record<string, string>, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'redis', namespace: 'default', ...extra },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'redis' } },
    template: {
      metadata: { labels: podLabels },
      spec: { containers: [{ name: 'redis', image: 'redis:7' }] },
    },
  },
});

describe('validateEdit: what the API server would refuse in an edit', () => {
  it('a valid edit has no problems', async () => {
    expect(
      await validateEdit(deployment({ app: 'redis' }), deployment({ app: 'redis', tier: 'db' })),
    ).toEqual([]);
  });
  it('pod labels the selector no longer matches are refused (ValidateDeploymentSpec)', async () => {
    const problems = await validateEdit(deployment({ app: 'redis' }), deployment({ app: 'cache' }));
    expect(problems.join('\n')).toContain('`selector` does not match template `labels`');
  });
  it('an invalid label key and an invalid name are refused in upstream words', async () => {
    const bad = await validateEdit(
      deployment({ app: 'redis' }),
      deployment({ app: 'redis' }, { labels: { '-bad': 'x' } }),
    );
    expect(bad.join('\n')).toContain("name part must consist of alphanumeric characters, '-', '_' or '.'");
    const name = await validateEdit(deployment({ app: 'redis' }), {
      ...deployment({ app: 'redis' }),
      metadata: { name: 'Redis_1', namespace: 'default' },
    });
    expect(name.join('\n')).toContain('a lowercase RFC 1123 subdomain must consist of lower case');
  });
  it('problems the object already had are not blamed on the edit', async () => {
    const before = deployment({ app: 'cache' });
    expect(
      await validateEdit(before, { ...before, metadata: { ...before.metadata, labels: { a: 'b' } } }),
    ).toEqual([]);
  });
});
