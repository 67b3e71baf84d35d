import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { watchConsole } from './helpers/canvas';

/** The inspector panel (right) and the dock (bottom), as the app shell's slots name them. */
function panels(page: Page) {
  const inspector = page.locator('[data-slot="inspector"]');
  const dock = page.locator('[data-slot="dock"]');
  return {
    inspector,
    dock,
    inspectorTab: (name: string) => inspector.getByRole('tab', { name: new RegExp(`^${name}`) }),
    dockTab: (name: string) => dock.getByRole('tab', { name, exact: true }),
  };
}

test('a person inspects a pod, reads the scheduler, scales a Deployment, uses the console and reads events', async ({
  page,
}, testInfo) => {
  const problems = watchConsole(page);
  const { inspector, dock, inspectorTab, dockTab } = panels(page);
  await page.goto('/?seed=1');
  const pods = page.locator('[data-kind="Pod"]');
  await expect(pods).toHaveCount(3);
  await expect(page.locator('[data-kind="Pod"][data-node=""]')).toHaveCount(0);

  // A pod: its status and the scheduler's explanation, its node highlighted.
  const pod = pods.first();
  const podName = (await pod.getAttribute('data-name')) ?? '';
  const podNode = (await pod.getAttribute('data-node')) ?? '';
  await pod.click();
  await expect(inspector.getByRole('heading', { name: podName })).toBeVisible();
  await inspectorTab('Scheduling').click();
  const explanation = inspector.getByRole('table', { name: 'Scheduler explanation' });
  await expect(explanation).toBeVisible();
  await expect(explanation.getByRole('row')).toHaveCount(4);
  await expect(explanation.locator('tr[aria-current="true"]')).toContainText(podNode);
  await expect(explanation).toContainText('NodeResourcesFit');
  await page.screenshot({ path: testInfo.outputPath('1-pod-explanation.png') });

  // The Deployment: replicas 3 -> 5 in the form, and two more pods appear.
  await page.locator('[data-kind="Deployment"][data-name="web"]').first().click();
  await expect(inspector.getByRole('heading', { name: 'web' })).toBeVisible();
  await inspectorTab('Edit').click();
  const replicas = inspector.getByRole('spinbutton', { name: 'Replicas' });
  await expect(replicas).toHaveValue('3');
  await replicas.fill('5');
  await replicas.press('Enter');
  await expect(pods).toHaveCount(5);
  await expect(page.locator('[data-kind="Pod"][data-node=""]')).toHaveCount(0, { timeout: 15_000 });
  // A bad quantity is refused with upstream's message and changes nothing.
  const cpu = inspector.getByRole('textbox', { name: 'Request CPU' });
  await cpu.fill('lots');
  await expect(inspector.getByRole('alert')).toContainText('quantities must match the regular expression');
  await cpu.press('Escape');
  await page.screenshot({ path: testInfo.outputPath('2-deployment-scaled.png') });

  // The console: kubectl get pods lists the five pods.
  await dockTab('Console').click();
  const input = dock.getByRole('textbox', { name: 'kubectl command' });
  await input.fill('kubectl get pods');
  await input.press('Enter');
  const log = dock.getByRole('log', { name: 'Console output' });
  await expect(log).toContainText('NAME');
  await expect(log).toContainText('READY');
  await expect(log).toContainText(podName);
  await input.press('ArrowUp');
  await expect(input).toHaveValue('kubectl get pods');
  await page.screenshot({ path: testInfo.outputPath('3-console.png') });

  // Events: the scheduler's Scheduled event for the pod, in kubectl's words.
  await dockTab('Events').click();
  await dock.getByRole('searchbox', { name: 'Filter events' }).fill(podName);
  const events = dock.getByRole('table', { name: 'Cluster events' });
  await expect(events).toContainText('Scheduled');
  await expect(events).toContainText(`Successfully assigned default/${podName} to ${podNode}`);
  await page.screenshot({ path: testInfo.outputPath('4-events.png') });

  expect(problems).toEqual([]);
});

