import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { parseAllDocuments } from 'yaml';
import { app, pasteOnCanvas, watchErrors } from './helpers';

const SHOP = path.join(import.meta.dirname, '../fixtures/manifests/microservices-demo.yaml');

test('story 20: one file: the environment exported as one YAML file comes back the same in a fresh tab', async ({
  page,
  browser,
}, testInfo) => {
  const errors = watchErrors(page);
  const kc = app(page);
  await page.goto('/?seed=20');
  await expect(kc.podsOf('web')).toHaveCount(3);
  await kc.speed('100×');
  await kc.add('Service');
  await kc.add('DaemonSet');
  await expect(kc.card('Service', 'web')).toBeVisible();
  await expect(kc.card('DaemonSet', 'node-exporter')).toBeVisible();
  await kc.card('Deployment', 'web').click();
  await kc.inspectorTab('Edit').click();
  const replicas = kc.inspector.getByRole('spinbutton', { name: 'Replicas' });
  await replicas.fill('4');
  await replicas.press('Enter');
  await expect(kc.podsOf('web')).toHaveCount(4);

  await page
    .getByRole('banner', { name: 'Top bar' })
    .getByRole('button', { name: /^Export/ })
    .click();
  // The whole environment, machines included: the simulation goes with it.
  const exportPanel = page.getByRole('dialog', { name: 'Export' });
  await exportPanel.getByRole('radio', { name: /Whole design/ }).check();
  await exportPanel.getByRole('checkbox', { name: /Include the simulation/ }).check();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    exportPanel.getByRole('button', { name: 'Download .yaml' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('cluster.yaml');
  const file = testInfo.outputPath('cluster.yaml');
  await download.saveAs(file);

  // What kubectl apply -f accepts: YAML documents, each an object with apiVersion, kind and a name.
  const docs = parseAllDocuments(readFileSync(file, 'utf8'));
  expect(docs.every((d) => d.errors.length === 0)).toBe(true);
  const objects = docs.map(
    (d) => d.toJS() as { apiVersion?: string; kind?: string; metadata?: { name?: string } },
  );
  for (const o of objects) {
    expect(o.apiVersion, JSON.stringify(o)).toBeTruthy();
    expect(o.metadata?.name, JSON.stringify(o)).toBeTruthy();
  }
  expect(objects.map((o) => `${o.kind}/${o.metadata?.name}`).sort()).toEqual(
    [
      'DaemonSet/node-exporter',
      'Deployment/web',
      'Node/node-1',
      'Node/node-2',
      'Node/node-3',
      'Service/web',
    ].sort(),
  );
  const web = objects.find((o) => o.kind === 'Deployment') as { spec?: { replicas?: number } };
  expect(web.spec?.replicas).toBe(4);
  await page.screenshot({ path: testInfo.outputPath('story-20-original.png') });

  // A fresh tab (nothing stored), an empty cluster, Import the file: the same design.
  const fresh = await browser.newContext();
  const tab = await fresh.newPage();
  const tabErrors = watchErrors(tab);
  const other = app(tab);
  await tab.goto('/?demo=empty');
  await expect(other.nodes).toHaveCount(0);
  await tab.getByRole('button', { name: 'Import' }).click();
  await tab.getByLabel('Import files').setInputFiles(file);
  await expect(
    tab.getByRole('status').filter({ hasText: 'Imported 6 objects from cluster.yaml' }),
  ).toBeVisible();
  await expect(other.nodes).toHaveCount(3);
  await expect(other.card('Deployment', 'web')).toBeVisible();
  await expect(other.card('Service', 'web')).toBeVisible();
  await expect(other.card('DaemonSet', 'node-exporter')).toBeVisible();
  await expect(other.podsOf('web')).toHaveCount(4);
  await expect(other.podsOf('node-exporter')).toHaveCount(3);
  await expect(other.pendingPods).toHaveCount(0, { timeout: 15_000 });
  await expect(tab.locator('.react-flow__edge.kc-edge-svc')).toHaveCount(4, { timeout: 20_000 });
  await tab.screenshot({ path: testInfo.outputPath('story-20-imported.png') });
  await fresh.close();
  expect(errors).toEqual([]);
  expect(tabErrors).toEqual([]);
});

test('story 21: bring your own app: a pasted manifest with a mistake is refused at its line and changes nothing; fixed, a dozen microservices run', async ({
  page,
}, testInfo) => {
  const errors = watchErrors(page);
  const kc = app(page);
  await page.goto('/?seed=21');
  await expect(kc.podsOf('web')).toHaveCount(3);
  await kc.speed('100×');
  const shop = readFileSync(SHOP, 'utf8');
  const lines = shop.split('\n');

  // A mistake: a port that is not a number, in the cartservice Deployment.
  const at = lines.findIndex(
    (l, i) => i > lines.findIndex((x) => x.includes('name: cartservice')) && /containerPort: \d+/.test(l),
  );
  expect(at).toBeGreaterThan(0);
  const broken = [...lines];
  broken[at] = (broken[at] ?? '').replace(/containerPort: \d+/, 'containerPort: seventy');
  await pasteOnCanvas(page, broken.join('\n'));
  const alert = page.getByRole('alert').filter({ hasText: 'Import failed' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('nothing was changed');
  await expect(alert).toContainText(new RegExp(`pasted\\.yaml:${at + 1}:\\d+ Deployment cartservice`));
  await page.screenshot({ path: testInfo.outputPath('story-21-error.png') });
  await expect(page.locator('[data-kind="Deployment"]')).toHaveCount(1);
  await expect(page.locator('[data-kind="Service"]')).toHaveCount(0);
  await expect(kc.pods).toHaveCount(3);

  // The real manifest: validated, laid out, and it runs.
  await page.getByRole('alert').filter({ hasText: 'Import failed' }).getByRole('button').first().click();
  await pasteOnCanvas(page, shop);
  await expect(
    page.getByRole('status').filter({ hasText: /Imported 2\d objects from pasted\.yaml/ }),
  ).toBeVisible();
  const names = [
    'emailservice',
    'checkoutservice',
    'recommendationservice',
    'frontend',
    'paymentservice',
    'productcatalogservice',
    'cartservice',
    'loadgenerator',
    'currencyservice',
    'shippingservice',
    'redis-cart',
    'adservice',
  ];
  for (const n of names) await expect(kc.card('Deployment', n)).toBeVisible();
  await expect(page.locator('[data-kind="Deployment"]')).toHaveCount(13);
  await expect(kc.pods).toHaveCount(15);
  await expect(kc.pendingPods).toHaveCount(0, { timeout: 15_000 });
  await expect(page.locator('[data-kind="Pod"][data-ready="true"]')).toHaveCount(15, { timeout: 30_000 });
  await page.screenshot({ path: testInfo.outputPath('story-21-running.png') });
  expect(errors).toEqual([]);
});

test('story 22: share it: a copied link opens the same design, running, in a colleague browser', async ({
  page,
  browser,
  baseURL,
}, testInfo) => {
  const kc = app(page);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL ?? '' });
  await page.goto('/?seed=22');
  await expect(kc.podsOf('web')).toHaveCount(3);
  await kc.add('DaemonSet');
  await expect(await kc.kubectl('kubectl scale deploy/web --replicas=4')).toContainText('scaled');
  await expect(kc.podsOf('web')).toHaveCount(4);
  await page.getByRole('button', { name: 'Share' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Link copied' })).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain('#design=');

  const other = await browser.newContext();
  const colleague = await other.newPage();
  const errors = watchErrors(colleague);
  const them = app(colleague);
  await colleague.goto(link);
  await expect(them.nodes).toHaveCount(3);
  await expect(them.card('DaemonSet', 'node-exporter')).toBeVisible();
  await expect(them.podsOf('web')).toHaveCount(4);
  await them.speed('100×');
  await expect(them.readyPods('web-')).toHaveCount(4, { timeout: 20_000 });
  await expect(them.readyPods('node-exporter-')).toHaveCount(3, { timeout: 20_000 });
  await colleague.screenshot({ path: testInfo.outputPath('story-22.png') });
  await other.close();
  expect(errors).toEqual([]);
});
