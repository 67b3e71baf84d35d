import path from 'node:path';
import { expect, test } from '@playwright/test';
import { canvasOf, watchConsole } from './helpers/canvas';

const BROKEN = path.join(import.meta.dirname, 'fixtures/manifests/invalid-deployment.yaml');

test('a person builds a cluster from the palette, watches it schedule, undoes, reloads and imports a broken file', async ({
  page,
}, testInfo) => {
  const problems = watchConsole(page);
  const canvas = canvasOf(page);
  await page.goto('/');
  await expect(canvas.nodes).toHaveCount(3);
  await canvas.startEmpty();

  // A Deployment with no nodes: its three pods wait, Pending, in the Unscheduled area.
  await canvas.drop('Deployment', { x: 120, y: 260 });
  await expect(canvas.card('Deployment', 'web')).toBeVisible();
  await expect(canvas.pendingPods).toHaveCount(3);
  await expect(page.getByLabel('Unscheduled pods')).toContainText('3');
  await page.screenshot({ path: testInfo.outputPath('1-pending.png') });

  // A Node arrives: the scheduler places every pod on it.
  await canvas.drop('Node', { x: 420, y: 300 });
  await expect(canvas.nodes).toHaveCount(1);
  await expect(page.locator('[data-kind="Pod"][data-node="node-1"]')).toHaveCount(3);
  await expect(canvas.pendingPods).toHaveCount(0);
  await page.getByRole('button', { name: '100×' }).click();
  await expect(page.locator('[data-kind="Pod"][data-ready="true"]')).toHaveCount(3, { timeout: 20_000 });
  await page.screenshot({ path: testInfo.outputPath('2-scheduled.png') });

  // Selecting a pod selects it for the inspector.
  const pod = canvas.pods.first();
  const podName = await pod.getAttribute('data-name');
  await pod.click();
  await expect(pod).toHaveClass(/kc-selected/);
  await expect(page.locator('[data-slot="inspector"]')).toContainText(podName ?? '');

  // Undo takes the Node away; redo brings it back.
  await page.locator('.react-flow__pane').click({ position: { x: 30, y: 30 } });
  await page.keyboard.press('Control+z');
  await expect(canvas.nodes).toHaveCount(0);
  await page.keyboard.press('Control+Shift+z');
  await expect(canvas.nodes).toHaveCount(1);

  // Reload: the design is still there and runs again.
  await page.waitForTimeout(500);
  await page.reload();
  await expect(canvas.nodes).toHaveCount(1);
  await expect(canvas.card('Deployment', 'web')).toBeVisible();
  await expect(page.locator('[data-kind="Pod"][data-node="node-1"]')).toHaveCount(3);

  // A broken manifest: each error at its file:line:column, and nothing changes.
  await page.getByRole('button', { name: 'Import' }).click();
  await page.getByLabel('Import files').setInputFiles(BROKEN);
  const alert = page.getByRole('alert').filter({ hasText: 'Import failed' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText(/invalid-deployment\.yaml:\d+:\d+ /);
  await expect(alert).toContainText('nothing was changed');
  await expect(canvas.nodes).toHaveCount(1);
  await expect(page.locator('[data-kind="Deployment"]')).toHaveCount(1);
  await page.screenshot({ path: testInfo.outputPath('3-import-error.png') });
  expect(problems).toEqual([]);
});

test('a person pins a pod, cordons a node from its menu, deletes a workload with the keyboard and undoes it', async ({
  page,
}, testInfo) => {
  const problems = watchConsole(page);
  const canvas = canvasOf(page);
  await page.goto('/');
  await expect(page.locator('[data-kind="Pod"][data-ready="true"]')).toHaveCount(3, { timeout: 20_000 });

  // A Pod dropped onto node-2 is pinned there.
  const node2 = canvas.card('Node', 'node-2');
  const box = await node2.boundingBox();
  const paneBox = await canvas.pane.boundingBox();
  if (!box || !paneBox) throw new Error('node-2 is not on screen');
  await canvas.drop('Pod', { x: box.x - paneBox.x + box.width / 2, y: box.y - paneBox.y + 20 });
  await expect(page.locator('[data-kind="Pod"][data-name="pod"]')).toHaveAttribute('data-node', 'node-2');

  // Right-click node-1: Cordon.
  await canvas.card('Node', 'node-1').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Cordon' }).click();
  await expect(canvas.card('Node', 'node-1')).toHaveAttribute('data-cordoned', 'true');
  await expect(canvas.card('Node', 'node-1')).toContainText('SchedulingDisabled');

  // Add a Service and an Ingress with the keyboard: they wire themselves to web.
  await page.getByRole('button', { name: 'Service', exact: true }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Ingress', exact: true }).click();
  await expect(canvas.card('Service', 'web')).toBeVisible();
  await expect(page.locator('.react-flow__edge.kc-edge-svc')).not.toHaveCount(0);
  await expect(page.locator('.react-flow__edge.kc-edge-ing')).toHaveCount(1);
  await page.getByRole('button', { name: '10×' }).click();
  await page.getByRole('button', { name: 'Fit View' }).click();
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.waitForTimeout(1500);
  await page.screenshot({ path: testInfo.outputPath('overview.png') });
  await page.locator('[data-kind="Pod"][data-node="node-2"]').first().click();
  await page.waitForTimeout(800);
  await page.screenshot({ path: testInfo.outputPath('pod-selected.png') });

  // Select the Deployment and press Delete: it goes with its pods; Ctrl+Z brings it back.
  await canvas.card('Deployment', 'web').click();
  await page.keyboard.press('Delete');
  await expect(canvas.card('Deployment', 'web')).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(canvas.card('Deployment', 'web')).toBeVisible();
  await expect(page.locator('[data-kind="Pod"][data-ready="true"]:not([data-name="pod"])')).toHaveCount(3, {
    timeout: 20_000,
  });

  // Fail node-3 from its menu: at 100x it goes NotReady within seconds; its pods are evicted (they stay
  // Terminating on the unreachable node, as in a real cluster) and replaced on a healthy node.
  await page.getByRole('button', { name: '100×' }).click();
  await canvas.card('Node', 'node-3').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Fail node' }).click();
  await expect(canvas.card('Node', 'node-3')).toHaveAttribute('data-ready', 'false', { timeout: 20_000 });
  const live = ':not([data-state="Terminating"])';
  await expect(page.locator(`[data-kind="Pod"][data-node="node-3"]${live}`)).toHaveCount(0, {
    timeout: 30_000,
  });
  await expect(
    page.locator(`[data-kind="Pod"][data-ready="true"]${live}:not([data-name="pod"])`),
  ).toHaveCount(3, {
    timeout: 20_000,
  });
  await page.screenshot({ path: testInfo.outputPath('node-failed.png') });
  expect(problems).toEqual([]);
});

test('a share link opens the same design in a fresh browser', async ({ page, browser, baseURL }) => {
  const canvas = canvasOf(page);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL ?? '' });
  await page.goto('/');
  await expect(canvas.nodes).toHaveCount(3);
  await page.getByRole('button', { name: 'Service', exact: true }).click();
  await expect(canvas.card('Service', 'web')).toBeVisible();
  await page.getByRole('button', { name: 'Share' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Link copied' })).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain('#design=');

  const other = await browser.newContext();
  const colleague = await other.newPage();
  const problems = watchConsole(colleague);
  await colleague.goto(link);
  await expect(canvasOf(colleague).card('Service', 'web')).toBeVisible();
  await expect(canvasOf(colleague).nodes).toHaveCount(3);
  await expect(colleague).not.toHaveURL(/#design=/);
  expect(problems).toEqual([]);
  await other.close();
});
