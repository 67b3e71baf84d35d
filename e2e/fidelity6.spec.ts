import { expect, test } from '@playwright/test';
import { app, pasteOnCanvas, watchErrors } from './stories/helpers';

/** ValidatePersistentVolumeClaimUpdate's words (pkg/apis/core/validation/validation.go). */
const SPEC_IMMUTABLE =
  'spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims';

const NODE = `apiVersion: v1
kind: Node
metadata:
  name: node-1
  labels:
    topology.kubernetes.io/zone: eu-west-1a
status:
  capacity:
    cpu: "4"
    memory: 16Gi
    pods: "110"
`;

/**
 * A claim whose class waits for a first consumer stays Pending; its size cannot change until it is bound,
 * and the inspector says so in the API server's words.
 */
test('an unbound claim: its size is locked with the API server words for resizing it', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  const a = app(page);
  await page.goto('/?seed=1');
  await a.startEmpty();
  await pasteOnCanvas(
    page,
    `${NODE}---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: late
provisioner: ebs.csi.aws.com
volumeBindingMode: WaitForFirstConsumer
allowVolumeExpansion: true
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: scratch
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: late
  resources:
    requests:
      storage: 10Gi
`,
  );
  await expect(a.nodes).toHaveCount(1, { timeout: 30_000 });
  await expect(async () => {
    const out = await a.kubectl('kubectl get pvc scratch');
    await expect(out).toContainText(/scratch\s+Pending/, { timeout: 1000 });
  }).toPass({ timeout: 30_000 });

  await a.card('PersistentVolumeClaim', 'scratch').first().click();
  await a.inspectorTab('Edit').click();
  const size = a.inspector.getByRole('textbox', { name: 'Size', exact: true });
  await expect(size).toHaveValue('10Gi');
  await expect(size).not.toBeEditable();
  await expect(size).toHaveAccessibleDescription(SPEC_IMMUTABLE);
  await a.inspector.screenshot({ path: testInfo.outputPath('unbound-claim-size.png') });
  // Nothing changed in the cluster.
  await expect(await a.kubectl('kubectl get pvc scratch')).toContainText(/scratch\s+Pending/);
  expect(errors).toEqual([]);
});

/**
 * `kubectl logs deploy/web` typed while the Deployment has no pod waits for one (GetFirstPod's watch, up
 * to --pod-running-timeout); the first pod is read at once, whatever its phase; with no pod in time, the
 * watch's timeout error.
 */
test('kubectl logs of a workload without pods waits for its first pod, in simulated time', async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  const errors = watchErrors(page);
  const a = app(page);
  await page.goto('/?seed=1');
  await a.startEmpty();
  await pasteOnCanvas(
    page,
    `${NODE}---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 0
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx
`,
  );
  await expect(a.nodes).toHaveCount(1, { timeout: 30_000 });
  await expect(a.card('Deployment', 'web').first()).toBeVisible();

  // No pod yet: the line waits, printing nothing.
  const waiting = a.dock.getByRole('status').filter({ hasText: 'Waiting in simulated time' });
  const entry = await a.kubectl('kubectl logs deploy/web');
  const typedAt = await a.simSeconds();
  await expect(waiting).toBeVisible();
  await expect.poll(() => a.simSeconds(), { timeout: 30_000 }).toBeGreaterThan(typedAt + 3);
  await expect(waiting).toBeVisible();
  await expect(entry.locator('pre')).toHaveCount(0);

  // The person scales the Deployment up in the inspector: the first pod ends the wait, read at once,
  // while its image is still being pulled.
  await a.card('Deployment', 'web').first().click();
  await a.inspectorTab('Edit').click();
  const replicas = a.inspector.getByRole('spinbutton', { name: 'Replicas' });
  await replicas.fill('1');
  await replicas.press('Enter');
  await expect(entry).toContainText(
    /Error from server \(BadRequest\): container "web" in pod "web-[a-z0-9]+-[a-z0-9]+" is waiting to start: ContainerCreating/,
    { timeout: 30_000 },
  );
  await expect(waiting).toBeHidden();
  expect(await a.simSeconds()).toBeLessThan(typedAt + 20);
  await a.dock.screenshot({ path: testInfo.outputPath('logs-waited-for-pod.png') });

  // Once it runs, its log.
  await expect(a.readyPods('web-')).toHaveCount(1, { timeout: 60_000 });
  const logs = await a.kubectl('kubectl logs deploy/web');
  await expect(logs).toContainText('Configuration complete; ready for start up');

  // Without a pod for longer than --pod-running-timeout: the watch's timeout, after that much simulated time.
  await a.kubectl('kubectl scale deploy/web --replicas=0');
  await expect(a.podsOf('web')).toHaveCount(0, { timeout: 90_000 });
  const timeout = await a.kubectl('kubectl logs deploy/web --pod-running-timeout=3s');
  const startedAt = await a.simSeconds();
  await expect(waiting).toBeVisible();
  await expect(timeout).toContainText('error: timed out waiting for the condition', { timeout: 30_000 });
  expect(await a.simSeconds()).toBeGreaterThanOrEqual(startedAt + 3 - 0.5);
  await expect(waiting).toBeHidden();
  await a.dock.screenshot({ path: testInfo.outputPath('logs-timed-out.png') });
  expect(errors).toEqual([]);
});
