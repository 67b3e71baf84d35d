/** Manifest text for the import benchmarks (Node and browser): realistic Deployments, Services, ConfigMaps. */
/** A Deployment of realistic size (about 1.5 kB of YAML): probes, resources, env, labels. */
export function deployment(i: number): string {
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

/** A manifest of `count` objects: 10 Namespaces, then Deployment, Service and ConfigMap triples. */
export function ioBenchText(count: number): string {
  const objects: string[] = Array.from(
    { length: 10 },
    (_, i) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-${i}\n`,
  );
  for (let i = 0; objects.length < count; i++) objects.push(deployment(i), service(i), configMap(i));
  return objects.slice(0, count).join('---\n');
}

/** The 3 MB file of issue #10: 10 Namespaces and 2,000 Deployments (about 3 MB of YAML). */
export function bigDeploymentsText(): string {
  const namespaces = Array.from(
    { length: 10 },
    (_, i) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-${i}\n`,
  );
  return [...namespaces, ...Array.from({ length: 2000 }, (_, i) => deployment(i))].join('---\n');
}
