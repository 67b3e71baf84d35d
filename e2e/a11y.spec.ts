import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { canvasOf } from './helpers/canvas';

/** axe-core on the main screen (a template on the canvas, the dock open), in both themes. */

type Violation = { id: string; impact?: string | null; help: string; nodes: Array<{ target: unknown }> };

function describe(violations: Violation[]): string[] {
  return violations.map(
    (v) =>
      `${v.id} (${v.impact ?? ''}): ${v.help} — ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`,
  );
}

async function scan(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return describe(result.violations as Violation[]);
}

for (const theme of ['dark', 'light'] as const) {
  test(`the main screen has no axe-core violations in the ${theme} theme`, async ({ page }, testInfo) => {
    // The cluster settling at 100x, then axe over the whole page: slow on a loaded 2-core machine.
    test.setTimeout(150_000);
    await page.emulateMedia({ colorScheme: theme });
    await page.goto('/?demo=talk-app');
    const canvas = canvasOf(page);
    await expect(canvas.nodes).toHaveCount(3);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await expect(page.locator('[data-slot="dock"]')).toBeVisible();
    await page.getByRole('button', { name: '100×' }).click();
    await expect(page.locator('[data-kind="Pod"][data-ready="true"]')).toHaveCount(7, { timeout: 40_000 });
    await page.getByRole('button', { name: 'Pause' }).click();
    // An object selected, so the inspector's form is part of the scan.
    await canvas.card('Deployment', 'web').click();
    await page.waitForTimeout(500);
    await page.screenshot({ path: testInfo.outputPath(`main-${theme}.png`) });
    const violations = await scan(page);
    expect(violations).toEqual([]);
  });
}

test('every object and link on the canvas says its kind and what it is to a screen reader', async ({
  page,
}) => {
  await page.goto('/?demo=talk-app');
  const canvas = canvasOf(page);
  await expect(canvas.nodes).toHaveCount(3);
  await page.getByRole('button', { name: '100×' }).click();
  await expect(page.locator('[data-kind="Pod"][data-ready="true"]')).toHaveCount(7, { timeout: 40_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  const flow = page.locator('.react-flow');
  // React Flow's own words ("node", "edge") are gone: each element says its kind.
  await expect(flow.locator('[aria-roledescription="node"], [aria-roledescription="edge"]')).toHaveCount(0);

  // A pod: kubectl's STATUS, READY and NODE, in words.
  const first = page.locator('[data-kind="Pod"][data-name^="web-"]').first();
  const name = (await first.getAttribute('data-name')) ?? '';
  const node = (await first.getAttribute('data-node')) ?? '';
  expect(name).toMatch(/^web-/);
  const pod = flow.getByRole('group', { name: `Pod ${name}, Running, ready, on ${node}`, exact: true });
  await expect(pod).toHaveAttribute('aria-roledescription', 'Pod');
  await expect(pod).toHaveAttribute('data-id', `Pod/default/${name}`);
  await expect(page.locator('[data-kind="Pod"][data-name^="web-"]')).toHaveCount(3);

  // Cards: kind, name and the status line; a Service its type, cluster IP (a LoadBalancer its external
  // IP) and ports.
  const svc = flow.getByRole('group', {
    name: /^Service web, LoadBalancer, (203\.0\.113\.\d+|<pending>), 80:\d+\/TCP$/,
  });
  await expect(svc).toHaveAttribute('aria-roledescription', 'Service');
  const deploy = flow.getByRole('group', { name: 'Deployment web, 3/3 ready, web:1.0', exact: true });
  await expect(deploy).toHaveAttribute('aria-roledescription', 'Deployment');
  const sts = flow.getByRole('group', { name: 'StatefulSet mongo, 1/1 ready, mongo:7.0', exact: true });
  await expect(sts).toHaveAttribute('aria-roledescription', 'StatefulSet');
  const vm = flow.getByRole('group', { name: new RegExp(`^Node ${node}, Ready, zone-[abc], \\d pods?$`) });
  await expect(vm).toHaveAttribute('aria-roledescription', 'Node');
  await expect(
    flow.getByRole('group', { name: /^Clients: 50 requests per second to Service web/ }),
  ).toHaveAttribute('aria-roledescription', 'Clients');

  // Links say what they mean.
  const selects = flow.getByRole('group', { name: `Service web selects Pod ${name}`, exact: true });
  await expect(selects).toHaveAttribute('aria-roledescription', 'Service selector');
  const owns = flow.getByRole('group', {
    name: `Deployment web owns Pod ${name} through its ReplicaSet`,
    exact: true,
  });
  await expect(owns).toHaveAttribute('aria-roledescription', 'owner reference');
  await expect(
    flow.getByRole('group', { name: 'Pod mongo-0 uses PersistentVolumeClaim data-mongo-0', exact: true }),
  ).toHaveAttribute('aria-roledescription', 'volume claim');
  await expect(
    flow.getByRole('group', { name: 'Clients send requests to Service web', exact: true }),
  ).toHaveAttribute('aria-roledescription', 'requests');

  // The name follows the object: a pod taken away says it is terminating.
  await pod.click();
  await page.keyboard.press('Delete');
  await expect(
    flow.getByRole('group', { name: new RegExp(`^Pod ${name}, Terminating, (not )?ready, on ${node}$`) }),
  ).toHaveCount(1);
});
