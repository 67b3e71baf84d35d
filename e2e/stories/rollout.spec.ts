import { expect, test, type Page } from '@playwright/test';
import { app, watchErrors } from './helpers';

interface RolloutLog {
  /** Distinct "old/new" counts of live (not Terminating) pods per ReplicaSet hash, in order seen. */
  sizes: string[];
  /** Fewest Ready web pods at any sample. */
  minReady: number;
  /** Every success rate the Charts tab showed for Service web ("100%"...). */
  success: string[];
}

/** Samples the canvas and the Charts tab every 20 ms while a rollout runs. */
async function recordRollout(page: Page, oldHash: string): Promise<() => Promise<RolloutLog>> {
  await page.evaluate((old) => {
    const log = { sizes: [] as string[], minReady: Infinity, success: [] as string[] };
    (window as unknown as { __rollout: typeof log }).__rollout = log;
    setInterval(() => {
      const pods = [...document.querySelectorAll('[data-kind="Pod"][data-name^="web-"]')];
      const live = pods.filter((p) => p.getAttribute('data-state') !== 'Terminating');
      const ofOld = live.filter((p) => p.getAttribute('data-name')?.startsWith(`web-${old}-`)).length;
      const size = `${ofOld}/${live.length - ofOld}`;
      if (log.sizes[log.sizes.length - 1] !== size) log.sizes.push(size);
      const ready = pods.filter((p) => p.getAttribute('data-ready') === 'true').length;
      log.minReady = Math.min(log.minReady, ready);
      const s = document
        .querySelector('[aria-label="Service web traffic"] [role="img"][aria-label^="Success"]')
        ?.getAttribute('aria-label');
      const pct = /^Success: (\S+%) now/.exec(s ?? '')?.[1];
      if (pct && log.success[log.success.length - 1] !== pct) log.success.push(pct);
    }, 20);
  }, oldHash);
  return () => page.evaluate(() => (window as unknown as { __rollout: RolloutLog }).__rollout);
}

test('story 11: one at a time: web:2.0 with maxUnavailable 1 and maxSurge 0 replaces pods one by one at 100% success; one command rolls back', async ({
  page,
}, testInfo) => {
  const errors = watchErrors(page);
  const kc = app(page);
  await page.goto('/?seed=11');
  await expect(kc.podsOf('web')).toHaveCount(3);
  await kc.speed('100×');

  // A Service for web, a readiness probe, and the update strategy of the story.
  await kc.add('Service');
  await expect(kc.card('Service', 'web')).toBeVisible();
  await kc.card('Deployment', 'web').click();
  await kc.inspectorTab('Edit').click();
  for (const [label, value] of [
    ['Max surge', '0'],
    ['Max unavailable', '1'],
  ] as const) {
    const box = kc.inspector.getByRole('textbox', { name: label, exact: true });
    await box.fill(value);
    await box.press('Enter');
  }
  await kc.inspector.getByLabel('Readiness probe', { exact: true }).selectOption('httpGet');
  await expect
    .poll(async () => (await kc.kubectl('kubectl rollout status deploy/web')).textContent(), {
      timeout: 30_000,
    })
    .toContain('successfully rolled out');
  await expect(kc.readyPods('web-')).toHaveCount(3, { timeout: 20_000 });

  // Traffic to the Service, from the Charts tab.
  await kc.dockTab('Charts').click();
  await kc.dock.getByLabel('Requests/s').fill('50');
  await kc.dock.getByRole('button', { name: 'Send traffic' }).click();
  const success = kc.dock.getByRole('img', { name: /^Success: / });
  await expect(success).toHaveAttribute('aria-label', /^Success: 100% now/, { timeout: 20_000 });

  // The new image, one pod at a time.
  await kc.speed('10×');
  const oldHash = ((await kc.readyPods('web-').first().getAttribute('data-name')) ?? '').split('-')[1] ?? '';
  const rollout = await recordRollout(page, oldHash);
  const image = kc.inspector.getByRole('textbox', { name: 'Image', exact: true });
  await image.fill('web:2.0');
  await image.press('Enter');
  await expect(kc.card('Deployment', 'web')).toContainText('web:2.0');
  await expect(page.locator(`[data-kind="Pod"][data-name^="web-${oldHash}-"]`)).toHaveCount(0, {
    timeout: 30_000,
  });
  await expect(kc.readyPods('web-')).toHaveCount(3, { timeout: 20_000 });
  await page.waitForTimeout(500); // a few more traffic buckets after the last replacement
  const log = await rollout();
  expect(log.sizes).toEqual(expect.arrayContaining(['3/0', '2/1', '1/2', '0/3']));
  expect(log.sizes.every((s) => s.split('/').reduce((a, b) => a + Number(b), 0) <= 3)).toBe(true);
  expect(log.minReady).toBeGreaterThanOrEqual(2);
  expect(log.success.length).toBeGreaterThan(0);
  expect(log.success).toEqual(['100%']);
  await expect(await kc.kubectl('kubectl get rs')).toContainText(new RegExp(`web-${oldHash}\\s+0\\s+0\\s+0`));
  await page.screenshot({ path: testInfo.outputPath('story-11-rolled-out.png') });

  // Roll back with one command.
  await expect(await kc.kubectl('kubectl rollout undo deploy/web')).toContainText(
    'deployment.apps/web rolled back',
  );
  await expect(kc.card('Deployment', 'web')).toContainText('web:1.0');
  await expect(
    page.locator(`[data-kind="Pod"][data-name^="web-${oldHash}-"][data-ready="true"]`),
  ).toHaveCount(3, {
    timeout: 30_000,
  });
  await expect
    .poll(async () => (await kc.kubectl('kubectl rollout status deploy/web')).textContent(), {
      timeout: 30_000,
    })
    .toContain('successfully rolled out');
  await expect(await kc.kubectl('kubectl get deploy web -o wide')).toContainText(
    /web\s+3\/3\s+3\s+3\s+\S+\s+web\s+web:1\.0/,
  );
  await page.screenshot({ path: testInfo.outputPath('story-11-rolled-back.png') });
  expect(errors).toEqual([]);
});

