import { describe, expect, it } from 'vitest';
import { BEHAVIOR_ANNOTATION, type KubeObject } from '../../engine';
import type { Field, ListField, Row, ScalarField } from './fields';
import { sectionsFor } from './sections';

function web(): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          containers: [
            {
              name: 'web',
              image: 'web:1.0',
              ports: [{ containerPort: 8080 }],
              resources: { requests: { cpu: '250m' }, limits: { cpu: '500m' } },
            },
          ],
        },
      },
    },
  };
}

const node: KubeObject = {
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: 'node-1' },
  status: {
    capacity: { cpu: '2', memory: '4Gi', pods: '110' },
    allocatable: { cpu: '2', memory: '4Gi', pods: '110' },
  },
};

const service: KubeObject = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    type: 'NodePort',
    selector: { app: 'web' },
    ports: [{ port: 80, targetPort: 8080, nodePort: 30080 }],
  },
};

function field(kind: string, id: string): Field {
  const f = sectionsFor(kind)
    .flatMap((s) => s.fields)
    .find((x) => x.id === id);
  if (!f) throw new Error(`no field ${id} for ${kind}`);
  return f;
}
const scalar = (kind: string, id: string) => field(kind, id) as ScalarField;
const list = (kind: string, id: string) => field(kind, id) as ListField;

const template = (o: KubeObject) =>
  (o.spec as { template: { metadata: object; spec: Record<string, unknown> & { containers: object[] } } })
    .template;

describe('scalar fields write the object people expect', () => {
  it.each<[string, KubeObject, string, string, (o: KubeObject) => unknown, unknown]>([
    [
      'Replicas sets spec.replicas',
      web(),
      'replicas',
      '5',
      (o) => (o.spec as { replicas: number }).replicas,
      5,
    ],
    [
      'Image changes the container image',
      web(),
      'image',
      'web:2.0',
      (o) => template(o).spec.containers[0],
      {
        name: 'web',
        image: 'web:2.0',
        ports: [{ containerPort: 8080 }],
        resources: { requests: { cpu: '250m' }, limits: { cpu: '500m' } },
      },
    ],
    [
      'Clearing the CPU limit removes it and the empty limits map',
      web(),
      'limits.cpu',
      '',
      (o) => (template(o).spec.containers[0] as { resources: object }).resources,
      { requests: { cpu: '250m' } },
    ],
    [
      'A readiness probe of type httpGet uses the first container port',
      web(),
      'readinessProbe.type',
      'httpGet',
      (o) => (template(o).spec.containers[0] as { readinessProbe: object }).readinessProbe,
      { httpGet: { path: '/', port: 8080 } },
    ],
    [
      'Recreate drops rollingUpdate',
      {
        ...web(),
        spec: {
          ...(web().spec as object),
          strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } },
        },
      },
      'strategy.type',
      'Recreate',
      (o) => (o.spec as { strategy: object }).strategy,
      { type: 'Recreate' },
    ],
    [
      'Max surge takes a percentage',
      web(),
      'rollingUpdate.maxSurge',
      '50%',
      (o) => (o.spec as { strategy: object }).strategy,
      { rollingUpdate: { maxSurge: '50%' } },
    ],
    [
      'A behaviour change writes only the difference from the defaults',
      web(),
      'behavior.startupSeconds',
      '20',
      (o) =>
        (template(o).metadata as { annotations: Record<string, string> }).annotations[BEHAVIOR_ANNOTATION],
      '{"startupSeconds":20}',
    ],
    [
      'Unchecking healthy writes healthy false',
      web(),
      'behavior.healthy',
      'false',
      (o) =>
        (template(o).metadata as { annotations: Record<string, string> }).annotations[BEHAVIOR_ANNOTATION],
      '{"healthy":false}',
    ],
    [
      'Node CPU writes capacity and allocatable',
      node,
      'capacity.cpu',
      '8',
      (o) => o.status,
      {
        capacity: { cpu: '8', memory: '4Gi', pods: '110' },
        allocatable: { cpu: '8', memory: '4Gi', pods: '110' },
      },
    ],
    [
      'Zone writes the well-known zone label',
      node,
      'zone',
      'zone-a',
      (o) => o.metadata.labels,
      { 'topology.kubernetes.io/zone': 'zone-a' },
    ],
    ['Cordon sets spec.unschedulable', node, 'unschedulable', 'true', (o) => o.spec, { unschedulable: true }],
    [
      'A ClusterIP Service drops its node ports',
      service,
      'serviceType',
      'ClusterIP',
      (o) => o.spec,
      {
        selector: { app: 'web' },
        ports: [{ port: 80, targetPort: 8080 }],
      },
    ],
  ])('%s', (_name, o, id, value, read, want) => {
    const before = JSON.stringify(o);
    const kind = o.kind;
    expect(read(scalar(kind, id).set(o, value))).toEqual(want);
    expect(JSON.stringify(o)).toBe(before);
  });

  it('an unchanged behaviour drops the annotation altogether', () => {
    const f = scalar('Deployment', 'behavior.startupSeconds');
    const changed = f.set(web(), '20');
    const back = f.set(changed, '2');
    expect(template(back).metadata).toEqual({ labels: { app: 'web' } });
  });
});

