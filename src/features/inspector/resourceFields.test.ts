/**
 * The forms of Ingresses, PersistentVolumeClaims, ConfigMaps, NodeGroups and Service labels: what they
 * write, what the API server would refuse (its words, from pkg/apis/networking/validation and
 * pkg/apis/core/validation), and which fields it will not let change.
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../engine';
import type { Field, ListField, ScalarField } from './fields';
import { PVC_SPEC_IMMUTABLE } from './resourceFields';
import { sectionsFor } from './sections';
import { STATEFULSET_FORBIDDEN } from './workloadFields';

function field(kind: string, id: string): Field {
  const f = sectionsFor(kind)
    .flatMap((s) => s.fields)
    .find((x) => x.id === id);
  if (!f) throw new Error(`no field ${id} for ${kind}`);
  return f;
}
const scalar = (kind: string, id: string) => field(kind, id) as ScalarField;
const list = (kind: string, id: string) => field(kind, id) as ListField;

const ingress: KubeObject = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    rules: [
      {
        http: {
          paths: [
            { path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } },
          ],
        },
      },
    ],
  },
};

const claim = (extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name: 'data', namespace: 'default' },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...extra },
});

describe('Ingress form', () => {
  it('reads each path as a row and writes rows with the same host back as one rule', () => {
    const rules = list('Ingress', 'ingressRules');
    expect(rules.get(ingress)).toEqual([
      { host: '', path: '/', pathType: 'Prefix', service: 'web', port: '80' },
    ]);
    const next = rules.set(ingress, [
      { host: 'shop.example.com', path: '/', pathType: 'Prefix', service: 'web', port: '80' },
      { host: 'shop.example.com', path: '/api', pathType: 'Exact', service: 'api', port: 'http' },
      { host: '', path: '/', pathType: 'Prefix', service: 'web', port: '80' },
    ]);
    expect(next.spec).toEqual({
      rules: [
        {
          host: 'shop.example.com',
          http: {
            paths: [
              { path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } },
              {
                path: '/api',
                pathType: 'Exact',
                backend: { service: { name: 'api', port: { name: 'http' } } },
              },
            ],
          },
        },
        {
          http: {
            paths: [
              { path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } },
            ],
          },
        },
      ],
    });
  });

  it.each<[string, Record<string, string>, string | undefined]>([
    [
      'a valid row',
      { host: 'shop.example.com', path: '/', pathType: 'Prefix', service: 'web', port: '80' },
      undefined,
    ],
    [
      'a relative path',
      { host: '', path: 'shop', pathType: 'Prefix', service: 'web', port: '80' },
      'spec.rules[0].http.paths[0].path: Invalid value: "shop": must be an absolute path',
    ],
    [
      'a path with //',
      { host: '', path: '/a//b', pathType: 'Exact', service: 'web', port: '80' },
      'spec.rules[0].http.paths[0].path: Invalid value: "/a//b": must not contain \'//\'',
    ],
    [
      'an IP as host',
      { host: '10.0.0.1', path: '/', pathType: 'Prefix', service: 'web', port: '80' },
      'spec.rules[0].host: Invalid value: "10.0.0.1": must be a DNS name, not an IP address',
    ],
    [
      'an upper-case host',
      { host: 'Shop.com', path: '/', pathType: 'Prefix', service: 'web', port: '80' },
      "spec.rules[0].host: Invalid value: \"Shop.com\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ],
    [
      'a wildcard host',
      { host: '*.example.com', path: '/', pathType: 'Prefix', service: 'web', port: '80' },
      undefined,
    ],
    [
      'no backend service',
      { host: '', path: '/', pathType: 'Prefix', service: '', port: '80' },
      'spec.rules[0].http.paths[0].backend.service.name: Required value',
    ],
    [
      'a backend port out of range',
      { host: '', path: '/', pathType: 'Prefix', service: 'web', port: '70000' },
      'spec.rules[0].http.paths[0].backend.service.port.number: Invalid value: 70000: must be between 1 and 65535, inclusive',
    ],
  ])('rules: %s', (_name, row, message) => {
    expect(list('Ingress', 'ingressRules').validate?.([row], ingress)).toBe(message);
  });

  it('ingressClassName and TLS are written and checked', () => {
    const cls = scalar('Ingress', 'ingressClassName');
    expect((cls.set(ingress, 'nginx').spec as { ingressClassName: string }).ingressClassName).toBe('nginx');
    expect(cls.validate?.('Nginx_1', ingress)).toMatch(
      /^spec\.ingressClassName: Invalid value: "Nginx_1": a lowercase RFC 1123 subdomain/,
    );
    const tls = list('Ingress', 'ingressTls');
    const next = tls.set(ingress, [{ hosts: 'shop.example.com, www.example.com', secretName: 'shop-tls' }]);
    expect((next.spec as { tls: unknown }).tls).toEqual([
      { hosts: ['shop.example.com', 'www.example.com'], secretName: 'shop-tls' },
    ]);
    expect(tls.get(next)).toEqual([{ hosts: 'shop.example.com,www.example.com', secretName: 'shop-tls' }]);
    expect(tls.validate?.([{ hosts: 'ok.com', secretName: 'Bad_Secret' }], ingress)).toMatch(
      /^spec\.tls\[0\]\.secretName: Invalid value: "Bad_Secret"/,
    );
  });
});

describe('PersistentVolumeClaim form', () => {
  const bound = (storage = '1Gi'): KubeObject => ({
    ...claim({ storageClassName: 'standard', volumeName: 'pvc-1' }),
    status: { phase: 'Bound', capacity: { storage } },
  });
  const pending: KubeObject = { ...claim(), status: { phase: 'Pending' } };

  it('the size of a bound claim can grow, not shrink below its capacity; a pending claim is immutable', () => {
    const size = scalar('PersistentVolumeClaim', 'pvc.storage');
    expect(size.immutable?.(claim(), bound())).toBeUndefined();
    expect(size.immutable?.(claim(), pending)).toBe(PVC_SPEC_IMMUTABLE);
    expect(size.validate?.('2Gi', claim(), bound())).toBeUndefined();
    expect(size.validate?.('512Mi', claim(), bound())).toBe(
      'spec.resources.requests.storage: Forbidden: field can not be less than status.capacity',
    );
    expect(size.validate?.('0', claim(), bound())).toBe(
      'spec.resources[storage]: Invalid value: "0": must be greater than zero',
    );
    // RecoverVolumeExpansionFailure (validation_test.go's valid-expand-shrink-resize-enabled and
    // invalid-expand-shrink-to-status-resize-enabled): a request above the capacity may come down, not to it.
    const growing = claim({ resources: { requests: { storage: '15Gi' } } });
    expect(size.validate?.('12Gi', growing, bound('10Gi'))).toBeUndefined();
    expect(size.validate?.('10Gi', growing, bound('10Gi'))).toBe(
      'spec.resources.requests.storage: Forbidden: field can not be less than status.capacity',
    );
    const next = size.set(claim(), '5Gi');
    expect((next.spec as { resources: unknown }).resources).toEqual({ requests: { storage: '5Gi' } });
  });

  it('the class is read-only once the claim has one (a bound claim), and may be given to one that has none', () => {
    const cls = scalar('PersistentVolumeClaim', 'pvc.storageClassName');
    expect(cls.immutable?.(claim(), bound())).toBe(PVC_SPEC_IMMUTABLE);
    expect(cls.immutable?.(claim(), pending)).toBeUndefined();
    expect((cls.set(claim(), 'fast').spec as { storageClassName: string }).storageClassName).toBe('fast');
  });

  it('access modes and volume mode are immutable after creation, and bad modes are named', () => {
    expect(scalar('PersistentVolumeClaim', 'pvc.accessModes').immutable?.(claim(), pending)).toBe(
      PVC_SPEC_IMMUTABLE,
    );
    expect(scalar('PersistentVolumeClaim', 'pvc.volumeMode').immutable?.(claim(), pending)).toBe(
      PVC_SPEC_IMMUTABLE,
    );
    expect(scalar('PersistentVolumeClaim', 'pvc.accessModes').get(claim())).toBe('ReadWriteOnce');
    expect(scalar('PersistentVolumeClaim', 'pvc.accessModes').validate?.('ReadWriteSome', claim())).toBe(
      'spec.accessModes: Unsupported value: "ReadWriteSome": supported values: "ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"',
    );
  });
});

describe('ConfigMap form', () => {
  const cm: KubeObject = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'config', namespace: 'default' },
    data: { LOG_LEVEL: 'info' },
  } as KubeObject;
  it('edits data as key/value rows', () => {
    const data = list('ConfigMap', 'configData');
    expect(data.get(cm)).toEqual([{ key: 'LOG_LEVEL', value: 'info' }]);
    const next = data.set(cm, [
      { key: 'LOG_LEVEL', value: 'debug' },
      { key: 'config.yaml', value: 'a: 1' },
    ]);
    expect((next as unknown as { data: unknown }).data).toEqual({
      LOG_LEVEL: 'debug',
      'config.yaml': 'a: 1',
    });
  });
  it('refuses invalid and duplicate keys in the API server words, and locks an immutable ConfigMap', () => {
    const data = list('ConfigMap', 'configData');
    expect(data.validateRow?.({ key: 'bad key', value: '' })).toBe(
      "data[bad key]: Invalid value: \"bad key\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
    );
    expect(
      data.validate?.(
        [
          { key: 'A', value: '1' },
          { key: 'A', value: '2' },
        ],
        cm,
      ),
    ).toBe('data[A]: Duplicate value: "A"');
    expect(data.immutable?.({ ...cm, immutable: true } as KubeObject, undefined)).toBe(
      'data: Forbidden: field is immutable when `immutable` is set',
    );
  });
});

describe('NodeGroup form', () => {
  const group: KubeObject = {
    apiVersion: 'kubecanvas.dev/v1alpha1',
    kind: 'NodeGroup',
    metadata: { name: 'pool' },
    spec: {
      minSize: 1,
      maxSize: 5,
      template: { capacity: { cpu: '2', memory: '4Gi', pods: '110' }, zone: 'zone-a' },
    },
  };
  it('edits the bounds and the node shape', () => {
    const max = scalar('NodeGroup', 'nodeGroup.maxSize');
    expect((max.set(group, '8').spec as { maxSize: number }).maxSize).toBe(8);
    expect(max.validate?.('0', group)).toBe('spec.maxSize: must be greater than or equal to minSize (1)');
    const cpu = scalar('NodeGroup', 'nodeGroup.capacity.cpu');
    const next = cpu.set(group, '4');
    expect((next.spec as { template: unknown }).template).toEqual({
      capacity: { cpu: '4', memory: '4Gi', pods: '110' },
      zone: 'zone-a',
    });
    expect(cpu.validate?.('4 cores', group)).toMatch(/^quantities must match/);
    const labels = scalar('NodeGroup', 'nodeGroup.labels');
    expect(
      (labels.set(group, 'pool=workers').spec as { template: { labels: unknown } }).template.labels,
    ).toEqual({
      pool: 'workers',
    });
  });
});

describe('Service labels, and read-only fields of workloads', () => {
  it('a Service has a labels field and refuses a bad key', () => {
    const svc: KubeObject = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'default' },
    };
    const labels = scalar('Service', 'labels');
    expect(labels.set(svc, 'app=web').metadata.labels).toEqual({ app: 'web' });
    expect(labels.validate?.('-x=y', svc)).toMatch(
      /^metadata\.labels: Invalid value: "-x": name part must consist/,
    );
  });
  it('a Deployment selector is immutable; a StatefulSet shows its claim templates read-only', () => {
    const d = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' } } as KubeObject;
    expect(scalar('Deployment', 'selector').immutable?.(d, d)).toBe('spec.selector: field is immutable');
    const sts = {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db' },
      spec: {
        volumeClaimTemplates: [
          {
            metadata: { name: 'data' },
            spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } },
          },
        ],
      },
    } as KubeObject;
    const vct = list('StatefulSet', 'volumeClaimTemplates');
    expect(vct.get(sts)).toEqual([
      { name: 'data', size: '10Gi', storageClassName: '', accessModes: 'ReadWriteOnce' },
    ]);
    expect(vct.immutable?.(sts, sts)).toBe(STATEFULSET_FORBIDDEN);
    expect(scalar('StatefulSet', 'selector').immutable?.(sts, sts)).toBe(STATEFULSET_FORBIDDEN);
  });
});
