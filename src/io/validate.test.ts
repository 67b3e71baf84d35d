import { isQuantityAt, pathOf } from './validate';
import { isQuantityPath } from './rules';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../engine';
import { applyOrder } from './applyOrder';
import { format } from './issues';
import { importManifests } from './import';
import { parseManifests } from './parse';
import { loadSchema, type Schema } from './schema';
import { validateObjects } from './validate';

let schema: Schema;
beforeAll(async () => {
  schema = await loadSchema();
});

function messages(text: string, file = 'deployment.yaml'): string[] {
  const parsed = parseManifests(text, file);
  return [...parsed.issues, ...validateObjects(parsed.objects, schema)].map(format);
}

const nginx = (spec: string, labels = 'app: nginx'): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-deployment
spec:
${spec}
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        ${labels}
    spec:
      containers:
      - name: nginx
        image: nginx:1.14.2
`;

describe('validation against the Kubernetes schema', () => {
  it.each([
    [
      'an unknown field, with a suggestion',
      nginx('  replica: 3'),
      'deployment.yaml:6:3 Deployment nginx-deployment: unknown field "spec.replica" (did you mean "replicas"?)',
    ],
    [
      'a wrong type',
      nginx('  replicas: three'),
      'deployment.yaml:6:3 Deployment nginx-deployment: wrong type at "spec.replicas": expected an integer, got a string ("three")',
    ],
    [
      'a selector that does not match the template labels',
      nginx('  replicas: 1', 'app: web'),
      'deployment.yaml:12:7 Deployment nginx-deployment: "spec.template.metadata.labels": `selector` does not match template `labels`',
    ],
    [
      'an invalid label value',
      nginx('  replicas: 1', 'app: nginx\n        bad: -x-'),
      expect.stringMatching(
        /^deployment.yaml:14:9 Deployment nginx-deployment: invalid label value "-x-": a valid label must be an empty string/,
      ),
    ],
    [
      'a missing required field',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  replicas: 1\n',
      'deployment.yaml:5:1 Deployment d: missing required field "spec.selector"',
    ],
    [
      'an invalid quantity',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: i\n    resources:\n      limits:\n        memory: 1 GB\n',
      expect.stringMatching(
        /^deployment.yaml:11:9 Pod p: invalid value at "spec.containers\[0\].resources.limits.memory": quantities must match/,
      ),
    ],
    [
      'an invalid name under the DNS rule of its kind',
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: 1web\n',
      expect.stringMatching(/^deployment.yaml:4:3 Service 1web: invalid name "1web": a DNS-1035 label must/),
    ],
    [
      'an invalid container name (a DNS-1123 label)',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: Web_Server\n    image: i\n',
      expect.stringMatching(
        /^deployment.yaml:7:5 Pod p: invalid name "Web_Server": a lowercase RFC 1123 label must/,
      ),
    ],
    [
      'a fraction where an integer is required',
      nginx('  replicas: 1.5'),
      'deployment.yaml:6:3 Deployment nginx-deployment: wrong type at "spec.replicas": expected an integer, got a number (1.5)',
    ],
    [
      'a removed apiVersion, naming the replacement',
      'apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata:\n  name: d\n',
      'deployment.yaml:1:1 Deployment d: apiVersion "extensions/v1beta1" of Deployment was removed in Kubernetes v1.16: use "apps/v1"',
    ],
    [
      'an apiVersion removed after 1.30 (flowcontrol v1beta3, removed in 1.32)',
      'apiVersion: flowcontrol.apiserver.k8s.io/v1beta3\nkind: FlowSchema\nmetadata:\n  name: f\n',
      'deployment.yaml:1:1 FlowSchema f: apiVersion "flowcontrol.apiserver.k8s.io/v1beta3" of FlowSchema was removed in Kubernetes v1.32: use "flowcontrol.apiserver.k8s.io/v1"',
    ],
    [
      'a known kind under a wrong apiVersion',
      'apiVersion: apps/v2\nkind: Deployment\nmetadata:\n  name: d\n',
      'deployment.yaml:1:1 Deployment d: no kind "Deployment" in apiVersion "apps/v2" (use "apps/v1")',
    ],
    [
      'an unknown kind (a warning: kept)',
      'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n',
      'deployment.yaml:2:1 Widget w: warning: unknown kind "Widget" (example.com/v1): not in the Kubernetes 1.36 schema; kept as written, not validated or simulated',
    ],
  ])('reports %s', (_name, text, expected) => {
    expect(messages(text)).toContainEqual(expected);
  });

  it("accepts the simulator's own kinds (a NodeGroup) without a warning", () => {
    expect(
      messages(
        'apiVersion: kubecanvas.dev/v1alpha1\nkind: NodeGroup\nmetadata:\n  name: pool\nspec:\n  maxSize: 3\n',
      ),
    ).toEqual([]);
  });

  it('accepts server-populated fields (uid, resourceVersion, managedFields, status, creationTimestamp)', () => {
    const text =
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  uid: 123\n  resourceVersion: "9"\n  creationTimestamp: "2024-01-01T00:00:00Z"\n  managedFields: []\nstatus:\n  anything: goes\n';
    expect(messages(text.replace('uid: 123', 'uid: "123"'))).toEqual([]);
  });
});

describe('importing', () => {
  it('changes nothing on error: it returns issues and no objects', async () => {
    const r = await importManifests(nginx('  replica: 3'), 'deployment.yaml');
    expect(r.ok).toBe(false);
    expect('objects' in r).toBe(false);
  });

  it('drops server-populated fields from the objects it returns', async () => {
    const r = await importManifests(
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  uid: "1"\n  resourceVersion: "2"\nstatus: {}\n',
      'c.yaml',
    );
    expect(r.ok && r.objects[0]).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } });
  });

  it.each(['nginx-deployment.yaml', 'ingress-nginx-deploy.yaml', 'microservices-demo.yaml'])(
    'accepts the real manifest %s without issues',
    async (f) => {
      const r = await importManifests(readFileSync(join(import.meta.dirname, 'fixtures', f), 'utf8'), f);
      expect(r.ok ? r.warnings.map(format) : r.issues.map(format)).toEqual([]);
    },
  );
});

describe('the fast path of a valid import', () => {
  it.each(['nginx-deployment.yaml', 'ingress-nginx-deploy.yaml', 'microservices-demo.yaml'])(
    'gives the same objects as the positioned parser for %s',
    async (f) => {
      const text = readFileSync(join(import.meta.dirname, 'fixtures', f), 'utf8');
      const r = await importManifests(text, f);
      expect(r.ok && r.objects).toEqual(
        applyOrder(parseManifests(text, f).objects.map((p) => p.object as KubeObject)),
      );
    },
  );

  it('falls back to the positioned parser for an alias bomb, which refuses it', async () => {
    const lines = ['a: &a [x,x,x,x,x,x,x,x,x,x]'];
    for (let i = 1; i < 9; i++)
      lines.push(
        `l${i}: &l${i} [${Array(10)
          .fill(i === 1 ? '*a' : `*l${i - 1}`)
          .join(',')}]`,
      );
    const r = await importManifests(lines.join('\n'), 'bomb.yaml');
    expect(!r.ok && r.issues[0]?.message).toMatch(/alias bomb/);
  });
});

describe('importing into a design', () => {
  const text =
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: shop\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n';

  it('returns objects in apply order, so a Namespace later in the file comes first', async () => {
    const r = await importManifests(text, 'shop.yaml', { namespaces: new Set(['default']) });
    expect(r.ok && r.objects.map((o) => o.kind)).toEqual(['Namespace', 'ConfigMap']);
  });

  it('names an object whose namespace neither exists nor is in the file', async () => {
    const r = await importManifests(text.split('---')[0]!, 'shop.yaml', { namespaces: new Set(['default']) });
    expect(!r.ok && r.issues.map(format)).toEqual(['shop.yaml:5:3 ConfigMap c: namespaces "shop" not found']);
  });
});

describe('quantity fields found without writing the path out', () => {
  it('answers as isQuantityPath on the written path, for every path of a vocabulary of awkward segments', () => {
    const words = ['requests', 'limits', 'hard', 'capacity', 'allocatable', 'sizeLimit', 'cpu', 'spec'];
    const awkward = [
      'a.requests',
      'requests.cpu',
      'x[0]',
      'limits]',
      '',
      'nvidia.com/gpu',
      'xsizeLimit',
      'a.sizeLimit',
    ];
    const segments: (string | number)[] = [...words, ...awkward, 0, 3];
    let checked = 0;
    for (const a of segments)
      for (const b of segments)
        for (const c of segments) {
          for (const path of [pathOf(c), pathOf(b, c), pathOf(a, b, c)]) {
            expect(isQuantityAt(path), path?.toString()).toBe(isQuantityPath(path?.toString() ?? ''));
            checked++;
          }
        }
    expect(checked).toBeGreaterThan(10_000);
    expect(isQuantityAt(pathOf('spec', 'containers', 0, 'resources', 'limits', 'cpu'))).toBe(true);
  });
});

/** A Deployment whose pod template has these extra lines in its spec and its one container. */
const web = (podSpec: string, container = ''): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
${podSpec}      containers:
      - name: web
        image: nginx:1.27
${container}`;

