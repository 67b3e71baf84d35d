import { expect, test } from '@playwright/test';
import { app, pasteOnCanvas, recordPodStates, watchErrors } from './helpers';

/** The default StorageClass a cloud cluster comes with (the default design has none). */
const STORAGE_CLASS = `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: standard
  annotations:
    storageclass.kubernetes.io/is-default-class: "true"
provisioner: ebs.csi.aws.com
volumeBindingMode: WaitForFirstConsumer
`;

test('story 15: block storage and order (a default StorageClass pasted first): db-0, db-1, db-2 start in order with their own PVCs, and an update replaces db-2, db-1, db-0', async ({
  page,
}, testInfo) => {
  const errors = watchErrors(page);
  const kc = app(page);
  await page.goto('/?seed=15');
  await expect(kc.nodes).toHaveCount(3);
  await pasteOnCanvas(page, STORAGE_CLASS);
  await expect(page.getByRole('status').filter({ hasText: 'Imported 1 object' })).toBeVisible();
  await kc.speed('10×');
  const states = await recordPodStates(page);
  await kc.add('StatefulSet');
  await expect(kc.card('StatefulSet', 'db')).toBeVisible();
  await kc.speed('100×');
  await expect(page.locator('[data-kind="Pod"][data-name^="db-"][data-ready="true"]')).toHaveCount(3, {
    timeout: 30_000,
  });
  const started = await states();
  const seen = (n: string) => Math.min(...Object.values(started[n] ?? {}));
  const ready = (n: string) => started[n]?.['Ready'] ?? NaN;
  expect(seen('db-1')).toBeGreaterThanOrEqual(ready('db-0'));
  expect(seen('db-2')).toBeGreaterThanOrEqual(ready('db-1'));
  const pvc = await kc.kubectl('kubectl get pvc');
  for (const n of ['data-db-0', 'data-db-1', 'data-db-2'])
    await expect(pvc).toContainText(new RegExp(`${n}\\s+Bound`));
  await page.screenshot({ path: testInfo.outputPath('story-15-started.png') });

  // An update replaces them from the highest ordinal down.
  await kc.speed('10×');
  await kc.card('StatefulSet', 'db').click();
  await kc.inspectorTab('Edit').click();
  const image = kc.inspector.getByRole('textbox', { name: 'Image', exact: true });
  await image.fill('postgres:17');
  await image.press('Enter');
  await kc.speed('100×');
  await expect
    .poll(async () => (await kc.kubectl('kubectl rollout status sts/db')).textContent(), { timeout: 30_000 })
    .toMatch(/partitioned roll out complete|rolling update complete/);
  // Each pod was recreated after the one above it: db-2 first, db-0 last.
  const created: Record<string, number> = {};
  for (const n of ['db-0', 'db-1', 'db-2']) {
    const out = (await (await kc.kubectl(`kubectl get pod ${n} -o json`)).locator('pre').textContent()) ?? '';
    const pod = JSON.parse(out) as {
      metadata: { creationTimestamp: string };
      spec: { containers: { image: string }[] };
    };
    expect(pod.spec.containers[0]?.image).toBe('postgres:17');
    created[n] = Date.parse(pod.metadata.creationTimestamp);
  }
  expect(created['db-2']).toBeLessThan(created['db-1'] ?? 0);
  expect(created['db-1']).toBeLessThan(created['db-0'] ?? 0);
  await expect(await kc.kubectl('kubectl get pods -o wide')).toContainText(/db-0\s+1\/1\s+Running/);
  const after = await kc.kubectl('kubectl get pvc');
  for (const n of ['data-db-0', 'data-db-1', 'data-db-2'])
    await expect(after).toContainText(new RegExp(`${n}\\s+Bound`));
  await page.screenshot({ path: testInfo.outputPath('story-15-updated.png') });
  expect(errors).toEqual([]);
});
