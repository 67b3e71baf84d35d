import { describe, expect, it } from 'vitest';
import type { KubeObject, Service, StatefulSet } from '../api/types';
import { candidateNames, resolveName } from './dns';
import { routeRequest } from './route';
import { ingressNginxObjects } from './ingressNginx';
import { anApp, aServiceFor, networkCluster } from './testing/apps';

describe('the cluster DNS (dns-pod-service.md)', () => {
  it.each([
    [
      'a short name tries the pod namespace first',
      'web',
      'shop',
      ['web.shop.svc.cluster.local', 'web.svc.cluster.local', 'web.cluster.local', 'web'],
    ],
    [
      'name.namespace goes through the search list too',
      'web.other',
      'shop',
      [
        'web.other.shop.svc.cluster.local',
        'web.other.svc.cluster.local',
        'web.other.cluster.local',
        'web.other',
      ],
    ],
    [
      'a name with a trailing dot is absolute',
      'web.shop.svc.cluster.local.',
      'x',
      ['web.shop.svc.cluster.local'],
    ],
  ])('%s (ndots 5)', (_name, name, ns, want) => {
    expect(candidateNames(name, ns)).toEqual(want);
  });

  it('resolves a Service from its own namespace by short name, from another by name.namespace, and by FQDN', () => {
    const sim = networkCluster(1);
    const svc = sim.apply(aServiceFor('web')) as Service & KubeObject;
    const ip = svc.spec?.clusterIP;
    expect(resolveName(sim.store, 'web', 'default')?.addresses).toEqual([ip]);
    expect(resolveName(sim.store, 'web.default', 'kube-system')?.addresses).toEqual([ip]);
    expect(resolveName(sim.store, 'web.default.svc.cluster.local', 'kube-system')?.addresses).toEqual([ip]);
    expect(resolveName(sim.store, 'web', 'kube-system')).toBeUndefined();
  });

  it('a headless Service resolves to its ready pods, and a StatefulSet pod has its own record', () => {
    const sim = networkCluster(2);
    sim.apply(aServiceFor('db', { clusterIP: 'None' }));
    const sts: StatefulSet & KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db', namespace: 'default' },
      spec: {
        serviceName: 'db',
        replicas: 2,
        selector: { matchLabels: { app: 'db' } },
        template: {
          metadata: { labels: { app: 'db' } },
          spec: {
            containers: [{ name: 'db', image: 'db:1', ports: [{ name: 'http', containerPort: 8080 }] }],
          },
        },
      },
    };
    sim.apply(sts);
    sim.advance(30_000);
    const all = resolveName(sim.store, 'db', 'default');
    expect(all?.addresses).toHaveLength(2);
    const one = resolveName(sim.store, 'db-1.db.default.svc.cluster.local', 'default');
    expect(one?.podKey).toBe('Pod/default/db-1');
    expect(resolveName(sim.store, 'db-0.db', 'default')?.addresses).toHaveLength(1);
    expect(resolveName(sim.store, 'db-5.db', 'default')).toBeUndefined();
  });
});

describe('route: where one request goes', () => {
  function site() {
    const sim = networkCluster(3);
    for (const o of ingressNginxObjects()) sim.apply(o);
    sim.apply(anApp({ name: 'web', replicas: 2 }));
    sim.apply(aServiceFor('web'));
    sim.apply(aServiceFor('api'));
    sim.apply({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'site', namespace: 'default' },
      spec: {
        rules: [
          {
            host: 'shop.example.com',
            http: {
              paths: [
                {
                  path: '/',
                  pathType: 'Prefix',
                  backend: { service: { name: 'web', port: { number: 80 } } },
                },
                {
                  path: '/api',
                  pathType: 'Prefix',
                  backend: { service: { name: 'api', port: { number: 80 } } },
                },
              ],
            },
          },
        ],
      },
    });
    sim.advance(30_000);
    return sim;
  }

  it('a request for an Ingress host goes to the rule backend endpoints', () => {
    const r = routeRequest(site().store, 'http://shop.example.com/cart');
    expect(r).toMatchObject({ ingress: 'site', rule: 'shop.example.com/', service: 'web', port: 80 });
    expect('endpoints' in r && r.endpoints.every((e) => /^10\.244\.\d+\.\d+:8080$/.test(e))).toBe(true);
    expect('endpoints' in r && r.endpoints).toHaveLength(2);
  });

  it('a backend without ready endpoints answers 503, and a path no rule matches 404', () => {
    const sim = site();
    expect(routeRequest(sim.store, 'http://shop.example.com/api/x')).toEqual({
      status: 503,
      service: 'api',
      namespace: 'default',
    });
    expect(routeRequest(sim.store, 'http://203.0.113.10/')).toEqual({ status: 404 });
  });

  it('from a pod, a Service name resolves through the cluster DNS', () => {
    const sim = site();
    const pod = sim.store.list('Pod', 'default')[0]?.metadata.name ?? '';
    expect(routeRequest(sim.store, 'http://web/', `pod/${pod}`)).toMatchObject({ service: 'web', port: 80 });
    expect(routeRequest(sim.store, 'http://nope/', `pod/${pod}`)).toEqual({
      error: 'Could not resolve host: nope',
    });
  });
});
