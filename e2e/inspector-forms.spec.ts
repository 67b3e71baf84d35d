import { expect, test, type Page } from '@playwright/test';
import { canvasOf, watchConsole } from './helpers/canvas';

/** The inspector (right), the dock (bottom) and the console in it. */
function panels(page: Page) {
  const inspector = page.locator('[data-slot="inspector"]');
  const dock = page.locator('[data-slot="dock"]');
  return {
    inspector,
    dock,
    inspectorTab: (name: string) => inspector.getByRole('tab', { name: new RegExp(`^${name}`) }),
    async kubectl(line: string) {
      await dock.getByRole('tab', { name: 'Console', exact: true }).click();
      const input = dock.getByRole('textbox', { name: 'kubectl command', exact: true });
      await input.fill(line);
      await input.press('Enter');
      return dock.getByRole('log', { name: 'Console output' });
    },
  };
}

async function setTheme(page: Page, theme: 'dark' | 'light') {
  if ((await page.locator('html').getAttribute('data-theme')) !== theme)
    await page.getByRole('button', { name: `Switch to ${theme} theme` }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}

/** Screenshots of the inspector panel in both themes (looked at by a person). */
async function shoot(page: Page, name: string, path: (f: string) => string) {
  const inspector = page.locator('[data-slot="inspector"]');
  for (const theme of ['dark', 'light'] as const) {
    await setTheme(page, theme);
    await inspector.screenshot({ path: path(`${name}-${theme}.png`) });
  }
  await setTheme(page, 'dark');
}

test('a person edits a Deployment in the form: what the API server would refuse is refused at its field and kept, a fix applies live', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  const problems = watchConsole(page);
  const { inspector, inspectorTab, kubectl } = panels(page);
  await page.goto('/?seed=1');
  await expect(page.locator('[data-kind="Pod"][data-ready="true"]')).toHaveCount(3, { timeout: 30_000 });
  await page.locator('[data-kind="Deployment"][data-name="web"]').first().click();
  await inspectorTab('Edit').click();

  // The selector cannot change once the Deployment exists.
  const selector = inspector.getByRole('textbox', { name: 'Selector', exact: true });
  await expect(selector).toHaveAttribute('readonly', '');
  await expect(inspector).toContainText('spec.selector: field is immutable');

  // Pod labels the selector does not match: refused in the API server's words, the typed value kept.
  const podLabels = inspector.getByRole('textbox', { name: 'Pod labels', exact: true });
  await expect(podLabels).toHaveValue('app=web');
  await podLabels.fill('app=cache');
  await podLabels.press('Enter');
  const alert = inspector.getByRole('alert');
  await expect(alert).toHaveText(
    'spec.template.metadata.labels: Invalid value: map[string]string{"app":"cache"}: `selector` does not match template `labels`',
  );
  await expect(podLabels).toHaveValue('app=cache');
  await expect(podLabels).toHaveAttribute('aria-invalid', 'true');
  await podLabels.blur();
  await expect(podLabels).toHaveValue('app=cache');
  await shoot(page, '1-pod-labels-refused', (f) => testInfo.outputPath(f));
  // Nothing was applied: the cluster still runs app=web.
  let log = await kubectl('kubectl get deployment web -o yaml');
  await expect(log).toContainText('app: web');
  await expect(log).not.toContainText('app: cache');

  // An invalid label key, in ValidateLabels' words.
  const labels = inspector.getByRole('textbox', { name: 'Labels', exact: true });
  await labels.fill('-bad=x');
  await labels.press('Enter');
  await expect(inspector.getByRole('alert').first()).toContainText(
    'metadata.labels: Invalid value: "-bad": name part must consist of alphanumeric characters',
  );
  await labels.press('Escape');

  // The person fixes the pod labels: the edit applies and the cluster rolls out pods with them.
  await podLabels.fill('app=web,tier=front');
  await podLabels.press('Enter');
  await expect(inspector.getByRole('alert')).toHaveCount(0);
  await expect(podLabels).toHaveValue('app=web,tier=front');
  await expect(podLabels).not.toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('button', { name: '10×' }).click();
  await expect(async () => {
    log = await kubectl('kubectl get pods -l tier=front');
    await expect(log.locator('pre').last()).toContainText('Running', { timeout: 2000 });
  }).toPass({ timeout: 60_000 });

  // An invalid quantity is refused too.
  const cpu = inspector.getByRole('textbox', { name: 'Request CPU', exact: true });
  await cpu.fill('1..5');
  await cpu.press('Enter');
  await expect(inspector.getByRole('alert')).toContainText('quantities must match the regular expression');
  await cpu.press('Escape');
  expect(problems).toEqual([]);
});

