import { expect, test } from '@playwright/test';
import { app, pasteOnCanvas, watchErrors } from './stories/helpers';

/**
 * A person pastes what `kubectl get node -o yaml` printed on their cluster, with two StorageClasses (one
 * that allows volume expansion, one that does not), two claims and a database pod; then grows the claims
 * in the inspector.
 */
const MANIFEST = `apiVersion: v1
kind: Node
metadata:
  annotations:
    node.alpha.kubernetes.io/ttl: "0"
  creationTimestamp: "2026-11-02T09:14:51Z"
  labels:
    kubernetes.io/arch: amd64
    kubernetes.io/hostname: gke-shop-pool-x2k9
    kubernetes.io/os: linux
    node.kubernetes.io/instance-type: e2-standard-8
    topology.kubernetes.io/region: europe-west1
    topology.kubernetes.io/zone: europe-west1-b
  name: gke-shop-pool-x2k9
  resourceVersion: "1184523"
  uid: 6b0e8c52-4f1d-4b53-9f5e-0d6a4a3c9e21
spec:
  podCIDR: 10.52.1.0/24
  providerID: gce://shop-prod/europe-west1-b/gke-shop-pool-x2k9
status:
  allocatable:
    cpu: 7910m
    ephemeral-storage: "47060071478"
    memory: 29045540Ki
    pods: "110"
  capacity:
    cpu: "8"
    ephemeral-storage: 98831908Ki
    memory: 32880420Ki
    pods: "110"
  conditions:
  - lastHeartbeatTime: "2026-11-30T10:02:11Z"
    lastTransitionTime: "2026-11-02T09:15:12Z"
    message: kubelet is posting ready status
    reason: KubeletReady
    status: "True"
    type: Ready
  nodeInfo:
    architecture: amd64
    kubeletVersion: v1.31.4-gke.1256000
    operatingSystem: linux
    osImage: Container-Optimized OS from Google
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: standard-rwo
provisioner: pd.csi.storage.gke.io
volumeBindingMode: Immediate
allowVolumeExpansion: true
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: fixed
provisioner: pd.csi.storage.gke.io
volumeBindingMode: Immediate
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: standard-rwo
  resources:
    requests:
      storage: 10Gi
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: archive
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: fixed
  resources:
    requests:
      storage: 10Gi
---
apiVersion: v1
kind: Pod
metadata:
  name: db
spec:
  containers:
  - name: postgres
    image: postgres:17
  volumes:
  - name: data
    persistentVolumeClaim:
      claimName: data
`;

test('a pasted `kubectl get node -o yaml` Node has its size; a claim grows when its class allows it, and is refused at the field when not', async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  const errors = watchErrors(page);
  const a = app(page);
  await page.goto('/?seed=1');
  await a.startEmpty();
  await pasteOnCanvas(page, MANIFEST);
  await expect(a.nodes).toHaveCount(1, { timeout: 30_000 });
  await a.speed('10×');

  // The machine is the size the status said: 8 CPUs, 7910m allocatable.
  const node = await a.kubectl('kubectl describe node gke-shop-pool-x2k9');
  await expect(node).toContainText(/cpu:\s+8\b/);
  await expect(node).toContainText(/cpu:\s+7910m/);
  await expect(node).toContainText('topology.kubernetes.io/zone=europe-west1-b');

  // Both claims bound, the database running.
  await expect(async () => {
    const out = await a.kubectl('kubectl get pvc');
    await expect(out).toContainText(/data\s+Bound\s+pvc-\S+\s+10Gi/, { timeout: 1000 });
    await expect(out).toContainText(/archive\s+Bound\s+pvc-\S+\s+10Gi/, { timeout: 1000 });
  }).toPass({ timeout: 60_000 });
  await expect(a.readyPods('db')).toHaveCount(1, { timeout: 60_000 });

  // The class `fixed` does not allow expansion: the size is refused at its field, the value kept.
  await a.card('PersistentVolumeClaim', 'archive').first().click();
  await a.inspectorTab('Edit').click();
  const size = a.inspector.getByRole('textbox', { name: 'Size', exact: true });
  await expect(size).toHaveValue('10Gi');
  await size.fill('20Gi');
  await size.press('Enter');
  await expect(a.inspector.getByRole('alert')).toHaveText(
    'persistentvolumeclaims "archive" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize',
  );
  await expect(size).toHaveValue('20Gi');
  await expect(size).toHaveAttribute('aria-invalid', 'true');
  await a.inspector.screenshot({ path: testInfo.outputPath('pvc-resize-refused.png') });
  // Nothing changed in the cluster.
  await expect(await a.kubectl('kubectl get pvc archive')).toContainText(/archive\s+Bound\s+pvc-\S+\s+10Gi/);

  // Shrinking a bound claim is refused too, in the API server's words.
  await a.card('PersistentVolumeClaim', 'data').first().click();
  await a.inspectorTab('Edit').click();
  await expect(size).toHaveValue('10Gi');
  await size.fill('5Gi');
  await size.press('Enter');
  await expect(a.inspector.getByRole('alert')).toHaveText(
    'spec.resources.requests.storage: Forbidden: field can not be less than status.capacity',
  );

  // standard-rwo allows it: the claim grows, the volume first, then the filesystem under the running pod.
  await size.fill('20Gi');
  await size.press('Enter');
  await expect(a.inspector.getByRole('alert')).toHaveCount(0);
  await expect(async () => {
    const out = await a.kubectl('kubectl get pvc data');
    await expect(out).toContainText(/data\s+Bound\s+pvc-\S+\s+20Gi/, { timeout: 1000 });
  }).toPass({ timeout: 60_000 });
  const events = await a.kubectl('kubectl get events --field-selector involvedObject.name=data');
  await expect(events).toContainText('ExternalExpanding');
  await expect(events).toContainText('External resizer is resizing volume pvc-');
  await expect(events).toContainText('FileSystemResizeRequired');
  await expect(events).toContainText('MountVolume.NodeExpandVolume succeeded for volume "pvc-');
  const pv = await a.kubectl('kubectl get pv');
  await expect(pv).toContainText(/20Gi\s+RWO\s+Delete\s+Bound\s+default\/data/);
  await a.dock.screenshot({ path: testInfo.outputPath('pvc-resized-events.png') });
  expect(errors).toEqual([]);
});