test('a person edits the selected Deployment as YAML: a valid edit scales it, a wrong type is refused at its line', async ({
  page,
}, testInfo) => {
  const { dock, dockTab } = panels(page);
  await page.goto('/?seed=1');
  const pods = page.locator('[data-kind="Pod"]');
  await expect(pods).toHaveCount(3);
  await page.locator('[data-kind="Deployment"][data-name="web"]').first().click();
  await dockTab('YAML').click();
  await expect(dock.locator('.cm-content')).toContainText('replicas: 3');
  await dock.getByText('replicas: 3').click();
  await page.keyboard.press('End');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('4');
  await page.keyboard.press('Control+s');
  await expect(pods).toHaveCount(4);
  await page.keyboard.type(' replicas');
  const problems = dock.getByRole('alert', { name: 'YAML problems' });
  await expect(problems).toContainText('line 9:3 Deployment web: wrong type at "spec.replicas"');
  await expect(pods).toHaveCount(4);
  await page.screenshot({ path: testInfo.outputPath('5-yaml-error.png') });
});

test('the inspector and the dock have no accessibility violations (axe-core), in both themes', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const { inspector, dockTab, inspectorTab } = panels(page);
  const violations = async () =>
    (
      await new AxeBuilder({ page })
        .include('[data-slot="inspector"]')
        .include('[data-slot="dock"]')
        .analyze()
    ).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  await page.goto('/?seed=1');
  await expect(page.locator('[data-kind="Pod"][data-node=""]')).toHaveCount(0);
  for (const theme of ['dark', 'light']) {
    if ((await page.locator('html').getAttribute('data-theme')) !== theme)
      await page.getByRole('button', { name: `Switch to ${theme} theme` }).click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await page.locator('[data-kind="Deployment"][data-name="web"]').first().click();
    await expect(inspector.getByRole('spinbutton', { name: 'Replicas' })).toBeVisible();
    expect.soft(await violations(), `${theme}: Deployment form`).toEqual([]);
    await page.locator('[data-kind="Pod"]').first().click();
    await inspectorTab('Scheduling').click();
    await dockTab('Console').click();
    expect.soft(await violations(), `${theme}: pod scheduling, console`).toEqual([]);
    await dockTab('Charts').click();
    await page.getByRole('button', { name: 'Live', exact: true }).click();
    await expect(page.getByRole('region', { name: 'Cluster over time' })).toBeVisible();
    expect.soft(await violations(), `${theme}: live charts`).toEqual([]);
    await page.getByRole('button', { name: 'What if…' }).click();
    await expect(page.getByRole('form', { name: 'What if' })).toBeVisible();
    expect.soft(await violations(), `${theme}: what-if form`).toEqual([]);
    await page.getByRole('button', { name: 'Run both' }).click();
    await expect(page.getByRole('status', { name: 'What-if summary' })).toBeVisible({ timeout: 60_000 });
    expect.soft(await violations(), `${theme}: what-if results`).toEqual([]);
    await dockTab('YAML').click();
    await expect(page.locator('[data-slot="dock"] .cm-content')).toBeVisible();
    expect.soft(await violations(), `${theme}: YAML`).toEqual([]);
  }
});

test('a pending pod shows the FailedScheduling message and every node refusing it', async ({
  page,
}, testInfo) => {
  const { inspector, dock, inspectorTab, dockTab } = panels(page);
  await page.goto('/?seed=1');
  await expect(page.locator('[data-kind="Pod"]')).toHaveCount(3);
  await dockTab('Console').click();
  const input = dock.getByRole('textbox', { name: 'kubectl command' });
  await input.fill('kubectl scale deployment web --replicas=30');
  await input.press('Enter');
  await expect(dock.getByRole('log', { name: 'Console output' })).toContainText('deployment.apps/web scaled');
  const pending = page.locator('[data-kind="Pod"][data-node=""]');
  await expect(pending).toHaveCount(6);
  await pending.first().click();
  await inspectorTab('Scheduling').click();
  await expect(inspector.getByRole('status')).toContainText(
    'FailedScheduling: 0/3 nodes are available: 3 Insufficient cpu.',
  );
  const table = inspector.getByRole('table', { name: 'Scheduler explanation' });
  await expect(table.getByText('Insufficient cpu (NodeResourcesFit)')).toHaveCount(3);
  await expect(table.locator('tr[aria-current="true"]')).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('6-pending-pod.png') });
});

