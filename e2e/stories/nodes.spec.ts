import { expect, test } from '@playwright/test';
import { app, simTimeWhen, watchErrors } from './helpers';

test('story 16: on every node: a DaemonSet node-exporter runs one pod per node, and a new node gets one more', async ({
  page,
}, testInfo) => {
  const errors = watchErrors(page);
  const kc = app(page);
  await page.goto('/?seed=16');
  await expect(kc.nodes).toHaveCount(3);
  await kc.speed('100×');
  await kc.add('DaemonSet');
  await expect(kc.card('DaemonSet', 'node-exporter')).toBeVisible();
  const exporters = kc.podsOf('node-exporter');
  await expect(exporters).toHaveCount(3);
  for (const n of ['node-1', 'node-2', 'node-3'])
    await expect(exporters.and(page.locator(`[data-node="${n}"]`))).toHaveCount(1);
  await expect(kc.readyPods('node-exporter-')).toHaveCount(3, { timeout: 20_000 });

  await kc.drop('Node', { x: 650, y: 80 });
  await expect(kc.nodes).toHaveCount(4);
  await expect(exporters).toHaveCount(4);
  await expect(exporters.and(page.locator('[data-node="node-4"]'))).toHaveCount(1);
  await expect(kc.readyPods('node-exporter-')).toHaveCount(4, { timeout: 20_000 });
  await expect(await kc.kubectl('kubectl get ds')).toContainText(/node-exporter\s+4\s+4\s+4\s+4\s+4/);
  await page.screenshot({ path: testInfo.outputPath('story-16.png') });
  expect(errors).toEqual([]);
});

test('story 17: a node dies: NotReady and tainted after 40-50 s, its pods evicted five minutes later and recreated elsewhere', async ({
  page,
}, testInfo) => {
  const errors = watchErrors(page);
  const kc = app(page);
  await page.goto('/?seed=17');
  await expect(kc.podsOf('web')).toHaveCount(3);
  await kc.speed('100×');
  await expect(kc.readyPods('web-')).toHaveCount(3, { timeout: 20_000 });
  const victims = await page
    .locator('[data-kind="Pod"][data-node="node-2"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-name') ?? ''));
  expect(victims.length).toBeGreaterThan(0);

  await kc.speed('10×');
  await kc.card('Node', 'node-2').click();
  await kc.inspector.getByRole('button', { name: 'Fail node' }).click();
  const failedAt = await kc.simSeconds();
  await expect(kc.inspector.getByRole('button', { name: 'Recover node' })).toBeVisible();
  // The machine is off at once and the canvas says so, while the API server still says Ready until the
  // node controller's grace period runs out (paused to look: simulated time stands still).
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(kc.card('Node', 'node-2')).toHaveAttribute('data-machine', 'off');
  await expect(kc.card('Node', 'node-2')).toHaveAttribute('data-ready', 'true');
  await expect(kc.card('Node', 'node-2').locator('[data-fault="down"]')).toContainText(
    /VM down\s*Kubernetes notices in \d+ s \(grace period 50 s\)/,
  );
  for (const theme of ['dark', 'light'] as const) {
    const toggle = page.getByRole('button', { name: `Switch to ${theme} theme` });
    if (await toggle.isVisible()) await toggle.click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await page.screenshot({ path: testInfo.outputPath(`story-17-vm-down-${theme}.png`) });
  }
  await page.getByRole('button', { name: 'Play' }).click();
  const notReadyAt = await simTimeWhen(page, '[data-kind="Node"][data-name="node-2"][data-ready="false"]', 1);
  expect(notReadyAt - failedAt).toBeGreaterThanOrEqual(38);
  expect(notReadyAt - failedAt).toBeLessThanOrEqual(55);
  const node2 = kc.card('Node', 'node-2');
  await expect(node2).toContainText('NotReady');
  await kc.inspectorTab('Status').click();
  await expect(kc.inspector.getByRole('tabpanel')).toContainText('node.kubernetes.io/unreachable:NoExecute', {
    timeout: 10_000,
  });
  await expect(kc.inspector.getByRole('tabpanel')).toContainText('node.kubernetes.io/unreachable:NoSchedule');
  await page.screenshot({ path: testInfo.outputPath('story-17-notready.png') });

  // Five minutes later the pods are evicted (tolerationSeconds 300) and replaced on the other nodes.
  await kc.speed('100×');
  const evictedAt = await simTimeWhen(
    page,
    '[data-kind="Pod"][data-node="node-2"]:not([data-state="Terminating"])',
    0,
    30_000,
  );
  expect(evictedAt - notReadyAt).toBeGreaterThanOrEqual(290);
  expect(evictedAt - notReadyAt).toBeLessThanOrEqual(320);
  await expect(kc.readyPods('web-').and(page.locator(':not([data-node="node-2"])'))).toHaveCount(3, {
    timeout: 20_000,
  });
  for (const v of victims)
    await expect(
      page.locator(`[data-kind="Pod"][data-name="${v}"]:not([data-state="Terminating"])`),
    ).toHaveCount(0);
  await kc.dockTab('Events').click();
  await kc.dock.getByRole('searchbox', { name: 'Filter events' }).fill('node-2');
  await expect(kc.dock.getByRole('table', { name: 'Cluster events' })).toContainText('NodeNotReady');
  await page.screenshot({ path: testInfo.outputPath('story-17-evicted.png') });
  expect(errors).toEqual([]);
});
