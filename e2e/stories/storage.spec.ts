import { expect, test } from '@playwright/test';
import { app, pasteOnCanvas, watchErrors } from './helpers';

/**
 * Story 8, as a person does it: paste a design (three nodes in one zone, since a block volume lives in
 * one zone) with one NFS share mounted by every replica of `files`
 * (spread over the three nodes) and one ReadWriteOnce block volume claimed by both replicas of `db` (kept
 * on different nodes). Every files replica runs with the share; one db replica runs, the other waits with
 * the attach/detach controller's Multi-Attach error.
 */
const DESIGN = `apiVersion: v1
kind: Node
metadata:
  name: node-1
  labels: {kubernetes.io/hostname: node-1, topology.kubernetes.io/zone: zone-a}
status:
  capacity: {cpu: "2", memory: 4Gi, pods: "110"}
  allocatable: {cpu: "2", memory: 4Gi, pods: "110"}
---
apiVersion: v1
kind: Node
metadata:
  name: node-2
  labels: {kubernetes.io/hostname: node-2, topology.kubernetes.io/zone: zone-a}
status:
  capacity: {cpu: "2", memory: 4Gi, pods: "110"}
  allocatable: {cpu: "2", memory: 4Gi, pods: "110"}
---
apiVersion: v1
kind: Node
metadata:
  name: node-3
  labels: {kubernetes.io/hostname: node-3, topology.kubernetes.io/zone: zone-a}
status:
  capacity: {cpu: "2", memory: 4Gi, pods: "110"}
  allocatable: {cpu: "2", memory: 4Gi, pods: "110"}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: files
  labels: {app: files}
spec:
  replicas: 3
  selector:
    matchLabels: {app: files}
  template:
    metadata:
      labels: {app: files}
    spec:
      topologySpreadConstraints:
      - maxSkew: 1
        topologyKey: kubernetes.io/hostname
        whenUnsatisfiable: DoNotSchedule
        labelSelector:
          matchLabels: {app: files}
      containers:
      - name: files
        image: shop/web:1.0
        resources:
          requests: {cpu: 100m, memory: 64Mi}
        volumeMounts:
        - {name: uploads, mountPath: /app/uploads}
      volumes:
      - name: uploads
        nfs: {server: nfs.internal, path: /exports/uploads}
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: block
provisioner: ebs.csi.aws.com
volumeBindingMode: Immediate
reclaimPolicy: Delete
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: block
  resources:
    requests: {storage: 10Gi}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: db
  labels: {app: db}
spec:
  replicas: 2
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - topologyKey: kubernetes.io/hostname
            labelSelector:
              matchLabels: {app: db}
      containers:
      - name: db
        image: postgres:16
        resources:
          requests: {cpu: 100m, memory: 128Mi}
        volumeMounts:
        - {name: data, mountPath: /var/lib/postgresql/data}
      volumes:
      - name: data
        persistentVolumeClaim: {claimName: data}
`;

test('story 8: an NFS share mounted by every replica on every node; a ReadWriteOnce volume attaches to one node only', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  const kc = app(page);
  await page.goto('/?seed=8');
  await kc.startEmpty();
  await pasteOnCanvas(page, DESIGN);
  await expect(page.getByRole('status').filter({ hasText: /Imported 7 objects/ })).toBeVisible();
  await expect(kc.nodes).toHaveCount(3);
  await kc.speed('10×');

  // Every files replica runs, one on each node, and mounts the same share.
  await expect(kc.readyPods('files-')).toHaveCount(3, { timeout: 60_000 });
  const nodes = await kc
    .podsOf('files')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-node') ?? ''));
  expect(new Set(nodes)).toEqual(new Set(['node-1', 'node-2', 'node-3']));
  for (const pod of await kc.podsOf('files').all()) {
    const name = (await pod.getAttribute('data-name')) ?? '';
    const d = await kc.kubectl(`kubectl describe pod ${name}`);
    await expect(d).toContainText(/\/app\/uploads from uploads/);
    await expect(d).toContainText(/Type:\s+NFS \(an NFS mount that lasts the lifetime of a pod\)/);
    await expect(d).toContainText(/Server:\s+nfs\.internal/);
    await expect(d).toContainText(/Path:\s+\/exports\/uploads/);
  }

  // The block volume: one db replica runs on its node; the other, on another node, cannot attach it.
  await expect(kc.readyPods('db-')).toHaveCount(1, { timeout: 60_000 });
  const stuck = page.locator('[data-kind="Pod"][data-name^="db-"][data-ready="false"]');
  await expect(stuck).toHaveCount(1);
  await expect(stuck).toHaveAttribute('data-state', /ContainerCreating/);
  const running = page.locator('[data-kind="Pod"][data-name^="db-"][data-ready="true"]');
  expect(await stuck.getAttribute('data-node')).not.toBe(await running.getAttribute('data-node'));
  const stuckName = (await stuck.getAttribute('data-name')) ?? '';
  await expect
    .poll(async () => (await (await kc.kubectl(`kubectl describe pod ${stuckName}`)).textContent()) ?? '', {
      timeout: 30_000,
    })
    .toMatch(
      /Warning\s+FailedAttachVolume\s+.*attachdetach-controller\s+Multi-Attach error for volume "pvc-[^"]+" Volume is already exclusively attached to one node and can't be attached to another/,
    );
  await expect(await kc.kubectl(`kubectl logs ${stuckName}`)).toContainText(
    `Error from server (BadRequest): container "db" in pod "${stuckName}" is waiting to start: ContainerCreating`,
  );
  await expect(await kc.kubectl('kubectl get pvc data')).toContainText(
    /data\s+Bound\s+pvc-\S+\s+10Gi\s+RWO\s+block/,
  );
  await page.screenshot({ path: testInfo.outputPath('story-8.png') });
  expect(errors).toEqual([]);
});