test('ages in the inspector tick with simulated time while nothing in the object changes', async ({
  page,
}) => {
  const { inspector, inspectorTab } = panels(page);
  await page.goto('/?seed=1');
  await expect(page.locator('[data-kind="Pod"][data-ready="true"]')).toHaveCount(3, { timeout: 20_000 });
  await page.locator('[data-kind="Node"][data-name="node-1"]').first().click();
  await inspectorTab('Status').click();
  const age = inspector.getByText('Age', { exact: true }).locator('xpath=following-sibling::dd[1]');
  await expect(age).toHaveText(/^\d+s$/);
  // At 1x a settled cluster changes little (a Lease now and then); the age still moves every second.
  const seen = new Set<string>();
  for (let i = 0; i < 20; i++) {
    seen.add((await age.textContent()) ?? '');
    await page.waitForTimeout(250);
  }
  expect(seen.size).toBeGreaterThanOrEqual(4);
  // The Events tab's LAST SEEN ticks too.
  await inspectorTab('Events').click();
  const lastSeen = inspector
    .getByRole('table', { name: 'Object events' })
    .locator('tbody tr')
    .first()
    .locator('td')
    .first();
  const first = await lastSeen.textContent();
  await expect(lastSeen).not.toHaveText(first ?? '', { timeout: 5_000 });
});

test('the Charts tab draws the cluster and a Service’s traffic over simulated time, with values under the pointer', async ({
  page,
}, testInfo) => {
  const problems = watchConsole(page);
  const { dock, dockTab } = panels(page);
  await page.goto('/?seed=1');
  await expect(page.locator('[data-kind="Pod"][data-ready="true"]')).toHaveCount(3, { timeout: 20_000 });
  await dockTab('Console').click();
  const input = dock.getByRole('textbox', { name: 'kubectl command' });
  await input.fill('kubectl expose deployment web --port=80');
  await input.press('Enter');
  await expect(dock.getByRole('log', { name: 'Console output' })).toContainText('service/web exposed');
  await page.getByRole('button', { name: '10×', exact: true }).click();

  await dockTab('Charts').click();
  const cluster = dock.getByRole('region', { name: 'Cluster over time' });
  await expect(cluster.getByRole('img', { name: /^Pending pods: 0 now/ })).toBeVisible();
  // Three nodes: one line each (250m of 2 CPU requested on each: 13%), and all of them together.
  await expect(
    cluster.getByRole('img', { name: /^CPU requested: 13% now, node-2 13%, node-3 13%, all 13%/ }),
  ).toBeVisible();
  await expect(cluster.getByRole('img', { name: /^Memory requested: 6\.3% now/ })).toBeVisible();

  await dock.getByLabel('Requests/s', { exact: true }).fill('40');
  await dock.getByRole('button', { name: 'Send traffic' }).click();
  const web = dock.getByRole('region', { name: 'Service web traffic' });
  await expect(web.getByRole('img', { name: /^Requests\/s: 40 now, failed 0/ })).toBeVisible({
    timeout: 20_000,
  });
  await expect(web.getByRole('img', { name: /^Success: 100% now/ })).toBeVisible();
  await expect(web.getByRole('img', { name: /^Latency: \d+ ms now/ })).toBeVisible();
  await page.waitForTimeout(2000);

  // More replicas than fit: Pending pods rise on the chart.
  await dockTab('Console').click();
  await input.fill('kubectl scale deployment web --replicas=30');
  await input.press('Enter');
  await dockTab('Charts').click();
  await expect(cluster.getByRole('img', { name: /^Pending pods: 6 now/ })).toBeVisible({ timeout: 20_000 });
  await expect(cluster.getByRole('img', { name: /^CPU requested: 100% now/ })).toBeVisible();

  // The time axis reads in simulated time; hovering shows the values at that second.
  const chart = web.getByRole('img', { name: /^Requests\/s: / });
  await chart.scrollIntoViewIfNeeded();
  const box = (await chart.boundingBox()) ?? { width: 0, height: 0 };
  await chart.hover({ position: { x: box.width * 0.7, y: box.height / 2 } });
  await expect(web.getByText(/^at \d+:\d\d$/).first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('7-charts.png') });
  // The other theme: the charts redraw with that theme's text colour on the axes.
  const theme = await page.locator('html').getAttribute('data-theme');
  await page.getByRole('button', { name: /^Switch to (light|dark) theme$/ }).click();
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', theme ?? '');
  await page.waitForTimeout(500);
  await page.screenshot({ path: testInfo.outputPath('8-charts-other-theme.png') });
  expect(problems).toEqual([]);
});
