import { performance } from 'node:perf_hooks';
import { createCluster } from '../src/engine';
import { importManifestsWith, loadSchema } from '../src/io';
import type { Benchmark } from './types';

/** A Deployment of realistic size (about 1.5 kB of YAML): probes, resources, env, labels. */
function deployment(i: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  namespace: team-${i % 10}
  labels:
    app.kubernetes.io/name: app-${i}
    app.kubernetes.io/part-of: shop
  annotations:
    kubecanvas.dev/traffic: "${i % 100}"
    description: Service ${i} of the shop, generated for the import benchmark
spec:
  replicas: ${1 + (i % 5)}
  selector:
    matchLabels:
      app.kubernetes.io/name: app-${i}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: app-${i}
        app.kubernetes.io/part-of: shop
    spec:
      containers:
      - name: server
        image: registry.example.com/shop/app-${i}:v1.${i % 30}.0
        ports:
        - containerPort: 8080
          name: http
        env:
        - name: PORT
          value: "8080"
        - name: SERVICE_NAME
          value: app-${i}
        - name: UPSTREAM_ADDR
          value: app-${(i + 1) % 2000}.team-${(i + 1) % 10}.svc.cluster.local:80
        - name: LOG_FORMAT
          value: json
        - name: CACHE_TTL_SECONDS
          value: "300"
        - name: POD_NAMESPACE
          valueFrom:
            fieldRef:
              fieldPath: metadata.namespace
        resources:
          requests:
            cpu: 100m
            memory: 64Mi
          limits:
            cpu: 200m
            memory: 128Mi
        readinessProbe:
          httpGet:
            path: /healthz
            port: 8080
          periodSeconds: 5
        livenessProbe:
          httpGet:
            path: /healthz
            port: 8080
          initialDelaySeconds: 10
          periodSeconds: 10
`;
}

function service(i: number): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: app-${i}
  namespace: team-${i % 10}
spec:
  selector:
    app.kubernetes.io/name: app-${i}
  ports:
  - name: http
    port: 80
    targetPort: 8080
`;
}

function configMap(i: number): string {
  return `apiVersion: v1
kind: ConfigMap
metadata:
  name: app-${i}-config
  namespace: team-${i % 10}
data:
  LOG_LEVEL: info
  FEATURE_X: "true"
`;
}

/** Parses, validates and applies manifest text to a fresh cluster; returns the milliseconds taken. */
async function load(text: string): Promise<number> {
  const schema = await loadSchema();
  const t0 = performance.now();
  const r = importManifestsWith(text, 'bench.yaml', schema);
  if (!r.ok) throw new Error(`bench manifest is invalid: ${r.issues[0]?.message}`);
  const sim = createCluster({ seed: 1 });
  for (const o of r.objects) sim.apply(o);
  return performance.now() - t0;
}

async function median(runs: number, f: () => Promise<number>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await f());
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)] ?? 0;
}

/** io: parse + validate + load of a 1,000-object manifest, and of a 3 MB file of 2,000 Deployments. */
export const ioBenchmark: Benchmark = {
  name: 'io',
  async run({ quick }, report) {
    const namespaces = Array.from(
      { length: 10 },
      (_, i) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-${i}\n`,
    );
    const objects: string[] = [...namespaces];
    for (let i = 0; objects.length < 1000; i++) objects.push(deployment(i), service(i), configMap(i));
    const thousand = objects.slice(0, 1000).join('---\n');
    await load(thousand); // warm-up: schema load and JIT
    report({
      name: 'io.parse_validate_load_1000_objects_ms',
      value: Math.round(await median(quick ? 1 : 5, () => load(thousand))),
      unit: 'ms',
    });
    const n = quick ? 200 : 2000;
    const big = [...namespaces, ...Array.from({ length: n }, (_, i) => deployment(i))].join('---\n');
    report({ name: `io.file_of_${n}_deployments_bytes`, value: big.length, unit: 'B' });
    report({
      name: `io.load_${quick ? '300kb_200' : '3mb_2000'}_deployments_ms`,
      value: Math.round(await median(quick ? 1 : 3, () => load(big))),
      unit: 'ms',
    });
  },
};
