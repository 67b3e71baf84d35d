import path from 'node:path';
import { expect, test } from '@playwright/test';
import { app, pasteOnCanvas, watchErrors } from './helpers';

const INGRESS_NGINX = path.join(import.meta.dirname, '../fixtures/manifests/ingress-nginx-deploy.yaml');

/** What ingress-nginx's admission-create Job (kube-webhook-certgen) would have written. */
const ADMISSION_SECRET = `apiVersion: v1
kind: Secret
metadata:
  name: ingress-nginx-admission
  namespace: ingress-nginx
data:
  ca: Y2E=
  cert: Y2VydA==
  key: a2V5
`;

const INGRESS = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
spec:
  ingressClassName: nginx
  rules:
  - http:
      paths:
      - path: /api
        pathType: Prefix
        backend: {service: {name: api, port: {number: 80}}}
      - path: /
        pathType: Prefix
        backend: {service: {name: web, port: {number: 80}}}
`;

test('story 14: from outside: a LoadBalancer Service gets an external IP; an Ingress with / to web and /api to api, served by ingress-nginx (its admission Secret pasted), gets an address and carries traffic', async ({
  page,
}, testInfo) => {
  const errors = watchErrors(page);
  const kc = app(page);
  await page.goto('/?seed=14');
  await expect(kc.podsOf('web')).toHaveCount(3);
  await kc.speed('100×');

  // A LoadBalancer Service: an external IP.
  await kc.add('Service');
  await expect(kc.card('Service', 'web')).toBeVisible();
  await page.getByRole('button', { name: 'Fit View' }).click();
  await kc.card('Service', 'web').click();
  await expect(kc.inspector.getByRole('heading', { name: 'web', exact: true })).toBeVisible();
  await kc.inspectorTab('Edit').click();
  await kc.inspector.getByLabel('Type', { exact: true }).selectOption('LoadBalancer');
  await kc.inspectorTab('Status').click();
  await expect(kc.inspector.getByRole('tabpanel')).toContainText(/External IP\s*\d+\.\d+\.\d+\.\d+/, {
    timeout: 20_000,
  });
  await expect(await kc.kubectl('kubectl get svc web')).toContainText(
    /web\s+LoadBalancer\s+\S+\s+\d+\.\d+\.\d+\.\d+\s+80:\d+\/TCP/,
  );

  // The ingress controller (ingress-nginx's own manifest), an api, and an Ingress.
  await page.getByRole('button', { name: 'Import' }).click();
  await page.getByLabel('Import files').setInputFiles(INGRESS_NGINX);
  await expect(
    page.getByRole('status').filter({ hasText: /Imported \d+ objects from ingress-nginx-deploy\.yaml/ }),
  ).toBeVisible();
  // The simulated certgen Job completes without writing its Secret: paste it, as its Job would have.
  await pasteOnCanvas(page, ADMISSION_SECRET);
  await expect(
    page.locator(
      '[data-kind="Pod"][data-namespace="ingress-nginx"][data-name^="ingress-nginx-controller-"][data-ready="true"]',
    ),
  ).toHaveCount(1, { timeout: 30_000 });
  await expect(
    await kc.kubectl('kubectl create deployment api --image=api:1.0 --replicas=2 --port=8080'),
  ).toContainText('deployment.apps/api created');
  await expect(await kc.kubectl('kubectl expose deployment api --port=80 --target-port=8080')).toContainText(
    'service/api exposed',
  );
  await pasteOnCanvas(page, INGRESS);
  await expect(kc.card('Ingress', 'shop')).toBeVisible();
  await expect(page.locator('.react-flow__edge.kc-edge-ing')).toHaveCount(2);
  await expect
    .poll(async () => (await kc.kubectl('kubectl get ingress shop')).textContent(), { timeout: 20_000 })
    .toMatch(/shop\s+nginx\s+\*\s+\d+\.\d+\.\d+\.\d+\s+80/);

  // Traffic at the Ingress (the console's traffic has no path: it asks for /) reaches web.
  await expect(await kc.kubectl('kubecanvas traffic ingress/shop --rps 40')).toContainText('40');
  await kc.dockTab('Charts').click();
  await expect(
    kc.dock
      .getByRole('region', { name: 'Service web traffic' })
      .getByRole('img', { name: /^Requests\/s: 40 now/ }),
  ).toBeVisible({ timeout: 20_000 });
  await page.screenshot({ path: testInfo.outputPath('story-14.png') });
  expect(errors).toEqual([]);
});
