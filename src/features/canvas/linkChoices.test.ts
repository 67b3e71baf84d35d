import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../engine';
import { linkChoices } from './linkChoices';

const deployment = (name: string, labels: Record<string, string> | undefined, namespace = 'default') =>
  ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace },
    spec: { template: { metadata: labels ? { labels } : {}, spec: { containers: [] } } },
  }) as unknown as KubeObject;

const service = (name: string, selector: Record<string, string> | undefined, namespace = 'default') =>
  ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace },
    spec: { ...(selector ? { selector } : {}), ports: [{ port: 80 }] },
  }) as unknown as KubeObject;

const ingress = (name: string, backend: string) =>
  ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name, namespace: 'default' },
    spec: {
      rules: [
        {
          http: {
            paths: [
              {
                path: '/',
                pathType: 'Prefix',
                backend: { service: { name: backend, port: { number: 80 } } },
              },
            ],
          },
        },
      ],
    },
  }) as unknown as KubeObject;

const objects: KubeObject[] = [
  deployment('web', { app: 'web' }),
  deployment('web-2', { app: 'web-2' }),
  deployment('bare', undefined),
  deployment('other', { app: 'web' }, 'shop'),
  service('web', { app: 'web' }),
  service('api', undefined),
  ingress('front', 'web'),
  {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'solo', namespace: 'default', labels: { app: 'solo' } },
    spec: { containers: [] },
  } as unknown as KubeObject,
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config', namespace: 'default' } } as KubeObject,
];

describe('linkChoices', () => {
  it('offers a Service the workloads of its namespace and the Ingresses that could route to it', () => {
    const choices = linkChoices('Service/default/web', objects);
    expect(choices.map((c) => [c.label, c.source, c.target, c.connected])).toEqual([
      ['Deployment bare', 'Service/default/web', 'Deployment/default/bare', false],
      ['Deployment web', 'Service/default/web', 'Deployment/default/web', true],
      ['Deployment web-2', 'Service/default/web', 'Deployment/default/web-2', false],
      ['Ingress front', 'Ingress/default/front', 'Service/default/web', true],
    ]);
    expect(choices[1]?.effect).toBe('Service web selects its pods');
    expect(choices[3]?.effect).toBe('Routes to Service web');
  });

  it('offers a workload the Services (the link goes from the Service), a Service without selector unconnected', () => {
    const choices = linkChoices('Deployment/default/web', objects);
    expect(choices.map((c) => [c.label, c.source, c.target, c.connected])).toEqual([
      ['Service api', 'Service/default/api', 'Deployment/default/web', false],
      ['Service web', 'Service/default/web', 'Deployment/default/web', true],
    ]);
    expect(choices[0]?.effect).toBe('Selects the pods of Deployment web');
  });

  it('offers an Ingress the Services of its namespace', () => {
    const choices = linkChoices('Ingress/default/front', objects);
    expect(choices.map((c) => [c.label, c.connected])).toEqual([
      ['Service api', false],
      ['Service web', true],
    ]);
  });

  it('offers nothing across namespaces, nothing for kinds that take no link, nothing for unknown objects', () => {
    expect(linkChoices('Deployment/shop/other', objects)).toEqual([]);
    expect(linkChoices('ConfigMap/default/config', objects)).toEqual([]);
    expect(linkChoices('Service/default/gone', objects)).toEqual([]);
  });
});

describe('isValidLink (dragging an edge)', () => {
  it('links a Service to a workload and an Ingress to a Service of the same namespace only', async () => {
    const { isValidLink } = await import('./actions');
    expect(isValidLink('Service/default/web', 'Deployment/default/web')).toBe(true);
    expect(isValidLink('Ingress/default/front', 'Service/default/web')).toBe(true);
    expect(isValidLink('Service/default/web', 'Deployment/shop/web')).toBe(false);
    expect(isValidLink('Ingress/shop/front', 'Service/default/web')).toBe(false);
    expect(isValidLink('Deployment/default/web', 'Service/default/web')).toBe(false);
  });
});
