import { expect, test } from '@playwright/test';
import { app, watchErrors } from './helpers';

test('story 13: services route by labels: a stable ClusterIP, edges to the ready pods, and a pod without the label leaves the Service', async ({
  page,
}, testInfo) => {
  const errors = watchErrors(page);
  const kc = app(page);
  await page.goto('/?seed=13');
  await expect(kc.podsOf('web')).toHaveCount(3);
  await kc.speed('100×');
  await expect(kc.readyPods('web-')).toHaveCount(3, { timeout: 20_000 });

  // A Service from the palette selects app=web.
  await kc.add('Service');
  const svc = kc.card('Service', 'web');
  await expect(svc).toBeVisible();
  // The new card lands at the canvas's right edge, under the inspector: fit the view to reach it.
  await page.getByRole('button', { name: 'Fit View' }).click();
  const readyEdges = page.locator('.react-flow__edge.kc-edge-svc:not(.kc-edge-notready)');
  await expect(readyEdges).toHaveCount(3);
  await svc.click();
  await kc.inspectorTab('Status').click();
  const status = kc.inspector.getByRole('tabpanel');
  await expect(status).toContainText(/Cluster IP\s*10\.(9[6-9]|10\d|11[01])\.\d+\.\d+/);
  const clusterIP = /10\.\d+\.\d+\.\d+/.exec((await status.textContent()) ?? '')?.[0] ?? '';
  await expect(kc.inspector.getByRole('table', { name: 'Endpoints' }).locator('tbody tr')).toHaveCount(3);
  await expect(await kc.kubectl('kubectl get svc web')).toContainText(
    new RegExp(`web\\s+ClusterIP\\s+${clusterIP.replace(/\./g, '\\.')}`),
  );

  // A pod made not ready keeps a not-ready edge and leaves the ready endpoints.
  // (Without a readiness probe the kubelet does not probe: give web one, then break one pod's readiness.)
  await kc.card('Deployment', 'web').click();
  await kc.inspectorTab('Edit').click();
  await kc.inspector.getByLabel('Readiness probe', { exact: true }).selectOption('httpGet');
  await expect
    .poll(async () => (await kc.kubectl('kubectl rollout status deploy/web')).textContent(), {
      timeout: 30_000,
    })
    .toContain('successfully rolled out');
  await expect(kc.readyPods('web-')).toHaveCount(3, { timeout: 20_000 });
  const pods = await kc
    .readyPods('web-')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-name') ?? ''));
  const notReady = pods[0] ?? '';
  await kc.card('Pod', notReady).click();
  await kc.inspector.getByRole('button', { name: 'Break readiness' }).click();
  await expect(kc.card('Pod', notReady)).toHaveAttribute('data-ready', 'false', { timeout: 20_000 });
  await expect(
    page.locator(`.react-flow__edge.kc-edge-svc.kc-edge-notready[data-id*="Pod/default/${notReady}"]`),
  ).toHaveCount(1);
  await expect(readyEdges).toHaveCount(2);
  await expect(await kc.kubectl('kubectl get endpointslices')).toContainText(
    /web-\S+\s+IPv4\s+\S+\s+(\S+,){1}\S+\s/,
  );

  // Remove the label from another pod: it leaves the Service, and its ReplicaSet replaces it.
  const unlabelled = pods[1] ?? '';
  await expect(await kc.kubectl(`kubectl label pod ${unlabelled} app-`)).toContainText(
    `pod/${unlabelled} unlabeled`,
  );
  await expect(
    page.locator(`.react-flow__edge.kc-edge-svc[data-id*="Pod/default/${unlabelled}"]`),
  ).toHaveCount(0);
  await expect(kc.podsOf('web')).toHaveCount(4, { timeout: 20_000 });
  await expect(readyEdges).toHaveCount(2, { timeout: 20_000 });
  await expect(page.locator('.react-flow__edge.kc-edge-svc')).toHaveCount(3);
  await expect(kc.card('Deployment', 'web')).toContainText('2/3');
  await page.getByRole('button', { name: 'Fit View' }).click();
  await svc.click();
  await expect(kc.inspector.getByRole('heading', { name: 'web', exact: true })).toBeVisible();
  await kc.inspectorTab('Status').click();
  await expect(kc.inspector.getByRole('table', { name: 'Endpoints' })).not.toContainText(unlabelled);
  await expect(kc.inspector.getByRole('tabpanel')).toContainText(clusterIP);
  await page.screenshot({ path: testInfo.outputPath('story-13.png') });
  expect(errors).toEqual([]);
});