const resources = (requests: string, limits: string): string =>
  `        resources:\n          requests:\n${requests}          limits:\n${limits}`;

describe('what the API server refuses beyond the schema', () => {
  it.each([
    // pkg/apis/core/validation/validation_test.go TestValidateResourceRequirements: request > limit.
    [
      'a CPU request above its limit',
      web('', resources('            cpu: "2"\n', '            cpu: "1"\n')),
      'deployment.yaml:19:13 Deployment web: spec.template.spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1',
    ],
    [
      'a memory request above its limit, in canonical units',
      web('', resources('            memory: 2048Mi\n', '            memory: 1Gi\n')),
      'deployment.yaml:19:13 Deployment web: spec.template.spec.containers[0].resources.requests: Invalid value: "2Gi": must be less than or equal to memory limit of 1Gi',
    ],
    [
      'an extended resource whose request is not its limit',
      web('', resources('            nvidia.com/gpu: "1"\n', '            nvidia.com/gpu: "2"\n')),
      'deployment.yaml:19:13 Deployment web: spec.template.spec.containers[0].resources.requests: Invalid value: "1": must be equal to nvidia.com/gpu limit of 2',
    ],
    [
      'an extended resource requested without a limit',
      web('', '        resources:\n          requests:\n            nvidia.com/gpu: "1"\n'),
      'deployment.yaml:19:13 Deployment web: spec.template.spec.containers[0].resources.limits: Required value: Limit must be set for non overcommitable resources',
    ],
    // pkg/apis/apps/validation/validation_test.go: "invalid restart policy" of a Deployment's template.
    [
      'a Deployment whose pods do not restart',
      web('      restartPolicy: Never\n'),
      'deployment.yaml:14:7 Deployment web: spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    ],
    [
      'a misspelt pull policy, with the right spelling',
      web('', '        imagePullPolicy: always\n'),
      'deployment.yaml:17:9 Deployment web: unsupported value "always" at "spec.template.spec.containers[0].imagePullPolicy": supported values: "Always", "IfNotPresent", "Never" (did you mean "Always"?)',
    ],
    // pkg/apis/batch/validation/validation_test.go TestValidateJob: restartPolicy Always (the default).
    [
      'a Job whose pods restart Always',
      'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\nspec:\n  template:\n    spec:\n      containers:\n      - name: c\n        image: busybox\n',
      'deployment.yaml:7:5 Job j: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
    ],
    // The JSON decoder's []byte: encoding/base64 CorruptInputError, wrapped as the API server does.
    [
      'a Secret value that is not base64',
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  ok: cGFzc3dvcmQ=\n  password: hunter2\n',
      'deployment.yaml:7:3 Secret s: Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 4',
    ],
    [
      'a ConfigMap binaryData value that is not base64',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\nbinaryData:\n  blob: "AA=A"\n',
      'deployment.yaml:6:3 ConfigMap c: ConfigMap in version "v1" cannot be handled as a ConfigMap: illegal base64 data at input byte 2',
    ],
  ])('reports %s', (_name, text, expected) => {
    expect(messages(text)).toEqual([expected]);
  });

  it.each([
    ['requests equal to limits', web('', resources('            cpu: 1000m\n', '            cpu: "1"\n'))],
    ['requests below limits', web('', resources('            memory: 512Mi\n', '            memory: 1Gi\n'))],
    ['a limit without a request', web('', '        resources:\n          limits:\n            cpu: "1"\n')],
    ['restartPolicy Always written out', web('      restartPolicy: Always\n')],
    [
      'a Job that restarts OnFailure',
      'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\nspec:\n  template:\n    spec:\n      restartPolicy: OnFailure\n      containers:\n      - name: c\n        image: busybox\n',
    ],
    [
      'a Secret of base64 and stringData',
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  a: YWJj\nstringData:\n  b: not base64!\n',
    ],
  ])('accepts %s', (_name, text) => {
    expect(messages(text)).toEqual([]);
  });
});
