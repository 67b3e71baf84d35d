import { expect, test } from '@playwright/test';

test('the app loads the example cluster with no console errors, and its pods are scheduled', async ({
  page,
}, testInfo) => {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto('/');
  await expect(page.locator('[data-kind="Node"]')).toHaveCount(3);
  const pods = page.locator('[data-kind="Pod"]');
  await expect(pods).toHaveCount(3);
  await expect(page.locator('[data-kind="Pod"][data-node=""]')).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('smoke.png'), fullPage: true });
  expect(problems).toEqual([]);
});
