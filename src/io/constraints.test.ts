/**
 * Enum and range checks. Cases and messages from upstream's tests and validation:
 * pkg/apis/core/validation/validation_test.go (TestValidateContainers' "invalid image pull policy",
 * TestValidateContainerPorts, TestValidateServiceCreate's nodePort and type cases),
 * pkg/apis/apps/validation/validation_test.go (negative replicas), and
 * pkg/apis/autoscaling/validation/validation_test.go (TestValidateHorizontalPodAutoscaler).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ENUMS, RANGES } from './constraints';
import { format } from './issues';
import { parseManifests } from './parse';
import { loadSchema, type Schema } from './schema';
import { validateObjects } from './validate';

let schema: Schema;
beforeAll(async () => {
  schema = await loadSchema();
});

function messages(text: string, file = 'app.yaml'): string[] {
  const parsed = parseManifests(text, file);
  return [...parsed.issues, ...validateObjects(parsed.objects, schema)].map(format);
}

const deployment = (container: string, spec = '  replicas: 1'): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
${spec}
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx
${container}`;

const service = (spec: string): string => `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
${spec}`;

describe('enum values (the OpenAPI spec enums the API server enforces)', () => {
  it.each([
    [
      'an image pull policy that does not exist',
      deployment('        imagePullPolicy: Sometimes\n'),
      'app.yaml:18:9 Deployment web: unsupported value "Sometimes" at "spec.template.spec.containers[0].imagePullPolicy": supported values: "Always", "IfNotPresent", "Never"',
    ],
    [
      'a pod restart policy',
      deployment('      restartPolicy: Sometimes\n'),
      'app.yaml:18:7 Deployment web: unsupported value "Sometimes" at "spec.template.spec.restartPolicy": supported values: "Always", "Never", "OnFailure"',
    ],
    [
      'a container port protocol in lower case',
      deployment('        ports:\n        - containerPort: 80\n          protocol: tcp\n'),
      'app.yaml:20:11 Deployment web: unsupported value "tcp" at "spec.template.spec.containers[0].ports[0].protocol": supported values: "SCTP", "TCP", "UDP" (did you mean "TCP"?)',
    ],
    [
      'a Service type',
      service('  type: Nodeport\n  ports:\n  - port: 80\n'),
      'app.yaml:8:3 Service web: unsupported value "Nodeport" at "spec.type": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort" (did you mean "NodePort"?)',
    ],
    [
      'a Service port protocol',
      service('  ports:\n  - port: 53\n    protocol: ICMP\n'),
      'app.yaml:10:5 Service web: unsupported value "ICMP" at "spec.ports[0].protocol": supported values: "SCTP", "TCP", "UDP"',
    ],
    [
      'an access mode of a claim (a list of enum values)',
      'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  accessModes:\n  - ReadWriteOnce\n  - ReadWriteAll\n  resources:\n    requests:\n      storage: 1Gi\n',
      'app.yaml:8:5 PersistentVolumeClaim data: unsupported value "ReadWriteAll" at "spec.accessModes[1]": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"',
    ],
    [
      'a deployment strategy',
      deployment('', '  strategy:\n    type: BlueGreen'),
      'app.yaml:7:5 Deployment web: unsupported value "BlueGreen" at "spec.strategy.type": supported values: "Recreate", "RollingUpdate"',
    ],
    [
      'an Ingress path type',
      'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  rules:\n  - http:\n      paths:\n      - path: /\n        pathType: prefix\n        backend:\n          service:\n            name: web\n            port:\n              number: 80\n',
      'app.yaml:10:9 Ingress web: unsupported value "prefix" at "spec.rules[0].http.paths[0].pathType": supported values: "Exact", "ImplementationSpecific", "Prefix" (did you mean "Prefix"?)',
    ],
  ])('reports %s', (_name, text, expected) => {
    expect(messages(text)).toContain(expected);
  });
});

describe('ranges (the API server validation kubectl users hit)', () => {
  it.each([
    [
      'a container port above 65535',
      deployment('        ports:\n        - containerPort: 70000\n'),
      'app.yaml:19:11 Deployment web: invalid value 70000 at "spec.template.spec.containers[0].ports[0].containerPort": must be between 1 and 65535, inclusive',
    ],
    [
      'a negative host port',
      deployment('        ports:\n        - containerPort: 80\n          hostPort: -1\n'),
      'app.yaml:20:11 Deployment web: invalid value -1 at "spec.template.spec.containers[0].ports[0].hostPort": must be between 1 and 65535, inclusive',
    ],
    [
      'negative replicas',
      deployment('', '  replicas: -1'),
      'app.yaml:6:3 Deployment web: invalid value -1 at "spec.replicas": must be greater than or equal to 0',
    ],
    [
      'a Service port of 0',
      service('  ports:\n  - port: 0\n'),
      'app.yaml:9:5 Service web: invalid value 0 at "spec.ports[0].port": must be between 1 and 65535, inclusive',
    ],
    [
      'a numeric target port out of range',
      service('  ports:\n  - port: 80\n    targetPort: 65536\n'),
      'app.yaml:10:5 Service web: invalid value 65536 at "spec.ports[0].targetPort": must be between 1 and 65535, inclusive',
    ],
    [
      "a node port outside the API server's default range",
      service('  type: NodePort\n  ports:\n  - port: 80\n    nodePort: 8080\n'),
      'app.yaml:11:5 Service web: invalid value 8080 at "spec.ports[0].nodePort": provided port is not in the valid range. The range of valid ports is 30000-32767',
    ],
    [
      'a probe port out of range',
      deployment('        readinessProbe:\n          httpGet:\n            port: 0\n'),
      'app.yaml:20:13 Deployment web: invalid value 0 at "spec.template.spec.containers[0].readinessProbe.httpGet.port": must be between 1 and 65535, inclusive',
    ],
    [
      'a negative probe period',
      deployment(
        '        livenessProbe:\n          periodSeconds: -5\n          tcpSocket:\n            port: 80\n',
      ),
      'app.yaml:19:11 Deployment web: invalid value -5 at "spec.template.spec.containers[0].livenessProbe.periodSeconds": must be greater than or equal to 0',
    ],
    [
      'an HPA whose maximum is below its minimum',
      'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: web\n  minReplicas: 7\n  maxReplicas: 5\n',
      'app.yaml:11:3 HorizontalPodAutoscaler web: invalid value 5 at "spec.maxReplicas": must be greater than or equal to `minReplicas`',
    ],
    [
      'an HPA with minReplicas 0',
      'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: web\n  minReplicas: 0\n  maxReplicas: 5\n',
      'app.yaml:10:3 HorizontalPodAutoscaler web: invalid value 0 at "spec.minReplicas": must be greater than or equal to 1',
    ],
  ])('reports %s', (_name, text, expected) => {
    expect(messages(text)).toContain(expected);
  });

  it('accepts the edges of each range: port 1 and 65535, replicas 0, a named target port, node port 30000', () => {
    expect(
      messages(
        deployment(
          '        ports:\n        - containerPort: 65535\n        - containerPort: 1\n',
          '  replicas: 0',
        ),
      ),
    ).toEqual([]);
    expect(
      messages(
        service('  type: NodePort\n  ports:\n  - port: 80\n    targetPort: http\n    nodePort: 30000\n'),
      ),
    ).toEqual([]);
  });
});

describe('the constraint tables', () => {
  it('name only types and fields the schema has', () => {
    for (const key of [...Object.keys(ENUMS), ...Object.keys(RANGES)]) {
      const [type, field] = key.split('.') as [string, string];
      expect(schema.types[type]?.p[field], key).toBeDefined();
    }
  });
});

describe('kinds newer than kubernetes-types (the schema is Kubernetes 1.36)', () => {
  it.each([
    ['resource.k8s.io/v1', 'DeviceClass', 'spec:\n  selectors:\n  - cel:\n      expression: "true"\n'],
    [
      'storage.k8s.io/v1',
      'VolumeAttributesClass',
      'driverName: ebs.csi.aws.com\nparameters:\n  iops: "3000"\n',
    ],
    ['networking.k8s.io/v1', 'ServiceCIDR', 'spec:\n  cidrs:\n  - 10.96.0.0/16\n'],
    [
      'coordination.k8s.io/v1beta1',
      'LeaseCandidate',
      'spec:\n  leaseName: l\n  binaryVersion: "1.34"\n  strategy: OldestEmulationVersion\n',
    ],
  ])('validates %s %s instead of warning it is unknown', (apiVersion, kind, rest) => {
    const text = `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: x\n${rest}`;
    expect(messages(text)).toEqual([]);
    expect(messages(`${text}bogus: 1\n`)).toEqual([
      expect.stringContaining(`${kind} x: unknown field "bogus"`),
    ]);
  });
});