test('a person edits an Ingress, a claim, a ConfigMap, a node group and a Service through their forms', async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  const problems = watchConsole(page);
  const { inspector, inspectorTab, kubectl } = panels(page);
  const canvas = canvasOf(page);
  const palette = page.getByRole('navigation', { name: 'Palette' });
  await page.goto('/?seed=1');
  await expect(page.locator('[data-kind="Pod"]')).toHaveCount(3);

  // A Service, then an Ingress routing to it.
  await palette.getByRole('button', { name: 'Service', exact: true }).click();
  await expect(canvas.card('Service', 'web')).toBeVisible();
  await canvas.card('Service', 'web').first().click();
  await inspectorTab('Edit').click();
  const svcLabels = inspector.getByRole('textbox', { name: 'Labels', exact: true });
  await svcLabels.fill('app=web,tier=front');
  await svcLabels.press('Enter');
  await expect(inspector.getByRole('alert')).toHaveCount(0);
  await expect(await kubectl('kubectl get service web --show-labels')).toContainText('app=web,tier=front');
  await shoot(page, '2-service', (f) => testInfo.outputPath(f));

  await palette.getByRole('button', { name: 'Ingress', exact: true }).click();
  await canvas.card('Ingress', 'web').first().click();
  await inspectorTab('Edit').click();
  const rules = inspector.getByRole('group', { name: 'Rules' });
  const host = rules.getByRole('textbox', { name: 'Host', exact: true });
  await host.fill('Shop.example.com');
  await host.press('Enter');
  await expect(inspector.getByRole('alert')).toContainText(
    'spec.rules[0].host: Invalid value: "Shop.example.com": a lowercase RFC 1123 subdomain',
  );
  await expect(host).toHaveValue('Shop.example.com');
  await host.fill('shop.example.com');
  await host.press('Enter');
  await expect(inspector.getByRole('alert')).toHaveCount(0);
  const ingressClass = inspector.getByRole('textbox', { name: 'Ingress class', exact: true });
  await ingressClass.fill('nginx');
  await ingressClass.press('Enter');
  const tls = inspector.getByRole('group', { name: 'TLS' });
  await tls.getByRole('button', { name: 'Add tls row' }).click();
  await tls.getByRole('textbox', { name: 'Hosts (comma-separated)', exact: true }).fill('shop.example.com');
  const secret = tls.getByRole('textbox', { name: 'Secret', exact: true });
  await secret.fill('shop-tls');
  await secret.press('Enter');
  await expect(inspector.getByRole('alert')).toHaveCount(0);
  let log = await kubectl('kubectl get ingress web -o yaml');
  await expect(log).toContainText('host: shop.example.com');
  await expect(log).toContainText('ingressClassName: nginx');
  await expect(log).toContainText('secretName: shop-tls');
  await shoot(page, '3-ingress', (f) => testInfo.outputPath(f));

  // A claim: its spec is immutable while Pending; labels are not.
  await palette.getByRole('button', { name: 'PersistentVolumeClaim', exact: true }).click();
  await canvas.card('PersistentVolumeClaim', 'data').first().click();
  await inspectorTab('Edit').click();
  await expect(inspector.getByRole('textbox', { name: 'Size', exact: true })).toHaveValue('1Gi');
  await expect(inspector.getByRole('textbox', { name: 'Size', exact: true })).toHaveAttribute('readonly', '');
  await expect(inspector.getByRole('textbox', { name: 'Storage class', exact: true })).toHaveValue(
    'standard',
  );
  await expect(inspector.getByRole('textbox', { name: 'Storage class', exact: true })).toHaveAttribute(
    'readonly',
    '',
  );
  await expect(inspector.getByRole('textbox', { name: 'Access modes', exact: true })).toHaveAttribute(
    'readonly',
    '',
  );
  await expect(inspector.getByRole('combobox', { name: 'Volume mode', exact: true })).toBeDisabled();
  await expect(inspector.getByText(/^spec: Forbidden: spec is immutable after creation/)).toHaveCount(4);
  const pvcLabels = inspector.getByRole('textbox', { name: 'Labels', exact: true });
  await pvcLabels.fill('tier=db');
  await pvcLabels.press('Enter');
  await expect(inspector.getByRole('alert')).toHaveCount(0);
  log = await kubectl('kubectl get pvc data --show-labels');
  await expect(log).toContainText('tier=db');
  await shoot(page, '4-pvc', (f) => testInfo.outputPath(f));

  // A ConfigMap: its data as rows; a key the API server refuses is refused at its row.
  await palette.getByRole('button', { name: 'ConfigMap', exact: true }).click();
  await canvas.card('ConfigMap', 'config').first().click();
  await inspectorTab('Edit').click();
  const data = inspector.getByRole('group', { name: 'Data' });
  const value = data.getByRole('textbox', { name: 'Value', exact: true }).first();
  await expect(value).toHaveValue('info');
  await value.fill('debug');
  await value.press('Enter');
  await data.getByRole('button', { name: 'Add data row' }).click();
  const key = data.getByRole('textbox', { name: 'Key', exact: true }).nth(1);
  await key.fill('bad key');
  await key.press('Enter');
  await expect(data.getByRole('alert')).toContainText(
    'data[bad key]: Invalid value: "bad key": a valid config key must consist of alphanumeric characters',
  );
  await key.fill('config.yaml');
  await key.press('Enter');
  await expect(data.getByRole('alert')).toHaveCount(0);
  const second = data.getByRole('textbox', { name: 'Value', exact: true }).nth(1);
  await second.fill('verbose');
  await second.press('Enter');
  await expect(data.getByRole('alert')).toHaveCount(0);
  log = await kubectl('kubectl get configmap config -o yaml');
  await expect(log).toContainText('LOG_LEVEL: debug');
  await expect(log).toContainText('config.yaml: verbose');
  await shoot(page, '5-configmap', (f) => testInfo.outputPath(f));

  // A node group: its bounds and the shape of its nodes.
  await palette.getByRole('button', { name: 'Node group', exact: true }).click();
  await canvas.card('NodeGroup', 'pool').first().click();
  await inspectorTab('Edit').click();
  const max = inspector.getByRole('spinbutton', { name: 'Max nodes', exact: true });
  await max.fill('0');
  await max.press('Enter');
  await expect(inspector.getByRole('alert')).toHaveText(
    'spec.maxSize: must be greater than or equal to minSize (1)',
  );
  await max.fill('3');
  await max.press('Enter');
  await expect(inspector.getByRole('alert')).toHaveCount(0);
  const nodeCpu = inspector.getByRole('textbox', { name: 'Node CPU', exact: true });
  await nodeCpu.fill('4');
  await nodeCpu.press('Enter');
  await expect(inspector.getByRole('alert')).toHaveCount(0);
  await shoot(page, '6-node-group', (f) => testInfo.outputPath(f));
  // Undo takes back the last form edit.
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(inspector.getByRole('textbox', { name: 'Node CPU', exact: true })).toHaveValue('2');
  expect(problems).toEqual([]);
});