describe('scalar fields refuse bad values with clear messages', () => {
  it.each<[string, string, string, string | undefined]>([
    [
      'A quantity with a space is refused as upstream refuses it',
      'requests.memory',
      '256 Mi',
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    ],
    [
      'A request above its limit is refused',
      'requests.cpu',
      '1',
      'must be less than or equal to cpu limit of 500m',
    ],
    [
      'A limit below its request is refused',
      'limits.cpu',
      '100m',
      'must be greater than or equal to cpu request of 250m',
    ],
    ['A valid memory request passes', 'requests.memory', '256Mi', undefined],
    ['Negative replicas are refused', 'replicas', '-1', 'must be greater than or equal to 0'],
    [
      'A selector that does not match the pod labels is refused',
      'selector',
      'app=api',
      '`selector` does not match template `labels`',
    ],
    [
      'A bad label key is refused',
      'labels',
      'a b=c',
      `metadata.labels: Invalid value: "a b": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
    ],
    [
      'A bad label value is refused in the API server words',
      'labels',
      'app=-web',
      `metadata.labels: Invalid value: "-web": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
    ],
    [
      'Pod labels the selector no longer matches are refused as ValidateDeploymentSpec refuses them',
      'podLabels',
      'app=cache',
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"cache"}: `selector` does not match template `labels`',
    ],
    ['Pod labels the selector still matches pass', 'podLabels', 'app=web,tier=front', undefined],
    [
      'A percent above 100 is refused',
      'rollingUpdate.maxUnavailable',
      '150%',
      'must not be greater than 100%',
    ],
    [
      'A probe period of zero is refused',
      'readinessProbe.periodSeconds',
      '0',
      'must be greater than or equal to 1',
    ],
    ['A liveness success threshold must be 1', 'livenessProbe.successThreshold', '2', 'must be 1'],
  ])('%s', (_name, id, value, message) => {
    expect(scalar('Deployment', id).validate?.(value, web())).toBe(message);
  });
});

describe('list fields map rows to the API shape and back', () => {
  it.each<[string, string, Row[], (o: KubeObject) => unknown, unknown]>([
    [
      'A required node affinity row becomes a node selector term',
      'nodeAffinity',
      [{ mode: 'required', weight: '', match: 'topology.kubernetes.io/zone in (a,b)' }],
      (o) => template(o).spec['affinity'],
      {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              {
                matchExpressions: [
                  { key: 'topology.kubernetes.io/zone', operator: 'In', values: ['a', 'b'] },
                ],
              },
            ],
          },
        },
      },
    ],
    [
      'A preferred anti-affinity row becomes a weighted pod affinity term',
      'podAffinity',
      [
        {
          type: 'anti-affinity',
          mode: 'preferred',
          weight: '100',
          topologyKey: 'kubernetes.io/hostname',
          selector: 'app=web',
        },
      ],
      (o) => template(o).spec['affinity'],
      {
        podAntiAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            {
              weight: 100,
              podAffinityTerm: {
                topologyKey: 'kubernetes.io/hostname',
                labelSelector: { matchLabels: { app: 'web' } },
              },
            },
          ],
        },
      },
    ],
    [
      'A spread row becomes a topology spread constraint',
      'topologySpread',
      [
        {
          maxSkew: '1',
          topologyKey: 'topology.kubernetes.io/zone',
          whenUnsatisfiable: 'DoNotSchedule',
          selector: 'app=web',
        },
      ],
      (o) => template(o).spec['topologySpreadConstraints'],
      [
        {
          maxSkew: 1,
          topologyKey: 'topology.kubernetes.io/zone',
          whenUnsatisfiable: 'DoNotSchedule',
          labelSelector: { matchLabels: { app: 'web' } },
        },
      ],
    ],
    [
      'An Exists toleration of NoExecute keeps its seconds',
      'tolerations',
      [
        {
          key: 'node.kubernetes.io/unreachable',
          operator: 'Exists',
          value: '',
          effect: 'NoExecute',
          seconds: '30',
        },
      ],
      (o) => template(o).spec['tolerations'],
      [
        {
          key: 'node.kubernetes.io/unreachable',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 30,
        },
      ],
    ],
  ])('%s, and reads back the same rows', (_name, id, rows, read, want) => {
    const f = list('Deployment', id);
    const next = f.set(web(), rows);
    expect(read(next)).toEqual(want);
    expect(f.get(next)).toEqual(rows);
  });

  it.each<[string, string, Row, string | undefined]>([
    [
      'A toleration with a value and Exists is refused',
      'tolerations',
      { key: 'k', operator: 'Exists', value: 'v', effect: '', seconds: '' },
      "value must be empty when `operator` is 'Exists'",
    ],
    [
      'Toleration seconds need NoExecute',
      'tolerations',
      { key: 'k', operator: 'Equal', value: 'v', effect: 'NoSchedule', seconds: '30' },
      "effect must be 'NoExecute' when `tolerationSeconds` is set",
    ],
    [
      'A preferred term needs a weight from 1 to 100',
      'nodeAffinity',
      { mode: 'preferred', weight: '0', match: 'disktype=ssd' },
      'weight must be in the range 1-100',
    ],
    [
      'A pod affinity term needs a topology key',
      'podAffinity',
      { type: 'affinity', mode: 'required', weight: '', topologyKey: '', selector: 'app=redis' },
      'topologyKey: Required value: can not be empty',
    ],
  ])('%s', (_name, id, row, message) => {
    expect(list('Deployment', id).validateRow?.(row)).toBe(message);
  });

  it('service ports keep named target ports and refuse node ports out of range', () => {
    const f = list('Service', 'servicePorts');
    expect(f.get(service)).toEqual([
      { name: '', port: '80', targetPort: '8080', protocol: 'TCP', nodePort: '30080' },
    ]);
    expect(
      f.validateRow?.({ name: '', port: '80', targetPort: 'http', protocol: 'TCP', nodePort: '80' }),
    ).toBe('nodePort: provided port is not in the valid range. The range of valid ports is 30000-32767');
  });

  it('node taints round-trip', () => {
    const f = list('Node', 'taints');
    const rows = [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }];
    expect(f.get(f.set(node, rows))).toEqual(rows);
  });
});
