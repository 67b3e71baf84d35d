import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { bigDeploymentsText, ioBenchText } from '../bench/ioText';
import { app, dropFile, watchErrors } from './stories/helpers';

const MANIFESTS = path.join(import.meta.dirname, 'fixtures/manifests');

test('a manifest dropped on the canvas is validated and imported; a mistake is named at its line and changes nothing', async ({
  page,
}, testInfo) => {
  const errors = watchErrors(page);
  const kc = app(page);
  await page.goto('/?demo=empty');
  await expect(kc.nodes).toHaveCount(0);

  const nginx = readFileSync(path.join(MANIFESTS, 'nginx-deployment.yaml'), 'utf8');
  const broken = nginx.replace(
    '          image: nginx:1.14.2\n',
    '          image: nginx:1.14.2\n          imagePullPolicy: Sometimes\n',
  );
  await dropFile(page, 'nginx-deployment.yaml', broken);
  const alert = page.getByRole('alert').filter({ hasText: 'Import failed' });
  await expect(alert).toContainText('nothing was changed');
  await expect(alert).toContainText(
    'nginx-deployment.yaml:20:11 Deployment nginx-deployment: unsupported value "Sometimes" at "spec.template.spec.containers[0].imagePullPolicy": supported values: "Always", "IfNotPresent", "Never"',
  );
  await page.screenshot({ path: testInfo.outputPath('io-drop-error.png') });
  await expect(page.locator('[data-kind="Deployment"]')).toHaveCount(0);
  await alert.getByRole('button', { name: 'Dismiss' }).click();

  await dropFile(page, 'nginx-deployment.yaml', nginx);
  await expect(
    page.getByRole('status').filter({ hasText: 'Imported 1 object from nginx-deployment.yaml' }),
  ).toBeVisible();
  await expect(kc.card('Deployment', 'nginx-deployment')).toBeVisible();
  expect(errors).toEqual([]);
});