test('story 12: the bad rollout: the same update without a readiness probe, on an app that takes 20 s to start, fails requests', async ({
  page,
}, testInfo) => {
  const errors = watchErrors(page);
  const kc = app(page);
  await page.goto('/?seed=12');
  await expect(kc.podsOf('web')).toHaveCount(3);
  await kc.speed('100×');
  await kc.add('Service');
  await expect(kc.card('Service', 'web')).toBeVisible();
  await kc.card('Deployment', 'web').click();
  await kc.inspectorTab('Edit').click();
  for (const [label, value] of [
    ['Max surge', '0'],
    ['Max unavailable', '1'],
  ] as const) {
    const box = kc.inspector.getByRole('textbox', { name: label, exact: true });
    await box.fill(value);
    await box.press('Enter');
  }
  const startup = kc.inspector.getByRole('spinbutton', { name: 'Startup time (s)', exact: true });
  await startup.fill('20');
  await startup.press('Enter');
  await expect
    .poll(async () => (await kc.kubectl('kubectl rollout status deploy/web')).textContent(), {
      timeout: 30_000,
    })
    .toContain('successfully rolled out');
  await expect(kc.readyPods('web-')).toHaveCount(3, { timeout: 20_000 });
  await kc.dockTab('Charts').click();
  await kc.dock.getByLabel('Requests/s').fill('50');
  await kc.dock.getByRole('button', { name: 'Send traffic' }).click();
  const success = kc.dock.getByRole('img', { name: /^Success: / });
  await expect(success).toHaveAttribute('aria-label', /^Success: 100% now/, { timeout: 20_000 });

  await kc.speed('10×');
  const oldHash = ((await kc.readyPods('web-').first().getAttribute('data-name')) ?? '').split('-')[1] ?? '';
  const rollout = await recordRollout(page, oldHash);
  const image = kc.inspector.getByRole('textbox', { name: 'Image', exact: true });
  await image.fill('web:2.0');
  await image.press('Enter');
  await expect(page.locator(`[data-kind="Pod"][data-name^="web-${oldHash}-"]`)).toHaveCount(0, {
    timeout: 30_000,
  });
  await expect(success).toHaveAttribute('aria-label', /^Success: 100% now/, { timeout: 20_000 });
  const log = await rollout();
  expect(log.success.length).toBeGreaterThan(1);
  expect(log.success.some((p) => Number(p.replace('%', '')) < 90)).toBe(true);
  await page.screenshot({ path: testInfo.outputPath('story-12.png') });
  expect(errors).toEqual([]);
});