test('a person breaks a pod from the inspector and heals it there again', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const { inspector } = panels(page);
  await page.goto('/?seed=1');
  const ready = page.locator('[data-kind="Pod"][data-ready="true"]');
  await expect(ready).toHaveCount(3, { timeout: 30_000 });
  const pod = ready.first();
  const name = (await pod.getAttribute('data-name')) ?? '';
  const card = page.locator(`[data-kind="Pod"][data-name="${name}"]`);
  await pod.click();
  await expect(inspector.getByRole('heading', { name })).toBeVisible();
  await inspector.getByRole('button', { name: 'Crash', exact: true }).click();
  const heal = inspector.getByRole('button', { name: 'Stop crashing' });
  await expect(heal).toBeVisible();
  await expect(card).toHaveAttribute('data-ready', 'false', { timeout: 30_000 });
  await inspector.getByRole('button', { name: 'Break readiness' }).click();
  await expect(inspector.getByRole('button', { name: 'Heal readiness' })).toBeVisible();
  await inspector.screenshot({ path: testInfo.outputPath('7-pod-broken.png') });
  await heal.click();
  await inspector.getByRole('button', { name: 'Heal readiness' }).click();
  await expect(inspector.getByRole('button', { name: 'Crash', exact: true })).toBeVisible();
  await expect(inspector.getByRole('button', { name: 'Break readiness' })).toBeVisible();
  await page.getByRole('button', { name: '10×' }).click();
  await expect(card).toHaveAttribute('data-ready', 'true', { timeout: 90_000 });
  await inspector.screenshot({ path: testInfo.outputPath('8-pod-healed.png') });
});