test('the 3 MB file of 2,000 Deployments: parsed and validated off the page with progress and Cancel, then loaded', async ({
  page,
}, testInfo) => {
  test.setTimeout(600_000);
  const errors = watchErrors(page);
  const kc = app(page);
  await page.goto('/?demo=empty');
  await expect(kc.nodes).toHaveCount(0);
  const text = bigDeploymentsText();
  expect(text.length).toBeGreaterThan(3_000_000);

  // Cancelled while it is read: nothing changes.
  await dropFile(page, 'big.yaml', text);
  const progress = page.getByRole('status').filter({ hasText: 'Importing big.yaml' });
  await expect(progress).toBeVisible();
  await expect(progress.getByRole('progressbar')).toBeVisible();
  await progress.getByRole('button', { name: 'Cancel' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Import of big.yaml cancelled; nothing was changed' }),
  ).toBeVisible();
  await expect(page.locator('[data-kind="Deployment"]')).toHaveCount(0);

  // Again, to the end. While the worker reads and validates, the page keeps drawing frames: they are
  // counted until the notice says it is loading (or the import is done).
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__loadingAt = 0;
    const tick = (now) => { window.__frames.push(now); if (!window.__loadingAt) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
    const notices = document.querySelector('[data-testid="notices"]');
    new MutationObserver((_, observer) => {
      if (/Loading \\d|Imported \\d/.test(notices.textContent)) {
        window.__loadingAt = performance.now();
        observer.disconnect();
      }
    }).observe(notices, { subtree: true, childList: true, characterData: true });
  })()`);
  await dropFile(page, 'big.yaml', text);
  await expect(progress).toContainText(/Reading|Validating/);
  await page.screenshot({ path: testInfo.outputPath('io-big-progress.png') });
  await expect(
    page.getByRole('status').filter({ hasText: 'Imported 2010 objects from big.yaml' }),
  ).toBeVisible({ timeout: 400_000 });
  const frames = (await page.evaluate(`window.__frames.filter((t) => t <= window.__loadingAt)`)) as number[];
  const gaps = frames.slice(1).map((t, i) => t - (frames[i] ?? t));
  const seconds = ((frames.at(-1) ?? 0) - (frames[0] ?? 0)) / 1000;
  const summary = `${frames.length} frames in ${seconds.toFixed(1)} s of reading and validating, longest gap ${Math.round(Math.max(0, ...gaps))} ms`;
  testInfo.annotations.push({ type: 'responsiveness', description: summary });
  console.log(`3 MB import: ${summary}`);
  // A frozen page draws no frames; this one draws several a second while the worker works.
  expect(frames.length, summary).toBeGreaterThan(Math.max(5, seconds * 2));
  // Fitted whole: zoomed that far out, the 2,000 cards are one overview drawing.
  await expect(page.getByTestId('card-overview')).toHaveAttribute('data-cards', '2000', {
    timeout: 120_000,
  });
  await page.screenshot({ path: testInfo.outputPath('io-big-loaded.png') });
  expect(errors).toEqual([]);
});

test('a big file read in two parts at once: every object in apply order; a mistake in the second part named at its line', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const errors = watchErrors(page);
  const kc = app(page);
  await page.goto('/?demo=empty');
  await expect(kc.nodes).toHaveCount(0);
  // A first import starts the second import worker once it is done; it loads the schema meanwhile.
  const nginx = readFileSync(path.join(MANIFESTS, 'nginx-deployment.yaml'), 'utf8');
  await dropFile(page, 'nginx-deployment.yaml', nginx);
  await expect(page.getByRole('status').filter({ hasText: 'Imported 1 object' })).toBeVisible();
  await page.waitForTimeout(3000);

  // 10 Namespaces first, then Deployments, Services and ConfigMaps in the namespaces: the second half of
  // the text needs the namespaces the first creates, and its Services load before the first's Deployments.
  const text = ioBenchText(600);
  const lines = text.split('\n');
  const at = lines.findIndex((l, i) => i > lines.length * 0.75 && l === '  name: app-170');
  expect(at).toBeGreaterThan(0);
  const broken = [...lines.slice(0, at + 1), '  replica: 2', ...lines.slice(at + 1)].join('\n');
  await dropFile(page, 'shop.yaml', broken);
  const alert = page.getByRole('alert').filter({ hasText: 'Import failed' });
  await expect(alert).toContainText(`shop.yaml:${at + 2}:3 `, { timeout: 60_000 });
  await expect(alert).toContainText('unknown field "metadata.replica"');
  await alert.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.locator('[data-kind="Service"]')).toHaveCount(0);

  await dropFile(page, 'shop.yaml', text);
  await expect(
    page.getByRole('status').filter({ hasText: 'Imported 600 objects from shop.yaml' }),
  ).toBeVisible({
    timeout: 120_000,
  });
  // In apply order (each Namespace before the objects in it), the cluster takes every object: fitted
  // whole, its 590 cards and the first import's Deployment are drawn as one overview.
  await expect(page.getByTestId('card-overview')).toHaveAttribute('data-cards', '591', {
    timeout: 60_000,
  });
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('the YAML editor: light theme, a name for screen readers, completion from the schema, errors at their line, and canvas edits shown', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  await page.emulateMedia({ colorScheme: 'light' });
  const errors = watchErrors(page);
  const kc = app(page);
  await page.goto('/?seed=5');
  await expect(kc.podsOf('web')).toHaveCount(3);
  await kc.card('Deployment', 'web').click();
  await kc.dockTab('YAML').click();
  const editor = kc.dock.getByRole('textbox', { name: 'Authored YAML' });
  await expect(editor).toBeVisible({ timeout: 30_000 });
  await expect(kc.dock.getByTestId('yaml-editor')).toHaveAttribute('data-editor-theme', 'light');
  const background = await kc.dock
    .locator('.cm-editor')
    .evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(background).not.toBe('rgb(40, 44, 52)'); // one-dark's background
  await expect(editor).toContainText('replicas: 3');

  // A canvas (inspector) edit appears in the editor.
  await kc.inspectorTab('Edit').click();
  const replicas = kc.inspector.getByRole('spinbutton', { name: 'Replicas' });
  await replicas.fill('4');
  await replicas.press('Enter');
  await expect(editor).toContainText('replicas: 4');

  // A wrong value, typed on a new line under the container's image, is marked at its line and the
  // design keeps what it had.
  const imageLine = editor.locator('.cm-line', { hasText: /^\s*image: / }).first();
  await imageLine.click();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('imagePullPolicy: Sometimes');
  await page.keyboard.press('Escape');
  const problems = kc.dock.getByRole('alert', { name: 'YAML problems' });
  await expect(problems).toContainText(/line \d+:\d+ Deployment web: unsupported value "Sometimes"/, {
    timeout: 20_000,
  });
  const line = Number(/line (\d+):/.exec((await problems.textContent()) ?? '')?.[1]);
  const lineText = await editor
    .locator('.cm-line')
    .nth(line - 1)
    .textContent();
  expect(lineText).toContain('imagePullPolicy: Sometimes');
  await expect(kc.dock.locator('.cm-lintRange-error')).toHaveCount(1);
  await page.screenshot({ path: testInfo.outputPath('io-editor-error.png') });

  // Completion offers the values the schema allows.
  for (let i = 0; i < 'Sometimes'.length; i++) await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.press('Control+Space');
  const options = page.locator('.cm-tooltip-autocomplete li');
  await expect(options).toHaveText(['Always', 'IfNotPresent', 'Never']);
  await page.screenshot({ path: testInfo.outputPath('io-editor-completion.png') });
  await page.keyboard.press('Escape');

  // Fixed in the editor and applied (Ctrl+S, as kubectl apply): the live object has it.
  await page.keyboard.type('Always');
  await expect(problems).toHaveCount(0, { timeout: 20_000 });
  await page.keyboard.press('Control+s');
  await expect(kc.dock.getByRole('status', { name: 'Editor state' })).toHaveText(/^Applied: 1 changed/);
  await kc.dock.getByRole('radio', { name: 'Live (read-only)' }).click();
  const live = kc.dock.getByRole('textbox', { name: 'Live object YAML' });
  await expect(live).toContainText('imagePullPolicy: Always', { timeout: 20_000 });
  expect(errors).toEqual([]);
});

test('export from the YAML panel: one namespace, in apply order, copied to the clipboard or downloaded', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(180_000);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL ?? '' });
  const errors = watchErrors(page);
  const kc = app(page);
  await page.goto('/?demo=empty');
  await expect(kc.nodes).toHaveCount(0);
  const shop = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: cart
  namespace: shop
  annotations:
    kubecanvas.dev/behavior: '{"startupSeconds":5}'
spec:
  selector:
    matchLabels:
      app: cart
  template:
    metadata:
      labels:
        app: cart
    spec:
      containers:
      - name: cart
        image: cart:1.0
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  mode: demo
---
apiVersion: v1
kind: Namespace
metadata:
  name: shop
`;
  await dropFile(page, 'shop.yaml', shop);
  await expect(
    page.getByRole('status').filter({ hasText: 'Imported 3 objects from shop.yaml' }),
  ).toBeVisible();
  await kc.dockTab('YAML').click();
  const bar = kc.dock.getByRole('group', { name: 'Export YAML' });
  await bar.getByLabel('Namespace to export').selectOption('shop');
  await bar.getByRole('button', { name: 'Copy YAML' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Copied the YAML of namespace shop' }),
  ).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  // The Namespace first (apply order), no object of another namespace, no simulation annotation.
  expect(copied.split('---\n').map((d) => /kind: (\w+)/.exec(d)?.[1])).toEqual(['Namespace', 'Deployment']);
  expect(copied).not.toContain('settings');
  expect(copied).not.toContain('kubecanvas.dev');
  await bar.getByRole('checkbox', { name: 'with simulation settings' }).check();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    bar.getByRole('button', { name: 'Download shop.yaml' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('shop.yaml');
  const file = await download.path();
  expect(readFileSync(file, 'utf8')).toContain('kubecanvas.dev/behavior');
  expect(errors).toEqual([]);
});
